/** The turn runner keeps the buyer's conversation reference in the record it saves, without reading it. */
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { createRenderer } from '../../src/bot/render.js';
import { TurnRunner } from '../../src/bot/turn-runner.js';
import { createConversationStore } from '../../src/state/conversation-store.js';
import { MemoryStorage } from '../../src/state/storage.js';
import { MemoryTranscriptStore } from '../../src/state/transcript-store.js';
import { createDialogs } from '../../dialogs/dialogs.js';
import { serviceActors } from '../../dialogs/services.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { memoryLogger } from '../support/assistant.js';

const first = { channelId: 'webchat', serviceUrl: 'https://one.example/', conversation: { id: 'c1' }, user: { id: 'u1' } };
const moved = { ...first, serviceUrl: 'https://two.example/' };

async function setup() {
  const store = createConversationStore(new MemoryStorage());
  const runner = new TurnRunner({
    machine: createDialogs(DEFAULT_POLICY, serviceActors),
    store,
    transcripts: new MemoryTranscriptStore(),
    nlu: new KeywordNlu(),
    renderer: createRenderer(await createI18n()),
    logger: memoryLogger().logger,
    clock: () => new Date('2026-11-22T10:00:00Z'),
  });
  return { store, runner };
}

describe('turn runner: conversation reference', () => {
  it('saves the request\'s reference, keeps the stored one when a request has none, takes a new one, and saves nothing for rejected input', async () => {
    const { store, runner } = await setup();
    const reference = async () => (await store.load('c1')).record?.reference;

    await runner.run({ conversationId: 'c1', activityId: 'a1', kind: 'message', text: 'hello', reference: first });
    expect(await reference()).toEqual(first);
    // No reference on the request (an agent turn, a channel without one): the stored one stays.
    await runner.run({ conversationId: 'c1', activityId: 'a2', kind: 'message', text: '你好' });
    expect(await reference()).toEqual(first);
    expect((await store.load('c1')).record?.turns).toBe(2);
    // The channel moved the conversation: the newest reference wins.
    await runner.run({ conversationId: 'c1', activityId: 'a3', kind: 'message', text: 'hello again', reference: moved });
    expect(await reference()).toEqual(moved);
    // Rejected input saves nothing, so nor its reference.
    await runner.run({ conversationId: 'c1', activityId: 'a4', kind: 'message', text: '', reference: first });
    expect(await reference()).toEqual(moved);
  });

  it('a conversation without any reference saves a record without one', async () => {
    const { store, runner } = await setup();
    await runner.run({ conversationId: 'c2', activityId: 'a1', kind: 'message', text: 'hello' });
    const { record } = await store.load('c2');
    expect(record?.turns).toBe(1);
    expect(record).not.toHaveProperty('reference');
  });
});
