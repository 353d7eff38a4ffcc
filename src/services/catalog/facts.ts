/**
 * A product's facts as answerable pieces in one language (materials, care, each attribute, …), each
 * with the retrieval terms it can answer, and the money/size formats buyers read.
 */
import type { Lang } from '../../domain/lang.js';
import { listIn, textIn, type Currency, type Prices, type Product } from './catalog.js';
import type { Facet } from './lexicon.js';
import { normalise, terms } from './text.js';

export interface Fact {
  facet: Facet | 'attribute';
  /** Attribute name (attributes only). */
  name?: string;
  value: string;
  /** Normalised text the question's words are looked up in (name, value, facet words). */
  haystack: string;
  terms: Set<string>;
  /** The attribute name alone, normalised, and its terms ("how high" finds "Height"). */
  nameHaystack?: string;
  nameTerms?: Set<string>;
}

const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/** "$39.99", "£34.99", "¥268": narrow symbol, no ".00" on whole amounts (as the knowledge base writes them). */
export function formatMoney(amount: number, currency: Currency, lang: Lang): string {
  // One formatter per language and currency: building one costs more than an answer.
  const key = `${lang}:${currency}`;
  let f = MONEY.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, currencyDisplay: 'narrowSymbol', trailingZeroDisplay: 'stripIfInteger' });
    MONEY.set(key, f);
  }
  return f.format(amount);
}
const MONEY = new Map<string, Intl.NumberFormat>();

/** Prices in `currency` when known and offered, else every price the product has. */
export function formatPrices(prices: Prices, lang: Lang, currency?: Currency): string {
  const entries = Object.entries(prices) as [Currency, number][];
  const chosen = currency && prices[currency] !== undefined ? entries.filter(([c]) => c === currency) : entries;
  return chosen.map(([c, a]) => formatMoney(a, c, lang)).join(' / ');
}

const num = (n: number) => String(Math.round(n * 100) / 100);

function weightText(g: number, lang: Lang): string {
  const unit = lang === 'en' ? { g: 'g', kg: 'kg' } : { g: '克', kg: '公斤' };
  return g >= 1000 ? `${num(g / 1000)} ${unit.kg} (${g} ${unit.g})` : `${g} ${unit.g}`;
}

/** Words a facet is known by, so "what is it made of" finds materials even without the word "material". */
const FACET_WORDS: Record<Lang, Partial<Record<Facet, string>>> = {
  en: { dimensions: 'dimensions size measurements', weight: 'weight weighs', materials: 'materials material made', inTheBox: 'box included contents', compatibility: 'compatible compatibility works', care: 'care cleaning wash', warranty: 'warranty guarantee', description: '' },
  zh: { dimensions: '尺寸', weight: '重量', materials: '材质 材料', inTheBox: '包装 配件', compatibility: '兼容 适用', care: '清洗 保养', warranty: '保修 质保', description: '' },
};

function fact(facet: Fact['facet'], value: string, lang: Lang, name?: string): Fact {
  const haystack = normalise(`${name ?? ''} ${value} ${facet === 'attribute' ? '' : (FACET_WORDS[lang][facet] ?? '')}`);
  const named = name ? { name, nameHaystack: normalise(name), nameTerms: new Set(terms(name, lang)) } : {};
  return { facet, value, haystack, terms: new Set(terms(haystack, lang)), ...named };
}

/** The product's static facts in `lang` (price and stock are built per question: they depend on it). */
export function productFacts(p: Product, lang: Lang): Fact[] {
  const out: Fact[] = [];
  const sep = lang === 'en' ? ', ' : '、';
  const d = p.dimensionsCm;
  if (d) out.push(fact('dimensions', `${num(d.length)} x ${num(d.width)} x ${num(d.height)} ${lang === 'en' ? 'cm' : '厘米'}`, lang));
  if (p.weightG) out.push(fact('weight', weightText(p.weightG, lang), lang));
  const texts: [Facet, string | undefined][] = [
    ['materials', textIn(p.materials, lang)],
    ['compatibility', textIn(p.compatibility, lang)],
    ['care', textIn(p.care, lang)],
    ['warranty', textIn(p.warranty, lang)],
    ['description', textIn(p.description, lang)],
  ];
  const box = listIn(p.inTheBox, lang);
  if (box.length > 0) out.push(fact('inTheBox', box.join(sep), lang));
  for (const [facet, value] of texts) if (value) out.push(fact(facet, value, lang));
  for (const a of p.attributes) {
    const name = textIn(a.name, lang);
    const value = textIn(a.value, lang);
    if (name && value) out.push(fact('attribute', value, lang, name));
  }
  return out;
}

/** Names a buyer may call the product by in `lang`: keywords and the title (normalised). */
export function productNames(p: Product, lang: Lang): string[] {
  const names = [...listIn(p.keywords, lang), textIn(p.title, lang) ?? ''].map(normalise).filter((n) => n.length > 0);
  // The title before its first comma ("mechanical keyboard, 87 keys" → "mechanical keyboard").
  const head = normalise(textIn(p.title, lang) ?? '').split(/[,，(（]/)[0]?.trim();
  if (head) names.push(head);
  return [...new Set(names)];
}

/** The product as a sentence names it: the title before its first comma, lower-cased in English ("cast iron skillet"). */
export function displayName(p: Product, lang: Lang): string {
  const title = textIn(p.title, lang) ?? p.id;
  if (lang === 'zh') return title;
  const head = title.split(',')[0] ?? title;
  return /^[A-Z][a-z]/.test(head) ? head[0]!.toLowerCase() + head.slice(1) : head;
}
