/** The buyer's conversation reference inside the conversation record, stored without what the key already says. */
import { describe, expect, it } from 'vitest';
import { createConversationStore, unpackRecord, type ConversationRecord } from '../../src/state/conversation-store.js';
import { MemoryStorage } from '../../src/state/storage.js';

const base: ConversationRecord = { snapshot: { status: 'active', value: 'idle' }, lang: 'en', langPinned: false, createdAt: '2026-11-22T00:00:00.000Z', updatedAt: '2026-11-22T00:00:00.000Z', turns: 1 };
const teams = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  locale: 'zh-CN',
  user: { id: '29:1abc', name: 'Buyer', aadObjectId: 'aad-1' },
  bot: { id: '28:bot', name: 'Assistant' },
  conversation: { id: 'a:1xyz', conversationType: 'personal', tenantId: 'tenant-1' },
};

/** What the storage holds for a conversation, unpacked (the stored form, before the store restores anything). */
async function stored(storage: MemoryStorage, id: string): Promise<ConversationRecord | undefined> {
  const key = `{conv:${id}}:record`;
  return unpackRecord((await storage.read([key]))[key]);
}

describe('conversation references in records', () => {
  it("is stored without the conversation's own id and read back as the channel wrote it", async () => {
    const storage = new MemoryStorage();
    const store = createConversationStore(storage);
    await store.save('a:1xyz', { ...base, reference: teams }, undefined);
    const raw = await stored(storage, 'a:1xyz');
    expect(raw?.reference?.conversation).toEqual({ conversationType: 'personal', tenantId: 'tenant-1' });
    expect(JSON.stringify(raw)).not.toContain('a:1xyz');
    expect((await store.load('a:1xyz')).record).toEqual({ ...base, reference: teams });
  });

  it('drops a conversation that held only the id, and restores it', async () => {
    const storage = new MemoryStorage();
    const store = createConversationStore(storage);
    const widget = { channelId: 'directline', serviceUrl: 'http://127.0.0.1:3978', user: { id: 'dl_u1' }, bot: { id: 'bot' }, conversation: { id: 'dl-42' } };
    await store.save('dl-42', { ...base, reference: widget }, undefined);
    expect(await stored(storage, 'dl-42')).not.toHaveProperty('reference.conversation');
    expect((await store.load('dl-42')).record?.reference).toEqual(widget);
  });

  it("keeps a reference to another conversation's id as it is", async () => {
    const storage = new MemoryStorage();
    const store = createConversationStore(storage);
    const elsewhere = { ...teams, conversation: { id: 'a:other', conversationType: 'personal' } };
    await store.save('a:1xyz', { ...base, reference: elsewhere }, undefined);
    expect((await stored(storage, 'a:1xyz'))?.reference).toEqual(elsewhere);
    expect((await store.load('a:1xyz')).record?.reference).toEqual(elsewhere);
  });

  it('loads a record written without a reference (earlier versions) without one', async () => {
    const storage = new MemoryStorage();
    const store = createConversationStore(storage);
    await store.save('old', base, undefined);
    const { record } = await store.load('old');
    expect(record).toEqual(base);
    expect(record).not.toHaveProperty('reference');
  });
});
