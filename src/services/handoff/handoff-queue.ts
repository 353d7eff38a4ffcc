/**
 * The embedded handoff queue: tickets in arrival order, one agent per ticket, business hours and a
 * wait estimate. Agent channels (Teams) listen to it to post cards and relay messages; without any
 * listener the queue still works and agents see it through the agent tools.
 */
import { randomUUID } from 'node:crypto';
import type { HandoffRequest, HandoffService, HandoffTicket } from '../ports.js';
import { isWithinHours, nextOpening, type BusinessHours } from './business-hours.js';

export type TicketState = 'queued' | 'accepted' | 'closed' | 'withdrawn';

export interface QueuedTicket extends HandoffRequest {
  ticketId: string;
  createdAt: string;
  state: TicketState;
  agentId?: string;
  agentName?: string;
  /** Buyer messages relayed while queued or with an agent. */
  buyerMessages: { at: string; text: string }[];
  /** Policy exceptions agents approved for this buyer (who and when), kept for reports. */
  approvals?: { agentId: string; agentName: string; at: string }[];
  acceptedAt?: string;
  closedAt?: string;
}

/** Who is told about queue changes (e.g. the Teams channel). */
export interface HandoffListener {
  ticketCreated?(ticket: QueuedTicket): Promise<void>;
  buyerMessage?(ticket: QueuedTicket, text: string): Promise<void>;
  ticketWithdrawn?(ticket: QueuedTicket): Promise<void>;
}

export interface HandoffQueueOptions {
  hours: BusinessHours;
  /** Average minutes an agent spends per conversation, for the wait estimate. */
  minutesPerTicket?: number;
  /** Agents on duty, for the wait estimate. */
  agentsOnDuty?: number;
  now?: () => Date;
}

export class HandoffQueue implements HandoffService {
  private readonly tickets = new Map<string, QueuedTicket>();
  private readonly byKey = new Map<string, string>();
  private readonly listeners: HandoffListener[] = [];
  private readonly now: () => Date;

  constructor(private readonly options: HandoffQueueOptions) {
    this.now = options.now ?? (() => new Date());
  }

  listen(listener: HandoffListener): void {
    this.listeners.push(listener);
  }

  async request(input: HandoffRequest & { idempotencyKey: string; now: string }): Promise<HandoffTicket> {
    const existing = this.byKey.get(input.idempotencyKey);
    let ticket = existing ? this.tickets.get(existing) : undefined;
    if (!ticket) {
      const { idempotencyKey, now, ...request } = input;
      ticket = { ...request, ticketId: `HO-${randomUUID().slice(0, 8).toUpperCase()}`, createdAt: now, state: 'queued', buyerMessages: [] };
      this.tickets.set(ticket.ticketId, ticket);
      this.byKey.set(idempotencyKey, ticket.ticketId);
      for (const l of this.listeners) await l.ticketCreated?.(ticket);
    }
    return this.describe(ticket, new Date(input.now));
  }

  async relayBuyerMessage(ticketId: string, text: string): Promise<void> {
    const ticket = this.open(ticketId);
    ticket.buyerMessages.push({ at: this.now().toISOString(), text });
    for (const l of this.listeners) await l.buyerMessage?.(ticket, text);
  }

  async withdraw(ticketId: string): Promise<void> {
    const ticket = this.tickets.get(ticketId);
    if (!ticket || ticket.state === 'closed' || ticket.state === 'withdrawn') return;
    ticket.state = 'withdrawn';
    for (const l of this.listeners) await l.ticketWithdrawn?.(ticket);
  }

  /** First agent to accept wins; a second accept is refused. */
  accept(ticketId: string, agent: { id: string; name: string }): { ok: true; ticket: QueuedTicket } | { ok: false; code: 'not_found' | 'taken' | 'closed' } {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return { ok: false, code: 'not_found' };
    if (ticket.state === 'accepted') return ticket.agentId === agent.id ? { ok: true, ticket } : { ok: false, code: 'taken' };
    if (ticket.state !== 'queued') return { ok: false, code: 'closed' };
    ticket.state = 'accepted';
    ticket.agentId = agent.id;
    ticket.agentName = agent.name;
    ticket.acceptedAt = this.now().toISOString();
    return { ok: true, ticket };
  }

  close(ticketId: string): QueuedTicket | undefined {
    const ticket = this.tickets.get(ticketId);
    if (ticket && ticket.state !== 'withdrawn' && ticket.state !== 'closed') {
      ticket.state = 'closed';
      ticket.closedAt = this.now().toISOString();
    }
    return ticket;
  }

  /**
   * Records an agent's approval of a policy exception on an open ticket. Idempotent per agent: a
   * second approval by the same agent is not recorded twice.
   */
  approve(ticketId: string, agent: { id: string; name: string }, at: string): { ok: true; ticket: QueuedTicket; first: boolean } | { ok: false; code: 'not_found' | 'closed' } {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return { ok: false, code: 'not_found' };
    if (ticket.state !== 'queued' && ticket.state !== 'accepted') return { ok: false, code: 'closed' };
    const approvals = (ticket.approvals ??= []);
    if (approvals.some((a) => a.agentId === agent.id)) return { ok: true, ticket, first: false };
    approvals.push({ agentId: agent.id, agentName: agent.name, at });
    return { ok: true, ticket, first: true };
  }

  /** Tickets of one buyer conversation, newest first (agents look up by conversation id). */
  byConversation(conversationId: string): QueuedTicket[] {
    return [...this.tickets.values()].filter((t) => t.conversationId === conversationId).reverse();
  }

  get(ticketId: string): QueuedTicket | undefined {
    return this.tickets.get(ticketId);
  }

  /** Open tickets, oldest first. */
  queue(): QueuedTicket[] {
    return [...this.tickets.values()].filter((t) => t.state === 'queued' || t.state === 'accepted');
  }

  private describe(ticket: QueuedTicket, at: Date): HandoffTicket {
    const waiting = [...this.tickets.values()].filter((t) => t.state === 'queued');
    const position = Math.max(1, waiting.findIndex((t) => t.ticketId === ticket.ticketId) + 1);
    const perTicket = this.options.minutesPerTicket ?? 6;
    const agents = Math.max(1, this.options.agentsOnDuty ?? 1);
    const withinHours = isWithinHours(this.options.hours, at);
    const opening = withinHours ? undefined : nextOpening(this.options.hours, at);
    return {
      ticketId: ticket.ticketId,
      queuePosition: position,
      expectedWaitMinutes: Math.ceil((position * perTicket) / agents),
      withinHours,
      ...(opening ? { nextOpening: opening.toISOString() } : {}),
    };
  }

  private open(ticketId: string): QueuedTicket {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`unknown handoff ticket ${ticketId}`);
    return ticket;
  }
}
