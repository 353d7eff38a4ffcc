/**
 * Pre-sales answers from the seller's own catalog and knowledge base. A question is read for the
 * product it names (or the page the buyer is on, for "this one"), the kind of fact it asks for, a
 * destination country, and shop topics; the answer is built only from matched facts. Every content
 * word of the question must be accounted for by the facts used: when one is not ("does the lamp
 * have Wi-Fi?"), the answer is an abstention, never a guess. Replies are keys plus values; the
 * sentences come from locales/<lang>/presales.json.
 */
import MiniSearch from 'minisearch';
import type { Lang } from '../../nlu/types.js';
import { textIn, type Currency, type Product, type Variant } from './catalog.js';
import { CountryFinder, currencyOfCountry } from './destinations.js';
import { formatMoney, formatPrices, productFacts, type Fact } from './facts.js';
import type { Destination, KbEntry, KnowledgeBase } from './knowledge-base.js';
import { DEICTIC, FACET_TRIGGERS, FRAME, SHIPPING, SHOP_TOPICS, type Facet } from './lexicon.js';
import { mentionedOptions, ProductFinder, variantsMatching, type OptionMention } from './product-finder.js';
import { chineseWords, latinWords, normalise, stem, terms } from './text.js';
import { SYNONYMS } from './synonyms.js';

export interface PresalesContext {
  /** Product id (or SKU) of the page the buyer is on: "this one". */
  pageProductId?: string;
  /** The buyer's currency when known (their order's marketplace); otherwise every price is shown. */
  currency?: Currency;
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
}

/** Renders a sub-phrase (e.g. "out of stock") for values built from several pieces. */
export type Phrase = (lang: Lang, key: string, values?: Record<string, string | number>) => string;

export const NO_ANSWER_KEY = 'faq:noMatch';
const abstain = (why: string): PresalesAnswer => ({ answered: false, replies: [{ key: NO_ANSWER_KEY }], source: `none:${why}` });

interface KbDoc {
  id: string;
  q: string;
  a: string;
}

interface LangIndex {
  kb: KnowledgeBase;
  entries: Map<string, KbEntry>;
  search: MiniSearch<KbDoc>;
  countries: CountryFinder;
  /** Normalised entry text (questions + answer) for the coverage check. */
  haystack: Map<string, { text: string; terms: Set<string> }>;
}

/** Han character bigrams: Chinese retrieval that does not depend on one segmentation. */
function hanBigrams(t: string): string[] {
  const out: string[] = [];
  for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 1; i < chars.length; i += 1) out.push(`${chars[i - 1]}${chars[i]}`);
  }
  return out;
}

function indexTerms(text: string, lang: Lang): string[] {
  const t = normalise(text);
  return lang === 'zh' ? [...terms(t, 'zh'), ...hanBigrams(t)] : terms(t, 'en');
}

/** Content words of a (span-stripped) question: not frame words; stems for English. */
export function contentWords(normalised: string, lang: Lang): string[] {
  const latin = latinWords(normalised.replace(/\p{Script=Han}+/gu, ' ')).filter((w) => !FRAME.en.has(w) && w.length > 1 || /\d/.test(w));
  const out = latin.map(stem).filter((w) => !FRAME.en.has(w));
  if (lang === 'zh') for (const w of chineseWords(normalised)) if (!FRAME.zh.has(w)) out.push(w);
  return [...new Set(out)];
}

/** True when `word` is accounted for by the text (its synonyms count too). */
function explained(word: string, haystack: string, hayTerms: Set<string>, lang: Lang): boolean {
  const forms = [word, ...(SYNONYMS[lang][word] ?? [])];
  return forms.some((f) => (/\p{Script=Han}/u.test(f) ? haystack.includes(f) || (f.length > 2 && hanBigrams(f).every((b) => haystack.includes(b))) : hayTerms.has(f) || hayTerms.has(stem(f))));
}

function strip(text: string, spans: readonly string[]): string {
  let t = text;
  for (const s of spans) if (s.trim()) t = t.split(s.trim()).join(' ');
  return t;
}

export class PresalesService {
  private readonly finder: ProductFinder;
  private readonly facts = new Map<string, Record<Lang, Fact[]>>();
  private readonly index: Record<Lang, LangIndex>;

  constructor(readonly products: readonly Product[], kbs: Record<Lang, KnowledgeBase>, private readonly phrase: Phrase) {
    this.finder = new ProductFinder(products);
    for (const p of products) this.facts.set(p.id, { en: productFacts(p, 'en'), zh: productFacts(p, 'zh') });
    const build = (lang: Lang): LangIndex => {
      const kb = kbs[lang];
      const search = new MiniSearch<KbDoc>({ fields: ['q', 'a'], storeFields: [], tokenize: (t) => indexTerms(t, lang), processTerm: (t) => t });
      search.addAll(kb.entries.map((e) => ({ id: e.id, q: e.questions.join(' \n '), a: e.answer })));
      const haystack = new Map(kb.entries.map((e) => {
        const text = normalise(`${e.questions.join(' ')} ${e.answer}`);
        return [e.id, { text, terms: new Set(terms(text, lang)) }];
      }));
      return { kb, entries: new Map(kb.entries.map((e) => [e.id, e])), search, countries: new CountryFinder(kb.destinations, lang), haystack };
    };
    this.index = { en: build('en'), zh: build('zh') };
  }

