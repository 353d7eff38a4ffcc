/**
 * Offline tracking: a deterministic carrier timeline computed from the order's own dates, so the demo
 * shop and the tests can show every "where is my order" story (on time, slow, late, lost, returned)
 * without a tracking provider. The same order and clock always give the same events.
 */
import { randomUUID } from 'node:crypto';
import type { Address, Order } from '../../domain/order.js';
import type { TrackingEvent, TrackingInfo, TrackingState } from '../../domain/tracking.js';
import type { TrackingService } from '../ports.js';
import { DESCRIPTION_ZH, placeEn, placeZh } from './demo-place-names.js';
import { fulfilmentCentreFor, planRoute, type Place, type Route } from './demo-routes.js';
import { stateOfEvent, type TrackingEventCode, type TrackingScenario } from './tracking-events.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface DemoTrackingOptions {
  /** Story per tracking number; numbers not listed get one derived from the order's dates. */
  scenarios?: Record<string, TrackingScenario>;
  /** Injected clock: the timeline shows only events that happened before `now()`. */
  now: () => Date;
  /** Where merchant-fulfilled parcels start (the seller's warehouse). Default Shenzhen, CN. */
  merchantOrigin?: Place;
}

export interface ClaimRecord {
  claimId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  openedAt: string;
}

export interface RedirectRecord {
  requestId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  address: Address;
  accepted: boolean;
  requestedAt: string;
}

const DEFAULT_MERCHANT_ORIGIN: Place = { city: 'Shenzhen', region: 'Guangdong', countryCode: 'CN' };

interface PlannedEvent {
  at: number;
  code: TrackingEventCode;
  place: Place;
  description: string;
}

/** FNV-1a: a stable small hash so one tracking number always gets the same route and times. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Date-only delivery dates mean "some time that day": the window opens at its start... */
function windowStart(date: string): number {
  return Date.parse(DATE_ONLY.test(date) ? `${date}T00:00:00Z` : date);
}

/** ...and closes at the end of the latest day. */
function windowEnd(date: string): number {
  return DATE_ONLY.test(date) ? Date.parse(`${date}T00:00:00Z`) + DAY - 1 : Date.parse(date);
}

/** The story to tell when none was configured: read it off the order, the way an agent would. */
export function deriveScenario(order: Order, now: Date): TrackingScenario {
  if (order.deliveredAt !== undefined || order.status === 'delivered' || order.status === 'returned') return 'delivered';
  if (order.shippedAt === undefined) return 'label_created';
  return now.getTime() > windowEnd(order.latestDeliveryDate) ? 'late' : 'on_time';
}

function forwardLeg(route: Route, start: number, end: number): PlannedEvent[] {
  const stops: Omit<PlannedEvent, 'at'>[] = [
    { code: 'departed_origin_facility', place: route.origin, description: 'Departed origin facility' },
  ];
  for (const hub of route.outboundHubs) {
    stops.push({ code: 'arrived_at_hub', place: hub, description: 'Arrived at sort facility' });
    stops.push({ code: 'departed_hub', place: hub, description: 'Departed sort facility' });
  }
  if (route.customs) {
    stops.push({ code: 'arrived_at_hub', place: route.customs, description: 'Arrived at import gateway' });
    stops.push({ code: 'customs_clearance', place: route.customs, description: 'Clearance processing in progress' });
    stops.push({ code: 'customs_cleared', place: route.customs, description: 'Import clearance complete' });
  }
  for (const hub of route.inboundHubs) {
    stops.push({ code: 'arrived_at_hub', place: hub, description: 'Arrived at sort facility' });
    stops.push({ code: 'departed_hub', place: hub, description: 'Departed sort facility' });
  }
  const step = (end - start) / stops.length;
  return stops.map((s, i) => ({ ...s, at: Math.round(start + step * i) }));
}

interface Plan {
  events: PlannedEvent[];
  estimatedDelivery?: number;
}

/**
 * The whole timeline a parcel will have, past and future; `track` then shows the part before `now`.
 * Pure: all inputs are arguments.
 */
