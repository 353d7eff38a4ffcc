/**
 * What a dialog says: a reply key plus values, never text. Dialogs emit it, the conversation store
 * keeps the newest turn's replies, the bot renders them in the buyer's language. Money and dates stay
 * typed so the renderer can format them for the locale.
 */
import type { Money } from './money.js';

/** A date the renderer formats for the buyer's locale. */
export interface DateValue {
  iso: string;
  style: 'date' | 'datetime';
}

/** Another reply key, rendered in the same language (e.g. a tracking event name). */
export interface KeyValue {
  t: string;
}

export type ReplyValue = string | number | Money | DateValue | KeyValue;

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
      items: { title: string; quantity: number; unitPrice: Money }[];
      total: Money;
    }
  | {
      kind: 'trackingTimeline';
      orderId: string;
      carrier: string;
      trackingNumber: string;
      events: { at: string; code: string; location?: string }[];
    }
  | { kind: 'returnLabel'; rma: string; url: string; expiresAt: string; dropOffCode?: string };
