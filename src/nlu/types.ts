/** The NLU contract the bot and the dialogs rely on. */

import type { Lang } from '../domain/lang.js';

/** Closed-class answers recognised before the machines see the message; `help` asks what the bot can do. */
export type Control = 'yes' | 'no' | 'abort' | 'back' | 'help';

export const INTENTS = [
  'cancel_order',
  'change_address',
  'track_order',
  'return_item',
  'complaint',
  'faq',
  'human_agent',
  'greeting',
  'thanks',
  'goodbye',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents that start an after-sales flow (out-of-scope text must never land here). */
export const AFTER_SALES_INTENTS: readonly Intent[] = [
  'cancel_order',
  'change_address',
  'track_order',
  'return_item',
  'complaint',
];

export type EntityType =
  | 'orderId'
  | 'email'
  | 'postalCode'
  | 'returnReason'
  | 'date'
  | 'amount'
  | 'number'
  | 'rma'
  /** The buyer offers to change or remove a review in exchange for something; value "offered". */
  | 'reviewBargain';

export interface Entity {
  type: EntityType;
  /** Normalised: order ids as 123-1234567-1234567 or plain digits, dates as ISO yyyy-mm-dd, amounts as "12.50 USD". */
  value: string;
}

export interface NluResult {
  text: string;
  lang: Lang;
  intent: Intent;
  score: number;
  entities: Entity[];
  /** Runner-up when it is close: the bot asks a clarifying question. */
  alternative?: { intent: Intent; score: number };
  /** For intent 'faq': the best knowledge-base answer, if any was good enough. */
  faq?: { id: string; score: number };
}

export interface Nlu {
  /** `lang` is the language already detected for this message. */
  understand(text: string, lang: Lang): Promise<NluResult>;
}
