/**
 * The embedded handoff queue: tickets in arrival order, one agent per ticket, business hours and a
 * wait estimate. Agent channels (Teams) listen to it to post cards and relay messages; without any
 * listener the queue still works and agents see it through the agent tools.
 */
import { randomUUID } from 'node:crypto';
import type { HandoffRequest, HandoffTicket, PendingOutcome } from '../../domain/handoff.js';
import type { AcceptResult, AgentRef, ApproveResult, HandoffListener, HandoffQueuePort, QueuedTicket, SettleResult } from './handoff-port.js';
import { describeTicket, type WaitEstimateOptions } from './wait-estimate.js';

export type { AcceptResult, AgentRef, ApproveResult, HandoffListener, HandoffQueuePort, MaybePromise, QueuedTicket, SettleResult, TicketState } from './handoff-port.js';

/** Handoff ticket ids: short enough to read out to an agent. */
export function newTicketId(): string {
  return `HO-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export interface HandoffQueueOptions extends WaitEstimateOptions {
  now?: () => Date;
}

/** The embedded (single-process) queue. Its methods answer synchronously. */
export class HandoffQueue implements HandoffQueuePort {
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
      ticket = { ...request, ticketId: newTicketId(), createdAt: now, state: 'queued', buyerMessages: [] };
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
  accept(ticketId: string, agent: AgentRef): AcceptResult {
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
  approve(ticketId: string, agent: AgentRef, at: string): ApproveResult {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return { ok: false, code: 'not_found' };
    if (ticket.state !== 'queued' && ticket.state !== 'accepted') return { ok: false, code: 'closed' };
    const approvals = (ticket.approvals ??= []);
    if (approvals.some((a) => a.agentId === agent.id)) return { ok: true, ticket, first: false };
    approvals.push({ agentId: agent.id, agentName: agent.name, at });
    return { ok: true, ticket, first: true };
  }

  /** First outcome wins; later calls get it back with `first: false`. */
  settlePending(ticketId: string, outcome: PendingOutcome, at: string): SettleResult {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return { ok: false, code: 'not_found' };
    if (ticket.pendingOutcome) return { ok: true, ticket, first: false };
    ticket.pendingOutcome = { outcome, at };
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
    return describeTicket(ticket.ticketId, waiting.findIndex((t) => t.ticketId === ticket.ticketId), this.options, at);
  }

  private open(ticketId: string): QueuedTicket {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`unknown handoff ticket ${ticketId}`);
    return ticket;
  }
}
