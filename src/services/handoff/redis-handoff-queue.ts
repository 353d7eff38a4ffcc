/**
 * The handoff queue shared by every instance through Redis, so a buyer queued on one instance can be
 * accepted by an agent whose click lands on another.
 *
 * Layout (every key under one `{handoff}` hash tag, so the Lua scripts also run on Redis Cluster):
 * - `<prefix>:{handoff}:ticket:<id>`       hash: request (JSON, with any pending action), state, createdAt, origin, seq, agent…, approvals (JSON), pendingOutcome (JSON)
 * - `<prefix>:{handoff}:messages:<id>`     list of relayed buyer messages (JSON), trimmed to the newest `maxBuyerMessages`
 * - `<prefix>:{handoff}:waiting`           sorted set of queued tickets (positions), score = arrival sequence
 * - `<prefix>:{handoff}:open`              sorted set of queued + accepted tickets (`queue()`), same score
 * - `<prefix>:{handoff}:conversation:<id>` sorted set of one buyer conversation's tickets
 * - `<prefix>:{handoff}:key:<key>`         idempotency key → ticket id (SET NX inside the create script)
 *
 * Every state change is one Lua script, so two agents accepting at once on two instances get exactly
 * one `ok`. Closed and withdrawn tickets expire after `retentionMs`; open ones never do.
 *
 * Listeners: each ticket has an owner, the instance that created it. `ticketCreated` fires there
 * only (one card in Teams), and buyer messages and withdrawals relayed on other instances are sent
 * to the owner over pub/sub, so the owner's Teams poster keeps its per-ticket order (card first,
 * then thread posts). When nobody is subscribed on the owner's channel (that instance stopped), the
 * instance that saw the change fires its own listeners instead, since the Teams stores are shared.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HandoffRequest, HandoffTicket, PendingOutcome } from '../../domain/handoff.js';
import { assertValidPrefix, LuaScript, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';
import type { AcceptResult, AgentRef, ApproveResult, HandoffListener, HandoffQueuePort, QueuedTicket, SettleResult, TicketState } from './handoff-port.js';
import { newTicketId } from './handoff-queue.js';
import type { HandoffEventBus } from './redis-event-bus.js';
import { describeTicket, type WaitEstimateOptions } from './wait-estimate.js';

export interface RedisHandoffQueueOptions extends WaitEstimateOptions {
  /** Same namespace as the rest of the app's keys, e.g. `asa`. */
  prefix?: string;
  now?: () => Date;
  /** Cross-instance delivery of listener events; without it listeners fire where the change happens. */
  bus?: HandoffEventBus;
  /** This instance's id (owner of the tickets it creates). Default: random. */
  instanceId?: string;
  /** Closed/withdrawn tickets and idempotency keys are kept this long (0 = forever). Default 30 days. */
  retentionMs?: number;
  /** Relayed buyer messages kept per ticket (newest). Default 200. */
  maxBuyerMessages?: number;
  /** Listener and bus failures are reported here (they never fail the buyer's turn). */
  onError?: (err: unknown, context: { ticketId: string; event: string }) => void;
}

type EventName = 'buyerMessage' | 'ticketWithdrawn';

const EventSchema = z.object({ event: z.enum(['buyerMessage', 'ticketWithdrawn']), ticketId: z.string(), text: z.string().optional() });

