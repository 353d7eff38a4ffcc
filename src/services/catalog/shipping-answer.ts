/**
 * Shipping to one destination from the knowledge base's table: standard cost and time, the free
 * shipping threshold, express; a country we don't serve is said so (and a price or time there is
 * not answered). A word the shipping answer does not account for goes to the knowledge base.
 */
import type { Lang } from '../../domain/lang.js';
import { formatMoney } from './facts.js';
import type { Destination } from './knowledge-base.js';
import { COST_OR_TIME, GLOBAL_SHIPPING } from './question-shape.js';
import { SHIPPING_ASKS } from './lexicon.js';
import { normalise, terms } from './text.js';
import { contentWords, explained } from './coverage.js';
import { fromKb, type LangIndex } from './kb-answer.js';
import type { Phrase } from './stock-text.js';
import { abstain, type PresalesAnswer } from './answer-types.js';

export function shippingTo(d: Destination | undefined, code: string, q: string, lang: Lang, idx: LangIndex, phrase: Phrase): PresalesAnswer {
  if (!d) {
    const list = idx.kb.destinations.map((x) => x.country).join(lang === 'en' ? ', ' : '、');
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
    // "How much to ship to Singapore?": there is no such price. Say we don't ship there and offer a
    // person (the seller may make an exception), logged as unanswered; "do you ship to …?" is answered.
    if (COST_OR_TIME[lang].test(q)) return { answered: false, replies: [{ key: 'presales:shipping.notServedAsk', values: { country: name, list } }], source: `none:shipping-not-served:${code}` };
    return { answered: true, replies: [{ key: 'presales:shipping.notServed', values: { country: name, list } }], source: `shipping:${code}:none` };
  }
  const std = formatMoney(d.standard.cost.amount, d.standard.cost.currency, lang);
  const free = d.freeOver ? phrase(lang, 'presales:shipping.freeOver', { amount: formatMoney(d.freeOver.amount, d.freeOver.currency, lang) }) : phrase(lang, 'presales:shipping.noFree');
  const express = d.express
    ? phrase(lang, 'presales:shipping.express', { cost: formatMoney(d.express.cost.amount, d.express.cost.currency, lang), time: d.express.time })
    : phrase(lang, 'presales:shipping.noExpress');
  const values = { country: d.country, cost: std, time: d.standard.time, free, express };
  // "Do you deliver on Saturdays in the UK?": every word beyond cost, time and speed must be in the answer.
  const said = normalise(phrase(lang, 'presales:shipping.to', values));
  const saidTerms = new Set(terms(said, lang));
  const missing = contentWords(q.replace(GLOBAL_SHIPPING[lang], ' '), lang, idx.zh).filter((w) => !SHIPPING_ASKS[lang].has(w) && !/^\d/.test(w) && !explained(w, said, saidTerms, lang));
  if (missing.length > 0) {
    const kb = fromKb(q, lang, idx, []);
    return kb.answered ? kb : abstain(`shipping-uncovered:${missing.join(',')}`);
  }
  return { answered: true, replies: [{ key: 'presales:shipping.to', values }], source: `shipping:${d.code}` };
}
