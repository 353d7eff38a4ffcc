/**
 * The agent desk: what an agent does to a handoff ticket, wherever they do it (Teams card, Teams
 * thread, console tab): accept, write, send a canned reply, approve an exception, end, look up. Each
 * action becomes an agent event in the buyer's conversation (the turn runner renders it in the
 * buyer's language and saves it), and the rendered replies are delivered to the buyer proactively.
 * Teams and the console tab both use this service; neither knows the other.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { TurnRequest, TurnResult } from '../../bot/turn-runner.js';
import type { HandoffQueuePort, QueuedTicket } from '../../services/handoff/handoff-port.js';
import type { OrderService } from '../../services/ports.js';
import type { PendingAction, PendingOutcome } from '../../domain/handoff.js';
import type { TranscriptEntry, TranscriptStore } from '../../state/transcript-store.js';
import type { PolicyConfig } from '../../policy/index.js';
import { approvedCancelStep, refusedCancelOutcome } from '../../policy/approvals.js';
import { orderFacts, type OrderFacts } from '../../policy/order-facts.js';
import type { Lang } from '../../domain/lang.js';
import type { IdempotencyStore } from '../../services/idempotency/idempotency-store.js';
import { cannedKey } from './canned.js';
import { BoundedMemoryIdempotencyStore } from './activity-dedup.js';
import { MemoryTicketHistory, type TicketHistory } from './ticket-history.js';

/** Delivers activities to a buyer who is not writing at that moment (proactive messages). */
export interface BuyerNotifier {
  deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void>;
}

export interface Agent {
  /** Stable id (Teams: AAD object id). */
  id: string;
  name: string;
}

export type AgentActionEvent =
  | { type: 'accepted'; ticket: QueuedTicket; agent: Agent }
  | { type: 'said'; ticket: QueuedTicket; agent: Agent; text?: string; key?: string; via: 'teams' | 'tab' }
  | { type: 'approved'; ticket: QueuedTicket; agent: Agent }
  | { type: 'ended'; ticket: QueuedTicket; agent: Agent };

/** `unavailable`: the order service failed while executing an approved exception; approving again retries. */
export type ActionFailure = 'not_found' | 'taken' | 'closed' | 'not_accepted' | 'not_yours' | 'unavailable';
/** `outcome`: what an approval executed (tickets carrying a pending action). */
export type ActionResult = { ok: true; ticket: QueuedTicket; delivered: boolean; outcome?: PendingOutcome } | { ok: false; code: ActionFailure; ticket?: QueuedTicket };

/** An order with an exception waiting for an agent's approval, as the order lookup shows it. */
export interface PendingApproval {
  ticketId: string;
  action: PendingAction;
}

/** Buyer replies for what an approved exception came to (their language, rendered by the turn). */
function outcomeKey(action: PendingAction, outcome: PendingOutcome): string {
  switch (outcome) {
    case 'cancelled':
      return action.reason === 'address_change' ? 'handoff:approval.cancelledReorder' : 'handoff:approval.cancelled';
    case 'shipped_meanwhile':
      return 'handoff:approval.shippedMeanwhile';
    case 'already_cancelled':
      return 'handoff:approval.alreadyCancelled';
    case 'not_possible':
      return 'handoff:approval.notPossible';
  }
}

export interface AgentDeskServiceDeps {
  queue: HandoffQueuePort;
  runner: { run(req: TurnRequest): Promise<TurnResult> };
  notifier: BuyerNotifier;
  transcripts: TranscriptStore;
  orders: OrderService;
  policy: PolicyConfig;
  logger: Logger;
  clock?: () => Date;
  /**
   * Remembers the buyer-side turn of each agent event (the rendered replies), so an activity
   * redelivered after a failed delivery is delivered, not recorded in the buyer's conversation a
   * second time. Redis across instances; one process's memory otherwise.
   */
  turns?: IdempotencyStore;
  /** Closed and withdrawn tickets, newest first (Redis across instances). */
  history?: TicketHistory;
}

/** How an agent's own words are marked for the buyer's channel to show them as the agent's. */
export interface AgentAuthor {
  name: string;
  role: 'agent';
}

/** The agent who wrote these replies, on each of them (`channelData.agent`); proactive, so no `replyToId`. */
function authoredBy(activities: Partial<Activity>[], agent: Agent): Partial<Activity>[] {
  const author: AgentAuthor = { name: agent.name, role: 'agent' };
  return activities.map((a) => {
    const data: unknown = a.channelData;
    const channelData = typeof data === 'object' && data !== null ? { ...data, agent: author } : { agent: author };
    return { ...a, channelData };
  });
}

