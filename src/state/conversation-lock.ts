/**
 * Per-conversation lock: turns of one conversation run one after another even when two messages
 * arrive at two instances at once, and waiting turns are served in the order they asked (so a
 * buyer's messages are answered, and transcribed, in the order they were sent). It orders work; it
 * does not guarantee it (a holder that stalls past `ttlMs` loses the lock), so the storage eTag stays
 * the fencing check that keeps a late writer from overwriting a newer state.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LuaScript, assertValidPrefix, prefixKey, redisCall, type RedisCommander, type RedisLogger } from './redis-client.js';
import { randomToken } from './random-token.js';

export interface LeaseOptions {
  /** The lock frees itself after this long, so a crashed holder cannot block the conversation. */
  ttlMs: number;
  /** How long to wait for a busy lock before giving up (0 = try once). */
  waitMs: number;
}

export interface Lease {
  /** Unique per acquisition (random for the shared lock); only the holder of this token can release the lock. */
  readonly token: string;
  /** Free the lock if this lease still holds it; a no-op once it expired and someone else took it. Never rejects. */
  release(): Promise<void>;
}

export interface ConversationLock {
  /** Resolves `undefined` when the lock stayed busy for `waitMs`. Waiters are granted first come, first served. */
  acquire(key: string, opts: LeaseOptions): Promise<Lease | undefined>;
}

function assertLeaseOptions({ ttlMs, waitMs }: LeaseOptions): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError('ttlMs must be a positive integer');
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError('waitMs must be a non-negative number');
}

const newToken = (): string => randomToken(16);

/** In-process tokens never leave the process: unique is enough, random bytes per turn are not needed. */
const processTag = randomBytes(6).toString('base64url');
let issued = 0;
const localToken = (): string => `${processTag}.${(issued = (issued + 1) % Number.MAX_SAFE_INTEGER)}`;

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
    const token = localToken();
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

// The fair lock. KEYS: the lock (holder's token, PX ttl), the queue (zset token → ticket), the
// waiters' deadlines (zset token → epoch ms by the server's clock) and the ticket counter. ARGV:
// token, ttl ms, how long a waiter's place is kept without it asking again, the waiter's ticket
// ('' the first time), '1' to join the queue when the lock is busy ('0' = try once).
// Returns { 1 } when granted, else { 0, ticket, places ahead }.
//
// Nobody waiting: a plain SET NX. Otherwise only the waiter with the lowest ticket may take the lock,
// so turns are served in the order they first asked. Waiters that stopped asking (gave up, or their
// instance died) are dropped once their deadline passes, so they cannot block the queue; a live
// waiter that was dropped (a long pause) comes back with its own ticket, so it keeps its place.
const ACQUIRE = new LuaScript(`
local token = ARGV[1]
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2]) then return { 1 } end
  if ARGV[5] ~= '1' then return { 0, 0, 0 } end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. now)
if #gone > 0 then
  redis.call('ZREM', KEYS[2], unpack(gone))
  redis.call('ZREM', KEYS[3], unpack(gone))
end
local ticket = redis.call('ZSCORE', KEYS[2], token)
if not ticket then
  if ARGV[5] ~= '1' then
    if redis.call('ZCARD', KEYS[2]) == 0 and redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2]) then return { 1 } end
    return { 0, 0, 0 }
  end
  ticket = tonumber(ARGV[4]) or redis.call('INCR', KEYS[4])
  redis.call('ZADD', KEYS[2], ticket, token)
end
local ahead = redis.call('ZRANK', KEYS[2], token)
if ahead == 0 and redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2]) then
  redis.call('ZREM', KEYS[2], token)
  redis.call('ZREM', KEYS[3], token)
  if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('DEL', KEYS[3], KEYS[4]) end
  return { 1 }
end
local keep = tonumber(ARGV[3])
redis.call('ZADD', KEYS[3], now + keep, token)
redis.call('PEXPIRE', KEYS[2], keep)
redis.call('PEXPIRE', KEYS[3], keep)
redis.call('PEXPIRE', KEYS[4], keep)
return { 0, tonumber(ticket), ahead }
`);

// A waiter that gives up leaves the queue at once (else it is dropped at its deadline).
const LEAVE = new LuaScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 0
`);

// Undo of an acquire whose reply never came (Redis hung): sent on the same connection right after it,
// so when Redis resumes it runs just after the queued acquire and frees whatever that one took. Sent
// with EVAL, not EVALSHA: a NOSCRIPT reply would arrive after our deadline, too late to resend.
const UNDO_SOURCE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 0
`;

