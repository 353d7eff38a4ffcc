import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, keySlot, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisStorage } from '../../src/state/redis-storage.js';
import { EtagConflictError } from '../../src/state/storage.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { describeStorageContract } from './storage-contract.js';

let server: RedisServerHandle;
let redis: RedisConnection;
let namespace = 0;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedisClient(server.url);
  await redis.connect();
});

afterAll(async () => {
  await redis?.close();
  await server?.stop();
});

/** A raw command whose reply the test inspects. */
const raw = (...args: string[]): Promise<unknown> => redis.commander.sendCommand(args);

async function eTagOf(storage: RedisStorage, key: string): Promise<string> {
  const item: unknown = (await storage.read([key]))[key];
  if (typeof item !== 'object' || item === null || !('eTag' in item) || typeof item.eTag !== 'string') throw new Error(`no eTag for ${key}`);
  return item.eTag;
}

describeStorageContract('RedisStorage (single server)', () => new RedisStorage(redis.commander, { prefix: `t${++namespace}` }));
describeStorageContract('RedisStorage (cluster batching)', () => new RedisStorage(redis.commander, { prefix: `c${++namespace}`, cluster: true }));

describe('RedisStorage key layout', () => {
  it('puts the namespace prefix in front of the conversation hash tag', async () => {
    const storage = new RedisStorage(redis.commander, { prefix: 'asa' });
    const key = '{conv:layout-1}:record';
    await storage.write({ [key]: { n: 1 } });
    const eTag = await eTagOf(storage, key);

    expect(storage.redisKey(key)).toBe('asa:{conv:layout-1}:record');
    expect(await raw('TYPE', 'asa:{conv:layout-1}:record')).toBe('string');
    expect(await raw('GET', 'asa:{conv:layout-1}:record')).toBe(`${eTag}{"n":1}`);
    expect(await raw('EXISTS', '{conv:layout-1}:record')).toBe(0);
    // Same slot as the bare tag, so every key of the conversation lands on one Cluster node.
    expect(keySlot('asa:{conv:layout-1}:record')).toBe(keySlot('conv:layout-1'));
    expect(keySlot('asa:{conv:layout-1}:lock')).toBe(keySlot('{conv:layout-1}:record'));
  });

  it('lets exactly one writer win across two connections (two instances)', async () => {
    const other = createRedisClient(server.url);
    await other.connect();
    try {
      const first = new RedisStorage(redis.commander, { prefix: 'race' });
      const second = new RedisStorage(other.commander, { prefix: 'race' });
      const key = '{conv:race}:record';
      await first.write({ [key]: { writer: -1 } });
      const eTag = await eTagOf(first, key);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).write({ [key]: { writer: i, eTag } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(EtagConflictError);
    } finally {
      await other.close();
    }
  });

  it('refuses a prefix with braces (it would become the hash tag)', () => {
    expect(() => new RedisStorage(redis.commander, { prefix: '{asa}' })).toThrow(RangeError);
  });

  it('sets the TTL on every write when configured, and none otherwise', async () => {
    const withTtl = new RedisStorage(redis.commander, { prefix: 'ttl', ttlMs: 60_000 });
    const key = '{conv:ttl-1}:record';
    await withTtl.write({ [key]: { n: 1 } });
    const pttl = await raw('PTTL', 'ttl:{conv:ttl-1}:record');
    expect(typeof pttl === 'number' && pttl > 0 && pttl <= 60_000).toBe(true);

    const noTtl = new RedisStorage(redis.commander, { prefix: 'ttl' });
    await noTtl.write({ [key]: { n: 2 } });
    expect(await raw('PTTL', 'ttl:{conv:ttl-1}:record')).toBe(-1);
  });

  it('reloads the script after the server forgot it (EVALSHA → EVAL)', async () => {
    const storage = new RedisStorage(redis.commander, { prefix: 'noscript' });
    const key = '{conv:ns-1}:record';
    await storage.write({ [key]: { n: 1 } });
    expect(await raw('SCRIPT', 'FLUSH')).toBe('OK');
    const eTag = await eTagOf(storage, key);
    await storage.write({ [key]: { n: 2, eTag } });
    await expect(storage.write({ [key]: { n: 3, eTag } })).rejects.toBeInstanceOf(EtagConflictError);
    expect((await storage.read([key]))[key]).toMatchObject({ n: 2 });
  });

  it('fails without partial writes when a key holds a foreign type', async () => {
    const storage = new RedisStorage(redis.commander, { prefix: 'wrongtype' });
    await raw('HSET', 'wrongtype:{conv:wt}:record', 'f', 'not ours');
    const error = await storage.write({ '{conv:wt}:other': { n: 1 }, '{conv:wt}:record': { n: 1 } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain('WRONGTYPE');
    expect(await raw('EXISTS', 'wrongtype:{conv:wt}:other')).toBe(0);
    expect(await raw('HGET', 'wrongtype:{conv:wt}:record', 'f')).toBe('not ours');
  });

  it('rejects items that are not objects', async () => {
    const storage = new RedisStorage(redis.commander);
    await expect(storage.write({ '{conv:x}:record': 'text' })).rejects.toBeInstanceOf(TypeError);
    await expect(storage.write({ '{conv:x}:record': [1, 2] })).rejects.toBeInstanceOf(TypeError);
  });
});

describe('keySlot', () => {
  let clusterNode: RedisServerHandle;
  let node: RedisConnection;

  beforeAll(async () => {
    clusterNode = await startRedisServer({ args: ['--cluster-enabled', 'yes'] });
    node = createRedisClient(clusterNode.url);
    await node.connect();
  });

  afterAll(async () => {
    await node?.close();
    await clusterNode?.stop();
  });

  it('matches CLUSTER KEYSLOT of a real cluster-enabled redis-server', async () => {
    const keys = [
      'foo',
      '123456789',
      'asa:{conv:19:abc@thread.tacv2}:record',
      '{conv:a}:record',
      'x{}y',
      '{}{conv:b}',
      'a{b}c{d}',
      '{',
      '会话:{conv:中文}:record',
      'ip:203.0.113.7:rate',
    ];
    for (const key of keys) expect(keySlot(key), key).toBe(await node.commander.sendCommand(['CLUSTER', 'KEYSLOT', key]));
  });
});
