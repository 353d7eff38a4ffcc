/**
 * The Teams stores on Redis, so every instance can reach buyers, find the agents' channel and the
 * ticket threads, whichever instance recorded them. Values are JSON strings; buyer references expire
 * with the conversation (`referenceTtlMs`), threads with closed tickets (`threadTtlMs`).
 */
import { assertValidPrefix, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';
import type { AgentChannelStore, ConversationReferenceStore, Reference, TicketThread, TicketThreadStore } from './stores.js';

export interface RedisTeamsStoresOptions {
  /** Same namespace as the rest of the app's keys, e.g. `asa`. */
  prefix?: string;
  /** Buyer conversation references expire this long after they were last recorded (0 = never). */
  referenceTtlMs?: number;
  /** Ticket threads expire this long after they were recorded (0 = never). */
  threadTtlMs?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored reference is accepted when it is an object whose `conversation`, if present, has a string
 * id: the shape botbuilder needs to continue a conversation. Everything else in it is passed on as
 * botbuilder wrote it.
 */
function isReference(value: unknown): value is Reference {
  if (!isRecord(value)) return false;
  const { conversation } = value;
  return conversation === undefined || (isRecord(conversation) && typeof conversation.id === 'string');
}

function parseReference(raw: unknown): Reference | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return isReference(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseThread(raw: unknown): TicketThread | undefined {
  if (typeof raw !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { ticketId, channelConversationId, cardActivityId, reference } = value;
  if (typeof ticketId !== 'string' || typeof channelConversationId !== 'string' || typeof cardActivityId !== 'string' || !isReference(reference)) return undefined;
  return { ticketId, channelConversationId, cardActivityId, reference };
}

const setArgs = (key: string, value: string, ttlMs: number): string[] => (ttlMs > 0 ? ['SET', key, value, 'PX', String(ttlMs)] : ['SET', key, value]);

export class RedisConversationReferenceStore implements ConversationReferenceStore {
  private readonly prefix: string;
  constructor(
    private readonly redis: RedisCommander,
    private readonly options: RedisTeamsStoresOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
  }
  private key(conversationId: string): string {
    return prefixKey(this.prefix, `teams:ref:${conversationId}`);
  }
  async set(conversationId: string, reference: Reference): Promise<void> {
    await redisCall('teams reference set', () => this.redis.sendCommand(setArgs(this.key(conversationId), JSON.stringify(reference), this.options.referenceTtlMs ?? 0)));
  }
  async get(conversationId: string): Promise<Reference | undefined> {
    return parseReference(await redisCall('teams reference get', () => this.redis.sendCommand(['GET', this.key(conversationId)])));
  }
}

export class RedisAgentChannelStore implements AgentChannelStore {
  private readonly key: string;
  constructor(
    private readonly redis: RedisCommander,
    options: Pick<RedisTeamsStoresOptions, 'prefix'> = {},
  ) {
    const prefix = options.prefix ?? '';
    assertValidPrefix(prefix);
    this.key = prefixKey(prefix, 'teams:agent-channel');
  }
  async set(reference: Reference): Promise<void> {
    await redisCall('teams agent channel set', () => this.redis.sendCommand(['SET', this.key, JSON.stringify(reference)]));
  }
  async get(): Promise<Reference | undefined> {
    return parseReference(await redisCall('teams agent channel get', () => this.redis.sendCommand(['GET', this.key])));
  }
}

export class RedisTicketThreadStore implements TicketThreadStore {
  private readonly prefix: string;
  constructor(
    private readonly redis: RedisCommander,
    private readonly options: RedisTeamsStoresOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
  }
  private ticketKey(ticketId: string): string {
    return prefixKey(this.prefix, `teams:thread:${ticketId}`);
  }
  private rootKey(cardActivityId: string): string {
    return prefixKey(this.prefix, `teams:thread-root:${cardActivityId}`);
  }
  async set(thread: TicketThread): Promise<void> {
    const ttl = this.options.threadTtlMs ?? 0;
    // Sent together (pipelined); the root index is written first so a thread found by ticket is always findable by root.
    await redisCall('teams thread set', () =>
      Promise.all([
        this.redis.sendCommand(setArgs(this.rootKey(thread.cardActivityId), thread.ticketId, ttl)),
        this.redis.sendCommand(setArgs(this.ticketKey(thread.ticketId), JSON.stringify(thread), ttl)),
      ]),
    );
  }
  async byTicket(ticketId: string): Promise<TicketThread | undefined> {
    return parseThread(await redisCall('teams thread get', () => this.redis.sendCommand(['GET', this.ticketKey(ticketId)])));
  }
  async byRootMessage(cardActivityId: string): Promise<TicketThread | undefined> {
    const id = await redisCall('teams thread root', () => this.redis.sendCommand(['GET', this.rootKey(cardActivityId)]));
    return typeof id === 'string' ? this.byTicket(id) : undefined;
  }
}

/** The three stores together, as `createTeamsIntegration` takes them. */
export function redisTeamsStores(redis: RedisCommander, options: RedisTeamsStoresOptions = {}) {
  return {
    references: new RedisConversationReferenceStore(redis, options),
    agentChannel: new RedisAgentChannelStore(redis, options),
    threads: new RedisTicketThreadStore(redis, options),
  };
}
