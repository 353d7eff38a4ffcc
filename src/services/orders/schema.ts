/** Runtime validation for orders coming from files, imports and stored idempotent results. */
import { z } from 'zod';
import type { Address, Order, OrderItem, Refund, ReturnAuthorization } from '../../domain/order.js';
import type { Money } from '../../domain/money.js';
import { ORDER_ID_PATTERN, RETURN_REASONS } from '../../domain/order.js';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'Invalid date' });

export const MoneySchema: z.ZodType<Money> = z.object({
  amount: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO-4217 code expected'),
});

export const AddressSchema: z.ZodType<Address> = z.object({
  name: z.string().min(1),
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  region: z.string().optional(),
  postalCode: z.string().min(1),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO-3166 alpha-2 code expected'),
  phone: z.string().optional(),
});

export const OrderItemSchema: z.ZodType<OrderItem> = z.object({
  sku: z.string().min(1),
  title: z.string().min(1),
  titles: z.object({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() }).optional(),
  quantity: z.number().int().positive(),
  unitPrice: MoneySchema,
});

const ReturnReasonSchema = z.enum(RETURN_REASONS);

export const OrderSchema: z.ZodType<Order> = z.object({
  id: z.string().regex(ORDER_ID_PATTERN, 'order id must look like 123-1234567-1234567'),
  purchasedAt: isoDate,
  status: z.enum(['pending', 'unshipped', 'shipped', 'delivered', 'cancelled', 'returned']),
  items: z.array(OrderItemSchema).min(1),
  shippingCost: MoneySchema,
  shippingAddress: AddressSchema,
  buyerEmail: z.email(),
  buyerName: z.string().optional(),
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  shippedAt: isoDate.optional(),
  deliveredAt: isoDate.optional(),
  earliestDeliveryDate: isoDate,
  latestDeliveryDate: isoDate,
  fulfilment: z.enum(['marketplace', 'merchant']),
  marketplace: z.string().min(2),
  region: z.enum(['NA', 'EU', 'UK', 'APAC', 'CN']),
  cancelledAt: isoDate.optional(),
  cancelledBy: z.enum(['buyer', 'seller']).optional(),
  cancelReason: z.string().optional(),
  addressChangeRequest: z
    .object({ address: AddressSchema, requestedAt: isoDate, kind: z.enum(['update', 'redirect']) })
    .optional(),
});

export const ReturnAuthorizationSchema: z.ZodType<ReturnAuthorization> = z.object({
  rma: z.string(),
  orderId: z.string(),
  skus: z.array(z.string()),
  reason: ReturnReasonSchema,
  resolution: z.enum(['refund', 'replacement', 'returnless_refund', 'warranty_repair']),
  returnShippingPaidBy: z.enum(['buyer', 'seller']),
  refundAmount: MoneySchema,
  createdAt: isoDate,
  status: z.enum(['authorized', 'in_transit', 'received', 'refunded', 'rejected', 'closed', 'withdrawn']),
  dropOffCode: z.string().optional(),
  refundedAt: isoDate.optional(),
  approvedBy: z.string().optional(),
  evidence: z.array(z.string()).optional(),
});

export const RefundSchema: z.ZodType<Refund> = z.object({
  id: z.string(),
  orderId: z.string(),
  rma: z.string().optional(),
  amount: MoneySchema,
  createdAt: isoDate,
});

/** Schema for a stored `Outcome<T, Code>`. */
export function outcomeSchema<T, C extends string>(value: z.ZodType<T>, codes: readonly [C, ...C[]]) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), code: z.enum(codes) }),
  ]);
}
