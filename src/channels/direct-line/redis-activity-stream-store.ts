/**
 * Direct Line activity streams in Redis, so the instance holding a buyer's WebSocket pushes replies
 * produced by any other instance, and a reconnect to any instance gets the backlog.
 *
 * Keys share the conversation's hash tag (one Cluster slot with its record, lock and transcript):
 * - `<prefix>:{conv:<id>}:dl:meta`: hash with `seq`, the watermark of the newest activity (the
 *   marker `open` and `exists` use);
 * - `<prefix>:{conv:<id>}:dl:activities`: list of the newest activities as JSON (LTRIM cap);
 * - channel `<prefix>:{conv:<id>}:dl:events`: `{"w":<watermark>,"a":<activity>}` per append.
 *
 * A Lua script increments `seq`, pushes, trims, refreshes the TTL and publishes in one step, so
 * watermarks are gap-free across instances and messages are published in watermark order. Trimming
 * keeps watermarks valid (the first kept item has watermark `seq - length + 1`), as the memory store.
 *
 * One subscriber connection per process carries every conversation this process streams; each
 * channel fans out to the local listeners. Pub/sub drops messages while the subscriber is
 * reconnecting, so a watermark gap (or the connection coming back) is filled from the list.
 */
import type { Logger } from '../../logger.js';
import { assertValidPrefix, LuaScript, prefixKey, type RedisCommander } from '../../state/redis-client.js';
import type { RedisSubscriber } from '../../state/redis-subscriber.js';
import type { ActivityListener, ActivityPage, ActivityStreamStore, DirectLineActivity } from './activity-stream-store.js';

export interface RedisActivityStreamStoreOptions {
  /** Same namespace as the other Redis stores, e.g. `asa`. */
  prefix?: string;
  /** Expire a conversation's stream this long after its last append (0 = never). */
  ttlMs?: number;
  /** Oldest activities are dropped past this many (watermarks stay valid). Default 1000. */
  maxActivitiesPerConversation?: number;
  logger?: Pick<Logger, 'warn' | 'debug'>;
}

/** KEYS: meta, list. ARGV: activity JSON, max length, ttl ms, channel. Returns the new watermark. */
const APPEND = new LuaScript(`
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[4], '{"w":' .. seq .. ',"a":' .. ARGV[1] .. '}')
return seq
`);

/** KEYS: meta, list. ARGV: watermark, limit. Returns {seq, first watermark, items...} read atomically. */
const LIST = new LuaScript(`
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
local len = redis.call('LLEN', KEYS[2])
local offset = seq - len
local start = tonumber(ARGV[1]) - offset
if start < 0 then start = 0 end
local items = redis.call('LRANGE', KEYS[2], start, start + tonumber(ARGV[2]) - 1)
table.insert(items, 1, offset + start + 1)
table.insert(items, 1, seq)
return items
`);

/** KEYS: meta. ARGV: ttl ms. 1 when this call opened the conversation. */
const OPEN = new LuaScript(`
local created = redis.call('HSETNX', KEYS[1], 'seq', 0)
local ttl = tonumber(ARGV[1])
if created == 1 and ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return created
`);

interface LocalChannel {
  readonly conversationId: string;
  readonly listeners: Set<ActivityListener>;
  /** Highest watermark handed to listeners (or current when subscribed); gaps above it are re-read. */
  last: number;
  /** Resolves when Redis confirmed SUBSCRIBE and `last` is known. */
  ready: Promise<void>;
  /** Deliveries run one after another, so listeners see watermarks in order. */
  chain: Promise<void>;
}

export class RedisActivityStreamStore implements ActivityStreamStore {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly maxActivities: number;
  private readonly logger: Pick<Logger, 'warn' | 'debug'> | undefined;
  private readonly channels = new Map<string, LocalChannel>();
  /** One node-redis listener for every channel; `channels` does the fan-out. */
  private readonly onMessage = (message: string, channel: string): void => this.received(message, channel);

