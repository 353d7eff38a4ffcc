/**
 * Messages that mix Han characters and Latin words ("人工 please", 我的order呢): which language models read them, and
 * which reading is used (nlu.ts reads both when `otherScriptWeighs`, and keeps the one that claims more).
 */
import type { Decision } from './decision.js';
import type { FaqMatch } from './faq-retriever.js';
import type { Classification } from './intent-classifier.js';
import type { Lang } from '../domain/lang.js';

const HAN = /\p{Script=Han}/u;
/** Latin words outside entity placeholders ("order 3349201" keeps "order", drops the digits). */
const LATIN_WORD = /\p{Script=Latin}{2,}/u;

/** Both Han characters and Latin words: "我的地址写错了 can you fix it?", "人工 please". */
export function isMixedScript(text: string): boolean {
  return HAN.test(text) && LATIN_WORD.test(text);
}

/** One language model's view of a message. */
export interface Reading {
  lang: Lang;
  c: Classification;
  faqMatch: FaqMatch | undefined;
  d: Decision;
}

/** How much a reading claims: an intent beats `none`; between two intents the stronger winner. */
function weight(r: Reading): number {
  if (r.d.intent === 'none') return -1;
  return r.c.strength * (r.c.ranked[0]?.score ?? 0);
}

/**
 * Whether the Latin words of a Chinese message carry enough of it to be read by the English model: at least half as
 * many words as the Han text (a Han word taken as two characters). 我的order呢 and "hi，shipping address要改成学校宿舍"
 * are read both ways; one loanword in a Chinese sentence (不想跟AI说了, 这个app) is not, or the English model reads the
 * whole message from that token alone ("ai" → a greeting to the bot). Han characters in an English message are
 * always read ("能退吗? the colour is off"): a few of them carry the request.
 */
export function otherScriptWeighs(text: string, lang: Lang): boolean {
  if (lang === 'en') return true;
  const latin = (text.match(/\p{Script=Latin}+/gu) ?? []).length;
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length / 2;
  return latin >= han / 2;
}

/** The reading of a mixed-script message to use: the other language's only when it claims more. */
export function preferReading(own: Reading, other: Reading | undefined): Reading {
  return other && weight(other) > weight(own) ? other : own;
}