export function planTimeline(order: Order, scenario: TrackingScenario, now: Date, merchantOrigin: Place): Plan {
  const trackingNumber = order.trackingNumber ?? order.id;
  const h = hash(trackingNumber);
  const origin = order.fulfilment === 'marketplace' ? fulfilmentCentreFor(order.shippingAddress.countryCode) : merchantOrigin;
  const route = planRoute(origin, order.shippingAddress, (n) => h % n);
  const shippedAt = Date.parse(order.shippedAt ?? order.purchasedAt);
  const labelAt = shippedAt - 3 * HOUR - (h % 60) * 60_000;
  const label: PlannedEvent = {
    at: labelAt,
    code: 'label_created',
    place: origin,
    description: 'Shipping label created, carrier awaiting item',
  };
  if (scenario === 'label_created') return { events: [label] };

  const earliest = windowStart(order.earliestDeliveryDate);
  const latest = windowEnd(order.latestDeliveryDate);
  const minTransit = 12 * HOUR;
  const onTime = Math.max(shippedAt + minTransit, earliest + (latest - earliest) * 0.4 + (h % 90) * 60_000);
  let target: number;
  switch (scenario) {
    case 'slow':
      target = Math.max(shippedAt + minTransit, latest - 6 * HOUR);
      break;
    case 'late':
      target = Math.max(shippedAt + minTransit, latest + 3 * DAY);
      break;
    case 'delivered': {
      const recorded = order.deliveredAt === undefined ? undefined : Date.parse(order.deliveredAt);
      target = recorded ?? Math.max(shippedAt + HOUR, Math.min(onTime, now.getTime()));
      break;
    }
    default:
      target = onTime;
  }
  const transit = target - shippedAt;
  const outForDelivery = target - Math.min(6 * HOUR, transit * 0.1);
  const atStation = target - Math.min(14 * HOUR, transit * 0.2);
  const legStart = shippedAt + Math.min(4 * HOUR, transit * 0.05);
  const legEnd = atStation - Math.min(4 * HOUR, transit * 0.05);
  const dest = route.destination;
  const pickedUp: PlannedEvent = { at: shippedAt, code: 'picked_up', place: origin, description: 'Picked up by carrier' };
  const leg = forwardLeg(route, legStart, legEnd);
  const station: PlannedEvent = {
    at: atStation,
    code: 'arrived_at_delivery_station',
    place: dest,
    description: 'Arrived at delivery station',
  };
  const ofd: PlannedEvent = { at: outForDelivery, code: 'out_for_delivery', place: dest, description: 'Out for delivery' };
  const delivered: PlannedEvent = { at: target, code: 'delivered', place: dest, description: 'Delivered' };

  switch (scenario) {
    case 'late': {
      // Stuck in the network: scans stop before the delivery station and a delay notice follows.
      const delayedAt = latest + 2 * HOUR;
      const scanned = leg.filter((e) => e.at < delayedAt);
      const delayed: PlannedEvent = {
        at: delayedAt,
        code: 'delayed',
        place: scanned[scanned.length - 1]?.place ?? origin,
        description: 'Delayed in transit: shipment is running later than expected',
      };
      return { events: [label, pickedUp, ...scanned, delayed] };
    }
    case 'lost': {
      // Scans stop about halfway; after days of silence the carrier flags it, then declares it lost.
      const cutoff = shippedAt + transit * 0.45;
      const scanned = [label, pickedUp, ...leg.filter((e) => e.at <= cutoff)];
      const last = scanned[scanned.length - 1] ?? pickedUp;
      const exception: PlannedEvent = {
        at: last.at + 4 * DAY,
        code: 'exception',
        place: last.place,
        description: 'No scan for 4 days: carrier is investigating',
      };
      const lost: PlannedEvent = {
        at: Math.max(exception.at + DAY, latest + DAY),
        code: 'lost',
        place: last.place,
        description: 'Shipment could not be located and is declared lost',
      };
      return { events: [...scanned, exception, lost] };
    }
    case 'returned_to_sender': {
      const attempt: PlannedEvent = {
        at: outForDelivery + 4 * HOUR,
        code: 'delivery_attempted',
        place: dest,
        description: 'Delivery attempted: addressee unknown at this address',
      };
      const returning: PlannedEvent = {
        at: attempt.at + DAY,
        code: 'returning_to_sender',
        place: dest,
        description: 'Returning to sender',
      };
      const back: PlannedEvent = {
        at: returning.at + Math.max(2 * DAY, transit),
        code: 'returned_to_sender',
        place: origin,
        description: 'Returned to sender',
      };
      return { events: [label, pickedUp, ...leg, station, ofd, attempt, returning, back] };
    }
    default:
      return { events: [label, pickedUp, ...leg, station, ofd, delivered], estimatedDelivery: target };
  }
}

