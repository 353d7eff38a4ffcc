import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, RedisRateLimiter } from '../../src/state/rate-limiter.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

describe('MemoryRateLimiter', () => {
  it('allows `limit` hits per window, then reports when to retry', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter({ now: () => now });
    expect(await limiter.hit('ip:1', 3, 60_000)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(await limiter.hit('ip:1', 3, 60_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
    now += 10_000;
    expect(await limiter.hit('ip:1', 3, 60_000)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(await limiter.hit('ip:1', 3, 60_000)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 50_000 });
    expect(await limiter.hit('ip:2', 3, 60_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('starts a fresh window once the old one ends', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ now: () => now });
    await limiter.hit('k', 1, 1_000);
    expect((await limiter.hit('k', 1, 1_000)).allowed).toBe(false);
    now = 999;
    expect((await limiter.hit('k', 1, 1_000)).allowed).toBe(false);
    now = 1_000;
    expect(await limiter.hit('k', 1, 1_000)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it('sweeps expired windows so memory stays bounded', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ now: () => now, sweepAbove: 10 });
    for (let i = 0; i < 20; i++) await limiter.hit(`ip:${i}`, 5, 100);
    now = 200;
    await limiter.hit('fresh', 5, 100);
    expect(limiter.size).toBe(1);
  });

  it('rejects nonsense limits', async () => {
    const limiter = new MemoryRateLimiter();
    await expect(limiter.hit('k', 0, 1000)).rejects.toBeInstanceOf(RangeError);
    await expect(limiter.hit('k', 1, 0)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('RedisRateLimiter', () => {
  let server: RedisServerHandle;
  let a: RedisConnection;
  let b: RedisConnection;

  beforeAll(async () => {
    server = await startRedisServer();
    a = createRedisClient(server.url);
    b = createRedisClient(server.url);
    await Promise.all([a.connect(), b.connect()]);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('counts hits from every instance against one limit', async () => {
    const one = new RedisRateLimiter(a.commander, { prefix: 'asa' });
    const two = new RedisRateLimiter(b.commander, { prefix: 'asa' });
    expect(await one.hit('ip:203.0.113.7:rate', 3, 60_000)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(await two.hit('ip:203.0.113.7:rate', 3, 60_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
    expect(await one.hit('ip:203.0.113.7:rate', 3, 60_000)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    const denied = await two.hit('ip:203.0.113.7:rate', 3, 60_000);
    expect(denied.allowed).toBe(false);
    expect(denied.remaining).toBe(0);
    expect(denied.retryAfterMs).toBeGreaterThan(0);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await a.commander.sendCommand(['GET', 'asa:ip:203.0.113.7:rate'])).toBe('4');
    expect(await one.hit('{conv:other}:rate', 3, 60_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('counts concurrent hits exactly (atomic increment)', async () => {
    const limiter = new RedisRateLimiter(a.commander, { prefix: 'burst' });
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit('k', 10, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.map((r) => r.remaining).sort((x, y) => x - y).slice(-10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('resets after the window and gives a counter without expiry one', async () => {
    const limiter = new RedisRateLimiter(a.commander, { prefix: 'window' });
    await limiter.hit('k', 1, 150);
    const denied = await limiter.hit('k', 1, 150);
    expect(denied.allowed).toBe(false);
    await sleep(denied.retryAfterMs + 50);
    expect(await limiter.hit('k', 1, 150)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });

    await a.commander.sendCommand(['SET', 'window:stuck', '7']);
    await limiter.hit('stuck', 100, 5_000);
    const pttl = await a.commander.sendCommand(['PTTL', 'window:stuck']);
    expect(typeof pttl === 'number' && pttl > 0).toBe(true);
  });
});
