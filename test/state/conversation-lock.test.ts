import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryConversationLock, RedisConversationLock, type ConversationLock, type Lease } from '../../src/state/conversation-lock.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

let server: RedisServerHandle;
let clientA: RedisConnection;
let clientB: RedisConnection;

beforeAll(async () => {
  server = await startRedisServer();
  clientA = createRedisClient(server.url);
  clientB = createRedisClient(server.url);
  await Promise.all([clientA.connect(), clientB.connect()]);
});

afterAll(async () => {
  await clientA?.close();
  await clientB?.close();
  await server?.stop();
});

/** The lease, or a test failure when the lock was not granted. */
function held(lease: Lease | undefined): Lease {
  if (!lease) throw new Error('expected the lock to be granted');
  return lease;
}

let n = 0;
const lockKey = (): string => `{conv:lock-${++n}}:lock`;

/**
 * Each lock pair models two app instances. The shared counter is updated read → pause → write, which
 * loses updates unless the lock really serialises the critical sections.
 */
async function countUnderLock(locks: [ConversationLock, ConversationLock], key: string, workers: number): Promise<number> {
  let shared = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      const lease = await (i % 2 === 0 ? locks[0] : locks[1]).acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
      if (!lease) throw new Error('lock not acquired');
      const seen = shared;
      await sleep(2);
      shared = seen + 1;
      await lease.release();
    }),
  );
  return shared;
}

/**
 * `queued(key, n)` resolves once n waiters are queued on the key, so each waiter below asks only
 * after the previous one is in line: "arrival order" is then well defined across two clients.
 */
