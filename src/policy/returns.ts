/** Return eligibility and the refund the buyer is told up front (seed 000, 001 §3, 003). */
import { BUYER_CHOICE_REASONS } from '../domain/order.js';
import type { Money } from '../domain/money.js';
import type { Order, OrderItem, ReturnReason } from '../domain/order.js';
import type { PolicyConfig } from './config.js';
import { itemsTotal, orderCurrency, percentOf } from './money.js';
import { notAfter } from './time.js';
import { returnDeadline, warrantyStatus } from './warranty.js';

export type ItemCondition = 'unopened' | 'opened' | 'used' | 'damaged_by_buyer';
export type ReasonCategory = 'buyer_choice' | 'seller_fault';
export type ReturnOption = 'refund' | 'replacement' | 'returnless_refund';
export type DeductionCode = 'restocking_fee' | 'used_or_damaged' | 'incomplete';

export interface ReturnRequest {
  reason: ReturnReason;
  /** Items to return (all units of each); all items when absent. */
  skus?: string[];
  condition?: ItemCondition;
  /** Everything that came in the box is included. */
  complete?: boolean;
}

export interface Deduction {
  code: DeductionCode;
  amount: Money;
}

/** The money side of a return, computed before the buyer agrees so it can be explained in advance. */
export interface RefundQuote {
  items: Money;
  shipping: Money;
  deductions: Deduction[];
  /** items + shipping - deductions. */
  total: Money;
}

export type ReturnEligibility =
  | {
      kind: 'eligible';
      deadline: string;
      category: ReasonCategory;
      skus: string[];
      returnShippingPaidBy: 'buyer' | 'seller';
      /** Refunded once the item is back (seed 003: refund after the return arrives). */
      refund: Money;
      refundsShipping: boolean;
      options: ReturnOption[];
      deductions: Deduction[];
      /** Refunded at once, item kept, when `returnless_refund` is among the options. */
      returnlessRefund?: Money;
    }
  | { kind: 'outside_window_warranty'; coverage: 'marketplace' | 'product'; until: string; windowEndedAt: string }
  | { kind: 'outside_window_no_warranty'; windowEndedAt: string }
  | { kind: 'not_delivered'; status: Order['status'] }
  | { kind: 'cancelled' }
  | { kind: 'already_returned' }
  | { kind: 'unknown_items'; skus: string[] };

// seed 001/003: no longer wanted, ordered by mistake, wrong size/colour → buyer's choice
export function isBuyerChoice(reason: ReturnReason): boolean {
  return BUYER_CHOICE_REASONS.includes(reason);
}

export function reasonCategory(reason: ReturnReason): ReasonCategory {
  return isBuyerChoice(reason) ? 'buyer_choice' : 'seller_fault';
}

/** Faults a warranty covers once the return window has passed (seed 000). */
export const WARRANTY_REASONS: readonly ReturnReason[] = ['defective', 'damaged'];

/** Items picked by SKU; undefined entries mean an SKU not on the order. */
export function selectItems(order: Order, skus: string[] | undefined): { items: OrderItem[]; unknown: string[] } {
  if (skus === undefined || skus.length === 0) return { items: order.items, unknown: [] };
  const wanted = new Set(skus);
  const items = order.items.filter((i) => wanted.has(i.sku));
  const known = new Set(order.items.map((i) => i.sku));
  return { items, unknown: [...wanted].filter((s) => !known.has(s)) };
}

/**
 * The refund for returning `items`. Seller's fault: full price and shipping (seed 001 §3 (5)).
 * Buyer's choice: item price only (seed 003), less fees for opened, used or incomplete items
 * (seed 001 §3 (3)(6), seed 003); each deduction is taken from what remains after the previous one.
 */
