import { describe, expect, it } from 'vitest';
import { retryAfterMs, RetryExhaustedError, withRetry } from '../../../src/channels/teams/retry.js';

/** Shaped like @azure/core-rest-pipeline's RestError (what the connector client throws). */
function restError(statusCode: number, retryAfter?: string) {
  const headers = new Map<string, string>(retryAfter ? [['retry-after', retryAfter]] : []);
  return Object.assign(new Error(`status ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => headers.get(n.toLowerCase()) } } });
}

describe('withRetry', () => {
  it('waits what Retry-After says on 429, then succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const out = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw restError(429, '3');
        return 'ok';
      },
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(out).toBe('ok');
    expect(sleeps).toEqual([3000]);
  });

  it('backs off exponentially on 502/504 without Retry-After, bounded by attempts', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw restError(calls % 2 ? 502 : 504);
        },
        { attempts: 3, baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
      ),
    ).rejects.toBeInstanceOf(RetryExhaustedError);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('does not retry other errors, and caps a huge Retry-After', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw restError(403); })).rejects.toThrow('status 403');
    expect(calls).toBe(1);
    const sleeps: number[] = [];
    let n = 0;
    await withRetry(async () => { if (n++ === 0) throw restError(429, '86400'); }, { maxDelayMs: 5000, sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps).toEqual([5000]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(retryAfterMs('1.5', now)).toBe(1500);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
