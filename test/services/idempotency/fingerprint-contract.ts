/**
 * Same key, different request: every IdempotencyStore refuses it with IdempotencyConflictError instead
 * of returning the first request's result. Run against the memory store and the Redis store (two
 * instances over one server), so they cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdempotencyConflictError, type IdempotencyStore } from '../../../src/services/idempotency/index.js';

const Result = z.object({ n: z.number(), amount: z.number() });
const parse = (raw: unknown) => Result.parse(raw);

let counter = 0;
const uniqueKey = (name: string) => `fp-${process.pid}-${++counter}:${name}`;

/** `two()` gives two stores sharing one backing state (two instances); for memory, the same store twice. */
export function describeFingerprintContract(name: string, two: () => Promise<[IdempotencyStore, IdempotencyStore]> | [IdempotencyStore, IdempotencyStore]): void {
  describe(`IdempotencyStore request fingerprint: ${name}`, () => {
    it('the same request under one key gets the stored result (key order in the request does not matter)', async () => {
      const [a, b] = await two();
      const key = uniqueKey('refund');
      let effects = 0;
      const fn = async () => ({ n: ++effects, amount: 1200 });
      const first = await a.run(key, fn, parse, { request: { orderId: '112-1', amount: { amount: 1200, currency: 'USD' } } });
      const again = await b.run(key, fn, parse, { request: { amount: { currency: 'USD', amount: 1200 }, orderId: '112-1' } });
      expect(again).toEqual(first);
      expect(effects).toBe(1);
    });

    it('a different request under the same key is refused with a clear error, runs nothing and keeps the first result', async () => {
      const [a, b] = await two();
      const key = uniqueKey('refund');
      let effects = 0;
      const fn = async () => ({ n: ++effects, amount: 1200 });
      await a.run(key, fn, parse, { request: { orderId: '112-1', amount: 1200 } });
      const error = await b.run(key, async () => ({ n: ++effects, amount: 99_900 }), parse, { request: { orderId: '112-1', amount: 99_900 } }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', key });
      expect(String(error)).toMatch(/different request/);
      expect(effects).toBe(1);
      // the original request is still answered with its result
      expect(await b.run(key, fn, parse, { request: { orderId: '112-1', amount: 1200 } })).toEqual({ n: 1, amount: 1200 });
      expect(effects).toBe(1);
    });

    it('a different request arriving while the first still runs is refused once, and the first completes', async () => {
      const [a, b] = await two();
      const key = uniqueKey('cancel');
      let effects = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      const slow = async () => {
        effects++;
        await gate;
        return { n: effects, amount: 1 };
      };
      const first = a.run(key, slow, parse, { request: { reason: 'changed my mind' } });
      await new Promise((r) => setTimeout(r, 20));
      const second = b.run(key, slow, parse, { request: { reason: 'something else' } }).then(
        () => undefined,
        (err: unknown) => err,
      );
      setTimeout(release, 30);
      expect(await first).toEqual({ n: 1, amount: 1 });
      expect(await second).toBeInstanceOf(IdempotencyConflictError);
      expect(effects).toBe(1);
    });

    it('a call that names no request is not checked (and neither is a result stored without one)', async () => {
      const [a, b] = await two();
      const key = uniqueKey('legacy');
      let effects = 0;
      const fn = async () => ({ n: ++effects, amount: 5 });
      await a.run(key, fn, parse);
      expect(await b.run(key, fn, parse, { request: { anything: true } })).toEqual({ n: 1, amount: 5 });
      const other = uniqueKey('unnamed');
      await a.run(other, fn, parse, { request: { x: 1 } });
      expect(await b.run(other, fn, parse)).toEqual({ n: 2, amount: 5 });
      expect(effects).toBe(2);
    });
  });
}
