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
 * How a ticket is stored and read back (validated): redis-handoff-records.ts.
 *
 * Every state change is one Lua script (redis-handoff-scripts.ts), so two agents accepting at once on two instances get exactly
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
import { assertValidPrefix, prefixKey, redisCall, type LuaScript, type RedisCommander } from '../../state/redis-client.js';
import type { AcceptResult, AgentRef, ApproveResult, HandoffListener, HandoffQueuePort, QueuedTicket, SettleResult } from './handoff-port.js';
import { newTicketId } from './handoff-queue.js';
import type { HandoffEventBus } from './redis-event-bus.js';
import { describeTicket, type WaitEstimateOptions } from './wait-estimate.js';
import { readHash, RequestSchema, toTicket } from './redis-handoff-records.js';
import { ACCEPT, APPROVE, CREATE, FINISH, RELAY, SETTLE } from './redis-handoff-scripts.js';

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