const RequestSchema = z.looseObject({
  conversationId: z.string(),
  lang: z.enum(['en', 'zh']),
  reason: z.enum(['asked', 'severe_complaint', 'misunderstood', 'policy_exception']),
  intent: z.string().optional(),
  orderId: z.string().optional(),
  summary: z.array(z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  actions: z.array(z.string()),
  pending: z.object({ kind: z.literal('cancel'), orderId: z.string(), by: z.enum(['buyer', 'seller']), reason: z.enum(['buyer_request', 'address_change']) }).optional(),
});
const PendingOutcomeSchema = z.object({ outcome: z.enum(['cancelled', 'shipped_meanwhile', 'already_cancelled', 'not_possible']), at: z.string() });
const ApprovalsSchema = z.array(z.object({ agentId: z.string(), agentName: z.string(), at: z.string() }));
const MessageSchema = z.object({ at: z.string(), text: z.string() });
const StateSchema = z.enum(['queued', 'accepted', 'closed', 'withdrawn']);

/** KEYS: key, ticket, waiting, open, conversation, seq. ARGV: id, request, createdAt, origin, keyTtlMs. */
const CREATE = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return {'existing', existing} end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'collision', ARGV[1]} end
local seq = redis.call('INCR', KEYS[6])
if tonumber(ARGV[5]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[5]) else redis.call('SET', KEYS[1], ARGV[1], 'NX') end
redis.call('HSET', KEYS[2], 'request', ARGV[2], 'state', 'queued', 'createdAt', ARGV[3], 'origin', ARGV[4], 'seq', seq)
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('ZADD', KEYS[4], seq, ARGV[1])
redis.call('ZADD', KEYS[5], seq, ARGV[1])
return {'created', ARGV[1]}
`);

/** KEYS: ticket, waiting. ARGV: id, agentId, agentName, acceptedAt. */
const ACCEPT = new LuaScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state == 'accepted' then
  if redis.call('HGET', KEYS[1], 'agentId') == ARGV[2] then return {'ok', redis.call('HGETALL', KEYS[1])} end
  return {'taken'}
end
if state ~= 'queued' then return {'closed'} end
redis.call('HSET', KEYS[1], 'state', 'accepted', 'agentId', ARGV[2], 'agentName', ARGV[3], 'acceptedAt', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
return {'ok', redis.call('HGETALL', KEYS[1])}
`);

/**
 * Close or withdraw. KEYS: ticket, waiting, open, messages. ARGV: id, new state, closedAt ('' for
 * none), retentionMs. Already closed/withdrawn: unchanged.
 */
