/**
 * The demo store: orders described in data/demo-orders.json with times relative to "now", so every
 * policy branch (cancel window, slow, late, lost, return window, warranties) is live whenever it starts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RETURN_REASONS, type Order } from '../../domain/order.js';

export const TRACKING_SCENARIOS = ['on_time', 'slow', 'late', 'lost', 'delivered', 'returned_to_sender', 'label_created'] as const;
export type TrackingScenario = (typeof TRACKING_SCENARIOS)[number];

const DEMO_FILE = new URL('../../../data/demo-orders.json', import.meta.url);

const offset = z.number().min(0).optional();

const DemoOrderEntrySchema = z
  .object({
    id: z.string().regex(/^\d{3}-\d{7}-\d{7}$/),
    demonstrates: z.string(),
    purchasedMinutesAgo: offset,
    purchasedDaysAgo: offset,
    shippedMinutesAgo: offset,
    shippedDaysAgo: offset,
    deliveredDaysAgo: offset,
    cancelledMinutesAgo: offset,
    status: z.enum(['pending', 'unshipped', 'shipped', 'delivered', 'cancelled', 'returned']),
    buyer: z.object({ name: z.string(), email: z.email() }),
    address: z.object({
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      region: z.string().optional(),
      postalCode: z.string(),
      countryCode: z.string().length(2),
      phone: z.string().optional(),
    }),
    items: z
      .array(
        z.object({
          sku: z.string(),
          title: z.string(),
          titles: z.object({ en: z.string().optional(), zh: z.string().optional() }).optional(),
          quantity: z.number().int().positive(),
          unitPrice: z.number().int().min(0),
        }),
      )
      .min(1),
    shippingCost: z.number().int().min(0),
    currency: z.string().length(3),
    marketplace: z.string(),
    region: z.enum(['NA', 'EU', 'UK', 'APAC', 'CN']),
    fulfilment: z.enum(['marketplace', 'merchant']),
    carrier: z.string().optional(),
    trackingNumber: z.string().optional(),
    trackingScenario: z.enum(TRACKING_SCENARIOS).optional(),
    /** Days from now; negative = in the past. */
    earliestDeliveryInDays: z.number(),
    latestDeliveryInDays: z.number(),
    /** The decision kinds this order demonstrates (checked by a test). */
    expect: z.object({
      cancel: z.string(),
      addressChange: z.string(),
      delivery: z.string(),
      return: z.object({
        reason: z.enum(RETURN_REASONS),
        skus: z.array(z.string()).optional(),
        kind: z.string(),
        coverage: z.enum(['marketplace', 'product']).optional(),
        options: z.array(z.enum(['refund', 'replacement', 'returnless_refund'])).optional(),
      }),
    }),
  })
  .refine((e) => (e.purchasedMinutesAgo === undefined) !== (e.purchasedDaysAgo === undefined), {
    message: 'give exactly one of purchasedMinutesAgo / purchasedDaysAgo',
  });

export type DemoOrderEntry = z.infer<typeof DemoOrderEntrySchema>;

const DemoFileSchema = z.object({ description: z.string().optional(), orders: z.array(DemoOrderEntrySchema) });

let cached: DemoOrderEntry[] | undefined;

/** The parsed description file (validated; throws naming the bad entry). */
export function demoOrderEntries(): DemoOrderEntry[] {
  if (!cached) {
    const parsed = DemoFileSchema.safeParse(JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
    if (!parsed.success) throw new Error(`data/demo-orders.json is invalid: ${z.prettifyError(parsed.error)}`);
    cached = parsed.data.orders;
  }
  return cached;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function ago(now: Date, minutes: number | undefined, days: number | undefined): string | undefined {
  if (minutes === undefined && days === undefined) return undefined;
  return new Date(now.getTime() - (minutes ?? 0) * MINUTE - (days ?? 0) * DAY).toISOString();
}

function toOrder(e: DemoOrderEntry, now: Date): Order {
  const money = (amount: number) => ({ amount, currency: e.currency });
  const purchasedAt = ago(now, e.purchasedMinutesAgo, e.purchasedDaysAgo) ?? now.toISOString();
  const shippedAt = ago(now, e.shippedMinutesAgo, e.shippedDaysAgo);
  const deliveredAt = ago(now, undefined, e.deliveredDaysAgo);
  const cancelledAt = ago(now, e.cancelledMinutesAgo, undefined);
  return {
    id: e.id,
    purchasedAt,
    status: e.status,
    items: e.items.map((i) => ({
      sku: i.sku,
      title: i.title,
      ...(i.titles?.zh ? { titles: { en: i.titles.en ?? i.title, zh: i.titles.zh } } : {}),
      quantity: i.quantity,
      unitPrice: money(i.unitPrice),
    })),
    shippingCost: money(e.shippingCost),
    shippingAddress: { name: e.buyer.name, ...e.address },
    buyerEmail: e.buyer.email,
    buyerName: e.buyer.name,
    ...(e.carrier !== undefined ? { carrier: e.carrier } : {}),
    ...(e.trackingNumber !== undefined ? { trackingNumber: e.trackingNumber } : {}),
    ...(shippedAt !== undefined ? { shippedAt } : {}),
    ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    ...(cancelledAt !== undefined ? { cancelledAt, cancelledBy: 'buyer' as const, cancelReason: 'demo' } : {}),
    earliestDeliveryDate: new Date(now.getTime() + e.earliestDeliveryInDays * DAY).toISOString(),
    latestDeliveryDate: new Date(now.getTime() + e.latestDeliveryInDays * DAY).toISOString(),
    fulfilment: e.fulfilment,
    marketplace: e.marketplace,
    region: e.region,
  };
}

/** The demo orders as they stand at `now`. */
export function demoOrders(now: Date): Order[] {
  return demoOrderEntries().map((e) => toOrder(e, now));
}

/** What the demo tracking provider should report for each demo tracking number. */
export function demoTrackingScenarios(): Record<string, TrackingScenario> {
  const out: Record<string, TrackingScenario> = {};
  for (const e of demoOrderEntries()) {
    if (e.trackingNumber !== undefined && e.trackingScenario !== undefined) out[e.trackingNumber] = e.trackingScenario;
  }
  return out;
}
