/**
 * What every AttemptCounter does (process memory, Redis), on the real clock with short lock
 * periods: counts per key, a sliding expiry that every failure restarts, reset, and atomic
 * increments when many failures arrive at once (from one or two instances).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AttemptCounter } from '../../../src/services/verification/index.js';

let n = 0;
const uniqueKey = (name: string) => `{conv:counter-${process.pid}-${++n}}:${name}`;

/** `two()` gives two counters over one shared state (two instances); for memory, the same counter twice. */
export function describeAttemptCounterContract(name: string, two: () => [AttemptCounter, AttemptCounter] | Promise<[AttemptCounter, AttemptCounter]>): void {
  describe(`AttemptCounter contract: ${name}`, () => {
    it('counts from 0 per key, shared by both instances, and resets', async () => {
      const [a, b] = await two();
      const [k1, k2] = [uniqueKey('verify-failures'), uniqueKey('verify-failures')];
      expect(await a.get(k1)).toBe(0);
      expect(await a.increment(k1, 60_000)).toBe(1);
      expect(await b.increment(k1, 60_000)).toBe(2);
      expect(await a.increment(k1, 60_000)).toBe(3);
      expect(await b.get(k1)).toBe(3);
      expect(await b.get(k2)).toBe(0);
      await b.reset(k1);
      expect(await a.get(k1)).toBe(0);
      expect(await a.increment(k1, 60_000)).toBe(1);
      await a.reset(k2); // resetting an unknown key is fine
    });

    it('forgets a key once its period after the last failure has passed, and each failure restarts it', async () => {
      const [a, b] = await two();
      const key = uniqueKey('verify-failures');
      await a.increment(key, 300);
      await sleep(200);
      // a second failure before expiry restarts the period from now
      expect(await b.increment(key, 300)).toBe(2);
      await sleep(200);
      expect(await a.get(key)).toBe(2);
      await sleep(250);
      expect(await a.get(key)).toBe(0);
      expect(await b.increment(key, 300)).toBe(1);
    });

    it('counts 40 concurrent failures from two instances exactly once each', async () => {
      const [a, b] = await two();
      const key = uniqueKey('verify-failures');
      const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment(key, 60_000)));
      expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await a.get(key)).toBe(40);
    });
  });
}