/** The buyer-side turn of an agent event failed (state unchanged); nothing to deliver. */
class AgentTurnFailedError extends Error {}

function isActivityList(raw: unknown): raw is Partial<Activity>[] {
  return Array.isArray(raw) && raw.every((a) => typeof a === 'object' && a !== null && !Array.isArray(a));
}

function parseEventId(raw: unknown): string {
  if (typeof raw !== 'string') throw new Error('stored announcement is not an event id');
  return raw;
}

function parseActivities(raw: unknown): Partial<Activity>[] {
  if (!isActivityList(raw)) throw new Error('stored agent turn is not a list of activities');
  return raw;
}

export class AgentDeskService {
  private readonly listeners: ((event: AgentActionEvent) => Promise<void>)[] = [];
  private readonly clock: () => Date;
  private readonly turns: IdempotencyStore;
  private readonly closed: TicketHistory;

  constructor(private readonly deps: AgentDeskServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.turns = deps.turns ?? new BoundedMemoryIdempotencyStore();
    this.closed = deps.history ?? new MemoryTicketHistory();
    deps.queue.listen({ ticketWithdrawn: (ticket) => this.closed.add(ticket.ticketId) });
  }

  /** The desk's clock (waiting times). */
  now(): Date {
    return this.clock();
  }

  /** Closed and withdrawn tickets, newest first. */
  async history(limit = 50): Promise<QueuedTicket[]> {
    const ids = await this.closed.recent(limit);
    const tickets = await Promise.all(ids.map(async (id) => this.deps.queue.get(id)));
    return tickets.filter((t): t is QueuedTicket => t !== undefined && (t.state === 'closed' || t.state === 'withdrawn'));
  }

  /** Other surfaces follow along (an accept in the tab updates the Teams card). */
  onAction(listener: (event: AgentActionEvent) => Promise<void>): void {
    this.listeners.push(listener);
  }

  get queue(): HandoffQueuePort {
    return this.deps.queue;
  }

  /** First accept wins; the same agent accepting twice (a redelivery) is not announced twice. */
  async accept(ticketId: string, agent: Agent, eventId: string): Promise<ActionResult> {
    const before = await this.deps.queue.get(ticketId);
    const wasMine = before?.state === 'accepted' && before.agentId === agent.id;
    const result = await this.deps.queue.accept(ticketId, agent);
    if (!result.ok) return result.code === 'taken' && before ? { ok: false, code: 'taken', ticket: before } : { ok: false, code: result.code };
    const announcing = await this.announces(ticketId, 'accept', eventId);
    // Accepted already: a second click is not announced again; a redelivery of the accept that
    // announced it is (its first delivery to the buyer may have failed).
    if (wasMine && !announcing) return { ok: true, ticket: result.ticket, delivered: true };
    const delivered = await this.toBuyer(result.ticket, eventId, { type: 'agent.joined', agentName: agent.name });
    if (wasMine) return { ok: true, ticket: result.ticket, delivered };
    await this.emit({ type: 'accepted', ticket: result.ticket, agent });
    return { ok: true, ticket: result.ticket, delivered };
  }

  /** The agent's own words (`text`) or a canned reply key, only from the agent who accepted. */
  async say(ticketId: string, agent: Agent, message: { text: string } | { key: string }, eventId: string, via: 'teams' | 'tab'): Promise<ActionResult> {
    const ticket = await this.owned(ticketId, agent);
    if (!('ticketId' in ticket)) return ticket;
    const delivered = await this.toBuyer(ticket, eventId, { type: 'agent.said', ...message }, agent);
    await this.emit({ type: 'said', ticket, agent, via, ...message });
    return { ok: true, ticket, delivered };
  }

  /**
   * Records the approval. A ticket carrying a pending action (e.g. cancel order X) executes it once
   * (idempotency key from the ticket id, outcome recorded on the ticket) after re-checking the policy
   * now, and tells the buyer what it came to; otherwise the buyer gets the canned "approved". A
   * queued ticket is accepted first.
   */
  async approve(ticketId: string, agent: Agent, eventId: string): Promise<ActionResult> {
    const current = await this.deps.queue.get(ticketId);
    if (!current) return { ok: false, code: 'not_found' };
    if (current.state === 'accepted' && current.agentId !== agent.id) return { ok: false, code: 'not_yours', ticket: current };
    if (current.state === 'queued') {
      const accepted = await this.accept(ticketId, agent, `${eventId}:accept`);
      if (!accepted.ok) return accepted;
    }
    const approved = await this.deps.queue.approve(ticketId, agent, this.clock().toISOString());
    if (!approved.ok) return approved;
    const pending = approved.ticket.pending;
    if (pending) return this.executePending(approved.ticket, pending, agent, eventId);
    const announcing = await this.announces(ticketId, 'approve', eventId);
    if (!approved.first && !announcing) return { ok: true, ticket: approved.ticket, delivered: true };
    const delivered = await this.toBuyer(approved.ticket, eventId, { type: 'agent.said', key: cannedKey('exceptionApproved') });
    if (!approved.first) return { ok: true, ticket: approved.ticket, delivered };
    await this.emit({ type: 'approved', ticket: approved.ticket, agent });
    return { ok: true, ticket: approved.ticket, delivered };
  }

