import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityTag } from '../../src/state/conversation-store.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisTranscriptStore } from '../../src/state/redis-transcript-store.js';
import { packBuyerLines, unpackTranscriptLines } from '../../src/state/transcript-codec.js';
import { BUYER_LINE_LOOKBACK, MemoryTranscriptStore, type TranscriptEntry, type TranscriptStore } from '../../src/state/transcript-store.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

let redis: RedisServerHandle;
let conn: RedisConnection;
beforeAll(async () => {
  redis = await startRedisServer();
  conn = createRedisClient(redis.url);
  await conn.connect();
});
afterAll(async () => {
  await conn?.close();
  await redis?.stop();
});

const tag = activityTag('act-1');
const buyer = (text: string, id = tag): TranscriptEntry => ({ at: '2026-12-01T10:00:00.000Z', from: 'buyer', text, activityId: id });
const bot = (text: string, key: string): TranscriptEntry => ({ at: '2026-12-01T10:00:00.005Z', from: 'bot', text, key });

// The same contract on both stores: the turn runner relies on it for redeliveries.
describe.each([
  ['memory', () => new MemoryTranscriptStore()],
  ['redis', () => new RedisTranscriptStore(conn.commander, { prefix: 'bl', ttlMs: 60_000 })],
] as const)('appendBuyerLine (%s)', (_name, make: () => TranscriptStore) => {
  let n = 0;
  const conversation = () => `c-${_name}-${n++}`;

  it('writes the buyer line once per activity; a redelivery adds only what goes with it', async () => {
    const store = make();
    const c = conversation();
    await store.appendBuyerLine(c, tag, [buyer('where is my order')]);
    await store.append(c, [bot('Which order?', 'track:askOrder')]);
    // The same activity again (its first attempt died after the line): nothing is added…
    await store.appendBuyerLine(c, tag, [buyer('where is my order')]);
    // …and a refused redelivery adds only the refusal.
    await store.appendBuyerLine(c, tag, [buyer('where is my order'), bot('One moment', 'common:errors.busy')], [bot('One moment', 'common:errors.busy')]);
    expect((await store.list(c)).map((l) => [l.from, l.text, l.activityId ?? l.key])).toEqual([
      ['buyer', 'where is my order', tag],
      ['bot', 'Which order?', 'track:askOrder'],
      ['bot', 'One moment', 'common:errors.busy'],
    ]);
  });

  it('another activity with the same words is a new line, and an old one past the look-back is written again', async () => {
    const store = make();
    const c = conversation();
    await store.appendBuyerLine(c, tag, [buyer('yes')]);
    await store.appendBuyerLine(c, activityTag('act-2'), [buyer('yes', activityTag('act-2'))]);
    expect((await store.list(c)).filter((l) => l.from === 'buyer')).toHaveLength(2);
    for (let i = 0; i < BUYER_LINE_LOOKBACK; i++) await store.append(c, [bot(`line ${i}`, 'common:thanks')]);
    await store.appendBuyerLine(c, tag, [buyer('yes')]);
    expect((await store.list(c)).filter((l) => l.from === 'buyer')).toHaveLength(3);
  });

  it('keeps photos and the over-long marker of the buyer line', async () => {
    const store = make();
    const c = conversation();
    const line: TranscriptEntry = { ...buyer('x'.repeat(50)), photos: ['https://shop.example/p/abc.png'], truncatedFrom: 9000 };
    await store.appendBuyerLine(c, tag, [line]);
    expect(await store.list(c)).toEqual([line]);
  });
});

describe('buyer line elements on Redis', () => {
  it('are plain JSON starting with the mark the server compares, and read back; the list expires', async () => {
    const store = new RedisTranscriptStore(conn.commander, { prefix: 'bl', ttlMs: 60_000 });
    await store.appendBuyerLine('m1', tag, [buyer('我的订单到哪了')]);
    const [element] = (await conn.commander.sendCommand(['LRANGE', store.redisKey('m1'), '0', '-1'], { buffers: true })) as Buffer[];
    const text = element?.toString('utf8') ?? '';
    expect(text.startsWith(`{"buyer":"${tag}",`)).toBe(true);
    expect(JSON.parse(text)).toEqual({ buyer: tag, lines: [buyer('我的订单到哪了')] });
    expect(await store.list('m1')).toEqual([buyer('我的订单到哪了')]);
    const ttl = await conn.commander.sendCommand(['PTTL', store.redisKey('m1')]);
    expect(typeof ttl === 'number' && ttl > 0 && ttl <= 60_000).toBe(true);
  });

  it('reads the tuple lines the old codec wrote as JSON, and skips a packed element not yet migrated', () => {
    const short = buyer('thanks');
    expect(unpackTranscriptLines(`[[${Date.parse(short.at)},"u","thanks",0,"${tag}"]]`)).toEqual([short]);
    expect(unpackTranscriptLines(Buffer.from([0x01, 0x8b, 0x00]))).toEqual([]);
    expect(unpackTranscriptLines(packBuyerLines(tag, [short]))).toEqual([short]);
  });
});
