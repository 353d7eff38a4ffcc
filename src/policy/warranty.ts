/** Cover after the return window: marketplace warranty from receipt, product warranty from purchase (seed 000). */
import type { Order } from '../domain/order.js';
import type { PolicyConfig } from './config.js';
import { rulesForRegion } from './config.js';
import { addDays, addMonths, notAfter } from './time.js';

export type WarrantyStatus =
  | { kind: 'not_delivered' }
  /** Still inside the return window: a normal return applies. */
  | { kind: 'return_window'; until: string }
  | { kind: 'marketplace'; until: string }
  | { kind: 'product'; until: string }
  | { kind: 'expired'; endedAt: string };

/**
 * When the item was received. Stores that do not record delivery get the latest promised delivery
 * date, so a missing scan never shortens the buyer's window.
 */
export function receivedAt(order: Order): string | undefined {
  if (order.status !== 'delivered' && order.status !== 'returned') return undefined;
  return order.deliveredAt ?? order.latestDeliveryDate;
}

export function returnDeadline(order: Order, policy: PolicyConfig): string | undefined {
  const received = receivedAt(order);
  // seed 000/003: return request within N days after delivery
  return received === undefined ? undefined : addDays(received, rulesForRegion(policy, order.region).returnWindowDays);
}

export function warrantyStatus(order: Order, now: Date, policy: PolicyConfig): WarrantyStatus {
  const received = receivedAt(order);
  if (received === undefined) return { kind: 'not_delivered' };
  const rules = rulesForRegion(policy, order.region);
  const windowEnd = addDays(received, rules.returnWindowDays);
  if (notAfter(now, windowEnd)) return { kind: 'return_window', until: windowEnd };
  // seed 000: marketplace warranty 1 year from receipt of the goods
  const marketplaceEnd = addMonths(received, rules.marketplaceWarrantyMonths);
  if (rules.marketplaceWarrantyMonths > 0 && notAfter(now, marketplaceEnd)) return { kind: 'marketplace', until: marketplaceEnd };
  // seed 000: product warranty 2 years from first purchase (EU)
  const productEnd = addMonths(order.purchasedAt, rules.productWarrantyMonths);
  if (rules.productWarrantyMonths > 0 && notAfter(now, productEnd)) return { kind: 'product', until: productEnd };
  const ends = [windowEnd];
  if (rules.marketplaceWarrantyMonths > 0) ends.push(marketplaceEnd);
  if (rules.productWarrantyMonths > 0) ends.push(productEnd);
  const endedAt = ends.reduce((a, b) => (a > b ? a : b));
  return { kind: 'expired', endedAt };
}
