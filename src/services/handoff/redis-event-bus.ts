/**
 * Messages between instances for the shared handoff queue (Redis pub/sub). Publishing answers how
 * many subscribers received the message, so a sender can tell that nobody listens on a channel (the
 * instance it addressed is gone) and act itself instead.
 */
import type { RedisClusterConnection, RedisConnection } from '../../state/redis-client.js';
import { redisCall } from '../../state/redis-client.js';

export interface HandoffEventBus {
  /** Resolves with the number of subscribers that received the message (0: nobody listens). */
  publish(channel: string, message: string): Promise<number>;
  /** Keeps the subscription across reconnects (node-redis subscribes again on its own). */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * One Redis server: PUBLISH on the shared connection, SUBSCRIBE on a dedicated one (a subscribed
 * connection can run nothing else). The subscriber connects lazily, on the first `subscribe`.
 */
export function redisEventBus(connection: RedisConnection): HandoffEventBus {
  let subscriber: ReturnType<RedisConnection['client']['duplicate']> | undefined;
  return {
    async publish(channel, message) {
      return Number(await connection.commander.sendCommand(['PUBLISH', channel, message]));
    },
    async subscribe(channel, onMessage) {
      if (!subscriber) {
        subscriber = connection.client.duplicate();
        // Keeps the process alive on connection errors; node-redis reconnects on its own.
        subscriber.on('error', () => undefined);
      }
      const sub = subscriber;
      await redisCall('handoff subscribe', async () => {
        if (!sub.isOpen) await sub.connect();
        await sub.subscribe(channel, (message) => onMessage(message));
      });
    },
    async close() {
      const sub = subscriber;
      subscriber = undefined;
      if (sub?.isReady) await sub.close();
      else if (sub?.isOpen) sub.destroy();
    },
  };
}

/**
 * Redis Cluster: sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7+), whose subscriber count is exact
 * within the channel's shard, unlike cluster-wide PUBLISH which counts one node's clients only.
 */
export function redisClusterEventBus(connection: RedisClusterConnection): HandoffEventBus {
  return {
    async publish(channel, message) {
      return Number(await connection.commander.sendCommand(['SPUBLISH', channel, message]));
    },
    async subscribe(channel, onMessage) {
      await connection.run('handoff subscribe', (c) => c.sSubscribe(channel, (message) => onMessage(message)));
    },
    async close() {
      // The cluster client owns its pub/sub connections and closes them with itself.
    },
  };
}