function toIso(ms: number): string {
  // Carrier scans are per minute.
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

/** Offline TrackingService; claims and redirects are kept in memory, keyed by idempotency key. */
export class DemoTrackingService implements TrackingService {
  private readonly scenarios: Record<string, TrackingScenario>;
  private readonly now: () => Date;
  private readonly merchantOrigin: Place;
  private readonly claims = new Map<string, ClaimRecord>();
  private readonly redirects = new Map<string, RedirectRecord>();

  constructor(options: DemoTrackingOptions) {
    this.scenarios = { ...(options.scenarios ?? {}) };
    this.now = options.now;
    this.merchantOrigin = options.merchantOrigin ?? DEFAULT_MERCHANT_ORIGIN;
  }

  /** The scenario a tracking number follows (configured, or derived from the order). */
  scenarioFor(order: Order): TrackingScenario {
    const configured = order.trackingNumber === undefined ? undefined : this.scenarios[order.trackingNumber];
    return configured ?? deriveScenario(order, this.now());
  }

  async track(order: Order): Promise<TrackingInfo | undefined> {
    if (order.carrier === undefined || order.trackingNumber === undefined) return undefined;
    const now = this.now();
    const scenario = this.scenarioFor(order);
    const plan = planTimeline(order, scenario, now, this.merchantOrigin);
    const visible = plan.events.filter((e) => e.at <= now.getTime());
    const last = visible[visible.length - 1];
    const state: TrackingState = last ? stateOfEvent(last.code) : 'label_created';
    // Oldest first, like the HTTP adapter returns them.
    const events: TrackingEvent[] = visible.map((e) => ({
      at: toIso(e.at),
      code: e.code,
      location: placeEn(e.place),
      locations: { en: placeEn(e.place), zh: placeZh(e.place) },
      description: e.description,
      descriptions: { en: e.description, zh: DESCRIPTION_ZH[e.description] ?? e.description },
    }));
    const info: TrackingInfo = { carrier: order.carrier, trackingNumber: order.trackingNumber, state, events };
    if (plan.estimatedDelivery !== undefined && state !== 'delivered') info.estimatedDelivery = toIso(plan.estimatedDelivery);
    return info;
  }

  async openClaim(order: Order, input: { idempotencyKey: string }): Promise<{ claimId: string }> {
    const existing = this.claims.get(input.idempotencyKey);
    if (existing) return { claimId: existing.claimId };
    const record: ClaimRecord = {
      claimId: `CLM-${randomUUID().slice(0, 8).toUpperCase()}`,
      orderId: order.id,
      carrier: order.carrier ?? '',
      trackingNumber: order.trackingNumber ?? '',
      openedAt: this.now().toISOString(),
    };
    this.claims.set(input.idempotencyKey, record);
    return { claimId: record.claimId };
  }

  /** Carriers intercept parcels still moving through the network, not ones on the van or already delivered. */
  async requestRedirect(
    order: Order,
    input: { address: Address; idempotencyKey: string },
  ): Promise<{ requestId: string; accepted: boolean }> {
    const existing = this.redirects.get(input.idempotencyKey);
    if (existing) return { requestId: existing.requestId, accepted: existing.accepted };
    const info = await this.track(order);
    const accepted = info !== undefined && (info.state === 'label_created' || info.state === 'in_transit');
    const record: RedirectRecord = {
      requestId: `RDR-${randomUUID().slice(0, 8).toUpperCase()}`,
      orderId: order.id,
      carrier: order.carrier ?? '',
      trackingNumber: order.trackingNumber ?? '',
      address: input.address,
      accepted,
      requestedAt: this.now().toISOString(),
    };
    this.redirects.set(input.idempotencyKey, record);
    return { requestId: record.requestId, accepted };
  }

  /** For the agent console and tests: every claim opened, oldest first. */
  listClaims(): ClaimRecord[] {
    return [...this.claims.values()];
  }

  listRedirects(): RedirectRecord[] {
    return [...this.redirects.values()];
  }
}
