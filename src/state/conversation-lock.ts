/**
 * Per-conversation lock: turns of one conversation run one after another even when two messages
 * arrive at two instances at once. It orders work; it does not guarantee it (a holder that stalls
 * past `ttlMs` loses the lock), so the storage eTag stays the fencing check that keeps a late writer
 * from overwriting a newer state.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LuaScript, assertValidPrefix, prefixKey, redisCall, type RedisCommander, type RedisLogger } from './redis-client.js';

export interface LeaseOptions {
  /** The lock frees itself after this long, so a crashed holder cannot block the conversation. */
  ttlMs: number;
  /** How long to wait for a busy lock before giving up (0 = try once). */
  waitMs: number;
}

export interface Lease {
  /** Random per acquisition; only the holder of this token can release the lock. */
  readonly token: string;
  /** Free the lock if this lease still holds it; a no-op once it expired and someone else took it. Never rejects. */
  release(): Promise<void>;
}

export interface ConversationLock {
  /** Resolves `undefined` when the lock stayed busy for `waitMs`. */
  acquire(key: string, opts: LeaseOptions): Promise<Lease | undefined>;
}

function assertLeaseOptions({ ttlMs, waitMs }: LeaseOptions): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError('ttlMs must be a positive integer');
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError('waitMs must be a non-negative number');
}

const newToken = (): string => randomBytes(16).toString('base64url');

interface Waiter {
  ttlMs: number;
  grant(lease: Lease): void;
}

interface KeyState {
  holder: { token: string; expiry: NodeJS.Timeout } | undefined;
  waiters: Waiter[];
}

/** Single-process lock: a FIFO queue of waiters per key, granted in arrival order. */
export class MemoryConversationLock implements ConversationLock {
  private readonly keys = new Map<string, KeyState>();

  async acquire(key: string, opts: LeaseOptions): Promise<Lease | undefined> {
    assertLeaseOptions(opts);
    let state = this.keys.get(key);
    if (!state) {
      state = { holder: undefined, waiters: [] };
      this.keys.set(key, state);
    }
    if (!state.holder) return this.grant(key, state, opts.ttlMs);
    if (opts.waitMs === 0) return undefined;
    const queue = state;
    return new Promise<Lease | undefined>((resolve) => {
      const timer = setTimeout(() => {
        queue.waiters = queue.waiters.filter((w) => w !== waiter);
        this.forgetIfIdle(key, queue);
        resolve(undefined);
      }, opts.waitMs);
      const waiter: Waiter = {
        ttlMs: opts.ttlMs,
        grant: (lease) => {
          clearTimeout(timer);
          resolve(lease);
        },
      };
      queue.waiters.push(waiter);
    });
  }

  /** Keys currently tracked (held or waited on); lets tests check nothing leaks. */
  get size(): number {
    return this.keys.size;
  }

  private grant(key: string, state: KeyState, ttlMs: number): Lease {
    const token = newToken();
    const expiry = setTimeout(() => this.free(key, token), ttlMs);
    expiry.unref();
    state.holder = { token, expiry };
    return {
      token,
      release: async () => this.free(key, token),
    };
  }

  private free(key: string, token: string): void {
    const state = this.keys.get(key);
    if (!state || state.holder?.token !== token) return;
    clearTimeout(state.holder.expiry);
    state.holder = undefined;
    const next = state.waiters.shift();
    if (next) next.grant(this.grant(key, state, next.ttlMs));
    else this.forgetIfIdle(key, state);
  }

  private forgetIfIdle(key: string, state: KeyState): void {
    if (!state.holder && state.waiters.length === 0 && this.keys.get(key) === state) this.keys.delete(key);
  }
}

// Delete only if the lock still carries our token: an expired holder must not free its successor's lock.
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

export interface RedisConversationLockOptions {
  /** Same namespace as the storage, e.g. `asa` → `asa:{conv:42}:lock`. */
  prefix?: string;
  /** Release failures are logged here (the lock then frees itself after its TTL). */
  logger?: RedisLogger;
  /** First and largest pause between attempts while the lock is busy. Default 10 and 100 ms. */
  pollMinMs?: number;
  pollMaxMs?: number;
}

/**
 * Lock shared by all instances: `SET key token NX PX ttl`, polled with capped exponential backoff
 * (with jitter) until `waitMs` runs out. Redis failures reject with StorageUnavailableError, so a
 * turn fails fast rather than treating an outage as "busy".
 */
export class RedisConversationLock implements ConversationLock {
  private readonly prefix: string;
  private readonly pollMinMs: number;
  private readonly pollMaxMs: number;

  constructor(
    private readonly redis: RedisCommander,
    private readonly options: RedisConversationLockOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.pollMinMs = options.pollMinMs ?? 10;
    this.pollMaxMs = options.pollMaxMs ?? 100;
  }

  async acquire(key: string, opts: LeaseOptions): Promise<Lease | undefined> {
    assertLeaseOptions(opts);
    const redisKey = prefixKey(this.prefix, key);
    const token = newToken();
    const deadline = performance.now() + opts.waitMs;
    let pause = this.pollMinMs;
    for (;;) {
      const reply = await redisCall('lock', () =>
        this.redis.sendCommand(['SET', redisKey, token, 'NX', 'PX', String(opts.ttlMs)]),
      );
      if (reply === 'OK') return { token, release: () => this.release(redisKey, token) };
      const remaining = deadline - performance.now();
      if (remaining <= 0) return undefined;
      await sleep(Math.min(pause + Math.random() * pause, remaining));
      pause = Math.min(pause * 2, this.pollMaxMs);
    }
  }

  private async release(redisKey: string, token: string): Promise<void> {
    try {
      await redisCall('unlock', () => RELEASE.run(this.redis, [redisKey], [token]));
    } catch (err) {
      this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'lock release failed; it expires by TTL');
    }
  }
}