  /** Open tickets whose approval would act on this order. */
  async pendingFor(orderId: string): Promise<PendingApproval[]> {
    return (await this.deps.queue.queue()).flatMap((t) => (t.pending?.orderId === orderId && !t.pendingOutcome ? [{ ticketId: t.ticketId, action: t.pending }] : []));
  }

  private async executePending(ticket: QueuedTicket, pending: PendingAction, agent: Agent, eventId: string): Promise<ActionResult> {
    if (ticket.pendingOutcome) {
      const outcome = ticket.pendingOutcome.outcome;
      // Done already. Only the approval that settled it tells the buyer again (a redelivery after its message failed).
      if (!(await this.announces(ticket.ticketId, 'approve', eventId, true))) return { ok: true, ticket, delivered: true, outcome };
      const delivered = await this.toBuyer(ticket, eventId, { type: 'agent.said', key: outcomeKey(pending, outcome), values: { orderId: pending.orderId } });
      return { ok: true, ticket, delivered, outcome };
    }
    let outcome: PendingOutcome;
    try {
      outcome = await this.perform(ticket, pending);
    } catch (err) {
      this.deps.logger.warn({ err, ticketId: ticket.ticketId, orderId: pending.orderId }, 'approved exception not executed');
      return { ok: false, code: 'unavailable', ticket };
    }
    const settled = await this.deps.queue.settlePending(ticket.ticketId, outcome, this.clock().toISOString());
    if (!settled.ok) return settled;
    const recorded = settled.ticket.pendingOutcome?.outcome ?? outcome;
    // A concurrent duplicate approval settled first and told the buyer.
    if (!settled.first) return { ok: true, ticket: settled.ticket, delivered: true, outcome: recorded };
    await this.announces(ticket.ticketId, 'approve', eventId);
    const delivered = await this.toBuyer(settled.ticket, eventId, { type: 'agent.said', key: outcomeKey(pending, recorded), values: { orderId: pending.orderId } });
    await this.emit({ type: 'approved', ticket: settled.ticket, agent });
    return { ok: true, ticket: settled.ticket, delivered, outcome: recorded };
  }

  /**
   * The policy is decided again now (the order may have shipped since the handoff). The cancel is
   * also sent for an order already cancelled: with the same idempotency key it answers this
   * ticket's own earlier cancel (a retry after a crash) as done, anyone else's as already cancelled.
   */
  private async perform(ticket: QueuedTicket, pending: PendingAction): Promise<PendingOutcome> {
    const order = await this.deps.orders.findById(pending.orderId);
    const step = approvedCancelStep(order, this.clock(), this.deps.policy, pending.by);
    if (step.kind === 'settled' || !order) return step.kind === 'settled' ? step.outcome : 'not_possible';
    const result = await this.deps.orders.cancel(order.id, {
      by: step.by,
      reason: pending.reason,
      // Named by the buyer's conversation first, like the dialogs' effect keys, so erase-buyer finds it.
      idempotencyKey: `${ticket.conversationId}:handoff-approval-${ticket.ticketId}:${pending.kind}`,
    });
    return result.ok ? 'cancelled' : refusedCancelOutcome(result.code);
  }

  /** Hands the buyer back to the bot. */
  async end(ticketId: string, agent: Agent, eventId: string): Promise<ActionResult> {
    const ticket = await this.owned(ticketId, agent);
    if (!('ticketId' in ticket)) {
      // Closed by this very event before (a redelivery after the buyer was not reached): tell them again.
      const closed = ticket.ticket;
      if (ticket.code !== 'closed' || !closed || closed.agentId !== agent.id || !(await this.announces(ticketId, 'end', eventId, true))) return ticket;
      return { ok: true, ticket: closed, delivered: await this.toBuyer(closed, eventId, { type: 'agent.ended' }) };
    }
    await this.announces(ticketId, 'end', eventId);
    const delivered = await this.toBuyer(ticket, eventId, { type: 'agent.ended' });
    await this.deps.queue.close(ticketId);
    await this.closed.add(ticketId);
    await this.emit({ type: 'ended', ticket, agent });
    return { ok: true, ticket, delivered };
  }

