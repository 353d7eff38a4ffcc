import { describe, expect, it } from 'vitest';
import { createConversationStore, unpackRecord, type ConversationRecord } from '../../src/state/conversation-store.js';
import { MemoryStorage } from '../../src/state/storage.js';

const record: ConversationRecord = {
  snapshot: { status: 'active', value: { inFlow: 'returnItem' }, context: { conversationId: 'x', text: '我想退货 134-2175809-4431962' }, children: {} },
  lang: 'zh',
  langPinned: false,
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:01:00.000Z',
  turns: 3,
};

describe('stored conversation records', () => {
  it('is stored as its plain JSON (earlier plain objects read as they are)', async () => {
    const storage = new MemoryStorage();
    await createConversationStore(storage).save('c', record, undefined);
    const item = (await storage.read(['{conv:c}:record']))['{conv:c}:record'];
    expect(item).toMatchObject(record);
    expect(unpackRecord({ ...record, eTag: '7' })).toEqual(record);
  });

  it('names the migration for a record packed by an earlier version instead of guessing', () => {
    expect(() => unpackRecord({ v: 3, d: 1, z: 'AAAA' })).toThrow(/v3.*npm run migrate-state/);
    expect(() => unpackRecord({ v: 2, z: 'AAAA' })).toThrow(/migrate-state/);
  });

  it('round-trips through the store with eTag checks intact', async () => {
    const store = createConversationStore(new MemoryStorage());
    await store.save('c', record, undefined);
    const loaded = await store.load('c');
    expect(loaded.record).toEqual(record);
    await store.save('c', { ...record, turns: 4 }, loaded.eTag);
    await expect(store.save('c', { ...record, turns: 5 }, loaded.eTag)).rejects.toThrow(/eTag/);
  });
});
