/** Tracking: offline demo timeline and the provider HTTP adapter, both implementing TrackingService. */
export { DemoTrackingService, deriveScenario, planTimeline } from './demo-tracking-service.js';
export type { DemoTrackingOptions, ClaimRecord, RedirectRecord } from './demo-tracking-service.js';
export {
  HttpTrackingService,
  TrackingProviderError,
  ProviderTrackingSchema,
  mapProviderStatus,
  toTrackingInfo,
} from './http-tracking-service.js';
export type { HttpTrackingOptions, TrackingErrorCode, ProviderTracking } from './http-tracking-service.js';
export { TRACKING_EVENT_CODES, TRACKING_SCENARIOS, stateOfEvent } from './tracking-events.js';
export type { TrackingEventCode, TrackingScenario } from './tracking-events.js';
export type { Place } from './demo-routes.js';
