/**
 * The separate questions of one message ("do you ship to Canada and how long? also do you take
 * PayPal"). Strong breaks (sentence ends, "also", 另外) come first; a part still unanswered may be cut
 * again where "and" starts a new question ("… and can I pay with …"). Shorter than two characters is
 * no question.
 */
import type { Lang } from '../../domain/lang.js';

const STRONG: Record<Lang, RegExp> = {
  en: /[?!;。？！；]+|(?:^|\s|,)(?:and also|also|plus|oh and|btw|by the way|another question|one more thing)(?=\s|,|$)/,
  zh: /[?!;。？！；]+|另外|还有(?=[,，\s]|[^\s]{0,2}(?:就是|一个|个问题))|顺便问一?下|再问一?下|以及/,
};
const WEAK: Record<Lang, RegExp> = {
  en: /,?\s+and\s+(?=(?:do|does|can|could|is|are|will|would|how|what|when|where|which|who)\b)/,
  zh: /[，,\s]+(?=(?:能|可以|支持|有没有|是不是|多少|多久|几天|怎么|什么时候))/,
};

function split(q: string, re: RegExp): string[] {
  return q.split(new RegExp(re.source, 'g')).map((s) => s.trim().replace(/^[,，、\s]+|[,，、\s]+$/g, '')).filter((s) => [...s].length >= 2);
}

/** The message's questions at sentence breaks and "also" (one part when there is none). */
export const strongParts = (q: string, lang: Lang): string[] => split(q, STRONG[lang]);
/** A part cut again where "and" / a comma starts a new question. */
export const weakParts = (q: string, lang: Lang): string[] => split(q, WEAK[lang]);