  product(id: string): Product | undefined {
    return this.finder.byProductId(id);
  }

  /** Answer a buyer's pre-sales question in `lang`, or abstain. */
  answer(question: string, lang: Lang, ctx: PresalesContext = {}): PresalesAnswer {
    const q = normalise(question);
    const idx = this.index[lang];
    const mention = this.finder.find(q, lang);
    const page = ctx.pageProductId ? this.finder.byProductId(ctx.pageProductId) : undefined;
    const country = idx.countries.find(q);
    const shipping = SHIPPING[lang].test(q) || (country !== undefined && /(?:^|\s)to\s|寄到|发到|送到|到/.test(q) && !mention);
    if (shipping && country) return this.shippingTo(country.destination, country.code, q, lang, idx);
    const shop = shipping || SHOP_TOPICS[lang].test(q);
    if (shop || (!mention && !(page && (DEICTIC[lang].test(q) || this.asksFacet(q, lang))))) {
      const kb = this.fromKb(q, lang, idx, mention ? mention.spans : []);
      if (kb.answered || !mention) return kb;
    }
    const product = mention?.product ?? page;
    if (!product) return abstain('no-product');
    const currency = ctx.currency ?? this.currencyAsked(q, lang, country?.code);
    return this.fromProduct(product, mention?.spans ?? [], q, lang, currency);
  }

  /** How sure the NLU may be that this is a question for `answer` (0..1), without page context. */
  recognise(question: string, lang: Lang): number {
    const q = normalise(question);
    if (this.answer(question, lang).answered) return 1;
    const productish = this.finder.find(q, lang) !== undefined || DEICTIC[lang].test(q);
    return productish && this.asksFacet(q, lang) ? 0.92 : 0;
  }

  private asksFacet(q: string, lang: Lang): boolean {
    return Object.values(FACET_TRIGGERS[lang]).some((re) => re.test(q));
  }

  private currencyAsked(q: string, lang: Lang, countryCode: string | undefined): Currency | undefined {
    if (/\$|dollar|美元|美金/.test(q)) return 'USD';
    if (/£|pound|英镑/.test(q)) return 'GBP';
    if (/€|euro|欧元/.test(q)) return 'EUR';
    if (/¥|yuan|rmb|人民币|块钱|元/.test(q)) return 'CNY';
    return countryCode ? currencyOfCountry(countryCode) : lang === 'zh' && /国内/.test(q) ? 'CNY' : undefined;
  }

  // ---------- shipping ----------

  private shippingTo(d: Destination | undefined, code: string, q: string, lang: Lang, idx: LangIndex): PresalesAnswer {
    if (!d) {
      const list = idx.kb.destinations.map((x) => x.country).join(lang === 'en' ? ', ' : '、');
      const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
      return { answered: true, replies: [{ key: 'presales:shipping.notServed', values: { country: name, list } }], source: `shipping:${code}:none` };
    }
    const std = formatMoney(d.standard.cost.amount, d.standard.cost.currency, lang);
    const free = d.freeOver ? this.phrase(lang, 'presales:shipping.freeOver', { amount: formatMoney(d.freeOver.amount, d.freeOver.currency, lang) }) : this.phrase(lang, 'presales:shipping.noFree');
    const express = d.express
      ? this.phrase(lang, 'presales:shipping.express', { cost: formatMoney(d.express.cost.amount, d.express.cost.currency, lang), time: d.express.time })
      : this.phrase(lang, 'presales:shipping.noExpress');
    void q;
    return { answered: true, replies: [{ key: 'presales:shipping.to', values: { country: d.country, cost: std, time: d.standard.time, free, express } }], source: `shipping:${d.code}` };
  }

  // ---------- knowledge base ----------

  private fromKb(q: string, lang: Lang, idx: LangIndex, productSpans: readonly string[]): PresalesAnswer {
    const hits = idx.search.search(indexTerms(q, lang).join(' '), { boost: { q: 2 }, combineWith: 'OR', tokenize: (t) => t.split(' '), processTerm: (t) => t });
    const words = contentWords(strip(q, productSpans), lang);
    for (const hit of hits.slice(0, 3)) {
      const hay = idx.haystack.get(String(hit.id));
      const entry = idx.entries.get(String(hit.id));
      if (!hay || !entry) continue;
      const missing = words.filter((w) => !explained(w, hay.text, hay.terms, lang));
      if (missing.length === 0 && words.length > 0) return { answered: true, replies: [{ key: 'presales:kb', values: { answer: entry.answer } }], source: `kb:${entry.id}` };
    }
    return abstain(hits.length > 0 ? `kb-uncovered:${String(hits[0]?.id)}` : 'kb-nothing');
  }

  // ---------- product facts ----------

