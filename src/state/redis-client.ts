/**
 * One Redis connection for every shared piece (storage, locks, rate limits), configured to fail
 * fast: while Redis is down or reconnecting, commands are rejected at once (no offline queue), and
 * a command that gets no reply within `commandTimeoutMs` is rejected too (one deadline here covers
 * the wait and the reply, so a hung server cannot hang the turn; node-redis' own per-command timer
 * is switched off). Callers see `StorageUnavailableError` (code
 * STORAGE_UNAVAILABLE) within about a second instead of a turn that hangs until Redis comes back.
 * Reconnection runs in the background with capped exponential backoff and never gives up, so the
 * process recovers on its own after a Redis restart.
 */
import { createHash } from 'node:crypto';
import { createClient, createCluster, ErrorReply, RESP_TYPES } from 'redis';
import type { Logger } from '../logger.js';
import { StorageUnavailableError } from './storage.js';

// Key naming and hash slots live in redis-keys.ts; re-exported here for the stores that import them with the client.
export { assertValidPrefix, keySlot, prefixKey } from './redis-keys.js';

/** The few logger methods used here, so tests can pass a plain recorder or a pino child. */
export type RedisLogger = Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>;

/**
 * The only client surface the storage, lock and limiter need. Raw commands keep them independent of
 * node-redis' module typings, and the same classes run on one server or on Cluster.
 */
/** A command argument: text, or bytes for values stored as they are (binary-safe). */
export type RedisArg = string | Buffer;

export interface CommandOptions {
  /** Bulk strings of the reply come back as Buffers (stored bytes), not decoded as UTF-8. */
  buffers?: boolean;
}

export interface RedisCommander {
  sendCommand(args: ReadonlyArray<RedisArg>, options?: CommandOptions): Promise<unknown>;
}

const AS_BUFFERS = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };

export interface RedisClientOptions {
  /** A command without a reply after this long fails with STORAGE_UNAVAILABLE. Default 1000. */
  commandTimeoutMs?: number;
  /** Commands in flight at most (bounds memory while a hung server answers nothing). Default 10 000. */
  maxPendingCommands?: number;
  /** TCP connect timeout per attempt. Default 1000. */
  connectTimeoutMs?: number;
  /** Backoff cap between reconnect attempts. Default 2000. */
  maxReconnectDelayMs?: number;
  /** Shown in CLIENT LIST, helps when several instances share one Redis. */
  clientName?: string;
}

export type RedisHealth = { ok: true; latencyMs: number } | { ok: false; error: string };

function buildClient(url: string, options: RedisClientOptions) {
  const maxDelay = options.maxReconnectDelayMs ?? 2000;
  return createClient({
    url,
    ...(options.clientName === undefined ? {} : { name: options.clientName }),
    // Reject instead of queueing while disconnected: a queued command would hang the turn.
    disableOfflineQueue: true,
    commandsQueueMaxLength: options.maxPendingCommands ?? 10_000,
    // No per-command timer in the client: `withDeadline` below bounds every call (the wait before it
    // is written and the reply) with one timer. Left out, node-redis 6 arms its own 5 s timeout on
    // every command, with an abort signal each: ~10 % of a Redis turn's CPU under load.
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 1000,
      // 50, 100, 200 ... ms up to the cap, plus jitter so many instances do not reconnect in lockstep.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, maxDelay) + Math.floor(Math.random() * 100),
    },
  });
}

/** The node-redis client as configured by `createRedisClient` (for other Redis-backed stores). */
export type AppRedisClient = ReturnType<typeof buildClient>;

export interface RedisConnection {
  readonly client: AppRedisClient;
  /**
   * Raw-command view of `client` for RedisStorage, RedisConversationLock and RedisRateLimiter, with
   * the reply deadline and STORAGE_UNAVAILABLE mapping applied.
   */
  readonly commander: RedisCommander;
  /**
   * Run typed client calls under the same rules (deadline, error mapping), for other Redis-backed
   * stores: `redis.run('transcript append', (c) => c.rPush(key, json))`.
   */
  run<T>(operation: string, call: (client: AppRedisClient) => Promise<T>): Promise<T>;
  /**
   * Start connecting; resolves when ready. Rejects with StorageUnavailableError after `waitMs`
   * (default 2000) while reconnection continues in the background, so the app can start and
   * report not-ready on /readyz instead of refusing to boot.
   */
  connect(waitMs?: number): Promise<void>;
  /** PING with the command timeout, for /readyz. Never throws. */
  health(): Promise<RedisHealth>;
  close(): Promise<void>;
}

