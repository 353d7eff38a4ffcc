/** A parcel's journey as carriers report it, in one vocabulary for every provider. */

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
  /** Carrier's own wording, shown to agents only. */
  description?: string;
}

export interface TrackingInfo {
  carrier: string;
  trackingNumber: string;
  state: TrackingState;
  events: TrackingEvent[];
  estimatedDelivery?: string;
}