  private fromProduct(p: Product, spans: readonly string[], q: string, lang: Lang, currency: Currency | undefined): PresalesAnswer {
    const name = textIn(p.title, lang) ?? p.id;
    const triggers = FACET_TRIGGERS[lang];
    const triggered = new Set<Facet>((Object.keys(triggers) as Facet[]).filter((f) => triggers[f].test(q)));
    const options = mentionedOptions(p, q, lang);
    let rest = strip(q, spans);
    rest = rest.replace(DEICTIC[lang], ' ');
    for (const f of triggered) rest = rest.replace(new RegExp(triggers[f].source, 'g'), ' ');
    const words = contentWords(rest, lang).filter((w) => !options.some((o) => o.keys.includes(w) || o.keys.includes(stem(w))));
    const facts = this.facts.get(p.id)?.[lang] ?? [];

    // Score every static fact by the question's words it holds (rarer words weigh more) and its facet being asked.
    const df = new Map<string, number>();
    for (const w of words) df.set(w, facts.filter((f) => explained(w, f.haystack, f.terms, lang)).length);
    const scored = facts
      .map((f) => {
        const hit = words.filter((w) => explained(w, f.haystack, f.terms, lang));
        const score = hit.reduce((s, w) => s + Math.log(1 + facts.length / (df.get(w) ?? 1)), 0) + (f.facet !== 'attribute' && triggered.has(f.facet) ? 2 : 0);
        return { f, score, hit };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    const top = scored[0]?.score ?? 0;
    const chosen = scored.filter((x) => x.score >= Math.max(0.5, 0.6 * top)).slice(0, 3);
    const wantsStock = triggered.has('stock') || options.length > 0;
    const wantsPrice = triggered.has('price');
    const covered = new Set(chosen.flatMap((x) => x.hit));
    const missing = words.filter((w) => !covered.has(w));
    if (missing.length > 0) return abstain(`uncovered:${missing.join(',')}`);

    const replies: PresalesReply[] = [];
    if (wantsPrice) replies.push({ key: 'presales:price', values: { product: name, price: this.priceText(p, options, lang, currency) } });
    if (wantsStock) replies.push({ key: 'presales:stock', values: { product: name, list: this.stockText(p, options, lang) } });
    for (const { f } of chosen) {
      if (f.facet === 'attribute') replies.push({ key: 'presales:attribute', values: { product: name, name: f.name ?? '', value: f.value } });
      else replies.push({ key: `presales:fact.${f.facet}`, values: { product: name, value: f.value } });
    }
    if (replies.length === 0) {
      if (words.length === 0 && (triggered.has('description') || triggered.size === 0)) {
        const d = facts.find((f) => f.facet === 'description');
        if (d) return { answered: true, replies: [{ key: 'presales:fact.description', values: { product: name, value: d.value } }], source: `product:${p.id}:description` };
      }
      return abstain(`no-fact:${[...triggered].join(',')}`);
    }
    const used = [...(wantsPrice ? ['price'] : []), ...(wantsStock ? ['stock'] : []), ...chosen.map((x) => x.f.facet)];
    return { answered: true, replies: replies.slice(0, 3), source: `product:${p.id}:${used.join(',')}` };
  }

  private priceText(p: Product, options: readonly OptionMention[], lang: Lang, currency: Currency | undefined): string {
    const variants = options.length > 0 ? variantsMatching(p, options, lang) : p.variants;
    const priced = variants.filter((v) => v.price);
    if (priced.length === 0) return formatPrices(p.price, lang, currency);
    const sep = lang === 'en' ? '; ' : '；';
    return variants.map((v) => `${this.label(v, lang)} ${formatPrices(v.price ?? p.price, lang, currency)}`).join(sep);
  }

  private label(v: Variant, lang: Lang): string {
    return Object.values(v.options).map((t) => t[lang] ?? t.en ?? t.zh ?? '').join(lang === 'en' ? ', ' : '，');
  }

  private stockWord(v: Variant, lang: Lang): string {
    if (v.stock === 0) return this.phrase(lang, 'presales:stockState.out');
    return v.stock <= 5 ? this.phrase(lang, 'presales:stockState.few', { count: v.stock }) : this.phrase(lang, 'presales:stockState.in');
  }

  /** "black: in stock; white: out of stock" for the named variants, or all (grouped when there are many). */
  private stockText(p: Product, options: readonly OptionMention[], lang: Lang): string {
    const sep = lang === 'en' ? '; ' : '；';
    const matching = options.length > 0 ? variantsMatching(p, options, lang) : [];
    const list = matching.length > 0 ? matching : p.variants;
    const hasOptions = list.some((v) => Object.keys(v.options).length > 0);
    if (!hasOptions) return this.stockWord(list[0] ?? p.variants[0]!, lang);
    if (list.length <= 8) return list.map((v) => `${this.label(v, lang)}: ${this.stockWord(v, lang)}`).join(sep);
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
        return this.phrase(lang, 'presales:stockGroup', { group: g, inStock: inStock.join(', ') || '-', out: out.join(', ') || '-' });
      })
      .join(sep);
  }
}
