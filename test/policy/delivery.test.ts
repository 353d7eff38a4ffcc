import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, deliveryAssessment, parsePolicy, shippedPastLatest } from '../../src/policy/index.js';
import type { TrackingInfo, TrackingState } from '../../src/domain/tracking.js';
import { NOW, daysAgo, inDays, makeOrder } from './fixtures.js';

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

function tracking(state: TrackingState, lastScanDaysAgo?: number): TrackingInfo {
  return {
    carrier: 'UPS',
    trackingNumber: '1ZTEST',
    state,
    events: lastScanDaysAgo === undefined ? [] : [{ at: daysAgo(lastScanDaysAgo), code: 'in_transit' }],
  };
}

const shipped = (earliest: string, latest: string, shippedAt = daysAgo(2)) =>
  makeOrder({ status: 'shipped', deliveredAt: undefined, shippedAt, earliestDeliveryDate: earliest, latestDeliveryDate: latest });

describe('deliveryAssessment', () => {
  it('not shipped: explains the window, flags when already past the latest date', () => {
    const early = makeOrder({ status: 'unshipped', earliestDeliveryDate: inDays(2), latestDeliveryDate: inDays(5) });
    expect(deliveryAssessment(early, undefined, NOW, DEFAULT_POLICY)).toEqual({
      kind: 'not_shipped',
      window: { earliest: inDays(2), latest: inDays(5) },
      pastLatest: false,
    });
    const overdue = makeOrder({ status: 'pending', earliestDeliveryDate: daysAgo(5), latestDeliveryDate: daysAgo(1) });
    expect(deliveryAssessment(overdue, undefined, NOW, DEFAULT_POLICY)).toMatchObject({ kind: 'not_shipped', pastLatest: true });
  });

  it('on time: carrier and tracking number are always given', () => {
    const d = deliveryAssessment(shipped(inDays(1), inDays(4)), { ...tracking('in_transit', 1), estimatedDelivery: inDays(2) }, NOW, DEFAULT_POLICY);
    expect(d).toEqual({
      kind: 'on_time',
      window: { earliest: inDays(1), latest: inDays(4) },
      estimatedDelivery: inDays(2),
      carrier: 'UPS',
      trackingNumber: '1ZTEST',
    });
  });

  it.each([
    ['just before the earliest date', -1, 'on_time'],
    ['exactly at the earliest date', 0, 'on_time'],
    ['just after the earliest date', 1, 'slow'],
  ] as const)('%s → %s', (_label, offset, kind) => {
    const order = shipped(at(-offset), inDays(3));
    expect(deliveryAssessment(order, tracking('in_transit', 1), NOW, DEFAULT_POLICY).kind).toBe(kind);
  });

  it('slow reason past_earliest carries the window to explain', () => {
    const d = deliveryAssessment(shipped(daysAgo(1), inDays(2)), tracking('in_transit', 1), NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({ kind: 'slow', reason: 'past_earliest', window: { earliest: daysAgo(1), latest: inDays(2) } });
  });

  it.each([
    [2.9, 'on_time'],
    [3, 'on_time'],
    [3.1, 'slow'],
  ] as const)('before the earliest date, last scan %s days ago → %s', (days, kind) => {
    const d = deliveryAssessment(shipped(inDays(1), inDays(4), daysAgo(5)), tracking('in_transit', days), NOW, DEFAULT_POLICY);
    expect(d.kind).toBe(kind);
    if (d.kind === 'slow') expect(d.reason).toBe('no_recent_scan');
  });

  it('a carrier exception inside the window is slow, not late', () => {
    const d = deliveryAssessment(shipped(inDays(1), inDays(4)), tracking('exception', 0.5), NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({ kind: 'slow', reason: 'carrier_exception' });
  });

  it.each([
    ['exactly at the latest date', 0, 'slow'],
    ['1 ms past the latest date', 1, 'late_offer_refund_or_reship'],
    ['a day past the latest date', 24 * HOUR, 'late_offer_refund_or_reship'],
  ] as const)('%s → %s', (_label, pastMs, kind) => {
    const d = deliveryAssessment(shipped(daysAgo(4), at(-pastMs)), tracking('in_transit', 1), NOW, DEFAULT_POLICY);
    expect(d.kind).toBe(kind);
  });

  it('late offers a full refund (items + shipping) and says since when', () => {
    const d = deliveryAssessment(shipped(daysAgo(4), daysAgo(1)), tracking('in_transit', 1), NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({ kind: 'late_offer_refund_or_reship', lateSince: daysAgo(1), refund: { amount: 5500, currency: 'USD' } });
  });

  it('lateness grace hours delay "late"', () => {
    const r = parsePolicy({ latenessGraceHours: 24 });
    if (!r.ok) throw r.error;
    const order = shipped(daysAgo(4), at(-23 * HOUR));
    expect(deliveryAssessment(order, tracking('in_transit', 1), NOW, r.policy).kind).toBe('slow');
    expect(deliveryAssessment(shipped(daysAgo(4), at(-25 * HOUR)), tracking('in_transit', 1), NOW, r.policy).kind).toBe(
      'late_offer_refund_or_reship',
    );
  });

  it('lost: reported by the carrier, even inside the window', () => {
    const d = deliveryAssessment(shipped(inDays(1), inDays(3)), tracking('lost', 1), NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({ kind: 'lost_claim_and_refund_or_reship', reason: 'carrier_reported_lost', refund: { amount: 5500 } });
  });

  it.each([
    [9.9, 'late_offer_refund_or_reship'],
    [10, 'late_offer_refund_or_reship'],
    [10.1, 'lost_claim_and_refund_or_reship'],
  ] as const)('past the latest date, last scan %s days ago → %s', (days, kind) => {
    const d = deliveryAssessment(shipped(daysAgo(14), daysAgo(11), daysAgo(15)), tracking('in_transit', days), NOW, DEFAULT_POLICY);
    expect(d.kind).toBe(kind);
  });

  it('without tracking data, the ship date counts as the last scan', () => {
    const lost = deliveryAssessment(shipped(daysAgo(14), daysAgo(11), daysAgo(15)), undefined, NOW, DEFAULT_POLICY);
    expect(lost).toMatchObject({ kind: 'lost_claim_and_refund_or_reship', reason: 'no_scan_past_latest', lastScanAt: daysAgo(15) });
  });

  it('delivered by status or by the carrier', () => {
    expect(deliveryAssessment(makeOrder(), undefined, NOW, DEFAULT_POLICY)).toEqual({ kind: 'delivered', deliveredAt: daysAgo(5) });
    const t: TrackingInfo = { ...tracking('delivered'), events: [{ at: daysAgo(1), code: 'delivered' }] };
    expect(deliveryAssessment(shipped(daysAgo(2), inDays(1)), t, NOW, DEFAULT_POLICY)).toEqual({ kind: 'delivered', deliveredAt: daysAgo(1) });
  });

  it('returned to sender: full refund, or minus shipping after a buyer address change', () => {
    const order = shipped(daysAgo(4), daysAgo(1));
    expect(deliveryAssessment(order, tracking('returned_to_sender', 1), NOW, DEFAULT_POLICY)).toMatchObject({
      kind: 'returned_to_sender',
      refundRule: 'full',
      refund: { amount: 5500 },
    });
    const changed = { ...order, addressChangeRequest: { address: order.shippingAddress, requestedAt: daysAgo(3), kind: 'redirect' as const } };
    expect(deliveryAssessment(changed, tracking('returned_to_sender', 1), NOW, DEFAULT_POLICY)).toMatchObject({
      kind: 'returned_to_sender',
      refundRule: 'minus_shipping',
      refund: { amount: 5000 },
    });
  });

  it('cancelled', () => {
    expect(deliveryAssessment(makeOrder({ status: 'cancelled' }), undefined, NOW, DEFAULT_POLICY)).toEqual({ kind: 'cancelled' });
  });
});

describe('shippedPastLatest', () => {
  it('a shipped order past its latest date (plus grace) only', () => {
    expect(shippedPastLatest(shipped(daysAgo(5), daysAgo(1)), NOW, DEFAULT_POLICY)).toBe(true);
    expect(shippedPastLatest(shipped(daysAgo(1), inDays(2)), NOW, DEFAULT_POLICY)).toBe(false);
    expect(shippedPastLatest(makeOrder({ status: 'unshipped', latestDeliveryDate: daysAgo(1) }), NOW, DEFAULT_POLICY)).toBe(false);
    expect(shippedPastLatest(shipped(daysAgo(5), at(-HOUR)), NOW, { ...DEFAULT_POLICY, latenessGraceHours: 24 })).toBe(false);
  });
});
