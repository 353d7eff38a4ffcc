/** Who may cancel an order, and what to offer instead when nobody can (seed 001, 003). */
import type { Order } from '../domain/order.js';
import type { PolicyConfig } from './config.js';
import { addDays, addMinutes, notAfter } from './time.js';
import { rulesForRegion } from './config.js';

export type CancelDecision =
  /** Inside the buyer's own window: cancel at once (`by: 'buyer'`). */
  | { kind: 'buyer_can_cancel'; deadline: string }
  /** Past the buyer window but not shipped: the seller cancels (`by: 'seller'`), maybe after approval. */
  | { kind: 'seller_can_cancel'; requiresApproval: boolean }
  /** On its way: no cancel; the buyer refuses or returns it and is refunded once it is back. */
  | { kind: 'shipped_offer_return' }
  /** Already arrived: a normal return, within the window ending at `returnDeadline`. */
  | { kind: 'delivered_offer_return'; returnDeadline?: string }
  | { kind: 'already_cancelled'; cancelledAt?: string }
  | { kind: 'returned' };

export function cancelDecision(order: Order, now: Date, policy: PolicyConfig): CancelDecision {
  switch (order.status) {
    case 'pending':
    case 'unshipped': {
      // seed 001: buyer may cancel within 30 minutes of placing the order
      const deadline = addMinutes(order.purchasedAt, policy.buyerCancelWindowMinutes);
      if (notAfter(now, deadline)) return { kind: 'buyer_can_cancel', deadline };
      // seed 001: the seller may cancel any time before shipment
      return { kind: 'seller_can_cancel', requiresApproval: policy.sellerCancelNeedsApproval };
    }
    case 'shipped':
      // seed 001/003: shipped orders cannot be cancelled; return, refund once the item is back
      return { kind: 'shipped_offer_return' };
    case 'delivered': {
      // seed 000/003: return window runs from delivery
      const days = rulesForRegion(policy, order.region).returnWindowDays;
      return order.deliveredAt
        ? { kind: 'delivered_offer_return', returnDeadline: addDays(order.deliveredAt, days) }
        : { kind: 'delivered_offer_return' };
    }
    case 'cancelled':
      return order.cancelledAt ? { kind: 'already_cancelled', cancelledAt: order.cancelledAt } : { kind: 'already_cancelled' };
    case 'returned':
      return { kind: 'returned' };
  }
}