export function refundQuote(
  order: Order,
  request: ReturnRequest,
  policy: PolicyConfig,
  items: OrderItem[] = selectItems(order, request.skus).items,
): RefundQuote {
  const currency = orderCurrency(order);
  const itemsMoney = itemsTotal(order, items);
  const buyerChoice = isBuyerChoice(request.reason);
  const refundsShipping = !buyerChoice || policy.refundShippingOnBuyerChoice;
  const all = itemsTotal(order);
  // shipping follows the share of the order being returned
  const shippingAmount = !refundsShipping
    ? 0
    : itemsMoney.amount === all.amount
      ? order.shippingCost.amount
      : all.amount === 0
        ? 0
        : Math.round((order.shippingCost.amount * itemsMoney.amount) / all.amount);
  const deductions: Deduction[] = [];
  let remaining = itemsMoney.amount;
  const deduct = (code: DeductionCode, percent: number): void => {
    const amount = Math.min(remaining, percentOf(remaining, percent));
    if (amount <= 0) return;
    remaining -= amount;
    deductions.push({ code, amount: { amount, currency } });
  };
  if (buyerChoice) {
    // seed 001 §3 (6): a reasonable return fee for an opened item the buyer simply doesn't want
    if (request.condition === 'opened') deduct('restocking_fee', policy.restockingFeePercent);
    // seed 003: returned used or damaged → partial refund, explained before
    if (request.condition === 'used' || request.condition === 'damaged_by_buyer') {
      deduct('used_or_damaged', 100 - policy.usedOrDamagedRefundPercent);
    }
    // seed 001 §3 (3): the return must include everything received
    if (request.complete === false) deduct('incomplete', 100 - policy.incompleteRefundPercent);
  }
  return {
    items: itemsMoney,
    shipping: { amount: shippingAmount, currency },
    deductions,
    total: { amount: remaining + shippingAmount, currency },
  };
}

export function returnEligibility(order: Order, request: ReturnRequest, now: Date, policy: PolicyConfig): ReturnEligibility {
  if (order.status === 'cancelled') return { kind: 'cancelled' };
  if (order.status === 'returned') return { kind: 'already_returned' };
  if (order.status !== 'delivered') return { kind: 'not_delivered', status: order.status };
  const { items, unknown } = selectItems(order, request.skus);
  if (unknown.length > 0) return { kind: 'unknown_items', skus: unknown };
  const deadline = returnDeadline(order, policy);
  if (deadline === undefined) return { kind: 'not_delivered', status: order.status };
  if (!notAfter(now, deadline)) {
    // seed 000: past the return window, faults fall under the marketplace/product warranty
    const w = warrantyStatus(order, now, policy);
    if (WARRANTY_REASONS.includes(request.reason) && (w.kind === 'marketplace' || w.kind === 'product')) {
      return { kind: 'outside_window_warranty', coverage: w.kind, until: w.until, windowEndedAt: deadline };
    }
    return { kind: 'outside_window_no_warranty', windowEndedAt: deadline };
  }
  const category = reasonCategory(request.reason);
  const quote = refundQuote(order, request, policy, items);
  const options: ReturnOption[] = ['refund'];
  // seed 001 §3 (5): faulty or wrong item → replacement; wrong size/colour → exchange
  if (category === 'seller_fault' ? request.reason !== 'not_as_described' : request.reason === 'wrong_size_or_colour') {
    options.push('replacement');
  }
  // seed 001/003: the buyer may keep/discard a cheap item and be refunded without returning it
  const threshold = policy.returnlessRefundThreshold[quote.items.currency];
  const returnless = policy.returnlessFor.includes(category) && threshold !== undefined && quote.items.amount < threshold;
  if (returnless) options.push('returnless_refund');
  return {
    kind: 'eligible',
    deadline,
    category,
    skus: items.map((i) => i.sku),
    // seed 001 §3 (4)(5): buyer pays return shipping when nothing is wrong, seller when it is
    returnShippingPaidBy: category === 'buyer_choice' ? 'buyer' : 'seller',
    refund: quote.total,
    refundsShipping: category === 'seller_fault' || policy.refundShippingOnBuyerChoice,
    options,
    deductions: quote.deductions,
    ...(returnless
      ? { returnlessRefund: { amount: quote.items.amount + quote.shipping.amount, currency: quote.items.currency } }
      : {}),
  };
}

/**
 * The remedy a return is issued with as soon as its reason is known, without asking (seed 001 §3 (5)):
 * the seller's fault, nothing deducted, the seller pays the shipping, so no cost falls on the buyer and
 * no consent is needed. The remedy the buyer asked for wins when the policy offers it, else the first
 * option. A cheap item that may be kept (returnless refund) is a real choice, keep it or send it back,
 * so it is asked unless the buyer named a replacement or keeping it. Undefined: ask (buyer's choice, deductions, not eligible).
 */
export function remedyWithoutAsking(e: ReturnEligibility, asked?: ReturnOption): ReturnOption | undefined {
  if (e.kind !== 'eligible' || e.category !== 'seller_fault' || e.returnShippingPaidBy !== 'seller' || e.deductions.length > 0) return undefined;
  const keepable = e.options.includes('returnless_refund');
  // Where the item may be kept, "a refund" does not say whether it goes back: that is the question.
  if (asked !== undefined && e.options.includes(asked) && !(keepable && asked === 'refund')) return asked;
  return keepable ? undefined : e.options[0];
}
