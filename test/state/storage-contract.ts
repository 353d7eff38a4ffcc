/**
 * The behaviour every Storage provider must share (botbuilder's contract plus our eTag rules), run
 * against each provider so the memory default and Redis cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { ETAG_CREATE_ONLY, EtagConflictError, type Storage } from '../../src/state/storage.js';
import { createConversationStore, type ConversationRecord } from '../../src/state/conversation-store.js';

let counter = 0;
/** Unique conversation-shaped keys so providers sharing a server never see each other's data. */
const convKey = (suffix = 'record'): string => `{conv:contract-${process.pid}-${++counter}}:${suffix}`;

interface Item {
  [key: string]: unknown;
  eTag?: string;
}

async function readOne(storage: Storage, key: string): Promise<Item | undefined> {
  const items = await storage.read([key]);
  const item: unknown = items[key];
  if (item === undefined) return undefined;
  if (typeof item !== 'object' || item === null) throw new Error(`not an object: ${String(item)}`);
  return { ...item };
}

async function eTagOf(storage: Storage, key: string): Promise<string> {
  const eTag = (await readOne(storage, key))?.eTag;
  if (typeof eTag !== 'string') throw new Error(`no eTag for ${key}`);
  return eTag;
}

export function describeStorageContract(name: string, makeStorage: () => Storage | Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    it('leaves unknown keys out of the read result', async () => {
      const storage = await makeStorage();
      const a = convKey();
      const b = convKey();
      const items = await storage.read([a, b]);
      expect(Object.keys(items)).toEqual([]);
      expect(await storage.read([])).toEqual({});
    });

    it('round-trips JSON values and returns a string eTag', async () => {
      const storage = await makeStorage();
      const key = convKey();
      const value = { snapshot: { value: 'askingOrderNumber', context: { tries: 2, ids: ['a', 'b'] } }, lang: 'zh', note: '订单', n: null };
      await storage.write({ [key]: value });
      const read = await readOne(storage, key);
      expect(read).toEqual({ ...value, eTag: expect.any(String) });
    });

    it('reads several keys at once, only the present ones', async () => {
      const storage = await makeStorage();
      const [a, b, c] = [convKey(), convKey(), convKey()];
      await storage.write({ [a]: { n: 1 }, [c]: { n: 3 } });
      const items = await storage.read([a, b, c]);
      expect(Object.keys(items).sort()).toEqual([a, c].sort());
      expect(items[a]).toMatchObject({ n: 1 });
      expect(items[c]).toMatchObject({ n: 3 });
    });

    it('changes the eTag on every write', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1 } });
      const first = await eTagOf(storage, key);
      await storage.write({ [key]: { n: 2, eTag: first } });
      const second = await eTagOf(storage, key);
      expect(second).not.toBe(first);
      expect(await readOne(storage, key)).toMatchObject({ n: 2, eTag: second });
    });

    it('rejects a write with a stale eTag and keeps the newer value', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1 } });
      const stale = await eTagOf(storage, key);
      await storage.write({ [key]: { n: 2, eTag: stale } });
      const error = await storage.write({ [key]: { n: 3, eTag: stale } }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(EtagConflictError);
      expect(error).toMatchObject({ code: 'ETAG_CONFLICT', key });
      expect(await readOne(storage, key)).toMatchObject({ n: 2 });
    });

    it('rejects an eTag for a key that does not exist (deleted meanwhile)', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1 } });
      const eTag = await eTagOf(storage, key);
      await storage.delete([key]);
      await expect(storage.write({ [key]: { n: 2, eTag } })).rejects.toBeInstanceOf(EtagConflictError);
      expect(await readOne(storage, key)).toBeUndefined();
    });

    it('rejects an eTag it never issued', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1 } });
      await expect(storage.write({ [key]: { n: 2, eTag: 'not-a-real-etag!' } })).rejects.toBeInstanceOf(EtagConflictError);
      await expect(storage.write({ [key]: { n: 2, eTag: '' } })).rejects.toBeInstanceOf(EtagConflictError);
      expect(await readOne(storage, key)).toMatchObject({ n: 1 });
    });

    it("overwrites unconditionally with eTag '*'", async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1 } });
      await storage.write({ [key]: { n: 2, eTag: '*' } });
      expect(await readOne(storage, key)).toMatchObject({ n: 2 });
      await storage.write({ [convKey()]: { n: 1, eTag: '*' } });
    });

    it('overwrites unconditionally without an eTag', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1 } });
      await storage.write({ [key]: { n: 2 } });
      expect(await readOne(storage, key)).toMatchObject({ n: 2 });
    });

    it('deletes keys, and deleting an unknown key is fine', async () => {
      const storage = await makeStorage();
      const [a, b] = [convKey(), convKey()];
      await storage.write({ [a]: { n: 1 }, [b]: { n: 2 } });
      await storage.delete([a, convKey()]);
      expect(await readOne(storage, a)).toBeUndefined();
      expect(await readOne(storage, b)).toMatchObject({ n: 2 });
    });

    it('writes nothing from a batch in which one key conflicts', async () => {
      const storage = await makeStorage();
      const existing = convKey('record');
      const sameConversation = existing.replace(':record', ':transcript');
      const otherConversation = convKey();
      await storage.write({ [existing]: { n: 1 } });
      const stale = await eTagOf(storage, existing);
      await storage.write({ [existing]: { n: 2 } });
      const before = await eTagOf(storage, existing);

      await expect(
        storage.write({
          [sameConversation]: { fresh: true },
          [otherConversation]: { fresh: true },
          [existing]: { n: 3, eTag: stale },
        }),
      ).rejects.toBeInstanceOf(EtagConflictError);

      const after = await storage.read([existing, sameConversation, otherConversation]);
      expect(Object.keys(after)).toEqual([existing]);
      expect(after[existing]).toMatchObject({ n: 2, eTag: before });
    });

    it('writes a whole batch when every eTag matches', async () => {
      const storage = await makeStorage();
      const [a, b] = [convKey(), convKey()];
      await storage.write({ [a]: { n: 1 }, [b]: { n: 1 } });
      const [ea, eb] = [await eTagOf(storage, a), await eTagOf(storage, b)];
      await storage.write({ [a]: { n: 2, eTag: ea }, [b]: { n: 2, eTag: eb } });
      const items = await storage.read([a, b]);
      expect(items[a]).toMatchObject({ n: 2 });
      expect(items[b]).toMatchObject({ n: 2 });
    });

    it('lets exactly one of 20 concurrent writers holding the same eTag win', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { writer: -1 } });
      const eTag = await eTagOf(storage, key);

      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, writer) => storage.write({ [key]: { writer, eTag } }).then(() => writer)),
      );

      const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(19);
      for (const reason of losers) expect(reason).toBeInstanceOf(EtagConflictError);
      expect(await readOne(storage, key)).toMatchObject({ writer: winners[0] });
    });

    it('creates a key with ETAG_CREATE_ONLY only while it does not exist', async () => {
      const storage = await makeStorage();
      const key = convKey();
      await storage.write({ [key]: { n: 1, eTag: ETAG_CREATE_ONLY } });
      const created = await readOne(storage, key);
      expect(created).toMatchObject({ n: 1 });
      expect(created?.eTag).not.toBe(ETAG_CREATE_ONLY);
      const error = await storage.write({ [key]: { n: 2, eTag: ETAG_CREATE_ONLY } }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(EtagConflictError);
      expect(error).toMatchObject({ code: 'ETAG_CONFLICT', key });
      expect(await readOne(storage, key)).toMatchObject({ n: 1, eTag: created?.eTag });
      // once deleted, it can be created again
      await storage.delete([key]);
      await storage.write({ [key]: { n: 3, eTag: ETAG_CREATE_ONLY } });
      expect(await readOne(storage, key)).toMatchObject({ n: 3 });
    });

    it('writes nothing from a batch in which a create-only key already exists', async () => {
      const storage = await makeStorage();
      const existing = convKey('record');
      const sameConversation = existing.replace(':record', ':transcript');
      const otherConversation = convKey();
      await storage.write({ [existing]: { n: 1 } });
      await expect(
        storage.write({
          [sameConversation]: { fresh: true, eTag: ETAG_CREATE_ONLY },
          [otherConversation]: { fresh: true },
          [existing]: { n: 2, eTag: ETAG_CREATE_ONLY },
        }),
      ).rejects.toBeInstanceOf(EtagConflictError);
      const after = await storage.read([existing, sameConversation, otherConversation]);
      expect(Object.keys(after)).toEqual([existing]);
      expect(after[existing]).toMatchObject({ n: 1 });
    });

    it('lets exactly one of 20 concurrent creators of the same key win', async () => {
      const storage = await makeStorage();
      const key = convKey();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, writer) => storage.write({ [key]: { writer, eTag: ETAG_CREATE_ONLY } }).then(() => writer)),
      );
      const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(19);
      for (const reason of losers) expect(reason).toBeInstanceOf(EtagConflictError);
      expect(await readOne(storage, key)).toMatchObject({ writer: winners[0] });
    });

    it('conversation store: of two first saves racing the same new conversation, one wins and the other conflicts', async () => {
      const storage = await makeStorage();
      // two instances, each with its own store over the same storage
      const [a, b] = [createConversationStore(storage), createConversationStore(storage)];
      const id = `contract-first-${process.pid}-${++counter}`;
      expect((await a.load(id)).record).toBeUndefined();
      expect((await b.load(id)).record).toBeUndefined();
      const record = (turns: number, lang: 'en' | 'zh'): ConversationRecord => ({
        snapshot: { value: 'idle' },
        lang,
        langPinned: false,
        createdAt: '2025-06-15T12:00:00.000Z',
        updatedAt: '2025-06-15T12:00:00.000Z',
        turns,
      });
      const results = await Promise.allSettled([a.save(id, record(1, 'en'), undefined), b.save(id, record(1, 'zh'), undefined)]);
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toBeInstanceOf(EtagConflictError);
      const winner = results[0]?.status === 'fulfilled' ? 'en' : 'zh';
      const loaded = await a.load(id);
      expect(loaded.record?.lang).toBe(winner);
      // a late first save (no eTag) never overwrites; the loaded eTag does
      await expect(b.save(id, record(2, 'en'), undefined)).rejects.toBeInstanceOf(EtagConflictError);
      await b.save(id, record(2, winner), loaded.eTag);
      expect((await a.load(id)).record?.turns).toBe(2);
    });

    it('stores and returns copies, never the caller’s objects', async () => {
      const storage = await makeStorage();
      const key = convKey();
      const value = { list: [1, 2], nested: { a: 1 } };
      const change = { ...value, eTag: '*' };
      await storage.write({ [key]: change });
      value.list.push(3);
      value.nested.a = 99;
      expect(change.eTag).toBe('*');

      const first = await readOne(storage, key);
      expect(first).toMatchObject({ list: [1, 2], nested: { a: 1 } });
      const items = await storage.read([key]);
      const readValue: unknown = items[key];
      if (typeof readValue !== 'object' || readValue === null || !('nested' in readValue)) throw new Error('bad read');
      const nested: unknown = readValue.nested;
      if (typeof nested === 'object' && nested !== null && 'a' in nested) nested.a = 42;
      expect(await readOne(storage, key)).toMatchObject({ nested: { a: 1 } });
    });
  });
}
