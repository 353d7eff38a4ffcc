/**
 * With `REDIS_URL`, every shared piece of state lives in Redis: conversation records, transcripts,
 * locks, limits, idempotency keys, verification attempts, widget streams, the handoff queue and the
 * Teams stores, so several instances behind a load balancer serve one conversation.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { RedisActivityStreamStore } from '../channels/direct-line/redis-activity-stream-store.js';
import { redisTeamsStores } from '../channels/teams/redis-stores.js';
import { createRedisClient, createRedisClusterClient, type RedisCommander, type RedisHealth } from '../state/redis-client.js';
import { createRedisSubscriber, type RedisSubscriber } from '../state/redis-subscriber.js';
import { RedisStorage } from '../state/redis-storage.js';
import { RedisTranscriptStore } from '../state/redis-transcript-store.js';
import { RedisConversationLock, type ConversationLock } from '../state/conversation-lock.js';
import { RedisRateLimiter, type RateLimiter } from '../state/rate-limiter.js';
import { RedisIdempotencyStore } from '../services/idempotency/redis-idempotency-store.js';
import type { IdempotencyStore } from '../services/idempotency/idempotency-store.js';
import { RedisAttemptCounter } from '../services/verification/redis-attempt-counter.js';
import { RedisHandoffQueue } from '../services/handoff/redis-handoff-queue.js';
import { RedisUnansweredStore } from '../services/catalog/redis-unanswered-store.js';
import { redisClusterEventBus, redisEventBus, type HandoffEventBus } from '../services/handoff/redis-event-bus.js';
import type { WaitEstimateOptions } from '../services/handoff/wait-estimate.js';

export type HandoffQueueSetup = WaitEstimateOptions & { now: () => Date };

export interface SharedState {
  commander: RedisCommander;
  /** The handoff queue every instance shares (tickets, accept race, events routed to the ticket's instance). */
  handoffQueue(options: HandoffQueueSetup): RedisHandoffQueue;
  /** Teams stores every instance shares (agents' channel, ticket threads). */
  teamsStores: ReturnType<typeof redisTeamsStores>;
  storage: RedisStorage;
  transcripts: RedisTranscriptStore;
  lock: ConversationLock;
  limiter: RateLimiter;
  idempotency(namespace: string): IdempotencyStore;
  attempts: RedisAttemptCounter;
  streams: RedisActivityStreamStore;
  /** The seller's list of pre-sales questions nobody answered, from every instance. */
  unanswered: RedisUnansweredStore;
  health(): Promise<RedisHealth>;
  /** False while the connection is down (known at once after a kill; a hang needs `health`). */
  ready(): boolean;
  close(): Promise<void>;
}

/**
 * With `REDIS_URL`, every shared piece lives in Redis. Startup does not wait for Redis forever: if it
 * is unreachable the app still starts, reports not-ready on /readyz and answers turns with
 * `common:errors.storageUnavailable` until the background reconnect succeeds.
 */
export async function connectShared(config: Config, logger: Logger): Promise<SharedState | undefined> {
  if (!config.redisUrl) return undefined;
  const clientOptions = { commandTimeoutMs: config.redisCommandTimeoutMs, clientName: 'aftersales-assistant' };
  const prefix = config.redisKeyPrefix;
  const ttlMs = Math.round(config.stateTtlDays * 24 * 60 * 60 * 1000);
  let commander: RedisCommander;
  let health: () => Promise<RedisHealth>;
  let ready: () => boolean;
  let close: () => Promise<void>;
  let streamsSubscriber: RedisSubscriber;
  let handoffBus: HandoffEventBus;
  // Pub/sub (Direct Line streams) needs its own connection: a subscribed connection runs nothing else.
  const subscriberOptions = { ...clientOptions, clientName: 'aftersales-assistant-sub' };
  if (config.redisCluster) {
    const cluster = createRedisClusterClient(config.redisUrl.split(',').map((u) => u.trim()), logger, clientOptions);
    const subscriber = createRedisSubscriber(cluster, logger, subscriberOptions);
    await Promise.all([
      cluster.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis cluster not reachable at start')),
      subscriber.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis cluster subscriber not reachable at start')),
    ]);
    ({ commander, health } = cluster);
    ready = () => cluster.cluster.isReady;
    close = async () => {
      await subscriber.close();
      await cluster.close();
    };
    streamsSubscriber = subscriber;
    handoffBus = redisClusterEventBus(cluster);
  } else {
    const single = createRedisClient(config.redisUrl, logger, clientOptions);
    const subscriber = createRedisSubscriber(single, logger, subscriberOptions);
    await Promise.all([
      single.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis not reachable at start; will keep trying')),
      subscriber.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis subscriber not reachable at start; will keep trying')),
    ]);
    ({ commander, health } = single);
    ready = () => single.client.isReady;
    close = async () => {
      await subscriber.close();
      await single.close();
    };
    streamsSubscriber = subscriber;
    handoffBus = redisEventBus(single.commander, subscriber);
  }
  return {
    commander,
    handoffQueue(options) {
      const queue = new RedisHandoffQueue(commander, {
        ...options,
        prefix,
        bus: handoffBus,
        onError: (err, at) => logger.warn({ err: String(err), ...at }, 'handoff event not delivered'),
      });
      // Until subscribed (Redis down at start), other instances fire this instance's ticket events themselves.
      const subscribe = (): void => {
        queue.start().catch((err: unknown) => {
          logger.warn({ err: String(err) }, 'handoff events: not subscribed yet; retrying');
          setTimeout(subscribe, 5000).unref();
        });
      };
      subscribe();
      return queue;
    },
    teamsStores: redisTeamsStores(commander, { prefix }),
    storage: new RedisStorage(commander, { prefix, ttlMs, cluster: config.redisCluster }),
    transcripts: new RedisTranscriptStore(commander, { prefix, ttlMs }),
    lock: new RedisConversationLock(commander, { prefix, logger }),
    limiter: new RedisRateLimiter(commander, { prefix }),
    idempotency: (namespace) => new RedisIdempotencyStore(commander, { prefix: `${prefix}:${namespace}` }),
    attempts: new RedisAttemptCounter(commander, { prefix }),
    streams: new RedisActivityStreamStore(commander, streamsSubscriber, { prefix, ttlMs, logger }),
    unanswered: new RedisUnansweredStore(commander, { prefix }),
    health,
    ready,
    close,
  };
}
