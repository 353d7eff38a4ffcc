import { describe, expect, it } from 'vitest';
import { ORDER_ID_PATTERN } from '../../../src/domain/order.js';
import {
  DEFAULT_POLICY,
  addressChangeDecision,
  cancelDecision,
  deliveryAssessment,
  returnEligibility,
} from '../../../src/policy/index.js';
import type { TrackingInfo, TrackingState } from '../../../src/domain/tracking.js';
import type { Order } from '../../../src/domain/order.js';
import type { TrackingScenario } from '../../../src/services/orders/index.js';
import {
  InMemoryOrderService,
  OrderSchema,
  demoOrderEntries,
  demoOrders,
  demoTrackingScenarios,
} from '../../../src/services/orders/index.js';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const HOUR = 3_600_000;

/** What a carrier would report for a scenario (the tracking helper's demo provider does the real thing). */
function trackingFor(order: Order, scenario: TrackingScenario): TrackingInfo {
  const state: Record<TrackingScenario, TrackingState> = {
    on_time: 'in_transit',
    slow: 'in_transit',
    late: 'in_transit',
    lost: 'lost',
    delivered: 'delivered',
    returned_to_sender: 'returned_to_sender',
    label_created: 'label_created',
  };
  const events = [{ at: order.shippedAt ?? order.purchasedAt, code: 'label_created' }];
  if (scenario !== 'label_created') events.push({ at: new Date(NOW.getTime() - 12 * HOUR).toISOString(), code: 'in_transit' });
  if (scenario === 'delivered' && order.deliveredAt) events.push({ at: order.deliveredAt, code: 'delivered' });
  return { carrier: order.carrier ?? '', trackingNumber: order.trackingNumber ?? '', state: state[scenario], events };
}

describe('demo orders', () => {
  const entries = demoOrderEntries();
  const orders = demoOrders(NOW);

  it('are valid orders with marketplace ids and distinct ids, emails and postal codes', () => {
    for (const o of orders) {
      expect(OrderSchema.safeParse(o).success).toBe(true);
      expect(o.id).toMatch(ORDER_ID_PATTERN);
      expect(o.id).toMatch(/^1\d{2}-/);
    }
    for (const key of [(o: Order) => o.id, (o: Order) => o.buyerEmail, (o: Order) => o.shippingAddress.postalCode]) {
      expect(new Set(orders.map(key)).size).toBe(orders.length);
    }
  });

  it('cover US, DE, UK and CN buyers, both fulfilment channels, several currencies and a multi-item order', () => {
    expect(new Set(orders.map((o) => o.shippingAddress.countryCode))).toEqual(new Set(['US', 'DE', 'GB', 'CN']));
    expect(new Set(orders.map((o) => o.fulfilment))).toEqual(new Set(['marketplace', 'merchant']));
    expect(orders.some((o) => o.region === 'EU' && o.items[0]?.unitPrice.currency === 'EUR')).toBe(true);
    expect(orders.some((o) => o.status === 'delivered' && o.items.length > 1)).toBe(true);
    expect(orders.some((o) => o.status === 'cancelled')).toBe(true);
  });

  it('times are relative to now', () => {
    const later = new Date(NOW.getTime() + 7 * 24 * HOUR);
    const a = demoOrders(NOW)[0];
    const b = demoOrders(later)[0];
    expect(Date.parse(b?.purchasedAt ?? '') - Date.parse(a?.purchasedAt ?? '')).toBe(7 * 24 * HOUR);
  });

  it.each(entries.map((e) => [e.id, e.demonstrates, e] as const))('%s (%s) gets the expected decisions', (id, _label, entry) => {
    const order = orders.find((o) => o.id === id);
    if (!order) throw new Error(`missing ${id}`);
    const tracking = entry.trackingScenario ? trackingFor(order, entry.trackingScenario) : undefined;
    expect(cancelDecision(order, NOW, DEFAULT_POLICY).kind).toBe(entry.expect.cancel);
    expect(addressChangeDecision(order, NOW, DEFAULT_POLICY).kind).toBe(entry.expect.addressChange);
    expect(deliveryAssessment(order, tracking, NOW, DEFAULT_POLICY).kind).toBe(entry.expect.delivery);
    const ret = returnEligibility(order, { reason: entry.expect.return.reason, skus: entry.expect.return.skus }, NOW, DEFAULT_POLICY);
    expect(ret.kind).toBe(entry.expect.return.kind);
    if (entry.expect.return.coverage) expect(ret.kind === 'outside_window_warranty' && ret.coverage).toBe(entry.expect.return.coverage);
    if (entry.expect.return.options) expect(ret.kind === 'eligible' && ret.options).toEqual(entry.expect.return.options);
  });

  it('together demonstrate every branch', () => {
    const kinds = (pick: (e: (typeof entries)[number]) => string) => new Set(entries.map(pick));
    expect(kinds((e) => e.expect.cancel)).toEqual(
      new Set(['buyer_can_cancel', 'seller_can_cancel', 'shipped_offer_return', 'delivered_offer_return', 'already_cancelled']),
    );
    expect(kinds((e) => e.expect.addressChange)).toEqual(new Set(['cancel_and_reorder', 'redirect_or_refuse', 'delivered', 'cancelled']));
    expect(kinds((e) => e.expect.delivery)).toEqual(
      new Set([
        'not_shipped',
        'on_time',
        'slow',
        'late_offer_refund_or_reship',
        'lost_claim_and_refund_or_reship',
        'delivered',
        'returned_to_sender',
        'cancelled',
      ]),
    );
    expect(kinds((e) => e.expect.return.kind)).toEqual(
      new Set(['eligible', 'outside_window_warranty', 'outside_window_no_warranty', 'not_delivered', 'cancelled']),
    );
    expect(kinds((e) => e.expect.return.coverage ?? '')).toEqual(new Set(['', 'marketplace', 'product']));
    expect(kinds((e) => (e.expect.return.kind === 'eligible' ? e.expect.return.reason : ''))).toEqual(
      new Set(['', 'defective', 'wrong_size_or_colour', 'damaged']),
    );
  });

  it('tracking scenarios are keyed by tracking number and cover every scenario', () => {
    const scenarios = demoTrackingScenarios();
    for (const o of orders) {
      if (o.trackingNumber) expect(scenarios[o.trackingNumber]).toBeDefined();
    }
    expect(new Set(Object.values(scenarios))).toEqual(
      new Set(['on_time', 'slow', 'late', 'lost', 'delivered', 'returned_to_sender', 'label_created']),
    );
  });

  it('load into the embedded order service', async () => {
    const svc = new InMemoryOrderService({ orders, now: () => NOW });
    expect((await svc.findById('113-4829106-7730215'))?.buyerEmail).toBe('emily.carter@example.com');
    expect(await svc.listOrders()).toHaveLength(orders.length);
  });
});