/** Create the shared client. Errors are logged, never thrown at the process (no crash on 'error'). */
export function createRedisClient(url: string, logger?: RedisLogger, options: RedisClientOptions = {}): RedisConnection {
  const client = buildClient(url, options);
  watchConnection(client, logger);

  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const run = <T>(operation: string, call: (c: AppRedisClient) => Promise<T>): Promise<T> =>
    withDeadline(operation, () => call(client), timeoutMs);
  const commander: RedisCommander = {
    sendCommand: (args, options) => run(String(args[0]), (c) => c.sendCommand(args, options?.buffers ? AS_BUFFERS : undefined)),
  };

  return {
    client,
    commander,
    run,
    connect: connectOnce(client, 'redis connect aborted', logger),
    async health() {
      const started = performance.now();
      try {
        const reply = await commander.sendCommand(['PING']);
        if (reply !== 'PONG') return { ok: false, error: `unexpected PING reply ${String(reply)}` };
        return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
      } catch (err) {
        return { ok: false, error: describe(err) };
      }
    },
    close: () => closeClient(client),
  };
}

/** The part of a single-server client that connecting and closing need (command or subscriber connection). */
interface SingleClient {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  destroy(): void;
}

/**
 * `connect(waitMs)` for a single-server client: one connection attempt shared by every caller, each
 * caller giving up with StorageUnavailableError after `waitMs` (the attempt itself goes on retrying).
 */
export function connectOnce(client: SingleClient, abortedMessage: string, logger?: RedisLogger): (waitMs?: number) => Promise<void> {
  let connecting: Promise<void> | undefined;
  return async (waitMs = 2000) => {
    if (client.isReady) return;
    if (!connecting) {
      connecting = client.connect().then(() => undefined);
      // Only rejects when the client is closed while connecting; nothing to report then.
      connecting.catch((err: unknown) => logger?.debug({ err: describe(err) }, abortedMessage));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageUnavailableError(`Redis not reachable within ${waitMs} ms`)), waitMs);
    });
    try {
      await Promise.race([connecting, timeout]);
    } catch (err) {
      throw toStorageError(err, 'connect');
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Close a single-server client: politely when ready, at once while it is still (re)connecting. */
export async function closeClient(client: SingleClient): Promise<void> {
  if (client.isReady) await client.close();
  else if (client.isOpen) client.destroy();
}

interface ConnectionEvents {
  on(event: 'error', listener: (err: unknown) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

/** Log outages once and recoveries once; an 'error' listener also keeps the process alive. */
export function watchConnection(emitter: ConnectionEvents, logger: RedisLogger | undefined): void {
  let down = false;
  emitter.on('error', (err: unknown) => {
    // Every failed reconnect attempt emits 'error'; log the first one loudly, the rest quietly.
    const msg = describe(err);
    if (!down) logger?.error({ err: msg }, 'redis connection error');
    else logger?.debug({ err: msg }, 'redis still unavailable');
    down = true;
  });
  emitter.on('ready', () => {
    if (down) logger?.info('redis connection restored');
    down = false;
  });
}

function buildCluster(urls: readonly string[], options: RedisClientOptions) {
  const maxDelay = options.maxReconnectDelayMs ?? 2000;
  return createCluster({
    rootNodes: urls.map((url) => ({ url })),
    defaults: {
      disableOfflineQueue: true,
      commandsQueueMaxLength: options.maxPendingCommands ?? 10_000,
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 1000,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, maxDelay) + Math.floor(Math.random() * 100),
      },
    },
  });
}

export type AppRedisCluster = ReturnType<typeof buildCluster>;

export interface RedisClusterConnection {
  readonly cluster: AppRedisCluster;
  /** Routes each command by its first key; use with `RedisStorage({ cluster: true })`. */
  readonly commander: RedisCommander;
  run<T>(operation: string, call: (cluster: AppRedisCluster) => Promise<T>): Promise<T>;
  /** Discover the topology; rejects with StorageUnavailableError when no root node answers. */
  connect(): Promise<void>;
  health(): Promise<RedisHealth>;
  close(): Promise<void>;
}

/** The routing key of a raw command: the first KEYS entry for EVAL/EVALSHA, else the first argument. */
function firstKey(args: ReadonlyArray<RedisArg>): RedisArg | undefined {
  const name = String(args[0]).toUpperCase();
  if (name === 'EVAL' || name === 'EVALSHA') return Number(args[2]) > 0 ? args[3] : undefined;
  if (name === 'PING') return undefined;
  return args[1];
}

/**
 * Same fail-fast rules on Redis Cluster. Every command here touches one key or keys of one slot
 * (RedisStorage with `cluster: true` groups batches by slot), so routing by the first key is exact.
 */
export function createRedisClusterClient(urls: readonly string[], logger?: RedisLogger, options: RedisClientOptions = {}): RedisClusterConnection {
  const cluster = buildCluster(urls, options);
  watchConnection(cluster, logger);
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const run = <T>(operation: string, call: (c: AppRedisCluster) => Promise<T>): Promise<T> =>
    withDeadline(operation, () => call(cluster), timeoutMs);
  const commander: RedisCommander = {
    sendCommand: (args, options) => run(String(args[0]), (c) => c.sendCommand(firstKey(args), false, [...args], options?.buffers ? AS_BUFFERS : undefined)),
  };
  return {
    cluster,
    commander,
    run,
    async connect() {
      await redisCall('connect', () => cluster.connect());
    },
    async health() {
      const started = performance.now();
      try {
        const reply = await commander.sendCommand(['PING']);
        if (reply !== 'PONG') return { ok: false, error: `unexpected PING reply ${String(reply)}` };
        return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
      } catch (err) {
        return { ok: false, error: describe(err) };
      }
    },
    async close() {
      if (cluster.isOpen) await cluster.close();
    },
  };
}

/**
 * One Redis call with the reply deadline and the error mapping of `redisCall`: rejects with
 * StorageUnavailableError when no reply arrives in time. The command itself stays queued and its
 * late reply is still consumed in order, so the connection stays consistent; the late settlement is
 * handled and ignored. One promise and one timer per call (every turn sends several commands: a
 * race, a `finally` and an async wrapper each allocated ~2 KB per command).
 */
export function withDeadline<T>(operation: string, call: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (err) {
      reject(toStorageError(err, operation));
      return;
    }
    const timer = setTimeout(() => reject(new StorageUnavailableError(`Redis did not answer ${operation} within ${ms} ms`)), ms);
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(toStorageError(err, operation));
      },
    );
  });
}

