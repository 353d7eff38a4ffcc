/**
 * Exactly-once side effects across instances: the first caller of a key claims it in Redis
 * (`SET NX`, a pending marker with a lease), runs the effect and stores its JSON result for
 * `ttlMs`; later or concurrent callers, on any instance, wait for that result instead of running the
 * effect again. A failing effect frees the claim so a retry may run it. A claim whose holder died
 * expires after `leaseMs`, after which a waiter takes over.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IdempotencyStore } from '../services/idempotency/idempotency-store.js';
import { assertValidPrefix, LuaScript, prefixKey, redisCall, type RedisCommander } from './redis-client.js';

export interface RedisIdempotencyStoreOptions {
  prefix?: string;
  /** How long a result is remembered. Default 24 hours. */
  ttlMs?: number;
  /** How long a claim lives without a result (the effect's own deadline plus margin). Default 30 s. */
  leaseMs?: number;
  /** Pause between looks while another caller runs the effect. Default 20 ms. */
  pollMs?: number;
}

export class IdempotencyPendingError extends Error {
  readonly code = 'IDEMPOTENCY_PENDING';
  constructor(key: string) {
    super(`Idempotency: "${key}" is still running elsewhere`);
    this.name = 'IdempotencyPendingError';
  }
}

/** Values: `P<token>` while running, `R<json>` once done. */
const PENDING = 'P';
const RESULT = 'R';

// Store the result only while our claim is still there (a late holder must not overwrite a successor's result).
const COMPLETE = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or v == false then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
`);

const ABANDON = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly redis: RedisCommander,
    options: RedisIdempotencyStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 20;
  }

  redisKey(key: string): string {
    return prefixKey(this.prefix, `idem:${key}`);
  }

  async run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T): Promise<T> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.execute(key, fn).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return parse(JSON.parse(await pending));
  }

  private async execute<T>(key: string, fn: () => Promise<T>): Promise<string> {
    const redisKey = this.redisKey(key);
    const claim = PENDING + randomBytes(12).toString('base64url');
    const deadline = performance.now() + this.leaseMs + 1000;
    for (;;) {
      const got = await redisCall('idempotency claim', () =>
        this.redis.sendCommand(['SET', redisKey, claim, 'NX', 'PX', String(this.leaseMs), 'GET']),
      );
      if (got === null) break; // claimed: we run it
      if (typeof got === 'string' && got.startsWith(RESULT)) return got.slice(RESULT.length);
      if (performance.now() > deadline) throw new IdempotencyPendingError(key);
      await sleep(this.pollMs);
    }
    let json: string;
    try {
      json = JSON.stringify(await fn()) ?? 'null';
    } catch (err) {
      await redisCall('idempotency abandon', () => ABANDON.run(this.redis, [redisKey], [claim])).catch(() => undefined);
      throw err;
    }
    await redisCall('idempotency complete', () => COMPLETE.run(this.redis, [redisKey], [claim, RESULT + json, String(this.ttlMs)]));
    return json;
  }
}
