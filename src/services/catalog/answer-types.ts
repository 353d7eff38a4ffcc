/** What a pre-sales answer is: reply keys with values, and what answered (or why nothing did). */
import type { Currency } from './catalog.js';

export interface PresalesContext {
  /** Product id (or SKU) of the page the buyer is on: "this one". */
  pageProductId?: string;
  /** The buyer's currency when known (their order's marketplace); otherwise every price is shown. */
  currency?: Currency;
  /** The whole message, when one part of it is answered: where the buyer said they are. */
  place?: string;
  /** `pageProductId` is the product an earlier part of the message was answered about, not a page. */
  fromPart?: boolean;
}

export interface PresalesReply {
  key: string;
  values?: Record<string, string | number>;
}

export interface PresalesAnswer {
  answered: boolean;
  replies: PresalesReply[];
  /** What answered ("product:LAMP-DESK-LED:attribute,care", "kb:returns_policy", "shipping:CA"), or why not. */
  source: string;
  /** Parts of a several-question message left unanswered (named in the reply; logged for the seller). */
  unansweredParts?: string[];
}

/** The reply key of an abstention: "I don't have an answer to that; shall I pass it to a person?" */
export const NO_ANSWER_KEY = 'faq:noMatch';
/** No answer, and why (logged for the seller, read in the bench's failures). */
export const abstain = (why: string): PresalesAnswer => ({ answered: false, replies: [{ key: NO_ANSWER_KEY }], source: `none:${why}` });
