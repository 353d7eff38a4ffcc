/** A parcel's journey as carriers report it, in one vocabulary for every provider. */
import type { Lang } from './lang.js';

export type TrackingState =
  | 'label_created'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'exception'
  | 'lost'
  | 'returned_to_sender'
  | 'unknown';

export interface TrackingEvent {
  at: string;
  /** Same vocabulary as TrackingState plus finer steps (e.g. 'arrived_at_hub'); rendered by key. */
  code: string;
  location?: string;
  /** The place in the buyer's languages where the provider has them (the demo tracker: both). */
  locations?: Partial<Record<Lang, string>>;
  /** Carrier's own wording, shown to agents only. */
  description?: string;
  /** The wording per language where the provider has it. */
  descriptions?: Partial<Record<Lang, string>>;
}

export interface TrackingInfo {
  carrier: string;
  trackingNumber: string;
  state: TrackingState;
  events: TrackingEvent[];
  estimatedDelivery?: string;
}
