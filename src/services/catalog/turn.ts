/**
 * Pre-sales answers inside a buyer's turn: run after the NLU, before the dialog machines. A question
 * the NLU files as FAQ gets an answer or an abstention (logged for the seller); a message the NLU is
 * unsure of becomes a FAQ turn only when the catalog / knowledge base answers it outright. The
 * service is read through `current()` so a reloaded knowledge base answers from the next turn on.
 */
import type { Lang } from '../../domain/lang.js';
import type { Reply } from '../../domain/reply.js';
import type { PresalesService } from './presales.js';
import { OFFER_RETURN, answeredByReturnRule, hypotheticalReturn } from './return-rule.js';
import type { UnansweredLog } from './unanswered-log.js';

export interface PresalesTurnResult {
  presales: { answered: boolean; replies: Reply[] };
  intent: 'faq';
  score: number;
}

/** Below this the NLU is guessing (the root's MIN_INTENT_SCORE). */
const UNSURE = 0.5;
/** Score given to a turn the catalog answered outright: sure enough to be answered mid-flow. */
const ANSWERED_SCORE = 0.9;
/** Intents that start nothing: a full pre-sales answer outranks them. */
const SOCIAL = new Set(['greeting', 'thanks', 'goodbye']);
const PAGE_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Emails, numbers (order numbers, postcodes, phone numbers) and UK-style postcodes: what verification answers are made of. */
const IDENTIFIERS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|\d+/giu;

/** A message of identifiers only ("113-4829106-7730215", "emily@example.com, 97205") asks nothing of the catalog. */
export function onlyIdentifiers(text: string): boolean {
  return !/\p{L}/u.test(text.replace(IDENTIFIERS, ' '));
}

export class PresalesTurn {
  constructor(
    private readonly current: () => PresalesService,
    private readonly log?: UnansweredLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  forTurn(text: string, lang: Lang, nlu: { intent: string; score: number; entities?: readonly { type: string }[] }, pageProductId?: string): PresalesTurnResult | undefined {
    const isFaq = nlu.intent === 'faq';
    if (nlu.intent === 'return_item') return this.returnRule(text, lang, nlu.entities?.some((e) => e.type === 'orderId') ?? false);
    // A social reading ("applepay ok?" as goodbye) gives way to a question the catalog answers outright.
    if (!isFaq && nlu.intent !== 'none' && nlu.score >= UNSURE && !SOCIAL.has(nlu.intent)) return undefined;
    if (!isFaq && onlyIdentifiers(text)) return undefined;
    const page = pageProductId && PAGE_ID.test(pageProductId) ? pageProductId : undefined;
    const a = this.current().answer(text, lang, page ? { pageProductId: page } : {});
    if (!a.answered && !isFaq) return undefined;
    if (!a.answered) this.log?.record({ at: this.now().toISOString(), lang, text, ...(page ? { page } : {}), why: a.source });
    // The parts of a several-question message left unanswered are logged for the seller too.
    for (const part of a.unansweredParts ?? []) this.log?.record({ at: this.now().toISOString(), lang, text: part, ...(page ? { page } : {}), why: `part-of:${a.source}` });
    return { presales: { answered: a.answered, replies: a.replies }, intent: 'faq', score: isFaq ? Math.max(nlu.score, a.answered ? ANSWERED_SCORE : 0) : ANSWERED_SCORE };
  }

  /** Rule "returnRuleAsked" (return-rule.ts): a hypothetical return question gets the rule and a button, not the flow. */
  private returnRule(text: string, lang: Lang, orderNamed: boolean): PresalesTurnResult | undefined {
    // The message's shape first: most return messages are a buyer's own return, and need no catalog search.
    if (!hypotheticalReturn(text, lang, orderNamed)) return undefined;
    const a = this.current().answer(text, lang);
    if (!a.answered || !answeredByReturnRule(a.source)) return undefined;
    return { presales: { answered: true, replies: [...a.replies, OFFER_RETURN] }, intent: 'faq', score: ANSWERED_SCORE };
  }
}

/** The product id the buyer's page passes on the activity (`channelData.pageProductId`), if well-formed. */
export function pageProductIdOf(channelData: unknown): string | undefined {
  if (typeof channelData !== 'object' || channelData === null || !('pageProductId' in channelData)) return undefined;
  const id = channelData.pageProductId;
  return typeof id === 'string' && PAGE_ID.test(id) ? id : undefined;
}
