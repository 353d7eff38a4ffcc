/**
 * What a turn sees when Redis goes away: typed STORAGE_UNAVAILABLE errors instead of hanging, no
 * crash from the client's 'error' events, and recovery without a process restart.
 */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { RedisConversationLock } from '../../src/state/conversation-lock.js';
import { RedisRateLimiter } from '../../src/state/rate-limiter.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisStorage } from '../../src/state/redis-storage.js';
import { StorageUnavailableError } from '../../src/state/storage.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const logLines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
const logged = (msg: string): boolean => logLines.some((line) => line.includes(`"msg":"${msg}"`));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  const err = await rejection(promise);
  expect(err).toBeInstanceOf(StorageUnavailableError);
  expect(err).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
}

/** Poll until Redis answers again; reconnect backoff is capped at 2 s. */
async function waitUntilHealthy(redis: RedisConnection): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await redis.health()).ok) return;
    await sleep(50);
  }
  throw new Error('Redis did not come back');
}

describe('Redis outage', () => {
  let server: RedisServerHandle;
  let redis: RedisConnection;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = createRedisClient(server.url, logger, { commandTimeoutMs: 500 });
    await redis.connect();
  });

  afterAll(async () => {
    server?.thaw();
    await redis?.close();
    await server?.stop();
  });

  it('fails every shared piece with STORAGE_UNAVAILABLE while down, then recovers after a restart', async () => {
    const storage = new RedisStorage(redis.commander, { prefix: 'asa' });
    const lock = new RedisConversationLock(redis.commander, { prefix: 'asa', logger });
    const limiter = new RedisRateLimiter(redis.commander, { prefix: 'asa' });
    const key = '{conv:outage}:record';
    await storage.write({ [key]: { n: 1 } });
    const lease = await lock.acquire('{conv:outage}:lock', { ttlMs: 10_000, waitMs: 0 });

    await server.stop();

    await expectUnavailable(storage.read([key]));
    await expectUnavailable(storage.write({ [key]: { n: 2 } }));
    await expectUnavailable(storage.delete([key]));
    await expectUnavailable(lock.acquire('{conv:outage}:lock', { ttlMs: 1_000, waitMs: 5_000 }));
    await expectUnavailable(limiter.hit('ip:1:rate', 10, 1_000));
    // Releasing during an outage must not throw out of a `finally`; the lock expires by itself.
    await expect(lease?.release()).resolves.toBeUndefined();
    expect(await redis.health()).toMatchObject({ ok: false });
    expect(logged('redis connection error')).toBe(true);

    await server.restart();
    await waitUntilHealthy(redis);

    // The restarted server is empty (no persistence) and has no cached scripts: EVALSHA falls back.
    expect(await storage.read([key])).toEqual({});
    await storage.write({ [key]: { n: 3 } });
    expect((await storage.read([key]))[key]).toMatchObject({ n: 3 });
    expect(await limiter.hit('ip:1:rate', 10, 1_000)).toMatchObject({ allowed: true, remaining: 9 });
    const again = await lock.acquire('{conv:outage}:lock', { ttlMs: 1_000, waitMs: 0 });
    expect(again).toBeDefined();
    await again?.release();
    expect(logged('redis connection restored')).toBe(true);
  });

  it('times out commands against a server that stopped answering', async () => {
    const storage = new RedisStorage(redis.commander, { prefix: 'asa' });
    await waitUntilHealthy(redis);
    server.freeze();
    try {
      await expectUnavailable(storage.read(['{conv:frozen}:record']));
      await expectUnavailable(storage.write({ '{conv:frozen}:record': { n: 1 } }));
    } finally {
      server.thaw();
    }
    await waitUntilHealthy(redis);
    await storage.write({ '{conv:frozen}:record': { n: 2 } });
    // The reply to the timed-out write may land after it, but never after this newer one.
    expect((await storage.read(['{conv:frozen}:record']))['{conv:frozen}:record']).toMatchObject({ n: 2 });
  });
});

describe('Redis not reachable at startup', () => {
  let port = 0;

  beforeAll(async () => {
    // A port nobody listens on: bind, read it, close.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    port = address !== null && typeof address === 'object' ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('rejects connect() and commands with STORAGE_UNAVAILABLE and keeps retrying quietly', async () => {
    const redis = createRedisClient(`redis://127.0.0.1:${port}`, logger);
    try {
      await expectUnavailable(redis.connect(300));
      await expectUnavailable(new RedisStorage(redis.commander).read(['{conv:none}:record']));
      expect(await redis.health()).toMatchObject({ ok: false });
    } finally {
      await redis.close();
    }
  });
});
