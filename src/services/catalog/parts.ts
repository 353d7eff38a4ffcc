/**
 * The separate questions of one message ("do you ship to Canada and how long? also do you take
 * PayPal"). Strong breaks (sentence ends, "also", 另外) come first; a part still unanswered may be cut
 * again where "and" starts a new question ("… and can I pay with …"). Only parts that ask something
 * count: "it's a gift" or 我脚比较宽 is the buyer's situation, never a question to answer on its own.
 */
import type { Lang } from '../../domain/lang.js';

const STRONG: Record<Lang, RegExp> = {
  en: /([?!;。？！；]+|(?:^|\s|,)(?:and also|also|plus|oh and|btw|by the way|another question|one more thing)(?=\s|,|$))/,
  zh: /([?!;。？！；]+|另外|还有(?=[,，\s]|[^\s]{0,2}(?:就是|一个|个问题))|顺便问一?下|再问一?下|以及)/,
};
const WEAK: Record<Lang, RegExp> = {
  en: /(,?\s+and\s+(?=(?:do|does|can|could|is|are|will|would|how|what|when|where|which|who)\b))/,
  zh: /([，,\s]+(?=(?:能|可以|支持|有没有|是不是|多少|多久|几天|怎么|什么时候)))/,
};
/** A part that asks: a question word or particle (a "?" after it is checked separately). */
const ASKS: Record<Lang, RegExp> = {
  en: /^(?:do|does|did|can|could|is|are|was|were|will|would|should|how|what|whats|what's|when|where|which|who|why|any|have|has)\b/,
  zh: /吗|呢|么|多少|几|什么|啥|怎么|如何|哪|多[大高长重宽厚久远快]|能不能|会不会|是不是|有没有|可不可以|(\p{Script=Han})不\1/u,
};

function split(q: string, re: RegExp, lang: Lang): string[] {
  const pieces = q.split(new RegExp(re.source, 'g'));
  const out: string[] = [];
  // split() with a capture group: text, separator, text, separator, …
  for (let i = 0; i < pieces.length; i += 2) {
    const part = (pieces[i] ?? '').trim().replace(/^[,，、\s]+|[,，、\s]+$/g, '');
    const asked = /[?？]/.test(pieces[i + 1] ?? '') || ASKS[lang].test(part);
    if ([...part].length >= 2 && asked) out.push(part);
  }
  return out;
}

/** The message's questions at sentence breaks and "also" (parts that ask nothing left out). */
export const strongParts = (q: string, lang: Lang): string[] => split(q, STRONG[lang], lang);
/** A part cut again where "and" / a comma starts a new question. */
export const weakParts = (q: string, lang: Lang): string[] => split(q, WEAK[lang], lang);
