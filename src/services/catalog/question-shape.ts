/**
 * How a pre-sales question is shaped, beyond its words: a version number, a count asked, a device
 * model, a measure and its unit, a connector code, a price or time asked of a destination. Pure
 * patterns and helpers for the answerer (presales.ts), which uses them as guards against answering
 * one fact with another.
 */
import type { Lang } from '../../domain/lang.js';
import { COLOURS, FACET_TRIGGERS, OPTION_KINDS, SHIPPING, type Facet } from './lexicon.js';
import { normalise } from './text.js';

/** A version named by its number ("Bluetooth 5.3", "PD 3.0"): not a count or a measure. */
export const VERSION_NUMBER = /(?:蓝牙|bluetooth|pd|usb|qc|wi-?fi|v)\s*\d+(?:\.\d+)?/gi;
/** "How many are left / 还剩几件": the stock count itself is asked. */
export const COUNT_LEFT: Record<Lang, RegExp> = { en: /how many\b.*\b(?:left|in stock|available|have)\b|how much stock/, zh: /还[剩有]?(?:几|多少)|剩(?:几|多少)|库存(?:还有)?(?:几|多少)|有多少(?:件|个|套)?(?:库存|现货|货)/ };
/** Words of a device model name ("15 Plus", "S24 Ultra"): a model we may not sell. */
export const MODEL_WORDS = new Set(['plus', 'pro', 'max', 'mini', 'ultra', 'se', 'iphon', 'iphone', 'galaxi', 'galaxy', 'samsung', 's']);
/** Facets whose words may hold a shop topic's word (包装里, "what's in the box"). */
export const PRODUCT_FACETS: readonly Facet[] = ['inTheBox', 'materials', 'care', 'dimensions', 'weight'];
/** Size words that may ask any quantity ("音箱功率多大", "how big is the battery"). */
export const AMBIGUOUS_SIZE: Record<Lang, RegExp> = { en: /\b(?:how big|big is|how large|large is|size of)\b/g, zh: /多大|大小/g };
/** A fact stating a size or a weight. */
export const MEASURE_UNIT: Record<'dimensions' | 'weight', RegExp> = {
  dimensions: /\d\s*(?:mm|cm|m|metres?|meters?|l|ml|inch|inches|"|毫米|厘米|米|升|毫升|英寸|寸)(?![a-z])/i,
  weight: /\d\s*(?:g|kg|克|公斤|千克|斤)(?![a-z])/i,
};
/** An audio jack's size ("3.5 mm", "3.5 毫米"): no length. */
export const JACK = /3\.5\s*(?:mm|毫米)/g;
/** A connector or type code: "usb-a", "usb c", "type-g". */
export const CODE = /(?<![a-z0-9])(usb|type|cat)[\s-]?([a-z0-9])(?![a-z0-9])/g;
/**
 * The code the question names ("the USB-A port") when the fact that answers the asked measure names
 * only a sibling ("65 W from one USB-C port"): that fact is about another part, so it is no answer.
 */
export function siblingCode(q: string, values: readonly string[]): string | undefined {
  for (const [, kind, letter] of q.matchAll(CODE)) {
    for (const v of values) {
      const named = [...normalise(v).matchAll(CODE)].filter((m) => m[1] === kind);
      if (named.length > 0 && !named.some((m) => m[2] === letter)) return `${kind ?? ''}-${letter ?? ''}`;
    }
  }
  return undefined;
}
/** A shipping question that asks a price or a time, not only whether we ship there. */
export const COST_OR_TIME: Record<Lang, RegExp> = {
  en: /\b(?:how much|cost|costs|price|fee|fees|charge|rate|rates|how long|how many days|how fast|how soon|when)\b/,
  zh: /多少|几天|多久|运费|邮费|费用|时效|什么时候|几号|价格|价钱|收费/,
};
export const GLOBAL_KINDS_ZH: [RegExp, string][] = OPTION_KINDS.zh.map(([re, k]) => [new RegExp(re.source, 'g'), k]);
export const COLOUR_NAME: Record<Lang, RegExp> = { en: /^colours?$/, zh: /^颜色$/ };
const globalOf = (re: RegExp) => new RegExp(re.source, 'g');
export const GLOBAL_TRIGGERS: Record<Lang, Record<Facet, RegExp>> = {
  en: Object.fromEntries(Object.entries(FACET_TRIGGERS.en).map(([k, re]) => [k, globalOf(re)])) as Record<Facet, RegExp>,
  zh: Object.fromEntries(Object.entries(FACET_TRIGGERS.zh).map(([k, re]) => [k, globalOf(re)])) as Record<Facet, RegExp>,
};
export const GLOBAL_SHIPPING: Record<Lang, RegExp> = { en: globalOf(SHIPPING.en), zh: globalOf(SHIPPING.zh) };
export const GLOBAL_COLOURS: Record<Lang, RegExp> = { en: globalOf(COLOURS.en), zh: globalOf(COLOURS.zh) };
