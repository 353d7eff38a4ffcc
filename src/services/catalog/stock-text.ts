/**
 * How a product's variants, prices and stock read in an answer: "black, M: in stock; white, M: out of
 * stock", grouped by the first option when there are many. Pure: the sentences come from the caller's
 * `phrase` (locales/<lang>/presales.json).
 */
import type { Lang } from '../../domain/lang.js';
import type { Currency, Product, Variant } from './catalog.js';
import { formatPrices } from './facts.js';
import { variantsMatching, type OptionMention } from './product-finder.js';

export type Phrase = (lang: Lang, key: string, values?: Record<string, string | number>) => string;

/** A variant's option values in the buyer's language ("black, M" / "黑色，M"). */
export function variantLabel(v: Variant, lang: Lang): string {
  return Object.values(v.options).map((t) => t[lang] ?? t.en ?? t.zh ?? '').join(lang === 'en' ? ', ' : '，');
}

/** The named variants' prices (or the product's one price). */
export function priceText(p: Product, options: readonly OptionMention[], lang: Lang, currency: Currency | undefined): string {
  const variants = options.length > 0 ? variantsMatching(p, options, lang) : p.variants;
  const priced = variants.filter((v) => v.price);
  if (priced.length === 0) return formatPrices(p.price, lang, currency);
  const sep = lang === 'en' ? '; ' : '；';
  return variants.map((v) => `${variantLabel(v, lang)} ${formatPrices(v.price ?? p.price, lang, currency)}`).join(sep);
}

/** @param count the buyer asked how many are left: say the number, not just "in stock". */
function stockWord(v: Variant, lang: Lang, phrase: Phrase, count = false): string {
  if (v.stock === 0) return phrase(lang, 'presales:stockState.out');
  if (count && v.stock > 5) return phrase(lang, 'presales:stockState.count', { count: v.stock });
  return v.stock <= 5 ? phrase(lang, 'presales:stockState.few', { count: v.stock }) : phrase(lang, 'presales:stockState.in');
}

/** "black: in stock; white: out of stock" for the named variants, or all (grouped when there are many). */
export function stockText(p: Product, options: readonly OptionMention[], lang: Lang, phrase: Phrase, count = false): string {
  const sep = lang === 'en' ? '; ' : '；';
  const matching = options.length > 0 ? variantsMatching(p, options, lang) : [];
  const list = matching.length > 0 ? matching : p.variants;
  const hasOptions = list.some((v) => Object.keys(v.options).length > 0);
  if (!hasOptions) return stockWord(list[0] ?? p.variants[0]!, lang, phrase, count);
  if (list.length <= 8) return list.map((v) => `${variantLabel(v, lang)}: ${stockWord(v, lang, phrase, count)}`).join(sep);
  // Many variants (colour x size): per first option, the values in stock and out of stock.
  const [first] = Object.keys(list[0]!.options);
  const groups = new Map<string, Variant[]>();
  for (const v of list) {
    const t = first ? v.options[first] : undefined;
    const key = t ? (t[lang] ?? t.en ?? t.zh ?? '') : '';
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const rest = (v: Variant) => Object.entries(v.options).filter(([o]) => o !== first).map(([, t]) => t[lang] ?? t.en ?? t.zh ?? '').join(' ');
  return [...groups.entries()]
    .map(([g, vs]) => {
      const inStock = vs.filter((v) => v.stock > 0).map(rest);
      const out = vs.filter((v) => v.stock === 0).map(rest);
      return phrase(lang, 'presales:stockGroup', { group: g, inStock: inStock.join(', ') || '-', out: out.join(', ') || '-' });
    })
    .join(sep);
}
