/**
 * The rules every order store applies to one order and its returns and refunds, as plain functions
 * over a document `{ order, returns, refunds }`: the in-memory store and the Redis store (which
 * applies them under a compare-and-set, so two instances never act twice) share them. Each
 * function re-checks the order's state and the policy, whatever the dialog believed, and either
 * changes the document and returns the value, or leaves it untouched and returns a failure code.
 */
import type { Address, Order, Refund, ReturnAuthorization } from '../../domain/order.js';
import type { Money } from '../../domain/money.js';
import type { OrderService } from '../ports.js';
import type { Outcome } from '../../domain/outcome.js';
import type { PolicyConfig } from '../../policy/config.js';
import { addressChangeDecision } from '../../policy/address-change.js';
import { returnEligibility } from '../../policy/returns.js';
import { warrantyStatus } from '../../policy/warranty.js';
import { orderTotal } from '../../policy/money.js';

/** One order with everything that happened to it. */
export interface OrderDoc {
  order: Order;
  returns: ReturnAuthorization[];
  refunds: Refund[];
}

export type CancelCode = 'not_found' | 'already_shipped' | 'already_cancelled';
export type AddressCode = 'not_found' | 'not_allowed';
export type ReturnCode = 'not_found' | 'not_returnable';
export type RefundCode = 'not_found' | 'exceeds_paid';
export type ChangeResolutionCode = 'not_found' | 'not_changeable';
export type WithdrawCode = 'not_found' | 'not_withdrawable';
export type ChangeResolutionInput = Parameters<OrderService['changeReturnResolution']>[0];
export type WithdrawInput = Parameters<OrderService['withdrawReturn']>[0];
export type CreateReturnInput = Parameters<OrderService['createReturn']>[0];
export type CancelInput = { by: 'buyer' | 'seller'; reason: string; idempotencyKey: string };
export type AddressInput = { address: Address; kind: 'update' | 'redirect'; idempotencyKey: string };
export type RefundInput = { orderId: string; rma?: string; amount: Money; idempotencyKey: string };

const OPEN_RETURN: readonly ReturnAuthorization['status'][] = ['authorized', 'in_transit', 'received', 'refunded'];

export function fail<C extends string>(code: C): { ok: false; code: C } {
  return { ok: false, code };
}

export function cancelOrder(doc: OrderDoc, input: CancelInput, now: Date): Outcome<Order, CancelCode> {
  const { order } = doc;
  if (order.status === 'cancelled') return fail('already_cancelled');
  // seed 001/003: once shipped an order can no longer be cancelled
  if (order.status !== 'pending' && order.status !== 'unshipped') return fail('already_shipped');
  order.status = 'cancelled';
  order.cancelledAt = now.toISOString();
  order.cancelledBy = input.by;
  order.cancelReason = input.reason;
  return { ok: true, value: structuredClone(order) };
}

export function changeAddress(doc: OrderDoc, input: AddressInput, now: Date, policy: PolicyConfig): Outcome<Order, AddressCode> {
  const { order } = doc;
  const decision = addressChangeDecision(order, now, policy);
  if (input.kind === 'update') {
    // seed 001/003: only sellers who own their orders update in place, and only before shipment
    if (decision.kind !== 'update_address') return fail('not_allowed');
    order.shippingAddress = structuredClone(input.address);
  } else if (decision.kind !== 'redirect_or_refuse') {
    // seed 003: a carrier redirect only makes sense for a parcel on its way
    return fail('not_allowed');
  }
  order.addressChangeRequest = { address: structuredClone(input.address), requestedAt: now.toISOString(), kind: input.kind };
  return { ok: true, value: structuredClone(order) };
}

/** Authorises a return under `rma` (a fresh, unique number the store picked). */
export function createReturn(doc: OrderDoc, input: CreateReturnInput, rma: string, now: Date, policy: PolicyConfig): Outcome<ReturnAuthorization, ReturnCode> {
  if (!returnAllowed(doc, input, now, policy)) return fail('not_returnable');
  const created: ReturnAuthorization = {
    rma,
    orderId: doc.order.id,
    skus: [...new Set(input.skus)],
    reason: input.reason,
    resolution: input.resolution,
    returnShippingPaidBy: input.returnShippingPaidBy,
    refundAmount: { ...input.refundAmount },
    createdAt: now.toISOString(),
    status: 'authorized',
    ...(input.approvedBy !== undefined ? { approvedBy: input.approvedBy } : {}),
    ...(input.evidence && input.evidence.length > 0 ? { evidence: [...input.evidence] } : {}),
  };
  doc.returns.push(created);
  return { ok: true, value: structuredClone(created) };
}

/** Remedies a buyer may switch between after the RMA is issued: both send the item back on the same label. */
const SWITCHABLE: readonly ReturnAuthorization['resolution'][] = ['refund', 'replacement'];

/**
 * The remedy of an authorised return changes (refund ↔ replacement) while nothing has been sent:
 * the policy must offer the new remedy for the return's reason and items, and the refund fit it.
 */
