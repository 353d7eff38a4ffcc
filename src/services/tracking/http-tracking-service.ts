/**
 * Adapter for a tracking provider's REST API (contract in docs/labels-and-tracking.md). Every failure
 * becomes a TrackingProviderError with a stable code, so the dialog can say "tracking is unavailable
 * right now" instead of crashing, and a slow provider cannot hold a turn past `timeoutMs`.
 */
import { z } from 'zod';
import type { Address, Order } from '../../domain/order.js';
import type { TrackingEvent, TrackingInfo, TrackingState } from '../../domain/tracking.js';
import type { TrackingService } from '../ports.js';
import { TRACKING_EVENT_CODES } from './tracking-events.js';

export type TrackingErrorCode =
  | 'TRACKING_UNAVAILABLE'
  | 'TRACKING_TIMEOUT'
  | 'TRACKING_BAD_RESPONSE'
  | 'TRACKING_UNAUTHORIZED'
  | 'TRACKING_NOT_TRACKABLE';

/** A provider failure the bot can report by code; never carries the API key or the response body. */
export class TrackingProviderError extends Error {
  override readonly name = 'TrackingProviderError';
  readonly code: TrackingErrorCode;
  /** HTTP status when the provider answered. */
  readonly status: number | undefined;

  constructor(code: TrackingErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

export interface HttpTrackingOptions {
  /** e.g. https://tracking.example.com/v1 (no trailing slash needed). */
  baseUrl: string;
  apiKey: string;
  /** Whole request budget, body included. */
  timeoutMs: number;
  /** Injected for tests or a proxy-aware client; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Provider statuses → our states. Unknown statuses read as 'unknown' so a new provider value never breaks a turn. */
const PROVIDER_STATUS: Record<string, TrackingState> = {
  pre_transit: 'label_created',
  info_received: 'label_created',
  label_created: 'label_created',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'out_for_delivery',
  delivered: 'delivered',
  failed_attempt: 'exception',
  exception: 'exception',
  lost: 'lost',
  return_to_sender: 'returned_to_sender',
  returned: 'returned_to_sender',
};

export function mapProviderStatus(status: string): TrackingState {
  return PROVIDER_STATUS[status] ?? 'unknown';
}

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

const ProviderEventSchema = z.object({
  occurred_at: isoTime,
  status: z.string(),
  /** Finer step in our event vocabulary (e.g. arrived_at_hub); optional. */
  substatus: z.string().nullish(),
  location: z.string().nullish(),
  description: z.string().nullish(),
});

export const ProviderTrackingSchema = z.object({
  carrier: z.string(),
  tracking_number: z.string(),
  status: z.string(),
  estimated_delivery: isoTime.nullish(),
  events: z.array(ProviderEventSchema),
});

export type ProviderTracking = z.infer<typeof ProviderTrackingSchema>;

const ClaimResponseSchema = z.object({ claim_id: z.string().min(1) });
const RedirectResponseSchema = z.object({ request_id: z.string().min(1), accepted: z.boolean() });

const KNOWN_CODES: ReadonlySet<string> = new Set(TRACKING_EVENT_CODES);

/** Provider JSON → our TrackingInfo; events oldest first. */
export function toTrackingInfo(body: ProviderTracking): TrackingInfo {
  const events: TrackingEvent[] = body.events
    .map((e) => {
      const event: TrackingEvent = {
        at: new Date(Date.parse(e.occurred_at)).toISOString(),
        code: e.substatus != null && KNOWN_CODES.has(e.substatus) ? e.substatus : mapProviderStatus(e.status),
      };
      if (e.location != null) event.location = e.location;
      if (e.description != null) event.description = e.description;
      return event;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const info: TrackingInfo = {
    carrier: body.carrier,
    trackingNumber: body.tracking_number,
    state: mapProviderStatus(body.status),
    events,
  };
  if (body.estimated_delivery != null) info.estimatedDelivery = new Date(Date.parse(body.estimated_delivery)).toISOString();
  return info;
}

function providerAddress(a: Address): Record<string, string> {
  const out: Record<string, string> = {
    name: a.name,
    line1: a.line1,
    city: a.city,
    postal_code: a.postalCode,
    country_code: a.countryCode,
  };
  if (a.line2 !== undefined) out['line2'] = a.line2;
  if (a.region !== undefined) out['region'] = a.region;
  if (a.phone !== undefined) out['phone'] = a.phone;
  return out;
}

/** TrackingService backed by the provider API; see docs/labels-and-tracking.md for the contract. */
export class HttpTrackingService implements TrackingService {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpTrackingOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** undefined when the order has no tracking number or the provider doesn't know it (404). */
  async track(order: Order): Promise<TrackingInfo | undefined> {
    if (order.carrier === undefined || order.trackingNumber === undefined) return undefined;
    const path = `/trackings/${encodeURIComponent(order.carrier)}/${encodeURIComponent(order.trackingNumber)}`;
    const body = await this.request('GET', path, undefined, undefined, true);
    if (body === undefined) return undefined;
    return toTrackingInfo(this.parse(ProviderTrackingSchema, body));
  }

  async openClaim(order: Order, input: { idempotencyKey: string }): Promise<{ claimId: string }> {
    const { carrier, trackingNumber } = this.requireTracking(order);
    const body = await this.request(
      'POST',
      '/claims',
      { carrier, tracking_number: trackingNumber, order_id: order.id },
      input.idempotencyKey,
    );
    return { claimId: this.parse(ClaimResponseSchema, body).claim_id };
  }

  async requestRedirect(
    order: Order,
    input: { address: Address; idempotencyKey: string },
  ): Promise<{ requestId: string; accepted: boolean }> {
    const { carrier, trackingNumber } = this.requireTracking(order);
    const body = await this.request(
      'POST',
      '/redirects',
      { carrier, tracking_number: trackingNumber, order_id: order.id, address: providerAddress(input.address) },
      input.idempotencyKey,
    );
    const parsed = this.parse(RedirectResponseSchema, body);
    return { requestId: parsed.request_id, accepted: parsed.accepted };
  }

  private requireTracking(order: Order): { carrier: string; trackingNumber: string } {
    if (order.carrier === undefined || order.trackingNumber === undefined) {
      throw new TrackingProviderError('TRACKING_NOT_TRACKABLE', 'order has no carrier or tracking number');
    }
    return { carrier: order.carrier, trackingNumber: order.trackingNumber };
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body);
    if (!result.success) {
      throw new TrackingProviderError('TRACKING_BAD_RESPONSE', `provider response failed validation: ${result.error.issues.length} issue(s)`);
    }
    return result.data;
  }

  /** One HTTP round trip under one deadline; returns parsed JSON, or undefined on an allowed 404. */
  private async request(
    method: 'GET' | 'POST',
    path: string,
    payload: unknown,
    idempotencyKey: string | undefined,
    notFoundIsUndefined = false,
  ): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    try {
      const res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: payload === undefined ? null : JSON.stringify(payload),
        signal: controller.signal,
      });
      if (res.status === 404 && notFoundIsUndefined) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok) {
        await res.body?.cancel();
        const code = res.status === 401 || res.status === 403 ? 'TRACKING_UNAUTHORIZED' : 'TRACKING_UNAVAILABLE';
        throw new TrackingProviderError(code, `provider answered ${res.status} to ${method} ${path}`, { status: res.status });
      }
      const text = await res.text();
      try {
        const parsed: unknown = JSON.parse(text);
        return parsed;
      } catch (cause) {
        throw new TrackingProviderError('TRACKING_BAD_RESPONSE', `provider sent malformed JSON to ${method} ${path}`, {
          status: res.status,
          cause,
        });
      }
    } catch (err) {
      if (err instanceof TrackingProviderError) throw err;
      if (controller.signal.aborted) {
        throw new TrackingProviderError('TRACKING_TIMEOUT', `provider did not answer ${method} ${path} within ${this.timeoutMs} ms`);
      }
      throw new TrackingProviderError('TRACKING_UNAVAILABLE', `provider unreachable for ${method} ${path}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}
