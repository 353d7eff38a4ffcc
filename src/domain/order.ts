/**
 * The marketplace order as the assistant sees it. Plain JSON data (ISO-8601 strings for times) so it
 * can live in persisted dialog context and in any store without conversion.
 */
import type { Money } from './money.js';

export type OrderStatus = 'pending' | 'unshipped' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

/** Who ships: the marketplace's warehouses (FBA-style) or the seller themselves. */
export type FulfilmentChannel = 'marketplace' | 'merchant';


export interface OrderItem {
  sku: string;
  /** The title as the source system names it (the fallback for every language). */
  title: string;
  /** Titles per buyer language where the source has them (the demo store: English and Chinese). */
  titles?: Partial<Record<'en' | 'zh', string>>;
  quantity: number;
  /** Price of one unit. */
  unitPrice: Money;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO-3166 alpha-2. */
  countryCode: string;
  phone?: string;
}

export interface Order {
  /** Marketplace format, e.g. 112-3456789-1234567. */
  id: string;
  purchasedAt: string;
  status: OrderStatus;
  items: OrderItem[];
  /** What the buyer paid for shipping (refunded only when the seller is at fault). */
  shippingCost: Money;
  shippingAddress: Address;
  buyerEmail: string;
  buyerName?: string;
  carrier?: string;
  trackingNumber?: string;
  shippedAt?: string;
  deliveredAt?: string;
  earliestDeliveryDate: string;
  latestDeliveryDate: string;
  fulfilment: FulfilmentChannel;
  /** Marketplace code, e.g. US, UK, DE, JP. */
  marketplace: string;
  /** Policy region: EU orders get the EU rules (e.g. 2-year product warranty). */
  region: 'NA' | 'EU' | 'UK' | 'APAC' | 'CN';
  cancelledAt?: string;
  /** Who cancelled and why (kept for agents and reports). */
  cancelledBy?: 'buyer' | 'seller';
  cancelReason?: string;
  /** Pending address change requested by the buyer (shipped orders: a carrier redirect request). */
  addressChangeRequest?: { address: Address; requestedAt: string; kind: 'update' | 'redirect' };
}

const BUYER_CHOICE = ['no_longer_needed', 'ordered_by_mistake', 'wrong_size_or_colour', 'better_price_found'] as const;
const SELLER_FAULT = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'missing_parts'] as const;
/** Why the buyer wants to return: the one list (schemas take it from here). The category decides who pays shipping. */
export const RETURN_REASONS = [...BUYER_CHOICE, ...SELLER_FAULT] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
/** The buyer's choice: refund the item, not shipping; the buyer pays the return (seed 001, 003). */
export const BUYER_CHOICE_REASONS: readonly ReturnReason[] = BUYER_CHOICE;
/** The seller's fault: the seller pays both ways, full refund (seed 001). */
export const SELLER_FAULT_REASONS: readonly ReturnReason[] = SELLER_FAULT;

export type ReturnResolution = 'refund' | 'replacement' | 'returnless_refund' | 'warranty_repair';

/** `withdrawn`: the buyer called the return off before sending anything (the items may be returned again). */
export type ReturnStatus = 'authorized' | 'in_transit' | 'received' | 'refunded' | 'rejected' | 'closed' | 'withdrawn';

/** A return merchandise authorisation (RMA): what was agreed with the buyer, stated up front. */
export interface ReturnAuthorization {
  rma: string;
  orderId: string;
  skus: string[];
  reason: ReturnReason;
  resolution: ReturnResolution;
  /** Who pays the return shipping. */
  returnShippingPaidBy: 'buyer' | 'seller';
  /** What will be refunded when the conditions hold (item back, or at once for returnless). */
  refundAmount: Money;
  createdAt: string;
  status: ReturnStatus;
  /** Drop-off code when the channel offers one (seed 002). */
  dropOffCode?: string;
  refundedAt?: string;
  /** Agent who approved an exception to the policy (outside the window, other amount). */
  approvedBy?: string;
  /** Links to the buyer's photos of the fault (seller-fault returns): evidence for the warehouse and agents. */
  evidence?: string[];
}

/** A printable return label for an RMA. */
export interface ReturnLabel {
  rma: string;
  /** Unguessable and expiring; relative to the public base URL. */
  url: string;
  expiresAt: string;
}

export interface Refund {
  id: string;
  orderId: string;
  rma?: string;
  amount: Money;
  createdAt: string;
}

export const ORDER_ID_PATTERN = /^\d{3}-\d{7}-\d{7}$/;

/** The item's title in the buyer's language when the source has one, else the source's title. */
export function itemTitle(item: Pick<OrderItem, 'title' | 'titles'>, lang: 'en' | 'zh'): string {
  return item.titles?.[lang] ?? item.title;
}