export function changeReturnResolution(doc: OrderDoc, input: ChangeResolutionInput, now: Date, policy: PolicyConfig): Outcome<ReturnAuthorization, ChangeResolutionCode> {
  const found = doc.returns.find((r) => r.rma === input.rma);
  if (!found) return fail('not_found');
  if (found.status !== 'authorized' || !SWITCHABLE.includes(found.resolution) || !SWITCHABLE.includes(input.resolution)) return fail('not_changeable');
  if (found.approvedBy === undefined) {
    const decision = returnEligibility(doc.order, { reason: found.reason, skus: found.skus }, now, policy);
    if (decision.kind !== 'eligible' || !decision.options.some((o) => o === input.resolution)) return fail('not_changeable');
    if (!Number.isInteger(input.refundAmount.amount) || input.refundAmount.amount < 0 || input.refundAmount.amount > decision.refund.amount) return fail('not_changeable');
  }
  if (input.refundAmount.currency !== found.refundAmount.currency) return fail('not_changeable');
  found.resolution = input.resolution;
  found.refundAmount = { ...input.refundAmount };
  return { ok: true, value: structuredClone(found) };
}

/** The buyer calls off an authorised return before sending it; nothing was refunded, so nothing else changes. */
export function withdrawReturn(doc: OrderDoc, input: WithdrawInput): Outcome<ReturnAuthorization, WithdrawCode> {
  const found = doc.returns.find((r) => r.rma === input.rma);
  if (!found) return fail('not_found');
  if (found.status !== 'authorized') return fail('not_withdrawable');
  found.status = 'withdrawn';
  return { ok: true, value: structuredClone(found) };
}

/** Records a refund under `id`; never more than was paid, nor in another currency. */
export function recordRefund(doc: OrderDoc, input: RefundInput, id: string, now: Date): Outcome<Refund, RefundCode> {
  const { order } = doc;
  const rma = input.rma !== undefined ? doc.returns.find((r) => r.rma === input.rma) : undefined;
  if (input.rma !== undefined && !rma) return fail('not_found');
  const paid = orderTotal(order);
  const refunded = doc.refunds.reduce((s, r) => s + r.amount.amount, 0);
  if (!Number.isInteger(input.amount.amount) || input.amount.amount <= 0) return fail('exceeds_paid');
  if (input.amount.currency !== paid.currency || refunded + input.amount.amount > paid.amount) return fail('exceeds_paid');
  const at = now.toISOString();
  const refund: Refund = { id, orderId: order.id, ...(rma ? { rma: rma.rma } : {}), amount: { ...input.amount }, createdAt: at };
  doc.refunds.push(refund);
  if (rma) {
    rma.status = 'refunded';
    rma.refundedAt = at;
    const refundedSkus = new Set(doc.returns.filter((r) => r.status === 'refunded').flatMap((r) => r.skus));
    if (order.items.every((i) => refundedSkus.has(i.sku))) order.status = 'returned';
  }
  return { ok: true, value: structuredClone(refund) };
}

/** The warehouse got the parcel back; false when nothing changed. */
export function markReceived(doc: OrderDoc, rma: string): boolean {
  const found = doc.returns.find((r) => r.rma === rma);
  if (!found || (found.status !== 'authorized' && found.status !== 'in_transit')) return false;
  found.status = 'received';
  return true;
}

/** State and policy re-check: the dialog's view may be stale or tampered with. */
function returnAllowed(doc: OrderDoc, input: CreateReturnInput, now: Date, policy: PolicyConfig): boolean {
  const { order } = doc;
  if (order.status !== 'delivered') return false;
  const skus = [...new Set(input.skus)];
  const known = new Set(order.items.map((i) => i.sku));
  if (skus.length === 0 || skus.some((s) => !known.has(s))) return false;
  // An item already on an open return is never authorised (or refunded) a second time.
  const taken = new Set(doc.returns.filter((r) => OPEN_RETURN.includes(r.status)).flatMap((r) => r.skus));
  if (skus.some((s) => taken.has(s))) return false;
  const paid = orderTotal(order);
  if (input.refundAmount.currency !== paid.currency) return false;
  if (!Number.isInteger(input.refundAmount.amount) || input.refundAmount.amount < 0) return false;
  if (input.approvedBy !== undefined) return input.refundAmount.amount <= paid.amount;
  if (input.resolution === 'warranty_repair') {
    // seed 000: repairs under the marketplace or product warranty
    const w = warrantyStatus(order, now, policy);
    return (w.kind === 'return_window' || w.kind === 'marketplace' || w.kind === 'product') && input.refundAmount.amount === 0;
  }
  const decision = returnEligibility(order, { reason: input.reason, skus }, now, policy);
  if (decision.kind !== 'eligible' || !decision.options.includes(input.resolution)) return false;
  // seed 001 §3 (5): a seller-fault return is never charged to the buyer
  if (decision.returnShippingPaidBy === 'seller' && input.returnShippingPaidBy === 'buyer') return false;
  const max = input.resolution === 'returnless_refund' ? (decision.returnlessRefund ?? decision.refund) : decision.refund;
  return input.refundAmount.amount <= max.amount;
}