export interface RedisConversationLockOptions {
  /** Same namespace as the storage, e.g. `asa` → `asa:{conv:42}:lock`. */
  prefix?: string;
  /** Release failures are logged here (the lock then frees itself after its TTL). */
  logger?: RedisLogger;
  /** First and largest pause between attempts while the lock is busy. Default 10 and 100 ms. */
  pollMinMs?: number;
  pollMaxMs?: number;
  /**
   * How long a waiter keeps its place in the queue without asking again; past it, it counts as gone
   * (gave up, or its instance died). Must be well above `pollMaxMs` plus a command's round trip.
   * Default 2000 ms.
   */
  placeKeptMs?: number;
}

/**
 * Lock shared by all instances, first come first served: a turn that finds the lock busy takes a
 * ticket (`INCR`) and waits in a per-conversation queue (a sorted set by ticket) until it is first
 * and the lock is free, polling with capped exponential backoff until `waitMs` runs out. The lock
 * itself stays `SET key token NX PX ttl` (a crashed holder frees it by TTL) and the storage eTag
 * stays the fencing check. All keys share the conversation's hash tag (one Cluster slot) and expire
 * when nobody waits. Redis failures reject with StorageUnavailableError, so a turn fails fast rather
 * than treating an outage as "busy".
 */
export class RedisConversationLock implements ConversationLock {
  private readonly prefix: string;
  private readonly pollMinMs: number;
  private readonly pollMaxMs: number;
  private readonly placeKeptMs: number;

  constructor(
    private readonly redis: RedisCommander,
    private readonly options: RedisConversationLockOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.pollMinMs = options.pollMinMs ?? 10;
    this.pollMaxMs = options.pollMaxMs ?? 100;
    this.placeKeptMs = options.placeKeptMs ?? 2000;
    if (!Number.isInteger(this.placeKeptMs) || this.placeKeptMs <= this.pollMaxMs) throw new RangeError('placeKeptMs must be an integer above pollMaxMs');
  }

  async acquire(key: string, opts: LeaseOptions): Promise<Lease | undefined> {
    assertLeaseOptions(opts);
    const lockKey = prefixKey(this.prefix, key);
    const queueKey = `${lockKey}:queue`;
    const waitingKey = `${lockKey}:waiting`;
    const keys = [lockKey, queueKey, waitingKey, `${lockKey}:tickets`];
    const token = newToken();
    const join = opts.waitMs > 0 ? '1' : '0';
    const deadline = performance.now() + opts.waitMs;
    let ticket = '';
    let ahead = Infinity;
    let pause = this.pollMinMs;
    for (;;) {
      let reply: unknown;
      try {
        reply = await redisCall('lock', () => ACQUIRE.run(this.redis, keys, [token, String(opts.ttlMs), String(this.placeKeptMs), ticket, join]));
      } catch (err) {
        // The command may still be queued on a hung connection and run when Redis resumes: the
        // undo queued behind it frees the lock at once instead of leaving it "busy" for its TTL.
        this.undo(keys, token);
        throw err;
      }
      if (!Array.isArray(reply)) throw new Error('Lock: unexpected script reply');
      const [granted, mine, places]: unknown[] = reply;
      if (granted === 1) return { token, release: () => this.release(lockKey, token) };
      if (join === '0') return undefined;
      if (typeof mine !== 'number' || typeof places !== 'number') throw new Error('Lock: unexpected script reply');
      ticket = String(mine);
      // The queue moved (the lock changed hands): our turn may be next, so ask again soon.
      if (places < ahead) pause = this.pollMinMs;
      ahead = places;
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        await this.leave(queueKey, waitingKey, token);
        return undefined;
      }
      await sleep(Math.min(pause + Math.random() * pause, remaining));
      pause = Math.min(pause * 2, this.pollMaxMs);
    }
  }

  private undo(keys: string[], token: string): void {
    redisCall('lock undo', () => this.redis.sendCommand(['EVAL', UNDO_SOURCE, '3', ...keys.slice(0, 3), token])).catch(() => {
      // Redis gone (connection closed): the queued acquire died with it, nothing to undo.
    });
  }

  private async leave(queueKey: string, waitingKey: string, token: string): Promise<void> {
    try {
      await redisCall('lock leave', () => LEAVE.run(this.redis, [queueKey, waitingKey], [token]));
    } catch (err) {
      this.options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'leaving the lock queue failed; the place lapses by itself');
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
