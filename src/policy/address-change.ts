/** What can be done when the buyer needs the order sent somewhere else (seed 001, 003). */
import type { Money } from '../domain/money.js';
import type { Order } from '../domain/order.js';
import type { PolicyConfig } from './config.js';
import { cancelDecision } from './cancel.js';
import { orderCurrency, orderTotal } from './money.js';

export type AddressChangeDecision =
  /** Not shipped, marketplace rule: cancel, buyer reorders with the right address. */
  | { kind: 'cancel_and_reorder'; cancelBy: 'buyer' | 'seller'; requiresApproval: boolean }
  /** Not shipped, seller owns the order: change the address in place. */
  | { kind: 'update_address' }
  /** Shipped: carrier intercept/redirect, or the resident forwards/refuses; refund if it comes back. */
  | {
      kind: 'redirect_or_refuse';
      options: ('carrier_redirect' | 'resident_forward_or_refuse')[];
      refundIfReturned: 'full' | 'minus_shipping';
      refundAmountIfReturned: Money;
    }
  | { kind: 'delivered' }
  | { kind: 'cancelled' }
  | { kind: 'returned' };

export function addressChangeDecision(order: Order, now: Date, policy: PolicyConfig): AddressChangeDecision {
  switch (order.status) {
    case 'pending':
    case 'unshipped': {
      // seed 001/003: own-shop sellers may simply update the address before shipment
      if (policy.addressChangeMode === 'update_address') return { kind: 'update_address' };
      // seed 001/003: marketplace ships only to the order address → cancel, buyer reorders
      const cancel = cancelDecision(order, now, policy);
      return cancel.kind === 'buyer_can_cancel'
        ? { kind: 'cancel_and_reorder', cancelBy: 'buyer', requiresApproval: false }
        : { kind: 'cancel_and_reorder', cancelBy: 'seller', requiresApproval: policy.sellerCancelNeedsApproval };
    }
    case 'shipped': {
      // seed 003: refund if it comes back, optionally minus the shipping cost
      const total = orderTotal(order);
      const minusShipping = policy.addressChangeReturnedRefund === 'minus_shipping';
      return {
        kind: 'redirect_or_refuse',
        // seed 003: ask the carrier to intercept; or the current resident refuses/forwards it
        options: ['carrier_redirect', 'resident_forward_or_refuse'],
        refundIfReturned: policy.addressChangeReturnedRefund,
        refundAmountIfReturned: {
          amount: minusShipping ? total.amount - order.shippingCost.amount : total.amount,
          currency: orderCurrency(order),
        },
      };
    }
    case 'delivered':
      return { kind: 'delivered' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'returned':
      return { kind: 'returned' };
  }
}