  constructor(
    private readonly redis: RedisCommander,
    private readonly subscriber: RedisSubscriber,
    options: RedisActivityStreamStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.ttlMs = options.ttlMs ?? 0;
    this.maxActivities = options.maxActivitiesPerConversation ?? 1000;
    if (!Number.isInteger(this.maxActivities) || this.maxActivities < 1) throw new RangeError('maxActivitiesPerConversation must be a positive integer');
    this.logger = options.logger;
    subscriber.onReconnect(() => {
      for (const local of this.channels.values()) this.enqueue(local, () => this.catchUp(local));
    });
  }

  /** The Redis keys and channel of a conversation (tooling, erasure, tests). */
  redisKeys(conversationId: string): { meta: string; activities: string; channel: string } {
    const base = prefixKey(this.prefix, `{conv:${conversationId}}:dl`);
    return { meta: `${base}:meta`, activities: `${base}:activities`, channel: `${base}:events` };
  }

  async open(conversationId: string): Promise<boolean> {
    const { meta } = this.redisKeys(conversationId);
    return (await OPEN.run(this.redis, [meta], [String(this.ttlMs)])) === 1;
  }

  async exists(conversationId: string): Promise<boolean> {
    return (await this.redis.sendCommand(['EXISTS', this.redisKeys(conversationId).meta])) === 1;
  }

  async append(conversationId: string, activity: DirectLineActivity): Promise<number> {
    const { meta, activities, channel } = this.redisKeys(conversationId);
    const reply = await APPEND.run(this.redis, [meta, activities], [JSON.stringify(activity), String(this.maxActivities), String(this.ttlMs), channel]);
    if (typeof reply !== 'number') throw new Error('Direct Line stream: unexpected append reply');
    return reply;
  }

  async list(conversationId: string, watermark: number, limit = 500): Promise<ActivityPage> {
    const page = await this.read(conversationId, watermark, limit);
    return { activities: page.entries.map((e) => e.activity), watermark: page.watermark };
  }

  /** One atomic read: the activities after `watermark`, each with its own watermark. */
  private async read(conversationId: string, watermark: number, limit: number): Promise<{ entries: { activity: DirectLineActivity; watermark: number }[]; watermark: number }> {
    const { meta, activities } = this.redisKeys(conversationId);
    const reply = await LIST.run(this.redis, [meta, activities], [String(Math.max(0, Math.floor(watermark))), String(Math.max(1, Math.floor(limit)))]);
    if (!Array.isArray(reply) || typeof reply[1] !== 'number') throw new Error('Direct Line stream: unexpected list reply');
    const first: number = reply[1];
    const entries: { activity: DirectLineActivity; watermark: number }[] = [];
    let last = watermark;
    reply.slice(2).forEach((raw: unknown, i) => {
      const activity = typeof raw === 'string' ? parseActivity(raw) : undefined;
      // A corrupt entry is skipped, but it keeps its watermark: positions never shift.
      if (activity) entries.push({ activity, watermark: first + i });
      last = first + i;
    });
    return { entries, watermark: last };
  }

  async subscribe(conversationId: string, listener: ActivityListener): Promise<() => Promise<void>> {
    const { channel } = this.redisKeys(conversationId);
    let joined: LocalChannel | undefined;
    while (!joined) {
      const local = this.channels.get(channel) ?? this.openChannel(channel, conversationId);
      await local.ready;
      // The last listener may have left (and the channel closed) while this caller was waiting.
      if (this.channels.get(channel) === local) joined = local;
    }
    joined.listeners.add(listener);
    return async () => {
      joined.listeners.delete(listener);
      if (joined.listeners.size > 0 || this.channels.get(channel) !== joined) return;
      this.channels.delete(channel);
      await this.subscriber.unsubscribe(channel, this.onMessage);
    };
  }