  /** The order with what the policy allows now, and any exception waiting for an approval on it. */
  async order(orderId: string): Promise<OrderFacts | undefined> {
    const order = await this.deps.orders.findById(orderId);
    if (!order) return undefined;
    const pending = await this.pendingFor(order.id);
    const facts = orderFacts(order, this.clock(), this.deps.policy);
    return pending.length ? { ...facts, pendingApprovals: pending.map((p) => ({ ticketId: p.ticketId, kind: p.action.kind })) } : facts;
  }

  /**
   * A ticket id or a buyer conversation id. `lang` is the buyer's language, known from the ticket
   * (or from a ticket of that conversation still in the queue).
   */
  async transcript(id: string, last?: number): Promise<{ conversationId: string; lang?: Lang; entries: TranscriptEntry[] }> {
    const ticket = (await this.deps.queue.get(id)) ?? (await this.deps.queue.queue()).findLast((t) => t.conversationId === id);
    const conversationId = ticket?.conversationId ?? id;
    return { conversationId, ...(ticket ? { lang: ticket.lang } : {}), entries: await this.deps.transcripts.list(conversationId, last ? { last } : {}) };
  }

  private async owned(ticketId: string, agent: Agent): Promise<QueuedTicket | { ok: false; code: ActionFailure; ticket?: QueuedTicket }> {
    const ticket = await this.deps.queue.get(ticketId);
    if (!ticket) return { ok: false, code: 'not_found' };
    if (ticket.state === 'queued') return { ok: false, code: 'not_accepted', ticket };
    if (ticket.state !== 'accepted') return { ok: false, code: 'closed', ticket };
    if (ticket.agentId !== agent.id) return { ok: false, code: 'not_yours', ticket };
    return ticket;
  }

  /**
   * Whether `eventId` is the event that announces `what` on this ticket to the buyer: the first one
   * asked is remembered (shared with the agent turns), so a redelivery of that event announces
   * again (its buyer turn is replayed, not recorded twice) and any other event does not.
   * `onlyIfKnown`: do not claim the announcement when none was made yet.
   */
  private async announces(ticketId: string, what: 'accept' | 'approve' | 'end', eventId: string, onlyIfKnown = false): Promise<boolean> {
    const key = `agent-announce:${ticketId}|${what}`;
    const first = await this.turns.run(key, async () => (onlyIfKnown ? '' : eventId), parseEventId);
    return first === eventId;
  }

  /**
   * Runs the agent event in the buyer's conversation (once per event id) and pushes the replies.
   * False when the buyer could not be reached or the turn failed: the agent is told, and a
   * redelivery of the same event delivers the same replies without recording them again.
   */
  private async toBuyer(ticket: QueuedTicket, eventId: string, agentEvent: NonNullable<TurnRequest['agent']>, author?: Agent): Promise<boolean> {
    const log = { ticketId: ticket.ticketId, conversationId: ticket.conversationId };
    let activities: Partial<Activity>[];
    try {
      activities = await this.turns.run(
        `agent-turn:${ticket.conversationId}|${eventId}`,
        async () => {
          const result = await this.deps.runner.run({ conversationId: ticket.conversationId, activityId: `agent:${eventId}`, kind: 'agent', agent: agentEvent });
          // The replies of a failed turn are an apology meant for a buyer who wrote something: not sent, not remembered.
          if (result.failed) throw new AgentTurnFailedError(`agent event ${agentEvent.type} failed in the buyer's conversation`);
          const activities = result.replies.map((r) => r.activity);
          return author ? authoredBy(activities, author) : activities;
        },
        parseActivities,
      );
    } catch (err) {
      this.deps.logger.warn({ err, ...log }, 'agent event not recorded in the buyer conversation');
      return false;
    }
    try {
      await this.deps.notifier.deliver(ticket.conversationId, activities);
      return true;
    } catch (err) {
      this.deps.logger.warn({ err, ...log }, 'agent message not delivered to the buyer');
      return false;
    }
  }

  private async emit(event: AgentActionEvent): Promise<void> {
    for (const l of this.listeners) {
      try {
        await l(event);
      } catch (err) {
        this.deps.logger.warn({ err, ticketId: event.ticket.ticketId, type: event.type }, 'agent action listener failed');
      }
    }
  }
}
