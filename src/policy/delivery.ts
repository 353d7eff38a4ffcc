/** Where is my order: what to tell the buyer and what to offer, from dates and tracking (seed 001 §2). */
import type { Money } from '../domain/money.js';
import type { Order } from '../domain/order.js';
import type { TrackingInfo } from '../domain/tracking.js';
import type { PolicyConfig } from './config.js';
import { orderCurrency, orderTotal } from './money.js';
import { addDays, addHours, ms } from './time.js';

/** The delivery window promised at purchase (seed 001 §2 (2): explain it when slow). */
export interface DeliveryWindow {
  earliest: string;
  latest: string;
}

/** seed 001 §2 (1): always give the carrier and tracking number when there is one. */
export interface ShipmentRef {
  carrier?: string;
  trackingNumber?: string;
}

export type DeliveryAssessment =
  | { kind: 'not_shipped'; window: DeliveryWindow; pastLatest: boolean }
  | ({ kind: 'on_time'; window: DeliveryWindow; estimatedDelivery?: string } & ShipmentRef)
  | ({
      kind: 'slow';
      window: DeliveryWindow;
      reason: 'past_earliest' | 'no_recent_scan' | 'carrier_exception';
      lastScanAt?: string;
    } & ShipmentRef)
  | ({ kind: 'late_offer_refund_or_reship'; window: DeliveryWindow; lateSince: string; refund: Money } & ShipmentRef)
  | ({
      kind: 'lost_claim_and_refund_or_reship';
      window: DeliveryWindow;
      reason: 'carrier_reported_lost' | 'no_scan_past_latest';
      lastScanAt?: string;
      refund: Money;
    } & ShipmentRef)
  | { kind: 'delivered'; deliveredAt?: string }
  | ({ kind: 'returned_to_sender'; refund: Money; refundRule: 'full' | 'minus_shipping' } & ShipmentRef)
  | { kind: 'cancelled' };

function lastScanAt(order: Order, tracking: TrackingInfo | undefined): string | undefined {
  let latest: string | undefined = order.shippedAt;
  for (const e of tracking?.events ?? []) {
    if (latest === undefined || ms(e.at) > ms(latest)) latest = e.at;
  }
  return latest;
}

function shipmentRef(order: Order, tracking: TrackingInfo | undefined): ShipmentRef {
  const carrier = tracking?.carrier ?? order.carrier;
  const trackingNumber = tracking?.trackingNumber ?? order.trackingNumber;
  return {
    ...(carrier !== undefined ? { carrier } : {}),
    ...(trackingNumber !== undefined ? { trackingNumber } : {}),
  };
}

/**
 * Shipped and past the latest delivery date (plus the grace): a refund asked for now is the late order's refund, not a
 * return of something never received. seed 001 §2 (4): past the latest delivery date → refund the buyer (or reship).
 */
export function shippedPastLatest(order: Order, now: Date, policy: PolicyConfig): boolean {
  return order.status === 'shipped' && now.getTime() > ms(addHours(order.latestDeliveryDate, policy.latenessGraceHours));
}

export function deliveryAssessment(
  order: Order,
  tracking: TrackingInfo | undefined,
  now: Date,
  policy: PolicyConfig,
): DeliveryAssessment {
  const window: DeliveryWindow = { earliest: order.earliestDeliveryDate, latest: order.latestDeliveryDate };
  const t = now.getTime();
  const lateSince = addHours(order.latestDeliveryDate, policy.latenessGraceHours);
  if (order.status === 'cancelled') return { kind: 'cancelled' };
  if (order.status === 'pending' || order.status === 'unshipped') {
    return { kind: 'not_shipped', window, pastLatest: t > ms(lateSince) };
  }
  if (order.status === 'delivered' || order.status === 'returned' || tracking?.state === 'delivered') {
    const deliveredAt = order.deliveredAt ?? tracking?.events.findLast((e) => e.code === 'delivered')?.at;
    return deliveredAt !== undefined ? { kind: 'delivered', deliveredAt } : { kind: 'delivered' };
  }
  const ref = shipmentRef(order, tracking);
  const fullRefund = orderTotal(order);
  if (tracking?.state === 'returned_to_sender') {
    // seed 003: a parcel sent back after an address problem is refunded, optionally minus shipping
    const rule = order.addressChangeRequest ? policy.addressChangeReturnedRefund : 'full';
    const amount = rule === 'minus_shipping' ? fullRefund.amount - order.shippingCost.amount : fullRefund.amount;
    return { kind: 'returned_to_sender', refund: { amount, currency: orderCurrency(order) }, refundRule: rule, ...ref };
  }
  const scan = lastScanAt(order, tracking);
  const scanRef = scan !== undefined ? { lastScanAt: scan } : {};
  if (tracking?.state === 'lost') {
    // seed 001 §2 (3)(5): lost → ask the carrier (claim/insurance), refund or reship
    return { kind: 'lost_claim_and_refund_or_reship', window, reason: 'carrier_reported_lost', refund: fullRefund, ...scanRef, ...ref };
  }
  if (t > ms(lateSince)) {
    if (scan === undefined || t > ms(addDays(scan, policy.lostNoScanDays))) {
      // seed 001 §2 (3): late and silent for long → presumed lost, claim with the carrier
      return { kind: 'lost_claim_and_refund_or_reship', window, reason: 'no_scan_past_latest', refund: fullRefund, ...scanRef, ...ref };
    }
    // seed 001 §2 (4): past the latest delivery date → refund the buyer (or reship)
    return { kind: 'late_offer_refund_or_reship', window, lateSince, refund: fullRefund, ...ref };
  }
  // seed 001 §2 (2): slow shipment → explain the delivery window
  if (t > ms(order.earliestDeliveryDate)) return { kind: 'slow', window, reason: 'past_earliest', ...scanRef, ...ref };
  if (tracking?.state === 'exception') return { kind: 'slow', window, reason: 'carrier_exception', ...scanRef, ...ref };
  if (scan !== undefined && t > ms(addDays(scan, policy.slowNoScanDays))) {
    return { kind: 'slow', window, reason: 'no_recent_scan', lastScanAt: scan, ...ref };
  }
  const est = tracking?.estimatedDelivery;
  return { kind: 'on_time', window, ...(est !== undefined ? { estimatedDelivery: est } : {}), ...ref };
}