  /** SUBSCRIBE, then read the current watermark: appends after `subscribe` resolves are delivered. */
  private openChannel(channel: string, conversationId: string): LocalChannel {
    const local: LocalChannel = { conversationId, listeners: new Set(), last: 0, ready: Promise.resolve(), chain: Promise.resolve() };
    local.ready = (async () => {
      await this.subscriber.subscribe(channel, this.onMessage);
      const reply = await this.redis.sendCommand(['HGET', this.redisKeys(conversationId).meta, 'seq']);
      local.last = typeof reply === 'string' ? Number(reply) : 0;
    })();
    local.chain = local.ready.catch(() => undefined);
    this.channels.set(channel, local);
    local.ready.catch(() => {
      // Nobody is listening yet; let the next caller try again, and drop a half-made subscription.
      if (this.channels.get(channel) === local) this.channels.delete(channel);
      this.subscriber.unsubscribe(channel, this.onMessage).catch(() => undefined);
    });
    return local;
  }

  private received(message: string, channel: string): void {
    const local = this.channels.get(channel);
    if (!local) {
      // Left over from an unsubscribe that failed during an outage (resubscribed on reconnect).
      this.subscriber.unsubscribe(channel, this.onMessage).catch(() => undefined);
      return;
    }
    const event = parseEvent(message);
    if (!event) {
      this.logger?.warn({ channel }, 'unreadable Direct Line stream event ignored');
      return;
    }
    this.enqueue(local, async () => {
      if (event.watermark <= local.last) return;
      // Missed messages (subscriber reconnect): read them from the list first, in order.
      if (event.watermark > local.last + 1) await this.catchUp(local, event.watermark - 1);
      if (event.watermark > local.last) this.deliver(local, event.activity, event.watermark);
    });
  }

  /** Deliver from the list what came after `last` (up to `upTo`), so listeners miss nothing. */
  private async catchUp(local: LocalChannel, upTo = Number.MAX_SAFE_INTEGER): Promise<void> {
    for (;;) {
      const page = await this.read(local.conversationId, local.last, Math.min(500, upTo - local.last));
      if (page.watermark <= local.last) return;
      for (const entry of page.entries) this.deliver(local, entry.activity, entry.watermark);
      local.last = page.watermark;
      if (local.last >= upTo) return;
    }
  }

  private deliver(local: LocalChannel, activity: DirectLineActivity, watermark: number): void {
    local.last = Math.max(local.last, watermark);
    for (const listener of [...local.listeners]) {
      try {
        listener(structuredClone(activity), watermark);
      } catch (err) {
        this.logger?.warn({ err, conversationId: local.conversationId }, 'Direct Line stream listener failed');
      }
    }
  }

  private enqueue(local: LocalChannel, task: () => Promise<void>): void {
    local.chain = local.chain.then(task).catch((err: unknown) => {
      // Redis down while filling a gap: the next message or reconnect tries again.
      this.logger?.warn({ err, conversationId: local.conversationId }, 'Direct Line stream catch-up failed');
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stored JSON is shared with other writers: check the fields every activity has. */
function asActivity(value: unknown): DirectLineActivity | undefined {
  if (!isRecord(value)) return undefined;
  const { type, id, timestamp, channelId, conversation, from } = value;
  if (typeof type !== 'string' || typeof id !== 'string' || typeof timestamp !== 'string' || typeof channelId !== 'string') return undefined;
  if (!isRecord(conversation) || typeof conversation.id !== 'string' || !isRecord(from) || typeof from.id !== 'string') return undefined;
  return {
    ...value,
    type,
    id,
    timestamp,
    channelId,
    conversation: {
      ...conversation,
      id: conversation.id,
      isGroup: conversation.isGroup === true,
      conversationType: typeof conversation.conversationType === 'string' ? conversation.conversationType : '',
      name: typeof conversation.name === 'string' ? conversation.name : '',
    },
    from: { ...from, id: from.id, name: typeof from.name === 'string' ? from.name : '' },
  };
}

function parseActivity(raw: string): DirectLineActivity | undefined {
  try {
    return asActivity(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

function parseEvent(raw: string): { watermark: number; activity: DirectLineActivity } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.w !== 'number' || !Number.isInteger(value.w)) return undefined;
  const activity = asActivity(value.a);
  return activity ? { watermark: value.w, activity } : undefined;
}
