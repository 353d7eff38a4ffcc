import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { recordBuyerReferences } from '../../../src/channels/teams/buyer-notifier.js';
import { MemoryConversationReferenceStore } from '../../../src/channels/teams/stores.js';

/** A reference store that counts writes and can be made to fail. */
class CountingStore extends MemoryConversationReferenceStore {
  writes = 0;
  failNext = false;
  override async set(...args: Parameters<MemoryConversationReferenceStore['set']>): Promise<void> {
    this.writes++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('store down');
    }
    await super.set(...args);
  }
}

const activity = (conversationId: string, serviceUrl = 'https://connector.example/'): Partial<Activity> => ({
  type: 'message',
  text: 'hi',
  channelId: 'directline',
  serviceUrl,
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'buyer', name: '' },
  recipient: { id: 'bot', name: 'bot' },
});

describe('recording buyers\' conversation references', () => {
  it('writes a reference once, again when it changes or after the refresh time, and retries after a failure', async () => {
    const store = new CountingStore();
    let clock = 0;
    const errors: unknown[] = [];
    const middleware = recordBuyerReferences(store, () => false, (err) => errors.push(err), { refreshMs: 1000, now: () => clock });
    const adapter = new TestAdapter();
    const turn = (a: Partial<Activity>) => middleware.onTurn(new TurnContext(adapter, a), () => Promise.resolve());

    await turn(activity('c1'));
    await turn(activity('c1'));
    expect(store.writes).toBe(1);
    expect((await store.get('c1'))?.serviceUrl).toBe('https://connector.example/');

    await turn(activity('c1', 'https://other.example/'));
    expect(store.writes).toBe(2);
    expect((await store.get('c1'))?.serviceUrl).toBe('https://other.example/');

    clock = 1500;
    await turn(activity('c1', 'https://other.example/'));
    expect(store.writes).toBe(3);

    store.failNext = true;
    await turn(activity('c2'));
    expect(errors).toHaveLength(1);
    await turn(activity('c2'));
    expect(store.writes).toBe(5);
    expect(await store.get('c2')).toBeDefined();
  });

  it('forgets the oldest conversations beyond its bound, so memory stays flat', async () => {
    const store = new CountingStore();
    const middleware = recordBuyerReferences(store, () => false, () => undefined, { remember: 2 });
    const adapter = new TestAdapter();
    for (const id of ['a', 'b', 'c', 'a']) await middleware.onTurn(new TurnContext(adapter, activity(id)), () => Promise.resolve());
    // 'a' was forgotten when 'c' came, so it is written again.
    expect(store.writes).toBe(4);
  });
});
