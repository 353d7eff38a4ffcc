import { describe, expect, it } from 'vitest';
import { DemoTrackingService, TRACKING_EVENT_CODES, type TrackingScenario } from '../../../src/services/tracking/index.js';
import type { TrackingInfo } from '../../../src/domain/tracking.js';
import { makeOrder } from './order-fixture.js';

const TN = '1Z999AA10123456784';
const WINDOW_START = Date.parse('2025-03-08T00:00:00Z');
const WINDOW_END = Date.parse('2025-03-14T00:00:00Z');

function service(scenario: TrackingScenario | undefined, now: string): DemoTrackingService {
  return new DemoTrackingService({
    scenarios: scenario === undefined ? {} : { [TN]: scenario },
    now: () => new Date(now),
  });
}

async function track(scenario: TrackingScenario | undefined, now: string, order = makeOrder()): Promise<TrackingInfo> {
  const info = await service(scenario, now).track(order);
  if (!info) throw new Error('expected tracking info');
  return info;
}

function codes(info: TrackingInfo): string[] {
  return info.events.map((e) => e.code);
}

function expectWellFormed(info: TrackingInfo, now: string): void {
  const times = info.events.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  for (const t of times) expect(t).toBeLessThanOrEqual(Date.parse(now));
  for (const e of info.events) expect(TRACKING_EVENT_CODES).toContain(e.code);
  expect(info.events[0]?.code).toBe('label_created');
}

describe('DemoTrackingService timelines', () => {
  it('on time, mid-transit: cross-border route with customs, an estimate inside the window, nothing in the future', async () => {
    const now = '2025-03-07T12:00:00Z';
    const info = await track('on_time', now);
    expectWellFormed(info, now);
    expect(info.state).toBe('in_transit');
    expect(info.carrier).toBe('UPS');
    expect(info.trackingNumber).toBe(TN);
    expect(codes(info).slice(0, 3)).toEqual(['label_created', 'picked_up', 'departed_origin_facility']);
    expect(info.events[1]?.location).toBe('Shenzhen, Guangdong, CN');
    expect(codes(info)).toContain('customs_clearance');
    expect(codes(info)).not.toContain('delivered');
    const eta = Date.parse(info.estimatedDelivery ?? '');
    expect(eta).toBeGreaterThanOrEqual(WINDOW_START);
    expect(eta).toBeLessThan(WINDOW_END);
  });

  it('on time, after the window: delivered inside the window at the buyer city', async () => {
    const now = '2025-03-20T00:00:00Z';
    const info = await track('on_time', now);
    expectWellFormed(info, now);
    expect(info.state).toBe('delivered');
    expect(codes(info).slice(-3)).toEqual(['arrived_at_delivery_station', 'out_for_delivery', 'delivered']);
    const delivered = info.events[info.events.length - 1];
    expect(delivered?.location).toBe('Seattle, WA, US');
    expect(Date.parse(delivered?.at ?? '')).toBeGreaterThanOrEqual(WINDOW_START);
    expect(Date.parse(delivered?.at ?? '')).toBeLessThan(WINDOW_END);
    expect(info.estimatedDelivery).toBeUndefined();
  });

  it('domestic marketplace-fulfilled parcels skip customs and start at a fulfilment centre', async () => {
    const now = '2025-03-20T00:00:00Z';
    const info = await track('on_time', now, makeOrder({ fulfilment: 'marketplace' }));
    expect(codes(info)).not.toContain('customs_clearance');
    expect(info.events[1]?.location).toBe('Phoenix, AZ, US');
    expect(info.state).toBe('delivered');
  });

  it('slow: still in transit on the first day of the window, delivered before it closes', async () => {
    const during = await track('slow', '2025-03-09T12:00:00Z');
    expect(during.state).toBe('in_transit');
    expect(Date.parse(during.estimatedDelivery ?? '')).toBeGreaterThan(Date.parse('2025-03-12T00:00:00Z'));
    const after = await track('slow', '2025-03-20T00:00:00Z');
    const deliveredAt = Date.parse(after.events[after.events.length - 1]?.at ?? '');
    expect(after.state).toBe('delivered');
    expect(deliveredAt).toBeLessThan(WINDOW_END);
    expect(deliveredAt).toBeGreaterThan(Date.parse('2025-03-13T00:00:00Z'));
  });

  it('late: past the latest delivery date the parcel is still in transit with a delay notice', async () => {
    const now = '2025-03-25T00:00:00Z';
    const info = await track('late', now);
    expectWellFormed(info, now);
    expect(info.state).toBe('in_transit');
    expect(codes(info)).toContain('delayed');
    expect(codes(info)).not.toContain('out_for_delivery');
    expect(codes(info)).not.toContain('delivered');
    const delayed = info.events.find((e) => e.code === 'delayed');
    expect(Date.parse(delayed?.at ?? '')).toBeGreaterThanOrEqual(WINDOW_END);
  });

  it('lost: scans stop, then an exception, then the carrier declares it lost', async () => {
    const early = await track('lost', '2025-03-06T00:00:00Z');
    expect(early.state).toBe('in_transit');
    const now = '2025-03-30T00:00:00Z';
    const info = await track('lost', now);
    expectWellFormed(info, now);
    expect(info.state).toBe('lost');
    expect(codes(info).slice(-2)).toEqual(['exception', 'lost']);
    expect(codes(info)).not.toContain('arrived_at_delivery_station');
    expect(info.estimatedDelivery).toBeUndefined();
  });

  it('returned to sender: failed attempt, then back to the origin', async () => {
    const now = '2025-04-10T00:00:00Z';
    const info = await track('returned_to_sender', now);
    expectWellFormed(info, now);
    expect(info.state).toBe('returned_to_sender');
    expect(codes(info).slice(-3)).toEqual(['delivery_attempted', 'returning_to_sender', 'returned_to_sender']);
    expect(info.events[info.events.length - 1]?.location).toBe('Shenzhen, Guangdong, CN');
  });

  it('label created: the carrier has not picked anything up', async () => {
    const info = await track('label_created', '2025-03-20T00:00:00Z');
    expect(info.state).toBe('label_created');
    expect(codes(info)).toEqual(['label_created']);
  });

  it('without a configured scenario the story comes from the order dates', async () => {
    expect((await track(undefined, '2025-03-05T00:00:00Z')).state).toBe('in_transit');
    const late = await track(undefined, '2025-03-16T00:00:00Z');
    expect(late.state).toBe('in_transit');
    expect(codes(late)).toContain('delayed');
    const deliveredOrder = makeOrder({ status: 'delivered', deliveredAt: '2025-03-09T15:30:00Z' });
    const delivered = await track(undefined, '2025-03-16T00:00:00Z', deliveredOrder);
    expect(delivered.state).toBe('delivered');
    expect(delivered.events[delivered.events.length - 1]?.at).toBe('2025-03-09T15:30:00.000Z');
  });

  it('is deterministic for the same order and clock', async () => {
    const a = await track('on_time', '2025-03-07T12:00:00Z');
    const b = await track('on_time', '2025-03-07T12:00:00Z');
    expect(a).toEqual(b);
    expect(a.events.length).toBeGreaterThan(4);
  });

  it('has nothing to track without a tracking number', async () => {
    const order = makeOrder({ trackingNumber: undefined, status: 'unshipped', shippedAt: undefined });
    expect(await service(undefined, '2025-03-05T00:00:00Z').track(order)).toBeUndefined();
  });
});

