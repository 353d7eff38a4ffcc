/**
 * Buyers are reached through the conversation reference their saved turns keep in the conversation
 * record: no separate reference store, no middleware.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BuyerUnreachableError } from '../../../src/channels/teams/buyer-notifier.js';
import { buyer, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ALICE = { id: 'alice', name: 'Alice' };

async function ticketOf(harness: Harness, conversationId: string): Promise<string> {
  const [ticket] = await harness.assistant.services.handoff.byConversation(conversationId);
  if (!ticket) throw new Error(`no ticket for ${conversationId}`);
  return ticket.ticketId;
}

describe("buyers' conversation references in their records", () => {
  it('a buyer turn saves its reference (without the activity id) in the record, and agent turns keep it', async () => {
    h = await startHarness();
    const b = buyer(h);
    await b.say('hello');
    const saved = (await h.assistant.store.load(b.conversationId)).record?.reference;
    expect(saved).toMatchObject({ channelId: 'webchat', serviceUrl: h.connector.url, conversation: { id: b.conversationId }, user: { id: 'buyer-1' } });
    expect(saved).not.toHaveProperty('activityId');

    await b.say('I want to talk to a human');
    const ticketId = await ticketOf(h, b.conversationId);
    expect(await h.teams.actions.accept(ticketId, ALICE, 'evt-accept')).toMatchObject({ ok: true, delivered: true });
    // The agent turn saved the record again (one more turn) and kept the buyer's reference.
    const after = (await h.assistant.store.load(b.conversationId)).record;
    expect(after?.turns).toBe(3);
    expect(after?.reference).toEqual(saved);
  });

  for (const [lang, locale, ask, joined] of [
    ['en', 'en-US', 'I want to talk to a human', 'Alice from our team has joined the chat.'],
    ['zh', 'zh-CN', '我要转人工', '已加入对话'],
  ] as const) {
    it(`the agent's words and an approval outcome reach the buyer through the record's reference (${lang})`, async () => {
      h = await startHarness();
      const b = buyer(h, undefined, locale);
      await b.say(ask);
      const ticketId = await ticketOf(h, b.conversationId);
      await h.teams.actions.accept(ticketId, ALICE, 'evt-accept');
      expect(await h.teams.actions.say(ticketId, ALICE, { text: 'Checking it now' }, 'evt-say', 'tab')).toMatchObject({ ok: true, delivered: true });
      expect(await h.teams.actions.approve(ticketId, ALICE, 'evt-approve')).toMatchObject({ ok: true, delivered: true });
      expect(b.keys()).toEqual(['handoff:queued', 'handoff:agentJoined', 'handoff:agentMessage', 'agent:canned.exceptionApproved']);
      expect(b.texts().some((t) => t.includes('Checking it now'))).toBe(true);
      expect(b.texts()[1]).toContain(joined);
      // Proactive messages are new messages, not replies to the buyer's last one (the reference has no activity id).
      const calls = h.connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${b.conversationId}/activities`));
      const lastBuyerActivity = calls[0]?.body.replyToId;
      expect(lastBuyerActivity).toBeDefined();
      expect(calls.slice(1)).toHaveLength(3);
      expect(calls.slice(1).every((c) => c.body.replyToId !== lastBuyerActivity)).toBe(true);
    });
  }

  it('a record saved without a reference (before references were kept there) leaves the buyer unreachable', async () => {
    h = await startHarness();
    const b = buyer(h);
    await b.say('I want to talk to a human');
    const ticketId = await ticketOf(h, b.conversationId);
    // As an earlier version saved it: the same record, no reference in it.
    const loaded = await h.assistant.store.load(b.conversationId);
    if (!loaded.record) throw new Error('no record');
    const { reference: _reference, ...legacy } = loaded.record;
    await h.assistant.store.save(b.conversationId, legacy, loaded.eTag);
    expect((await h.assistant.store.load(b.conversationId)).record?.reference).toBeUndefined();

    await expect(h.teams.notifier.deliver(b.conversationId, [{ type: 'message', text: 'hi' }])).rejects.toBeInstanceOf(BuyerUnreachableError);
    expect(await h.teams.actions.accept(ticketId, ALICE, 'evt-accept')).toMatchObject({ ok: true, delivered: false });
    expect(b.keys()).toEqual(['handoff:queued']);

    // The buyer's next turn brings the reference back, and the agent reaches them again.
    await b.say('hello?');
    expect(await h.teams.actions.say(ticketId, ALICE, { text: 'Here now' }, 'evt-say', 'tab')).toMatchObject({ ok: true, delivered: true });
    expect(b.texts().some((t) => t.includes('Here now'))).toBe(true);
  });
});
