/**
 * Exactly-once side effects across instances: the first caller of a key claims it in Redis
 * (`SET NX`, a pending marker with a lease), runs the effect and stores its JSON result for
 * `ttlMs`; later or concurrent callers, on any instance, wait for that result instead of running the
 * effect again. A failing effect frees the claim so a retry may run it. A claim whose holder died
 * expires after `leaseMs`, after which a waiter takes over. A result carries the fingerprint of the
 * request that produced it: the same key with a different request fails with IdempotencyConflictError.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  assertSameRequest,
  requestFingerprint,
  type IdempotencyRunOptions,
  type IdempotencyStore,
} from './idempotency-store.js';
import { assertValidPrefix, LuaScript, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';

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

/**
 * Values: `P<token>` while running; once done `R#<fingerprint><json>` (43-character fingerprint), or
 * `R<json>` for a call that named no request (and for results stored before fingerprints).
 */
const PENDING = 'P';
const RESULT = 'R';
const STAMP = '#';
const FINGERPRINT_LENGTH = 43;

function storedResult(json: string, fp: string | undefined): string {
  return fp === undefined ? RESULT + json : RESULT + STAMP + fp + json;
}

/** A stored `R...` value back to its JSON and fingerprint (JSON never starts with '#'). */
function parseResult(value: string): { json: string; fp: string | undefined } {
  const body = value.slice(RESULT.length);
  if (!body.startsWith(STAMP)) return { json: body, fp: undefined };
  const start = STAMP.length + FINGERPRINT_LENGTH;
  return { json: body.slice(start), fp: body.slice(STAMP.length, start) };
}

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
  private readonly inflight = new Map<string, { fp: string | undefined; result: Promise<string> }>();

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

  async run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T, options?: IdempotencyRunOptions): Promise<T> {
    const fp = requestFingerprint(options);
    let pending = this.inflight.get(key);
    if (pending) assertSameRequest(key, pending.fp, fp);
    else {
      pending = { fp, result: this.execute(key, fn, fp).finally(() => this.inflight.delete(key)) };
      this.inflight.set(key, pending);
    }
    return parse(JSON.parse(await pending.result));
  }

  private async execute<T>(key: string, fn: () => Promise<T>, fp: string | undefined): Promise<string> {
    const redisKey = this.redisKey(key);
    const claim = PENDING + randomBytes(12).toString('base64url');
    const deadline = performance.now() + this.leaseMs + 1000;
    for (;;) {
      const got = await redisCall('idempotency claim', () =>
        this.redis.sendCommand(['SET', redisKey, claim, 'NX', 'PX', String(this.leaseMs), 'GET']),
      );
      if (got === null) break; // claimed: we run it
      if (typeof got === 'string' && got.startsWith(RESULT)) {
        const done = parseResult(got);
        assertSameRequest(key, done.fp, fp);
        return done.json;
      }
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
    await redisCall('idempotency complete', () => COMPLETE.run(this.redis, [redisKey], [claim, storedResult(json, fp), String(this.ttlMs)]));
    return json;
  }
}
