/**
 * Verification failure counters in Redis, so the lockout holds across instances: a buyer guessing
 * order ids cannot spread attempts over instances behind the load balancer. Each counter is one
 * integer key with a sliding expiry (every failure restarts it), measured by the Redis server.
 */
import type { AttemptCounter } from './attempt-counter.js';
import { assertValidPrefix, LuaScript, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';

// INCR and restart the expiry in one step, so a counter can never be left without one.
const INCREMENT = new LuaScript(`
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return count
`);

export interface RedisAttemptCounterOptions {
  /** Same namespace as the storage, e.g. `asa` → `asa:{conv:42}:verify-failures`. */
  prefix?: string;
}

export class RedisAttemptCounter implements AttemptCounter {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisCommander,
    options: RedisAttemptCounterOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
  }

  redisKey(key: string): string {
    return prefixKey(this.prefix, key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError('ttlMs must be a positive integer');
    const reply = await redisCall('attempt count', () => INCREMENT.run(this.redis, [this.redisKey(key)], [String(ttlMs)]));
    if (typeof reply !== 'number') throw new Error('Attempt counter: unexpected script reply');
    return reply;
  }

  async get(key: string): Promise<number> {
    const reply = await redisCall('attempt count', () => this.redis.sendCommand(['GET', this.redisKey(key)]));
    if (reply === null) return 0;
    const count = typeof reply === 'string' ? Number(reply) : NaN;
    if (!Number.isInteger(count)) throw new Error(`Attempt counter: "${key}" does not hold a count`);
    return count;
  }

  async reset(key: string): Promise<void> {
    await redisCall('attempt reset', () => this.redis.sendCommand(['DEL', this.redisKey(key)]));
  }
}
