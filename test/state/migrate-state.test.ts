/**
 * `npm run migrate-state` on a real redis-server: records and transcript elements stored by the
 * versions with the preset-dictionary codecs read back, as plain JSON, with eTags and expiry kept.
 */
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore, type ConversationRecord } from '../../src/state/conversation-store.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisStorage } from '../../src/state/redis-storage.js';
import { RedisTranscriptStore } from '../../src/state/redis-transcript-store.js';
import type { TranscriptEntry } from '../../src/state/transcript-store.js';
import { packBuyerLines as legacyBuyerLines, packTranscriptLines as legacyLines } from '../../scripts/migrate-state/legacy-transcript-codec.js';
import { migrateRedis } from '../../scripts/migrate-state/migrate.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

let server: RedisServerHandle;
let conn: RedisConnection;
beforeAll(async () => {
  server = await startRedisServer();
  conn = createRedisClient(server.url);
  await conn.connect();
});
afterAll(async () => {
  await conn?.close();
  await server?.stop();
});

const record: ConversationRecord = {
  snapshot: { status: 'active', value: { inFlow: 'returnItem' }, context: { conversationId: 'x', text: '我想退货 134-2175809-4431962' }, children: {} },
  lang: 'zh',
  langPinned: false,
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:01:00.000Z',
  turns: 3,
};
const dictionary = readFileSync(new URL('../../scripts/migrate-state/record-dictionary.v1.json', import.meta.url));
const v3 = { v: 3, d: 1, z: zlib.deflateRawSync(JSON.stringify(record), { dictionary }).toString('base64') };
const v2 = { v: 2, z: zlib.brotliCompressSync(JSON.stringify(record)).toString('base64') };

const tag = 'AbCdEfGhIj';
const buyer: TranscriptEntry = { at: '2026-12-01T08:59:03.226Z', from: 'buyer', text: '我的订单112-7051384-2296640到哪了', activityId: tag };
const bot: TranscriptEntry = { at: '2026-12-01T08:59:03.233Z', from: 'bot', text: '好的！为了确认是您本人的订单，请告诉我下单时填写的邮箱地址，或者收货地址的邮政编码。', key: 'verify:askDetail' };

describe('migrate-state', () => {
  it.each([
    ['v3 (dictionary)', v3],
    ['v2 (Brotli)', v2],
  ])('a %s record and the old transcript elements read back as plain JSON, once', async (_name, packed) => {
    const id = `m-${Math.random().toString(36).slice(2)}`;
    const key = `mg:{conv:${id}}:record`;
    const eTag = 'AAAAAAAAAAAAAAAA';
    await conn.commander.sendCommand(['SET', key, eTag + JSON.stringify(packed), 'PX', '600000']);
    const transcripts = new RedisTranscriptStore(conn.commander, { prefix: 'mg' });
    const list = transcripts.redisKey(id);
    await conn.commander.sendCommand(['RPUSH', list, legacyBuyerLines(tag, [buyer]), legacyLines([bot])]);
    const store = createConversationStore(new RedisStorage(conn.commander, { prefix: 'mg' }));
    await expect(store.load(id)).rejects.toThrow(/migrate-state/);
    expect(await transcripts.list(id)).toEqual([]);

    expect(await migrateRedis(conn.commander, 'mg')).toMatchObject({ records: 1, transcriptElements: 2 });
    const loaded = await store.load(id);
    expect(loaded).toEqual({ record, eTag });
    expect(await transcripts.list(id)).toEqual([buyer, bot]);
    const ttl = await conn.commander.sendCommand(['PTTL', key]);
    expect(typeof ttl === 'number' && ttl > 0).toBe(true);
    // The migrated buyer line still stops a redelivery's line from being written twice.
    await transcripts.appendBuyerLine(id, tag, [buyer]);
    expect(await transcripts.list(id)).toHaveLength(2);
    // Twice changes nothing; the store writes on with the kept eTag.
    expect(await migrateRedis(conn.commander, 'mg')).toEqual({ records: 0, transcriptElements: 0 });
    await store.save(id, { ...record, turns: 4 }, eTag);
    await conn.commander.sendCommand(['DEL', key, list]);
  });
});
