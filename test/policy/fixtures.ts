import type { Order } from '../../src/domain/order.js';

export const NOW = new Date('2025-06-15T12:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export const minutesAgo = (m: number, now: Date = NOW): string => new Date(now.getTime() - m * MIN).toISOString();
export const daysAgo = (d: number, now: Date = NOW): string => new Date(now.getTime() - d * DAY).toISOString();
export const inDays = (d: number, now: Date = NOW): string => new Date(now.getTime() + d * DAY).toISOString();

/** A delivered two-item US order (USD 30.00 + 20.00, shipping 5.00); override what a case needs. */
export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: '111-1111111-1111111',
    purchasedAt: daysAgo(10),
    status: 'delivered',
    items: [
      { sku: 'A', title: 'Item A', quantity: 1, unitPrice: { amount: 3000, currency: 'USD' } },
      { sku: 'B', title: 'Item B', quantity: 2, unitPrice: { amount: 1000, currency: 'USD' } },
    ],
    shippingCost: { amount: 500, currency: 'USD' },
    shippingAddress: { name: 'Test Buyer', line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
    buyerEmail: 'buyer@example.com',
    carrier: 'UPS',
    trackingNumber: '1ZTEST',
    shippedAt: daysAgo(8),
    deliveredAt: daysAgo(5),
    earliestDeliveryDate: daysAgo(6),
    latestDeliveryDate: daysAgo(4),
    fulfilment: 'merchant',
    marketplace: 'US',
    region: 'NA',
    ...overrides,
  };
}
