/**
 * Fixed-window rate limits (per IP, per conversation): at most `limit` hits per `windowMs`, the
 * window starting at the first hit. Fixed windows are cheap (one counter per key) at the price of
 * allowing up to 2×limit across a window boundary, which is fine for abuse protection.
 */
import { LuaScript, assertValidPrefix, prefixKey, redisCall, type RedisCommander } from './redis-client.js';

export interface RateLimitResult {
  allowed: boolean;
  /** Hits still allowed in the current window. */
  remaining: number;
  /** When denied: how long until the window resets (for a Retry-After header); 0 when allowed. */
  retryAfterMs: number;
}

export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}

function assertLimits(limit: number, windowMs: number): void {
  if (!Number.isInteger(limit) || limit <= 0) throw new RangeError('limit must be a positive integer');
  if (!Number.isInteger(windowMs) || windowMs <= 0) throw new RangeError('windowMs must be a positive integer');
}

function result(count: number, limit: number, resetInMs: number): RateLimitResult {
  const allowed = count <= limit;
  return { allowed, remaining: Math.max(0, limit - count), retryAfterMs: allowed ? 0 : Math.max(0, resetInMs) };
}

export interface MemoryRateLimiterOptions {
  /** Clock in epoch ms; injected so tests can move time. */
  now?: () => number;
  /** Past this many tracked keys, expired ones are swept on the next hit. Default 10 000. */
  sweepAbove?: number;
}

/** Single-process limiter. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly now: () => number;
  private readonly sweepAbove: number;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sweepAbove = options.sweepAbove ?? 10_000;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    assertLimits(limit, windowMs);
    const now = this.now();
    if (this.windows.size > this.sweepAbove) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return result(window.count, limit, window.resetAt - now);
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}

// INCR and start the window's expiry in one step; a counter without expiry (PTTL -1) gets one too,
// so a key can never be stuck forever. Returns { count, ms until reset }.
const HIT = new LuaScript(`
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return { count, ttl }
`);

export interface RedisRateLimiterOptions {
  /** Same namespace as the storage, e.g. `asa` → `asa:ip:203.0.113.7:rate`. */
  prefix?: string;
}

/** Limiter shared by all instances; the window is measured by the Redis server's clock. */
export class RedisRateLimiter implements RateLimiter {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisCommander,
    options: RedisRateLimiterOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    assertLimits(limit, windowMs);
    const reply = await redisCall('rate limit', () => HIT.run(this.redis, [prefixKey(this.prefix, key)], [String(windowMs)]));
    if (!Array.isArray(reply)) throw new Error('Rate limiter: unexpected script reply');
    const [count, ttl]: unknown[] = reply;
    if (typeof count !== 'number' || typeof ttl !== 'number') throw new Error('Rate limiter: unexpected script reply');
    return result(count, limit, ttl);
  }
}
