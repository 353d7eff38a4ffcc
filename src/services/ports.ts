/**
 * The ports the dialogs act through. Dialog machines never see an implementation: the bot supplies
 * these to the machines with `machine.provide()`. Each port has an embedded offline default and, where
 * the seller has a system of their own, a real adapter.
 *
 * Every call that changes something takes an idempotency key: the same key twice gives the same
 * result and one effect (a turn may be retried after a crash or a duplicate delivery).
 */
import type { Address, Order, Refund, ReturnAuthorization, ReturnReason, ReturnResolution } from '../domain/order.js';
import type { Money } from '../domain/money.js';
import type { ComplaintRecord } from '../domain/complaint.js';
import type { HandoffRequest, HandoffTicket } from '../domain/handoff.js';
import type { Lang } from '../domain/lang.js';
import type { ReturnLabel } from '../domain/order.js';
import type { Outcome, VerificationFailure } from '../domain/outcome.js';
import type { TrackingInfo } from '../domain/tracking.js';

export interface OrderService {
  findById(orderId: string): Promise<Order | undefined>;
  /** Orders of one buyer, newest first (used when a signed buyer token names the email). */
  listByEmail(email: string): Promise<Order[]>;
  cancel(
    orderId: string,
    input: { by: 'buyer' | 'seller'; reason: string; idempotencyKey: string },
  ): Promise<Outcome<Order, 'not_found' | 'already_shipped' | 'already_cancelled'>>;
  requestAddressChange(
    orderId: string,
    input: { address: Address; kind: 'update' | 'redirect'; idempotencyKey: string },
  ): Promise<Outcome<Order, 'not_found' | 'not_allowed'>>;
  createReturn(input: {
    orderId: string;
    skus: string[];
    reason: ReturnReason;
    resolution: ReturnResolution;
    returnShippingPaidBy: 'buyer' | 'seller';
    refundAmount: Money;
    idempotencyKey: string;
    /** An agent's approval: skips the return-window/warranty re-check (state checks still apply). */
    approvedBy?: string;
    /** Links to the buyer's photos of the fault, kept on the RMA. */
    evidence?: string[];
  }): Promise<Outcome<ReturnAuthorization, 'not_found' | 'not_returnable'>>;
  /**
   * The buyer changed their mind about the remedy of a return not yet sent (refund ↔ replacement):
   * the same RMA and label, the new remedy and refund. Re-checked against the policy.
   */
  changeReturnResolution(input: {
    orderId: string;
    rma: string;
    resolution: ReturnResolution;
    refundAmount: Money;
    idempotencyKey: string;
  }): Promise<Outcome<ReturnAuthorization, 'not_found' | 'not_changeable'>>;
  /** The buyer calls off a return not yet sent: status `withdrawn`, the items may be returned again. */
  withdrawReturn(input: { orderId: string; rma: string; idempotencyKey: string }): Promise<Outcome<ReturnAuthorization, 'not_found' | 'not_withdrawable'>>;
  findReturn(rma: string): Promise<ReturnAuthorization | undefined>;
  listReturns(orderId: string): Promise<ReturnAuthorization[]>;
  recordRefund(input: {
    orderId: string;
    rma?: string;
    amount: Money;
    idempotencyKey: string;
  }): Promise<Outcome<Refund, 'not_found' | 'exceeds_paid'>>;
}

export interface TrackingService {
  track(order: Order): Promise<TrackingInfo | undefined>;
  /** Lost or not received: ask the carrier to investigate / pay out (seed 001 (5)). */
  openClaim(order: Order, input: { idempotencyKey: string }): Promise<{ claimId: string }>;
  /** Shipped order, new address: ask the carrier to intercept or redirect (seed 003). */
  requestRedirect(
    order: Order,
    input: { address: Address; idempotencyKey: string },
  ): Promise<{ requestId: string; accepted: boolean }>;
}

export interface ReturnLabelService {
  /**
   * Idempotent per RMA: asking twice returns a valid link to the same label. `lang` is the buyer's
   * language for the printed text (the first request per RMA decides it).
   */
  createLabel(rma: ReturnAuthorization, order: Order, options?: { lang?: Lang }): Promise<ReturnLabel>;
}

export interface BuyerVerification {
  /**
   * Order id plus email or postal code. `no_match` deliberately covers both "no such order" and
   * "details don't match" so the reply never reveals which order ids exist.
   */
  verify(input: {
    conversationId: string;
    orderId: string;
    email?: string;
    postalCode?: string;
  }): Promise<Outcome<Order, VerificationFailure>>;
  /** A host page's signed buyer token; its email's orders count as verified. */
  verifyBuyerToken(token: string): Promise<{ email: string } | undefined>;
}

export interface ComplaintService {
  record(input: Omit<ComplaintRecord, 'id' | 'createdAt'> & { idempotencyKey: string }): Promise<ComplaintRecord>;
}

export interface HandoffService {
  /** Queues the conversation for an agent and posts the handoff card. Idempotent per key. */
  request(input: HandoffRequest & { idempotencyKey: string; now: string }): Promise<HandoffTicket>;
  /** A buyer message while an agent owns the conversation (or it waits in the queue). */
  relayBuyerMessage(ticketId: string, text: string): Promise<void>;
  /** Buyer left / said never mind while waiting. */
  withdraw(ticketId: string): Promise<void>;
}
