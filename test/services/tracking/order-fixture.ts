import type { Order } from '../../../src/domain/order.js';

/** A shipped, merchant-fulfilled cross-border order (Shenzhen → Seattle) with a 6-day delivery window. */
export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: '112-3456789-1234567',
    purchasedAt: '2025-03-01T09:00:00Z',
    status: 'shipped',
    items: [{ sku: 'MUG-01', title: 'Ceramic mug', quantity: 2, unitPrice: { amount: 1299, currency: 'USD' } }],
    shippingCost: { amount: 499, currency: 'USD' },
    shippingAddress: {
      name: 'Jane Doe',
      line1: '1 Main St',
      city: 'Seattle',
      region: 'WA',
      postalCode: '98101',
      countryCode: 'US',
    },
    buyerEmail: 'jane@example.com',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    shippedAt: '2025-03-02T10:00:00Z',
    earliestDeliveryDate: '2025-03-08',
    latestDeliveryDate: '2025-03-13',
    fulfilment: 'merchant',
    marketplace: 'US',
    region: 'NA',
    ...overrides,
  };
}