/** Server replies that mean "not now" rather than "bad command". */
const UNAVAILABLE_REPLIES = ['LOADING', 'BUSY', 'MASTERDOWN', 'CLUSTERDOWN', 'TRYAGAIN', 'READONLY', 'OOM', 'NOREPLICAS'];

/**
 * Map a client failure to StorageUnavailableError. Anything that is not a server reply is a transport
 * problem (offline, closed, timed out, socket reset); server replies stay as they are (they are bugs),
 * except the ones that say the server cannot serve right now.
 */
export function toStorageError(err: unknown, operation: string): Error {
  if (err instanceof StorageUnavailableError) return err;
  if (err instanceof ErrorReply) {
    const prefix = err.message.split(' ', 1)[0] ?? '';
    if (UNAVAILABLE_REPLIES.includes(prefix)) {
      return new StorageUnavailableError(`Redis cannot serve ${operation}: ${err.message}`, { cause: err });
    }
    return err;
  }
  return new StorageUnavailableError(`Redis unavailable during ${operation}: ${describe(err)}`, { cause: err });
}

/** Run one Redis call and translate transport failures. */
export async function redisCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toStorageError(err, operation);
  }
}

/** A Lua script sent by SHA1 (EVALSHA) and re-sent in full only when the server lost its script cache. */
export class LuaScript {
  readonly sha1: string;
  constructor(readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: RedisCommander, keys: readonly string[], args: readonly RedisArg[], options?: CommandOptions): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await redis.sendCommand(['EVALSHA', this.sha1, ...tail], options);
    } catch (err) {
      // After a restart or SCRIPT FLUSH the cache is empty; EVAL loads it again for next time.
      if (!(err instanceof ErrorReply) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.sendCommand(['EVAL', this.source, ...tail], options);
    }
  }
}

/** A short text for a log line: the error's message (or name), or the value itself. */
export function describe(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