const FINISH = new LuaScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state == 'closed' or state == 'withdrawn' then return {'unchanged', redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'closedAt', ARGV[3]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if tonumber(ARGV[4]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
end
return {'changed', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: ticket. ARGV: agentId, approval JSON. */
const APPROVE = new LuaScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state ~= 'queued' and state ~= 'accepted' then return {'closed'} end
local raw = redis.call('HGET', KEYS[1], 'approvals')
local approvals = raw and cjson.decode(raw) or {}
for _, a in ipairs(approvals) do
  if a.agentId == ARGV[1] then return {'again', redis.call('HGETALL', KEYS[1])} end
end
table.insert(approvals, cjson.decode(ARGV[2]))
redis.call('HSET', KEYS[1], 'approvals', cjson.encode(approvals))
return {'first', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: ticket. ARGV: outcome JSON. First outcome wins. */
const SETTLE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
if redis.call('HSETNX', KEYS[1], 'pendingOutcome', ARGV[1]) == 1 then return {'first', redis.call('HGETALL', KEYS[1])} end
return {'again', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: ticket, messages. ARGV: message JSON, max messages. */
const RELAY = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return {'ok', redis.call('HGETALL', KEYS[1])}
`);

const DAY_MS = 86_400_000;

export class RedisHandoffQueue implements HandoffQueuePort {
  /** This instance's id; tickets it creates are announced from here. */
  readonly instanceId: string;
  private readonly listeners: HandoffListener[] = [];
  private readonly now: () => Date;
  private readonly base: string;
  private readonly retentionMs: number;
  private readonly maxMessages: number;
  private subscribed: Promise<void> | undefined;

  constructor(
    private readonly redis: RedisCommander,
    private readonly options: RedisHandoffQueueOptions,
  ) {
    const prefix = options.prefix ?? '';
    assertValidPrefix(prefix);
    this.base = prefixKey(prefix, '{handoff}');
    this.now = options.now ?? (() => new Date());
    this.instanceId = options.instanceId ?? randomUUID();
    this.retentionMs = options.retentionMs ?? 30 * DAY_MS;
    this.maxMessages = Math.max(1, options.maxBuyerMessages ?? 200);
  }

  /** Redis key of a ticket's hash (tooling, tests). */
  ticketKey(ticketId: string): string {
    return `${this.base}:ticket:${ticketId}`;
  }

  /** The pub/sub channel this instance receives its tickets' events on. */
  get eventChannel(): string {
    return this.channelOf(this.instanceId);
  }

  listen(listener: HandoffListener): void {
    this.listeners.push(listener);
  }

  /**
   * Subscribes to this instance's event channel (idempotent). Until it is subscribed, other
   * instances see nobody listening here and fire their own listeners, so nothing is lost.
   */
  start(): Promise<void> {
    const bus = this.options.bus;
    if (!bus) return Promise.resolve();
    this.subscribed ??= bus.subscribe(this.eventChannel, (message) => this.onBusMessage(message)).catch((err: unknown) => {
      this.subscribed = undefined;
      throw err;
    });
    return this.subscribed;
  }

  async request(input: HandoffRequest & { idempotencyKey: string; now: string }): Promise<HandoffTicket> {
    const { idempotencyKey, now, ...rest } = input;
    const request = RequestSchema.parse(rest);
    for (let attempt = 0; attempt < 5; attempt++) {
      const ticketId = newTicketId();
      const reply = await this.script('handoff request', CREATE, [
        [this.keyOf(idempotencyKey), this.ticketKey(ticketId), this.waitingKey, this.openKey, this.conversationKey(request.conversationId), `${this.base}:seq`],
        [ticketId, JSON.stringify(request), now, this.instanceId, String(this.retentionMs)],
      ]);
      const [status, id] = reply;
      if (status === 'collision' || typeof id !== 'string') continue;
      if (status === 'created') {
        const ticket = await this.get(id);
        if (ticket) await this.fire('ticketCreated', ticket);
      }
      return this.describe(id, new Date(now));
    }
    throw new Error('handoff request: could not allocate a ticket id');
  }

  async relayBuyerMessage(ticketId: string, text: string): Promise<void> {
    const message = JSON.stringify({ at: this.now().toISOString(), text });
    const [status, fields] = await this.script('handoff relay', RELAY, [[this.ticketKey(ticketId), this.messagesKey(ticketId)], [message, String(this.maxMessages)]]);
    if (status === 'not_found' || !Array.isArray(fields)) throw new Error(`unknown handoff ticket ${ticketId}`);
    await this.route('buyerMessage', ticketId, readHash(fields).origin, text);
  }

  async withdraw(ticketId: string): Promise<void> {
    const [status, fields] = await this.finish(ticketId, 'withdrawn', '');
    if (status !== 'changed' || !Array.isArray(fields)) return;
    await this.route('ticketWithdrawn', ticketId, readHash(fields).origin);
  }

  async accept(ticketId: string, agent: AgentRef): Promise<AcceptResult> {
    const [status, fields] = await this.script('handoff accept', ACCEPT, [
      [this.ticketKey(ticketId), this.waitingKey],
      [ticketId, agent.id, agent.name, this.now().toISOString()],
    ]);
    if (status === 'ok' && Array.isArray(fields)) return { ok: true, ticket: await this.withMessages(ticketId, fields) };
    if (status === 'taken' || status === 'closed') return { ok: false, code: status };
    return { ok: false, code: 'not_found' };
  }

  async close(ticketId: string): Promise<QueuedTicket | undefined> {
    const [status, fields] = await this.finish(ticketId, 'closed', this.now().toISOString());
    if (status === 'not_found' || !Array.isArray(fields)) return undefined;
    return this.withMessages(ticketId, fields);
  }

  async approve(ticketId: string, agent: AgentRef, at: string): Promise<ApproveResult> {
    const approval = JSON.stringify({ agentId: agent.id, agentName: agent.name, at });
    const [status, fields] = await this.script('handoff approve', APPROVE, [[this.ticketKey(ticketId)], [agent.id, approval]]);
    if ((status === 'first' || status === 'again') && Array.isArray(fields)) {
      return { ok: true, ticket: await this.withMessages(ticketId, fields), first: status === 'first' };
    }
    return { ok: false, code: status === 'closed' ? 'closed' : 'not_found' };
  }

  async settlePending(ticketId: string, outcome: PendingOutcome, at: string): Promise<SettleResult> {
    const [status, fields] = await this.script('handoff settle', SETTLE, [[this.ticketKey(ticketId)], [JSON.stringify({ outcome, at })]]);
    if ((status === 'first' || status === 'again') && Array.isArray(fields)) {
      return { ok: true, ticket: await this.withMessages(ticketId, fields), first: status === 'first' };
    }
    return { ok: false, code: 'not_found' };
  }

  async byConversation(conversationId: string): Promise<QueuedTicket[]> {
    const ids = await this.range('handoff by conversation', this.conversationKey(conversationId), true);
    return this.load(ids);
  }

  async get(ticketId: string): Promise<QueuedTicket | undefined> {
    const [ticket] = await this.load([ticketId]);
    return ticket;
  }

  async queue(): Promise<QueuedTicket[]> {
    return this.load(await this.range('handoff queue', this.openKey, false));
  }

  // --- internals ---

  private get waitingKey(): string {
    return `${this.base}:waiting`;
  }
  private get openKey(): string {
    return `${this.base}:open`;
  }
  private keyOf(idempotencyKey: string): string {
    return `${this.base}:key:${idempotencyKey}`;
  }
  private messagesKey(ticketId: string): string {
    return `${this.base}:messages:${ticketId}`;
  }
  private conversationKey(conversationId: string): string {
    return `${this.base}:conversation:${conversationId}`;
  }
  private channelOf(instanceId: string): string {
    return `${this.base}:events:${instanceId}`;
  }

  private finish(ticketId: string, state: 'closed' | 'withdrawn', closedAt: string): Promise<unknown[]> {
    return this.script('handoff ' + (state === 'closed' ? 'close' : 'withdraw'), FINISH, [
      [this.ticketKey(ticketId), this.waitingKey, this.openKey, this.messagesKey(ticketId)],
      [ticketId, state, closedAt, String(this.retentionMs)],
    ]);
  }

  private async script(operation: string, script: LuaScript, [keys, args]: [string[], string[]]): Promise<unknown[]> {
    const reply = await redisCall(operation, () => script.run(this.redis, keys, args));
    if (!Array.isArray(reply)) throw new Error(`${operation}: unexpected script reply`);
    return reply;
  }

  private async range(operation: string, key: string, newestFirst: boolean): Promise<string[]> {
    const reply = await redisCall(operation, () => this.redis.sendCommand(newestFirst ? ['ZRANGE', key, '0', '-1', 'REV'] : ['ZRANGE', key, '0', '-1']));
    return Array.isArray(reply) ? reply.filter((v): v is string => typeof v === 'string') : [];
  }

  /** Tickets with their messages, in the given order; ids whose ticket expired are skipped. */
  private async load(ids: string[]): Promise<QueuedTicket[]> {
    if (ids.length === 0) return [];
    // Sent together, node-redis pipelines them on the one connection.
    const replies = await redisCall('handoff load', () =>
      Promise.all(ids.flatMap((id) => [this.redis.sendCommand(['HGETALL', this.ticketKey(id)]), this.redis.sendCommand(['LRANGE', this.messagesKey(id), '0', '-1'])])),
    );
    const tickets: QueuedTicket[] = [];
    ids.forEach((id, i) => {
      const ticket = toTicket(id, replies[2 * i], replies[2 * i + 1]);
      if (ticket) tickets.push(ticket);
    });
    return tickets;
  }

  private async withMessages(ticketId: string, fields: unknown[]): Promise<QueuedTicket> {
    const messages = await redisCall('handoff messages', () => this.redis.sendCommand(['LRANGE', this.messagesKey(ticketId), '0', '-1']));
    const ticket = toTicket(ticketId, fields, messages);
    if (!ticket) throw new Error(`handoff ticket ${ticketId} is malformed in Redis`);
    return ticket;
  }

  private async describe(ticketId: string, at: Date): Promise<HandoffTicket> {
    const rank = await redisCall('handoff position', () => this.redis.sendCommand(['ZRANK', this.waitingKey, ticketId]));
    return describeTicket(ticketId, typeof rank === 'number' ? rank : -1, this.options, at);
  }

  /**
   * Sends a buyer message / withdrawal to the ticket's owner; fires here when this is the owner,
   * when there is no bus, or when nobody listens on the owner's channel.
   */
  private async route(event: EventName, ticketId: string, origin: string | undefined, text?: string): Promise<void> {
    const bus = this.options.bus;
    if (bus && origin && origin !== this.instanceId) {
      try {
        const receivers = await bus.publish(this.channelOf(origin), JSON.stringify({ event, ticketId, ...(text === undefined ? {} : { text }) }));
        if (receivers > 0) return;
      } catch (err) {
        this.options.onError?.(err, { ticketId, event });
      }
    }
    await this.fireEvent(event, ticketId, text);
  }

  private onBusMessage(message: string): void {
    let parsed: z.infer<typeof EventSchema>;
    try {
      parsed = EventSchema.parse(JSON.parse(message));
    } catch (err) {
      this.options.onError?.(err, { ticketId: '', event: 'bus' });
      return;
    }
    this.fireEvent(parsed.event, parsed.ticketId, parsed.text).catch((err: unknown) => this.options.onError?.(err, { ticketId: parsed.ticketId, event: parsed.event }));
  }

  private async fireEvent(event: EventName, ticketId: string, text?: string): Promise<void> {
    const ticket = await this.get(ticketId);
    if (!ticket) return;
    if (event === 'buyerMessage') await this.fire('buyerMessage', ticket, text ?? '');
    else await this.fire('ticketWithdrawn', ticket);
  }

  private async fire(event: keyof HandoffListener, ticket: QueuedTicket, text = ''): Promise<void> {
    for (const l of this.listeners) {
      if (event === 'ticketCreated') await l.ticketCreated?.(ticket);
      else if (event === 'buyerMessage') await l.buyerMessage?.(ticket, text);
      else await l.ticketWithdrawn?.(ticket);
    }
  }
}

/**
 * A hash as a record: HGETALL inside a script comes back flat ([field, value, ...]), while
 * node-redis maps a direct HGETALL reply to an object.
 */
function readHash(fields: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) {
    for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') out[k] = v;
    return out;
  }
  if (!Array.isArray(fields)) return out;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [k, v] = [fields[i], fields[i + 1]];
    if (typeof k === 'string' && typeof v === 'string') out[k] = v;
  }
  return out;
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Rebuild a ticket from its hash and message list, validating what another writer stored. */
function toTicket(ticketId: string, fields: unknown, messages: unknown): QueuedTicket | undefined {
  const hash = readHash(fields);
  const request = RequestSchema.safeParse(parseJson(hash.request));
  const state = StateSchema.safeParse(hash.state);
  if (!request.success || !state.success || hash.createdAt === undefined) return undefined;
  const approvals = hash.approvals === undefined ? undefined : ApprovalsSchema.safeParse(parseJson(hash.approvals));
  const pendingOutcome = hash.pendingOutcome === undefined ? undefined : PendingOutcomeSchema.safeParse(parseJson(hash.pendingOutcome));
  const buyerMessages = Array.isArray(messages)
    ? messages.flatMap((raw: unknown) => {
        const m = MessageSchema.safeParse(typeof raw === 'string' ? parseJson(raw) : undefined);
        return m.success ? [m.data] : [];
      })
    : [];
  const ticketState: TicketState = state.data;
  return {
    ...request.data,
    ticketId,
    createdAt: hash.createdAt,
    state: ticketState,
    buyerMessages,
    ...(hash.agentId === undefined ? {} : { agentId: hash.agentId }),
    ...(hash.agentName === undefined ? {} : { agentName: hash.agentName }),
    ...(approvals?.success ? { approvals: approvals.data } : {}),
    ...(pendingOutcome?.success ? { pendingOutcome: pendingOutcome.data } : {}),
    ...(hash.acceptedAt === undefined ? {} : { acceptedAt: hash.acceptedAt }),
    ...(hash.closedAt === undefined ? {} : { closedAt: hash.closedAt }),
  };
}
