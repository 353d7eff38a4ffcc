import { describe, expect, it } from 'vitest';
import { InMemoryAttemptCounter } from '../../../src/services/verification/index.js';
import { describeAttemptCounterContract } from './attempt-counter-contract.js';

describeAttemptCounterContract('InMemoryAttemptCounter', () => {
  const counter = new InMemoryAttemptCounter();
  return [counter, counter];
});

describe('InMemoryAttemptCounter stays bounded', () => {
  it('sweeps expired keys before it needs to forget anything', async () => {
    let now = 0;
    const counter = new InMemoryAttemptCounter(() => now, { maxKeys: 3 });
    await counter.increment('a', 1000);
    await counter.increment('b', 1000);
    now = 500;
    await counter.increment('c', 1000);
    now = 1000; // a and b expired, c has 500 ms left
    await counter.increment('d', 1000);
    await counter.increment('e', 1000);
    expect(counter.size).toBe(3);
    expect(await counter.get('c')).toBe(1);
    expect(await counter.get('d')).toBe(1);
  });

  it('under a flood of guessed ids keeps at most maxKeys, dropping the oldest failures first', async () => {
    const now = 0;
    const counter = new InMemoryAttemptCounter(() => now, { maxKeys: 100 });
    await counter.increment('{conv:attacker}:verify-failures', 60_000);
    for (let i = 0; i < 10_000; i++) {
      await counter.increment(`verify-failures:order:guess-${i}`, 60_000);
      // the attacker's own conversation counter is refreshed by every failure, so it is never the oldest
      if (i % 50 === 0) await counter.increment('{conv:attacker}:verify-failures', 60_000);
    }
    expect(counter.size).toBe(100);
    expect(await counter.get('{conv:attacker}:verify-failures')).toBe(201);
    expect(await counter.get('verify-failures:order:guess-9999')).toBe(1);
    expect(await counter.get('verify-failures:order:guess-0')).toBe(0);
  });

  it('refuses a maxKeys that is not a positive integer', () => {
    expect(() => new InMemoryAttemptCounter(Date.now, { maxKeys: 0 })).toThrow(RangeError);
  });
});
