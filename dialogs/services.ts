/**
 * The named actors dialog machines invoke to reach the world. Machines refer to them by name; the
 * composition root supplies real implementations over the service ports (`provideServices`), tests
 * supply fakes. Declared here with typed input/output so machines type-check without any I/O.
 */
import { fromPromise } from 'xstate';
import type { Address, Order, Refund, ReturnAuthorization, ReturnReason, ReturnResolution } from '../src/domain/order.js';
import type { Money } from '../src/domain/money.js';
import type { ComplaintRecord } from '../src/domain/complaint.js';
import type { HandoffRequest, HandoffTicket } from '../src/domain/handoff.js';
import type { Outcome, VerificationFailure } from '../src/domain/outcome.js';
import type { ReturnLabel } from '../src/domain/order.js';
import type { TrackingInfo } from '../src/domain/tracking.js';

const notProvided = (name: string) => async (): Promise<never> => {
  throw new Error(`dialog service "${name}" was not provided`);
};

export const serviceActors = {
  verifyBuyer: fromPromise<
    Outcome<Order, VerificationFailure>,
    { conversationId: string; orderId: string; email?: string; postalCode?: string }
  >(notProvided('verifyBuyer')),
  loadOrder: fromPromise<Order | undefined, { orderId: string }>(notProvided('loadOrder')),
  listOrdersByEmail: fromPromise<Order[], { email: string }>(notProvided('listOrdersByEmail')),
  cancelOrder: fromPromise<
    Outcome<Order, 'not_found' | 'already_shipped' | 'already_cancelled'>,
    { orderId: string; by: 'buyer' | 'seller'; reason: string; idempotencyKey: string }
  >(notProvided('cancelOrder')),
  changeAddress: fromPromise<
    Outcome<Order, 'not_found' | 'not_allowed'>,
    { orderId: string; address: Address; kind: 'update' | 'redirect'; idempotencyKey: string }
  >(notProvided('changeAddress')),
  requestRedirect: fromPromise<{ requestId: string; accepted: boolean }, { orderId: string; address: Address; idempotencyKey: string }>(
    notProvided('requestRedirect'),
  ),
  track: fromPromise<TrackingInfo | undefined, { orderId: string }>(notProvided('track')),
  openClaim: fromPromise<{ claimId: string }, { orderId: string; idempotencyKey: string }>(notProvided('openClaim')),
  createReturn: fromPromise<
    Outcome<ReturnAuthorization, 'not_found' | 'not_returnable'>,
    {
      orderId: string;
      skus: string[];
      reason: ReturnReason;
      resolution: ReturnResolution;
      returnShippingPaidBy: 'buyer' | 'seller';
      refundAmount: Money;
      idempotencyKey: string;
      /** Links to the buyer's photos of the fault. */
      evidence?: string[];
    }
  >(notProvided('createReturn')),
  createLabel: fromPromise<ReturnLabel, { rma: string; lang: 'en' | 'zh' }>(notProvided('createLabel')),
  changeReturnResolution: fromPromise<
    Outcome<ReturnAuthorization, 'not_found' | 'not_changeable'>,
    { orderId: string; rma: string; resolution: ReturnResolution; refundAmount: Money; idempotencyKey: string }
  >(notProvided('changeReturnResolution')),
  withdrawReturn: fromPromise<Outcome<ReturnAuthorization, 'not_found' | 'not_withdrawable'>, { orderId: string; rma: string; idempotencyKey: string }>(
    notProvided('withdrawReturn'),
  ),
  listReturns: fromPromise<ReturnAuthorization[], { orderId: string }>(notProvided('listReturns')),
  findReturn: fromPromise<ReturnAuthorization | undefined, { rma: string }>(notProvided('findReturn')),
  recordRefund: fromPromise<
    Outcome<Refund, 'not_found' | 'exceeds_paid'>,
    { orderId: string; rma?: string; amount: Money; idempotencyKey: string }
  >(notProvided('recordRefund')),
  recordComplaint: fromPromise<
    ComplaintRecord,
    Omit<ComplaintRecord, 'id' | 'createdAt'> & { idempotencyKey: string }
  >(notProvided('recordComplaint')),
  requestHandoff: fromPromise<HandoffTicket, HandoffRequest & { idempotencyKey: string; now: string }>(notProvided('requestHandoff')),
  relayToAgent: fromPromise<void, { ticketId: string; text: string }>(notProvided('relayToAgent')),
  withdrawHandoff: fromPromise<void, { ticketId: string }>(notProvided('withdrawHandoff')),
};

export type ServiceActors = typeof serviceActors;

/** Idempotency key of a side effect: one per conversation, buyer message and action. */
export const effectKey = (conversationId: string, turnId: string, action: string): string =>
  `${conversationId}:${turnId}:${action}`;
