/**
 * The ports the dialogs act through. Dialog machines never see an implementation: the bot supplies
 * these to the machines with `machine.provide()`. Each port has an embedded offline default and, where
 * the seller has a system of their own, a real adapter.
 *
 * Every call that changes something takes an idempotency key: the same key twice gives the same
 * result and one effect (a turn may be retried after a crash or a duplicate delivery).
 */
import type {
  Address,
  Money,
  Order,
  Refund,
  ReturnAuthorization,
  ReturnReason,
  ReturnResolution,
} from '../domain/order.js';
import type { Lang } from '../nlu/types.js';

/** A failure the buyer can be told about (stable code → reply key), as opposed to a crash. */
export type Outcome<T, Code extends string> = { ok: true; value: T } | { ok: false; code: Code };

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
  findReturn(rma: string): Promise<ReturnAuthorization | undefined>;
  listReturns(orderId: string): Promise<ReturnAuthorization[]>;
  recordRefund(input: {
    orderId: string;
    rma?: string;
    amount: Money;
    idempotencyKey: string;
  }): Promise<Outcome<Refund, 'not_found' | 'exceeds_paid'>>;
}

export type TrackingState =
  | 'label_created'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'exception'
  | 'lost'
  | 'returned_to_sender'
  | 'unknown';

export interface TrackingEvent {
  at: string;
  /** Same vocabulary as TrackingState plus finer steps (e.g. 'arrived_at_hub'); rendered by key. */
  code: string;
  location?: string;
  /** Carrier's own wording, shown to agents only. */
  description?: string;
}

export interface TrackingInfo {
  carrier: string;
  trackingNumber: string;
  state: TrackingState;
  events: TrackingEvent[];
  estimatedDelivery?: string;
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

export interface ReturnLabel {
  rma: string;
  /** Unguessable and expiring; relative to the public base URL. */
  url: string;
  expiresAt: string;
}

export interface ReturnLabelService {
  /**
   * Idempotent per RMA: asking twice returns a valid link to the same label. `lang` is the buyer's
   * language for the printed text (the first request per RMA decides it).
   */
  createLabel(rma: ReturnAuthorization, order: Order, options?: { lang?: Lang }): Promise<ReturnLabel>;
}

export type VerificationFailure = 'no_match' | 'locked';

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

export type ComplaintCategory =
  | 'product_quality'
  | 'delivery'
  | 'service'
  | 'description_mismatch'
  | 'negative_review'
  | 'other';

export interface ComplaintRecord {
  id: string;
  conversationId: string;
  /** The order the complaint is about, when the buyer is verified for it. */
  orderId?: string;
  /** An order id the buyer named but is not verified for: a lead for agents, never shown back. */
  mentionedOrderId?: string;
  category: ComplaintCategory;
  severity: 'normal' | 'severe';
  summary: string;
  /** The buyer's own words, never lost. */
  buyerText: string[];
  /** Links to photos the buyer attached as evidence. */
  photos?: string[];
  /** The buyer offered to change or remove a review in exchange for something (seed 003/004: refused). */
  reviewBargain?: boolean;
  createdAt: string;
}

export interface ComplaintService {
  record(input: Omit<ComplaintRecord, 'id' | 'createdAt'> & { idempotencyKey: string }): Promise<ComplaintRecord>;
}

/** What the bot hands to a person: enough that the agent never has to ask the buyer again. */
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
  lang: 'en' | 'zh';
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

export interface HandoffService {
  /** Queues the conversation for an agent and posts the handoff card. Idempotent per key. */
  request(input: HandoffRequest & { idempotencyKey: string; now: string }): Promise<HandoffTicket>;
  /** A buyer message while an agent owns the conversation (or it waits in the queue). */
  relayBuyerMessage(ticketId: string, text: string): Promise<void>;
  /** Buyer left / said never mind while waiting. */
  withdraw(ticketId: string): Promise<void>;
}
