/**
 * The pub/sub side of the Redis connection (handoff events, Direct Line activity streams): a
 * dedicated connection with the command connection's fail-fast rules, on one server or on Cluster.
 */
import {
  closeClient,
  connectOnce,
  redisCall,
  watchConnection,
  withDeadline,
  type RedisClientOptions,
  type RedisClusterConnection,
  type RedisConnection,
  type RedisLogger,
} from './redis-client.js';

/** A pub/sub message handler: the payload and the channel it came on. */
export type RedisMessageListener = (message: string, channel: string) => void;

/**
 * A dedicated pub/sub connection. A connection in subscriber mode can run nothing else, so it never
 * shares the command connection; one per process is enough (channels fan out to local listeners).
 */
export interface RedisSubscriber {
  /** Resolves once Redis confirmed the subscription; STORAGE_UNAVAILABLE while Redis is down. */
  subscribe(channel: string, listener: RedisMessageListener): Promise<void>;
  unsubscribe(channel: string, listener: RedisMessageListener): Promise<void>;
  /**
   * Called each time the connection is ready again after an outage. Channels are resubscribed by
   * then, but messages published meanwhile are gone: callers re-read what they may have missed.
   */
  onReconnect(callback: () => void): void;
  /** Same contract as `RedisConnection.connect`. */
  connect(waitMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The subscriber connection for a command connection: `duplicate()` keeps its fail-fast options
 * (no offline queue, reconnect backoff), and node-redis resubscribes every channel on reconnect.
 */
export function createRedisSubscriber(source: RedisConnection | RedisClusterConnection, logger?: RedisLogger, options: RedisClientOptions = {}): RedisSubscriber {
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const reconnectCallbacks: (() => void)[] = [];
  let down = false;
  const onError = () => {
    down = true;
  };
  const onReady = () => {
    if (!down) return;
    down = false;
    for (const callback of reconnectCallbacks) callback();
  };
  const deadline = <T>(operation: string, call: () => Promise<T>): Promise<T> => withDeadline(operation, call, timeoutMs);

  if ('client' in source) {
    const client = source.client.duplicate(options.clientName === undefined ? {} : { name: options.clientName });
    watchConnection(client, logger);
    client.on('error', onError);
    client.on('ready', onReady);
    return {
      subscribe: (channel, listener) => deadline('SUBSCRIBE', () => client.subscribe(channel, listener)),
      unsubscribe: (channel, listener) => deadline('UNSUBSCRIBE', () => client.unsubscribe(channel, listener)),
      onReconnect: (callback) => void reconnectCallbacks.push(callback),
      connect: connectOnce(client, 'redis subscriber connect aborted', logger),
      close: () => closeClient(client),
    };
  }
  const cluster = source.cluster.duplicate();
  watchConnection(cluster, logger);
  cluster.on('error', onError);
  cluster.on('node-ready', onReady);
  // The cluster's unsubscribe takes listeners for either payload type: keep one wrapper per listener.
  const wrapped = new WeakMap<RedisMessageListener, (message: string | Buffer, channel: string | Buffer) => void>();
  const wrap = (listener: RedisMessageListener) => {
    let fn = wrapped.get(listener);
    if (!fn) {
      fn = (message, channel) => listener(String(message), String(channel));
      wrapped.set(listener, fn);
    }
    return fn;
  };
  return {
    subscribe: (channel, listener) => deadline('SUBSCRIBE', () => cluster.subscribe(channel, wrap(listener))),
    unsubscribe: (channel, listener) => deadline('UNSUBSCRIBE', () => cluster.unsubscribe(channel, wrap(listener))),
    onReconnect: (callback) => void reconnectCallbacks.push(callback),
    async connect() {
      await redisCall('connect', () => cluster.connect());
    },
    async close() {
      if (cluster.isOpen) await cluster.close();
    },
  };
}
