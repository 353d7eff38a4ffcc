/**
 * What an agent sees when looking up an order, wherever they ask (Teams or the console tab): the
 * order with what the policy allows right now. Pure.
 */
import type { Order } from '../domain/order.js';
import type { Money } from '../domain/money.js';
import type { PolicyConfig } from './config.js';
import { cancelDecision } from './cancel.js';
import { orderTotal } from './money.js';
import { returnDeadline, warrantyStatus, type WarrantyStatus } from './warranty.js';

export interface OrderFacts {
  orderId: string;
  status: Order['status'];
  purchasedAt: string;
  total: Money;
  carrier?: string;
  trackingNumber?: string;
  /** `buyer`: the buyer may still cancel themselves; `seller`: only the seller; `no`: too late. */
  cancellable: 'buyer' | 'seller' | 'seller_with_approval' | 'no';
  /** End of the return window (delivered orders). */
  returnableUntil?: string;
  /** True when `returnableUntil` has not passed at `now`. */
  returnableNow: boolean;
  warranty: WarrantyStatus;
  /** Open tickets whose approval would act on this order ("approve <ticket>" cancels it). */
  pendingApprovals?: { ticketId: string; kind: 'cancel' }[];
}

/** Pure: the policy evaluation shown on order and handoff cards. */
export function orderFacts(order: Order, now: Date, policy: PolicyConfig): OrderFacts {
  const cancel = cancelDecision(order, now, policy);
  const cancellable =
    cancel.kind === 'buyer_can_cancel' ? 'buyer' : cancel.kind === 'seller_can_cancel' ? (cancel.requiresApproval ? 'seller_with_approval' : 'seller') : 'no';
  const until = returnDeadline(order, policy);
  return {
    orderId: order.id,
    status: order.status,
    purchasedAt: order.purchasedAt,
    total: orderTotal(order),
    ...(order.carrier ? { carrier: order.carrier } : {}),
    ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
    cancellable,
    ...(until ? { returnableUntil: until } : {}),
    returnableNow: order.status === 'delivered' && until !== undefined && Date.parse(until) >= now.getTime(),
    warranty: warrantyStatus(order, now, policy),
  };
}
