/**
 * What an agent's approval of a policy exception may do now. The exception was requested earlier
 * (at handoff), so the policy is decided again at approval time: the order may have shipped since.
 * Pure; the agent desk service executes the step and records the outcome.
 */
import type { Order } from '../domain/order.js';
import type { PolicyConfig } from './config.js';
import { cancelDecision } from './cancel.js';

/** What executing an approved exception came to (the buyer is told this, not just "approved"). */
export type ApprovalOutcome = 'cancelled' | 'shipped_meanwhile' | 'already_cancelled' | 'not_possible';

export type ApprovedCancelStep =
  /** Cancel it, as the buyer while their own window is open, else as whoever asked for the exception. */
  | { kind: 'cancel'; by: 'buyer' | 'seller' }
  /** Nothing to execute: the answer is already known. */
  | { kind: 'settled'; outcome: ApprovalOutcome };

/**
 * An approved "cancel this order". Already cancelled orders are still sent to the order service: with
 * the ticket's idempotency key it answers the ticket's own earlier cancel (a retry after a crash) as
 * done and anyone else's as already cancelled.
 */
export function approvedCancelStep(order: Order | undefined, now: Date, policy: PolicyConfig, requestedBy: 'buyer' | 'seller'): ApprovedCancelStep {
  if (!order) return { kind: 'settled', outcome: 'not_possible' };
  const decision = cancelDecision(order, now, policy);
  // seed 001/003: shipped or delivered orders cannot be cancelled any more, only returned
  if (decision.kind === 'shipped_offer_return' || decision.kind === 'delivered_offer_return') return { kind: 'settled', outcome: 'shipped_meanwhile' };
  if (decision.kind === 'returned') return { kind: 'settled', outcome: 'not_possible' };
  // seed 001: inside the buyer's own window the cancel is theirs
  return { kind: 'cancel', by: decision.kind === 'buyer_can_cancel' ? 'buyer' : requestedBy };
}

/** The outcome of a cancel the order service refused. */
export function refusedCancelOutcome(code: string): ApprovalOutcome {
  return code === 'already_shipped' ? 'shipped_meanwhile' : code === 'already_cancelled' ? 'already_cancelled' : 'not_possible';
}
