import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdempotencyConflictError, InMemoryIdempotencyStore } from '../../../src/services/idempotency/index.js';
import { describeFingerprintContract } from './fingerprint-contract.js';
import { InMemoryOrderService } from '../../../src/services/orders/index.js';
import { DEFAULT_POLICY } from '../../../src/policy/index.js';
import { NOW, makeOrder } from '../../policy/fixtures.js';

const Result = z.object({ n: z.number(), at: z.string() });
const parse = (raw: unknown) => Result.parse(raw);

describeFingerprintContract('InMemoryIdempotencyStore', () => {
  const store = new InMemoryIdempotencyStore();
  return [store, store];
});

describe('InMemoryIdempotencyStore', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('same key → same result, one effect', async () => {
    const store = new InMemoryIdempotencyStore();
    let effects = 0;
    const fn = async () => ({ n: ++effects, at: 'x' });
    const a = await store.run('k1', fn, parse);
    const b = await store.run('k1', fn, parse);
    expect(a).toEqual({ n: 1, at: 'x' });
    expect(b).toEqual(a);
    expect(effects).toBe(1);
    expect(await store.run('k2', fn, parse)).toEqual({ n: 2, at: 'x' });
    expect(effects).toBe(2);
  });

  it('concurrent calls with one key run fn once and all get its result', async () => {
    const store = new InMemoryIdempotencyStore();
    let effects = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fn = async () => {
      effects++;
      await gate;
      return { n: effects, at: 'y' };
    };
    const calls = Array.from({ length: 10 }, () => store.run('same', fn, parse));
    release();
    const results = await Promise.all(calls);
    expect(effects).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('a failure stores nothing, so a retry runs again', async () => {
    const store = new InMemoryIdempotencyStore();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return { n: calls, at: 'z' };
    };
    await expect(store.run('f', flaky, parse)).rejects.toThrow('boom');
    expect(await store.run('f', flaky, parse)).toEqual({ n: 2, at: 'z' });
    expect(store.size()).toBe(1);
  });

  it('results expire after the TTL', async () => {
    let now = 0;
    const store = new InMemoryIdempotencyStore({ ttlMs: 1000, now: () => now });
    let effects = 0;
    const fn = async () => ({ n: ++effects, at: '' });
    await store.run('t', fn, parse);
    now = 999;
    await store.run('t', fn, parse);
    expect(effects).toBe(1);
    now = 1000;
    await store.run('t', fn, parse);
    expect(effects).toBe(2);
  });

  it('returns a stored copy, validated by parse (the caller cannot mutate the record)', async () => {
    const store = new InMemoryIdempotencyStore();
    const first = await store.run('c', async () => ({ n: 1, at: 'a' }), parse);
    first.n = 99;
    expect(await store.run('c', async () => ({ n: 2, at: 'b' }), parse)).toEqual({ n: 1, at: 'a' });
    const Other = z.object({ other: z.string() });
    await expect(store.run('c', async () => ({ other: 'x' }), (raw) => Other.parse(raw))).rejects.toThrow();
  });

  it('with a file, a new instance (restart) still answers known keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idem-'));
    dirs.push(dir);
    const filePath = join(dir, 'idem.json');
    let effects = 0;
    const fn = async () => ({ n: ++effects, at: 'p' });
    await new InMemoryIdempotencyStore({ filePath }).run('persist', fn, parse);
    const again = await new InMemoryIdempotencyStore({ filePath }).run('persist', fn, parse);
    expect(again).toEqual({ n: 1, at: 'p' });
    expect(effects).toBe(1);
  });

  it('with a file, a restart still refuses the key for a different request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idem-'));
    dirs.push(dir);
    const filePath = join(dir, 'idem.json');
    let effects = 0;
    const fn = async () => ({ n: ++effects, at: 'p' });
    await new InMemoryIdempotencyStore({ filePath }).run('persist', fn, parse, { request: { amount: 1 } });
    const restarted = new InMemoryIdempotencyStore({ filePath });
    await expect(restarted.run('persist', fn, parse, { request: { amount: 2 } })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await restarted.run('persist', fn, parse, { request: { amount: 1 } })).toEqual({ n: 1, at: 'p' });
    expect(effects).toBe(1);
  });
});

describe('order service over the idempotency store', () => {
  it('a refund retried under its key with another amount is refused, and only the first refund exists', async () => {
    const order = makeOrder({ id: '111-0000000-0000077' });
    const orders = new InMemoryOrderService({ orders: [order], now: () => NOW, policy: DEFAULT_POLICY });
    const first = await orders.recordRefund({ orderId: order.id, amount: { amount: 1000, currency: 'USD' }, idempotencyKey: 'conv:turn-1:refund' });
    expect(first.ok).toBe(true);
    // the same retry is answered from the store
    expect(await orders.recordRefund({ orderId: order.id, amount: { amount: 1000, currency: 'USD' }, idempotencyKey: 'conv:turn-1:refund' })).toEqual(first);
    await expect(
      orders.recordRefund({ orderId: order.id, amount: { amount: 4000, currency: 'USD' }, idempotencyKey: 'conv:turn-1:refund' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect((await orders.listRefunds(order.id)).map((r) => r.amount.amount)).toEqual([1000]);
  });
});