function lockSuite(name: string, makePair: () => [ConversationLock, ConversationLock], queued: (key: string, n: number) => Promise<void>): void {
  describe(`ConversationLock: ${name}`, () => {
    it('grants waiters from both instances first come, first served', async () => {
      const [a, b] = makePair();
      const key = lockKey();
      const first = held(await a.acquire(key, { ttlMs: 10_000, waitMs: 0 }));
      const order: number[] = [];
      const waiters: Promise<void>[] = [];
      for (let i = 0; i < 8; i++) {
        waiters.push(
          (async () => {
            const lease = held(await (i % 2 === 0 ? b : a).acquire(key, { ttlMs: 10_000, waitMs: 10_000 }));
            order.push(i);
            await sleep(3);
            await lease.release();
          })(),
        );
        await queued(key, i + 1);
      }
      await first.release();
      await Promise.all(waiters);
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('excludes a second holder until the first releases', async () => {
      const [a, b] = makePair();
      const key = lockKey();
      const lease = await a.acquire(key, { ttlMs: 10_000, waitMs: 0 });
      expect(lease?.token).toEqual(expect.any(String));
      expect(await b.acquire(key, { ttlMs: 10_000, waitMs: 0 })).toBeUndefined();
      expect(await b.acquire(key, { ttlMs: 10_000, waitMs: 50 })).toBeUndefined();
      await held(lease).release();
      const next = await b.acquire(key, { ttlMs: 10_000, waitMs: 0 });
      expect(next).toBeDefined();
      expect(held(next).token).not.toBe(held(lease).token);
      await held(next).release();
    });

    it('serialises concurrent critical sections (no lost updates)', async () => {
      expect(await countUnderLock(makePair(), lockKey(), 12)).toBe(12);
    });

    it('hands the lock to a waiter once the holder releases', async () => {
      const [a, b] = makePair();
      const key = lockKey();
      const first = await a.acquire(key, { ttlMs: 10_000, waitMs: 0 });
      const waiting = b.acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
      await sleep(20);
      await held(first).release();
      const second = await waiting;
      expect(second).toBeDefined();
      await held(second).release();
    });

    it('frees the lock of a holder that died (TTL expiry)', async () => {
      const [a, b] = makePair();
      const key = lockKey();
      const dead = await a.acquire(key, { ttlMs: 100, waitMs: 0 });
      expect(dead).toBeDefined();
      // Never released; the waiter gets it once the TTL runs out.
      const taken = await b.acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
      expect(taken).toBeDefined();
      await held(taken).release();
    });

    it('ignores a release by a lease that no longer owns the lock', async () => {
      const [a, b] = makePair();
      const key = lockKey();
      const expired = await a.acquire(key, { ttlMs: 50, waitMs: 0 });
      const owner = await b.acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
      expect(owner).toBeDefined();
      await held(expired).release();
      expect(await a.acquire(key, { ttlMs: 10_000, waitMs: 0 })).toBeUndefined();
      await held(owner).release();
      expect(await a.acquire(key, { ttlMs: 10_000, waitMs: 0 })).toBeDefined();
    });

    it('keeps different conversations independent', async () => {
      const [a, b] = makePair();
      const one = await a.acquire(lockKey(), { ttlMs: 10_000, waitMs: 0 });
      const two = await b.acquire(lockKey(), { ttlMs: 10_000, waitMs: 0 });
      expect(one).toBeDefined();
      expect(two).toBeDefined();
      await Promise.all([held(one).release(), held(two).release()]);
    });

    it('rejects nonsense options', async () => {
      const [a] = makePair();
      await expect(a.acquire(lockKey(), { ttlMs: 0, waitMs: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(a.acquire(lockKey(), { ttlMs: 100, waitMs: -1 })).rejects.toBeInstanceOf(RangeError);
    });
  });
}

lockSuite(
  'memory (one process)',
  () => {
    const lock = new MemoryConversationLock();
    return [lock, lock];
  },
  // A memory waiter is queued synchronously within acquire().
  async () => undefined,
);

lockSuite(
  'Redis (two clients = two instances)',
  () => [new RedisConversationLock(clientA.commander, { prefix: 'asa' }), new RedisConversationLock(clientB.commander, { prefix: 'asa' })],
  (key, n) => queuedOnRedis(`asa:${key}`, n),
);

async function queuedOnRedis(lockKey: string, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (Number(await clientA.commander.sendCommand(['ZCARD', `${lockKey}:queue`])) >= n) return;
    await sleep(2);
  }
  throw new Error(`${n} waiters never queued on ${lockKey}`);
}

describe('RedisConversationLock specifics', () => {
  it('stores the token under the prefixed, hash-tagged key with a TTL', async () => {
    const lock = new RedisConversationLock(clientA.commander, { prefix: 'asa' });
    const lease = await lock.acquire('{conv:shape}:lock', { ttlMs: 5_000, waitMs: 0 });
    expect(await clientA.commander.sendCommand(['GET', 'asa:{conv:shape}:lock'])).toBe(held(lease).token);
    const pttl = await clientA.commander.sendCommand(['PTTL', 'asa:{conv:shape}:lock']);
    expect(typeof pttl === 'number' && pttl > 0 && pttl <= 5_000).toBe(true);
    await held(lease).release();
    expect(await clientA.commander.sendCommand(['EXISTS', 'asa:{conv:shape}:lock'])).toBe(0);
  });
});

describe('RedisConversationLock queue', () => {
  const fast = { prefix: 'asa', pollMinMs: 5, pollMaxMs: 20, placeKeptMs: 300 };

  it('a waiter whose instance died stops holding up the queue once its place lapses', async () => {
    const key = lockKey();
    const holder = held(await new RedisConversationLock(clientA.commander, fast).acquire(key, { ttlMs: 10_000, waitMs: 0 }));
    // A third instance queues, then dies (its connection goes away mid-wait).
    const doomedClient = createRedisClient(server.url);
    await doomedClient.connect();
    const doomed = new RedisConversationLock(doomedClient.commander, fast).acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
    doomed.catch(() => undefined);
    await queuedOnRedis(`asa:${key}`, 1);
    const behind = new RedisConversationLock(clientB.commander, fast).acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
    await queuedOnRedis(`asa:${key}`, 2);
    doomedClient.client.destroy();
    await holder.release();
    const started = performance.now();
    const lease = held(await behind);
    // Not before the dead waiter's place lapsed, and not much after.
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(doomed).rejects.toThrow();
    await lease.release();
  });

  it('a waiter that gives up leaves the queue at once, and a try-once never jumps it', async () => {
    const key = lockKey();
    const a = new RedisConversationLock(clientA.commander, fast);
    const holder = held(await a.acquire(key, { ttlMs: 10_000, waitMs: 0 }));
    expect(await a.acquire(key, { ttlMs: 10_000, waitMs: 60 })).toBeUndefined();
    expect(await clientA.commander.sendCommand(['ZCARD', `asa:${key}:queue`])).toBe(0);
    // A slow poller waits in line; the lock is freed before it asks again.
    const slow = new RedisConversationLock(clientB.commander, { prefix: 'asa', pollMinMs: 400, pollMaxMs: 400, placeKeptMs: 5_000 });
    const waiting = slow.acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
    await queuedOnRedis(`asa:${key}`, 1);
    await holder.release();
    expect(await a.acquire(key, { ttlMs: 10_000, waitMs: 0 })).toBeUndefined();
    const lease = held(await waiting);
    await lease.release();
  });

  it('leaves no queue keys behind once everyone was served', async () => {
    const key = lockKey();
    const [a, b] = [new RedisConversationLock(clientA.commander, fast), new RedisConversationLock(clientB.commander, fast)];
    const first = held(await a.acquire(key, { ttlMs: 10_000, waitMs: 0 }));
    const waiters = [b, a, b].map(async (lock) => held(await lock.acquire(key, { ttlMs: 10_000, waitMs: 10_000 })).release());
    await queuedOnRedis(`asa:${key}`, 3);
    await first.release();
    await Promise.all(waiters);
    const keys = [`asa:${key}`, `asa:${key}:queue`, `asa:${key}:waiting`, `asa:${key}:tickets`];
    expect(await clientA.commander.sendCommand(['EXISTS', ...keys])).toBe(0);
  });
});

describe('MemoryConversationLock specifics', () => {
  it('grants waiters in arrival order and forgets idle keys', async () => {
    const lock = new MemoryConversationLock();
    const key = lockKey();
    const order: number[] = [];
    const first = await lock.acquire(key, { ttlMs: 10_000, waitMs: 0 });
    const waiters = [1, 2, 3].map(async (i) => {
      const lease = await lock.acquire(key, { ttlMs: 10_000, waitMs: 10_000 });
      order.push(i);
      await held(lease).release();
    });
    await held(first).release();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(lock.size).toBe(0);
  });
});
