import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createConversationStore, packRecord, unpackRecord, type ConversationRecord } from '../../src/state/conversation-store.js';
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
  it('pack → unpack returns the same record, smaller than its JSON', () => {
    const packed = packRecord(record);
    expect(unpackRecord(packed)).toEqual(record);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(record).length);
  });

  it('still reads records stored by earlier versions (Brotli v2 and plain objects)', () => {
    const v2 = { v: 2, z: zlib.brotliCompressSync(JSON.stringify(record)).toString('base64') };
    expect(unpackRecord(v2)).toEqual(record);
    expect(unpackRecord({ ...record, eTag: '7' })).toEqual(record);
  });

  it('refuses a format it does not know instead of guessing', () => {
    expect(() => unpackRecord({ v: 9, z: 'AAAA' })).toThrow(/v9/);
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
