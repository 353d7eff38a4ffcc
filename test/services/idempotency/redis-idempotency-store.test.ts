import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdempotencyConflictError } from '../../../src/services/idempotency/index.js';
import { type RedisConnection } from '../../../src/state/redis-client.js';
import { RedisIdempotencyStore } from '../../../src/services/idempotency/redis-idempotency-store.js';
import { startRedisPair, type RedisPair } from '../../support/redis-server.js';
import { describeFingerprintContract } from './fingerprint-contract.js';

let one: RedisConnection;
let two: RedisConnection;
let pair: RedisPair | undefined;
beforeAll(async () => {
  pair = await startRedisPair();
  ({ a: one, b: two } = pair);
});
afterAll(async () => {
  await pair?.close();
});

describeFingerprintContract('RedisIdempotencyStore (two instances, real redis-server)', () => [
  new RedisIdempotencyStore(one.commander, { prefix: 'fp' }),
  new RedisIdempotencyStore(two.commander, { prefix: 'fp' }),
]);

const Num = z.number();

describe('RedisIdempotencyStore stored value', () => {
  it('keeps the fingerprint in front of the result JSON', async () => {
    const store = new RedisIdempotencyStore(one.commander, { prefix: 'layout' });
    await store.run('k1', async () => 42, (raw) => Num.parse(raw), { request: { a: 1 } });
    const value = await one.commander.sendCommand(['GET', store.redisKey('k1')]);
    expect(value).toMatch(/^R#[A-Za-z0-9_-]{43}42$/);
  });

  it('answers a result stored before fingerprints existed (`R<json>`) whatever the request', async () => {
    const store = new RedisIdempotencyStore(one.commander, { prefix: 'layout' });
    await one.commander.sendCommand(['SET', store.redisKey('old'), 'R7', 'PX', '60000']);
    let runs = 0;
    expect(await store.run('old', async () => ++runs, (raw) => Num.parse(raw), { request: { any: 'thing' } })).toBe(7);
    expect(runs).toBe(0);
  });

  it('a waiter on another instance for a different request gets the conflict once the result lands', async () => {
    const a = new RedisIdempotencyStore(one.commander, { prefix: 'wait' });
    const b = new RedisIdempotencyStore(two.commander, { prefix: 'wait', pollMs: 5 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first = a.run('k', async () => {
      await gate;
      return 1;
    }, (raw) => Num.parse(raw), { request: 'A' });
    await new Promise((r) => setTimeout(r, 20));
    const second = b.run('k', async () => 2, (raw) => Num.parse(raw), { request: 'B' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    release();
    expect(await first).toBe(1);
    expect(await second).toBeInstanceOf(IdempotencyConflictError);
  });
});
