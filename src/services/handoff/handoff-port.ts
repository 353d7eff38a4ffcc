/**
 * The handoff queue as the Teams agent desk, the console tab and the composition root see it. Two
 * implementations: `HandoffQueue` (memory, one process; answers synchronously) and
 * `RedisHandoffQueue` (shared by every instance behind a load balancer; answers with promises).
 * Callers `await` every result, which works for both.
 */
import type { HandoffRequest, PendingOutcome } from '../../domain/handoff.js';
import type { HandoffService } from '../ports.js';

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
  /** What executing the approved `pending` action came to; set once (a repeated approval finds it and does nothing). */
  pendingOutcome?: { outcome: PendingOutcome; at: string };
  acceptedAt?: string;
  closedAt?: string;
}

/** Who is told about queue changes (e.g. the Teams channel). */
export interface HandoffListener {
  ticketCreated?(ticket: QueuedTicket): Promise<void>;
  buyerMessage?(ticket: QueuedTicket, text: string): Promise<void>;
  ticketWithdrawn?(ticket: QueuedTicket): Promise<void>;
}

/** A value now (memory queue) or later (Redis queue); `await` handles both. */
export type MaybePromise<T> = T | Promise<T>;

export type AcceptResult = { ok: true; ticket: QueuedTicket } | { ok: false; code: 'not_found' | 'taken' | 'closed' };
export type ApproveResult = { ok: true; ticket: QueuedTicket; first: boolean } | { ok: false; code: 'not_found' | 'closed' };
export type SettleResult = { ok: true; ticket: QueuedTicket; first: boolean } | { ok: false; code: 'not_found' };
export interface AgentRef {
  id: string;
  name: string;
}

export interface HandoffQueuePort extends HandoffService {
  /** Listeners run on the instance that must act (see the implementations). */
  listen(listener: HandoffListener): void;
  /** First agent to accept wins; the same agent again is fine; a second agent gets `taken`. */
  accept(ticketId: string, agent: AgentRef): MaybePromise<AcceptResult>;
  /** Ends an open ticket; returns it (unchanged when already closed or withdrawn), undefined when unknown. */
  close(ticketId: string): MaybePromise<QueuedTicket | undefined>;
  /** Records a policy exception approval; idempotent per agent. */
  approve(ticketId: string, agent: AgentRef, at: string): MaybePromise<ApproveResult>;
  /**
   * Records what executing the approved pending action came to. First writer wins: a second call
   * (duplicated approval) leaves the recorded outcome and answers `first: false` with it.
   */
  settlePending(ticketId: string, outcome: PendingOutcome, at: string): MaybePromise<SettleResult>;
  /** Tickets of one buyer conversation, newest first. */
  byConversation(conversationId: string): MaybePromise<QueuedTicket[]>;
  get(ticketId: string): MaybePromise<QueuedTicket | undefined>;
  /** Open tickets (queued or accepted), oldest first. */
  queue(): MaybePromise<QueuedTicket[]>;
}
