import { describe, expect, it } from 'vitest';
import { MemoryActivityStreamStore, type DirectLineActivity } from '../../../src/channels/direct-line/activity-stream-store.js';

const activity = (id: string): DirectLineActivity => ({
  type: 'message',
  id,
  timestamp: '2026-03-01T10:00:00.000Z',
  channelId: 'directline',
  conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'bot', name: 'Assistant', role: 'bot' },
  text: id,
});

describe('MemoryActivityStreamStore', () => {
  it('opens a conversation once', async () => {
    const store = new MemoryActivityStreamStore();
    expect(await store.exists('c1')).toBe(false);
    expect(await store.open('c1')).toBe(true);
    expect(await store.open('c1')).toBe(false);
    expect(await store.exists('c1')).toBe(true);
  });

  it('numbers activities from 1 and lists what came after a watermark', async () => {
    const store = new MemoryActivityStreamStore();
    await store.open('c1');
    expect(await store.append('c1', activity('a'))).toBe(1);
    expect(await store.append('c1', activity('b'))).toBe(2);
    expect(await store.append('c1', activity('c'))).toBe(3);
    expect((await store.list('c1', 0)).activities.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(await store.list('c1', 1, 1)).toMatchObject({ activities: [{ id: 'b' }], watermark: 2 });
    expect(await store.list('c1', 3)).toEqual({ activities: [], watermark: 3 });
    expect(await store.list('unknown', 0)).toEqual({ activities: [], watermark: 0 });
  });

  it('hands out copies: a caller mutating what it got changes nothing stored', async () => {
    const store = new MemoryActivityStreamStore();
    const a = activity('a');
    await store.append('c1', a);
    a.text = 'changed';
    const listed = (await store.list('c1', 0)).activities[0];
    expect(listed?.text).toBe('a');
    if (listed) listed.text = 'changed too';
    expect((await store.list('c1', 0)).activities[0]?.text).toBe('a');
  });

  it('notifies subscribers in order until they unsubscribe', async () => {
    const store = new MemoryActivityStreamStore();
    const seen: [string, number][] = [];
    const unsubscribe = await store.subscribe('c1', (a, w) => seen.push([a.id, w]));
    await store.append('c1', activity('a'));
    await store.append('c2', activity('other'));
    await store.append('c1', activity('b'));
    await unsubscribe();
    await store.append('c1', activity('c'));
    expect(seen).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('keeps watermarks valid when old activities and old conversations are dropped', async () => {
    const store = new MemoryActivityStreamStore({ maxActivitiesPerConversation: 2, maxConversations: 2 });
    await store.open('c1');
    for (const id of ['a', 'b', 'c']) await store.append('c1', activity(id));
    expect(await store.list('c1', 0)).toMatchObject({ activities: [{ id: 'b' }, { id: 'c' }], watermark: 3 });
    expect((await store.list('c1', 2)).activities.map((a) => a.id)).toEqual(['c']);
    await store.open('c2');
    await store.open('c3');
    expect(await store.exists('c1')).toBe(false);
    expect(await store.exists('c3')).toBe(true);
  });
});
