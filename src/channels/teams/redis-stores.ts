/**
 * The Teams stores on Redis, so every instance finds the agents' channel and the ticket threads,
 * whichever instance recorded them. Values are JSON strings; threads expire with closed tickets
 * (`threadTtlMs`). Buyers' references are in their conversation records (`recordReferences`);
 * `teams:ref:<conversation>` keys of earlier versions are only ever erased (erase-buyer).
 */
import { assertValidPrefix, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';
import { RedisTicketHistory } from '../agent-desk/redis-ticket-history.js';
import { isReference, type AgentChannel, type AgentChannelStore, type TicketThread, type TicketThreadStore } from './stores.js';

export interface RedisTeamsStoresOptions {
  /** Same namespace as the rest of the app's keys, e.g. `asa`. */
  prefix?: string;
  /** Ticket threads expire this long after they were recorded (0 = never). */
  threadTtlMs?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseReference(raw: unknown): AgentChannel | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (!isReference(value)) return undefined;
    const teamId: unknown = 'teamId' in value ? value.teamId : undefined;
    return { ...value, teamId: typeof teamId === 'string' ? teamId : undefined };
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
  async set(reference: AgentChannel): Promise<void> {
    await redisCall('teams agent channel set', () => this.redis.sendCommand(['SET', this.key, JSON.stringify(reference)]));
  }
  async get(): Promise<AgentChannel | undefined> {
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

/** The stores together, as `createTeamsIntegration` takes them (with the desk's closed-ticket history). */
export function redisTeamsStores(redis: RedisCommander, options: RedisTeamsStoresOptions = {}) {
  return {
    agentChannel: new RedisAgentChannelStore(redis, options),
    threads: new RedisTicketThreadStore(redis, options),
    history: new RedisTicketHistory(redis, { ...(options.prefix !== undefined ? { prefix: options.prefix } : {}) }),
  };
}
