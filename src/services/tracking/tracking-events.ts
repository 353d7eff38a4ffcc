/**
 * The event and scenario vocabulary shared by the demo timeline and the HTTP adapter. Event codes are
 * keys the lead renders through i18next, so the list is exported for a locale-completeness test.
 */
import type { TrackingState } from '../../domain/tracking.js';

/** Finer steps than TrackingState; every code maps to exactly one state. */
export const TRACKING_EVENT_CODES = [
  'label_created',
  'picked_up',
  'departed_origin_facility',
  'arrived_at_hub',
  'departed_hub',
  'customs_clearance',
  'customs_cleared',
  'arrived_at_delivery_station',
  'delayed',
  'out_for_delivery',
  'delivered',
  'delivery_attempted',
  'exception',
  'lost',
  'returning_to_sender',
  'returned_to_sender',
] as const;

export type TrackingEventCode = (typeof TRACKING_EVENT_CODES)[number];

/** What a demo tracking number should do; supplied as data so demos and tests pick the story. */
export const TRACKING_SCENARIOS = [
  'on_time',
  'slow',
  'late',
  'lost',
  'delivered',
  'returned_to_sender',
  'label_created',
] as const;

export type TrackingScenario = (typeof TRACKING_SCENARIOS)[number];

const STATE_OF: Record<TrackingEventCode, TrackingState> = {
  label_created: 'label_created',
  picked_up: 'in_transit',
  departed_origin_facility: 'in_transit',
  arrived_at_hub: 'in_transit',
  departed_hub: 'in_transit',
  customs_clearance: 'in_transit',
  customs_cleared: 'in_transit',
  arrived_at_delivery_station: 'in_transit',
  delayed: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  delivery_attempted: 'exception',
  exception: 'exception',
  lost: 'lost',
  returning_to_sender: 'returned_to_sender',
  returned_to_sender: 'returned_to_sender',
};

/** The shipment state implied by its latest event (carriers report state as "last scan"). */
export function stateOfEvent(code: TrackingEventCode): TrackingState {
  return STATE_OF[code];
}
