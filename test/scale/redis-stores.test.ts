import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisIdempotencyStore } from '../../src/services/idempotency/redis-idempotency-store.js';
import { RedisTranscriptStore } from '../../src/state/redis-transcript-store.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

let redis: RedisServerHandle;
let one: RedisConnection;
let two: RedisConnection;
beforeAll(async () => {
  redis = await startRedisServer();
  one = createRedisClient(redis.url);
  two = createRedisClient(redis.url);
  await Promise.all([one.connect(), two.connect()]);
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await redis?.stop();
});

const parseNumber = (raw: unknown): number => {
  if (typeof raw !== 'number') throw new Error('not a number');
  return raw;
};

describe('RedisIdempotencyStore', () => {
  it('runs an effect once across two connections (two instances) called at the same moment', async () => {
    const a = new RedisIdempotencyStore(one.commander, { prefix: 't' });
    const b = new RedisIdempotencyStore(two.commander, { prefix: 't' });
    let runs = 0;
    const effect = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 30));
      return 42;
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).run('refund:1', effect, parseNumber)));
    expect(results).toEqual(Array(10).fill(42));
    expect(runs).toBe(1);
    // Later calls get the stored result without running anything.
    expect(await b.run('refund:1', async () => 7, parseNumber)).toBe(42);
    expect(runs).toBe(1);
  });

  it('stores nothing when the effect throws, so a retry runs it', async () => {
    const a = new RedisIdempotencyStore(one.commander, { prefix: 't' });
    await expect(a.run('cancel:9', async () => Promise.reject(new Error('down')), parseNumber)).rejects.toThrow('down');
    expect(await a.run('cancel:9', async () => 5, parseNumber)).toBe(5);
  });
});

describe('RedisTranscriptStore', () => {
  it('keeps lines in order under the conversation hash tag, lists the last N, expires and deletes', async () => {
    const store = new RedisTranscriptStore(one.commander, { prefix: 'asa', ttlMs: 60_000 });
    expect(store.redisKey('c1')).toBe('asa:{conv:c1}:transcript');
    await store.append('c1', [{ at: '2026-01-01T00:00:00Z', from: 'buyer', text: 'one', activityId: 'x' }]);
    await store.append('c1', [
      { at: '2026-01-01T00:00:01Z', from: 'bot', text: 'two', key: 'common:greeting' },
      { at: '2026-01-01T00:00:02Z', from: 'buyer', text: 'three' },
    ]);
    expect((await store.list('c1')).map((l) => l.text)).toEqual(['one', 'two', 'three']);
    expect((await store.list('c1', { last: 2 })).map((l) => l.text)).toEqual(['two', 'three']);
    expect((await store.list('c1'))[1]).toEqual({ at: '2026-01-01T00:00:01Z', from: 'bot', text: 'two', key: 'common:greeting' });
    const ttl = await one.commander.sendCommand(['PTTL', store.redisKey('c1')]);
    expect(typeof ttl === 'number' && ttl > 0 && ttl <= 60_000).toBe(true);
    await store.delete('c1');
    expect(await store.list('c1')).toEqual([]);
  });

  it('stores a turn as one JSON element, reads lines stored one per element before, and lists the last N lines across both', async () => {
    const store = new RedisTranscriptStore(one.commander, { prefix: 'asa' });
    const key = store.redisKey('c3');
    // Written by an earlier version: one JSON line per element.
    await one.commander.sendCommand(['RPUSH', key, JSON.stringify({ at: '2026-01-01T00:00:00Z', from: 'buyer', text: 'hello' })]);
    const reply = "Thanks! To make sure it's your order, please tell me the email address or the postal code the order was shipped to.";
    await store.append('c3', [
      { at: '2026-01-01T00:00:01Z', from: 'bot', text: reply, key: 'verify:askDetail' },
      { at: '2026-01-01T00:00:02Z', from: 'bot', text: 'second line', key: 'common:thanks' },
    ]);
    const elements = (await one.commander.sendCommand(['LRANGE', key, '0', '-1'], { buffers: true })) as Buffer[];
    expect(elements).toHaveLength(2);
    // Plain JSON: the turn's lines as they are.
    expect(JSON.parse(elements[1]?.toString('utf8') ?? '')).toEqual([
      { at: '2026-01-01T00:00:01Z', from: 'bot', text: reply, key: 'verify:askDetail' },
      { at: '2026-01-01T00:00:02Z', from: 'bot', text: 'second line', key: 'common:thanks' },
    ]);
    expect((await store.list('c3')).map((l) => l.text)).toEqual(['hello', reply, 'second line']);
    expect((await store.list('c3', { last: 1 })).map((l) => l.text)).toEqual(['second line']);
    expect((await store.list('c3', { last: 2 })).map((l) => l.text)).toEqual([reply, 'second line']);
  });

  it('skips a corrupted line instead of failing the whole transcript', async () => {
    const store = new RedisTranscriptStore(one.commander, { prefix: 'asa' });
    await store.append('c2', [{ at: 'a', from: 'buyer', text: 'ok' }]);
    await one.commander.sendCommand(['RPUSH', store.redisKey('c2'), '{not json', '{"at":"b","from":"hacker","text":"x"}']);
    expect((await store.list('c2')).map((l) => l.text)).toEqual(['ok']);
  });
});
