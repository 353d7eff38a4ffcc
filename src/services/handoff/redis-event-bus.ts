/**
 * Messages between instances for the shared handoff queue (Redis pub/sub). Publishing answers how
 * many subscribers received the message, so a sender can tell that nobody listens on a channel (the
 * instance it addressed is gone) and act itself instead.
 */
import type { RedisClusterConnection, RedisCommander } from '../../state/redis-client.js';
import type { RedisSubscriber } from '../../state/redis-subscriber.js';

export interface HandoffEventBus {
  /** Resolves with the number of subscribers that received the message (0: nobody listens). */
  publish(channel: string, message: string): Promise<number>;
  /** Keeps the subscription across reconnects (node-redis subscribes again on its own). */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * One Redis server: PUBLISH on the command connection, SUBSCRIBE on the process's subscriber
 * connection (shared with the other pub/sub users; its owner connects and closes it).
 */
export function redisEventBus(commander: RedisCommander, subscriber: RedisSubscriber): HandoffEventBus {
  return {
    async publish(channel, message) {
      return Number(await commander.sendCommand(['PUBLISH', channel, message]));
    },
    async subscribe(channel, onMessage) {
      await subscriber.subscribe(channel, (message) => onMessage(message));
    },
    async close() {
      // The subscriber connection belongs to whoever created it.
    },
  };
}

/**
 * Redis Cluster: sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7+), whose subscriber count is exact
 * within the channel's shard, unlike cluster-wide PUBLISH which counts one node's clients only (the
 * owner-is-gone fallback relies on that count). The cluster client keeps its own pub/sub connections.
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
