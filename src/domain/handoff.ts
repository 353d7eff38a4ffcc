/** What the bot hands to a person: enough that the agent never has to ask the buyer again. */
import type { Lang } from './lang.js';

/**
 * A policy exception the bot may not grant but an agent may: what approving it does, as data (the
 * flow that met it emits it; the agent side executes it after re-checking the policy).
 */
export type PendingAction = { kind: 'cancel'; orderId: string; by: 'buyer' | 'seller'; reason: 'buyer_request' | 'address_change' };

/** What executing an approved pending action came to (the buyer is told this, not just "approved"). */
export type PendingOutcome = 'cancelled' | 'shipped_meanwhile' | 'already_cancelled' | 'not_possible';

export interface HandoffRequest {
  conversationId: string;
  /** Buyer's language; agents reply with canned keys rendered in it. */
  lang: Lang;
  reason: 'asked' | 'severe_complaint' | 'misunderstood' | 'policy_exception';
  intent?: string;
  orderId?: string;
  /** Short machine-made summary lines (keys + values), rendered for the agent in their language. */
  summary: { key: string; values?: Record<string, string | number> }[];
  /** What the bot already did (cancelled, RMA created, claim opened ...). */
  actions: string[];
  /** The exception an agent's approval executes; absent when approving only records it. */
  pending?: PendingAction;
}

export interface HandoffTicket {
  ticketId: string;
  queuePosition: number;
  expectedWaitMinutes: number;
  /** Outside business hours: the buyer leaves a message and is contacted later. */
  withinHours: boolean;
  /** When outside hours: the next opening, ISO. */
  nextOpening?: string;
}
