/**
 * What a dialog says: a reply key plus values, never text. Dialogs emit it, the conversation store
 * keeps the newest turn's replies, the bot renders them in the buyer's language. Money and dates stay
 * typed so the renderer can format them for the locale.
 */
import type { Lang } from './lang.js';
import type { Money } from './money.js';
import type { Address } from './order.js';

/** A date the renderer formats for the buyer's locale. */
export interface DateValue {
  iso: string;
  style: 'date' | 'datetime';
}

/** Another reply key, rendered in the same language (e.g. a tracking event name). */
export interface KeyValue {
  t: string;
}

/**
 * Text the source has in several languages (an item's title, a tracking place): dialogs do not know
 * the buyer's language, so they pass all of it and the renderer picks. `text` is the fallback.
 */
export interface LocalizedValue {
  text: string;
  byLang?: Partial<Record<Lang, string>>;
}

/** A carrier as the source names it; the renderer says it the way the buyer's language does. */
export interface CarrierValue {
  carrier: string;
}

/** An address read back to the buyer: formatted the way its country writes it, in the buyer's language. */
export interface AddressValue {
  address: Address;
}

export type ReplyValue = string | number | Money | DateValue | KeyValue | LocalizedValue | CarrierValue | AddressValue;

/** An order item's title in every language the source has. */
export const itemTitleValue = (item: { title: string; titles?: Partial<Record<Lang, string>> }): LocalizedValue =>
  item.titles ? { text: item.title, byLang: item.titles } : { text: item.title };

export function isLocalizedValue(v: unknown): v is LocalizedValue {
  return typeof v === 'object' && v !== null && 'text' in v && typeof v.text === 'string';
}
export function isCarrierValue(v: unknown): v is CarrierValue {
  return typeof v === 'object' && v !== null && 'carrier' in v && typeof v.carrier === 'string';
}
export function isAddressValue(v: unknown): v is AddressValue {
  return typeof v === 'object' && v !== null && 'address' in v && typeof v.address === 'object' && v.address !== null;
}

/** A quick reply: its label is a reply key; choosing it sends `choice` back to the machine. */
export interface Suggestion {
  key: string;
  values?: Record<string, ReplyValue>;
  choice: string;
}

export interface Reply {
  key: string;
  values?: Record<string, ReplyValue>;
  suggestions?: Suggestion[];
  /** A rich card where it helps; channels without cards get the rendered text of `key`. */
  card?: CardSpec;
}

export type CardSpec =
  | {
      kind: 'orderSummary';
      orderId: string;
      status: string;
      purchasedAt: string;
      deliveredAt?: string;
      items: { title: string; titles?: Partial<Record<Lang, string>>; quantity: number; unitPrice: Money }[];
      total: Money;
    }
  | {
      kind: 'trackingTimeline';
      orderId: string;
      carrier: string;
      trackingNumber: string;
      events: { at: string; code: string; location?: string; locations?: Partial<Record<Lang, string>> }[];
    }
  | { kind: 'returnLabel'; rma: string; url: string; expiresAt: string; dropOffCode?: string };
