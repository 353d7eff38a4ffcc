/** The lockout across instances: counters in a real redis-server, two connections (two instances). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptKeys, DefaultBuyerVerification } from '../../../src/services/verification/index.js';
import { InMemoryOrderService } from '../../../src/services/orders/index.js';
import { type RedisConnection } from '../../../src/state/redis-client.js';
import { RedisAttemptCounter } from '../../../src/services/verification/redis-attempt-counter.js';
import { startRedisPair, type RedisPair } from '../../support/redis-server.js';
import { makeOrder } from '../../policy/fixtures.js';
import { describeAttemptCounterContract } from './attempt-counter-contract.js';

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

describeAttemptCounterContract('RedisAttemptCounter (real redis-server, two connections)', () => [
  new RedisAttemptCounter(one.commander, { prefix: 'asa' }),
  new RedisAttemptCounter(two.commander, { prefix: 'asa' }),
]);

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!';
const order = makeOrder({ id: '112-7051384-2296640', buyerEmail: 'marcus.johnson@example.net' });

describe('RedisAttemptCounter', () => {
  it('keeps counters under the namespace, the conversation one under its hash tag, each with an expiry', async () => {
    const counter = new RedisAttemptCounter(one.commander, { prefix: 'asa' });
    await counter.increment(attemptKeys.conversation('layout-1'), 60_000);
    await counter.increment(attemptKeys.order('112-0000000-0000001'), 60_000);
    expect(await one.commander.sendCommand(['GET', 'asa:{conv:layout-1}:verify-failures'])).toBe('1');
    expect(await one.commander.sendCommand(['GET', 'asa:verify-failures:order:112-0000000-0000001'])).toBe('1');
    const ttl = await one.commander.sendCommand(['PTTL', 'asa:{conv:layout-1}:verify-failures']);
    expect(typeof ttl === 'number' && ttl > 59_000 && ttl <= 60_000).toBe(true);
  });

  it('locks an order whose guesses are spread over two instances', async () => {
    const orders = new InMemoryOrderService({ orders: [order] });
    const a = new DefaultBuyerVerification({ orders, tokenSecret: SECRET, counter: new RedisAttemptCounter(one.commander, { prefix: 'lock' }) });
    const b = new DefaultBuyerVerification({ orders, tokenSecret: SECRET, counter: new RedisAttemptCounter(two.commander, { prefix: 'lock' }) });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await (i % 2 ? a : b).verify({ conversationId: `spread-${i}`, orderId: order.id, postalCode: `0000${i}` });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes).toEqual(['no_match', 'no_match', 'no_match', 'no_match', 'locked']);
    // the right details on either instance are refused until the lock ends
    expect(await a.verify({ conversationId: 'fresh', orderId: order.id, email: 'marcus.johnson@example.net' })).toEqual({ ok: false, code: 'locked' });
    expect(await b.verify({ conversationId: 'fresh', orderId: order.id, email: 'marcus.johnson@example.net' })).toEqual({ ok: false, code: 'locked' });
  });

  it('refuses a lock period that is not a positive integer', async () => {
    const counter = new RedisAttemptCounter(one.commander);
    await expect(counter.increment('k', 0)).rejects.toThrow(RangeError);
  });
});