describe('DemoTrackingService requests', () => {
  it('claims are idempotent per key', async () => {
    const svc = service('lost', '2025-03-30T00:00:00Z');
    const order = makeOrder();
    const first = await svc.openClaim(order, { idempotencyKey: 'conv-1:claim' });
    const again = await svc.openClaim(order, { idempotencyKey: 'conv-1:claim' });
    const other = await svc.openClaim(order, { idempotencyKey: 'conv-2:claim' });
    expect(again.claimId).toBe(first.claimId);
    expect(other.claimId).not.toBe(first.claimId);
    expect(first.claimId).toMatch(/^CLM-[0-9A-F]{8}$/);
    expect(svc.listClaims()).toHaveLength(2);
    expect(svc.listClaims()[0]).toMatchObject({ orderId: order.id, trackingNumber: TN, openedAt: '2025-03-30T00:00:00.000Z' });
  });

  it('redirects are accepted in transit, refused once delivered, and idempotent', async () => {
    const order = makeOrder();
    const address = { ...order.shippingAddress, line1: '9 Pine St' };
    const inTransit = service('on_time', '2025-03-05T00:00:00Z');
    const first = await inTransit.requestRedirect(order, { address, idempotencyKey: 'k1' });
    const again = await inTransit.requestRedirect(order, { address, idempotencyKey: 'k1' });
    expect(first.accepted).toBe(true);
    expect(again).toEqual(first);
    expect(inTransit.listRedirects()).toHaveLength(1);
    expect(inTransit.listRedirects()[0]?.address.line1).toBe('9 Pine St');
    const delivered = service('delivered', '2025-03-20T00:00:00Z');
    expect((await delivered.requestRedirect(order, { address, idempotencyKey: 'k2' })).accepted).toBe(false);
  });
});

describe('DemoTrackingService places and wording per language', () => {
  it.each(['on_time', 'lost', 'returned_to_sender'] as const)('%s: every event has its place and wording in English and in Chinese', async (scenario) => {
    const info = await track(scenario, '2025-03-30T00:00:00Z');
    expect(info.events.length).toBeGreaterThan(2);
    for (const e of info.events) {
      expect(e.locations?.en).toBe(e.location);
      expect(e.locations?.en).toMatch(/, [A-Z]{2}$/);
      expect(e.descriptions?.en).toBe(e.description);
      // Chinese: the country first, in Chinese, with no Latin place or wording left (US state codes included).
      expect(e.locations?.zh).toMatch(/^(美国|中国|英国|德国)/);
      expect(e.locations?.zh).not.toMatch(/[A-Za-z]/);
      expect(e.descriptions?.zh).not.toMatch(/[A-Za-z]/);
      expect(e.descriptions?.zh).toMatch(/\p{Script=Han}/u);
    }
  });
});
