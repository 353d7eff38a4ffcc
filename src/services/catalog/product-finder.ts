/**
 * Which product a question is about: a name or keyword of it in the question (longest wins), a
 * SKU, or, for typos, a fuzzy MiniSearch match on the names. Also which of its variants the buyer
 * names ("size 42", "the blue one", "iPhone 15 Pro").
 */
import MiniSearch from 'minisearch';
import type { Lang } from '../../domain/lang.js';
import type { Product, Variant } from './catalog.js';
import { productNames } from './facts.js';
import { FRAME } from './lexicon.js';
import { chineseWords, latinWords, normalise, stem } from './text.js';
import escapeStringRegexp from 'escape-string-regexp';

export interface ProductMention {
  product: Product;
  /** Normalised spans of the question that named it (removed before looking for the asked fact). */
  spans: string[];
  /** Named only by a typo-tolerant guess. */
  fuzzy?: boolean;
}

interface NameEntry {
  product: Product;
  name: string;
  re: RegExp;
}


export class ProductFinder {
  private readonly names: Record<Lang, NameEntry[]> = { en: [], zh: [] };
  private readonly fuzzy = new MiniSearch<{ id: string; names: string }>({ fields: ['names'], storeFields: [], tokenize: (t) => latinWords(normalise(t)).filter((w) => w.length >= 3), processTerm: (t) => stem(t) });
  private readonly bySku = new Map<string, Product>();
  private readonly byId = new Map<string, Product>();

  constructor(products: readonly Product[]) {
    for (const p of products) {
      this.byId.set(p.id.toLowerCase(), p);
      for (const v of p.variants) this.bySku.set(v.sku.toLowerCase(), p);
      for (const lang of ['en', 'zh'] as const) {
        // Names written joined ("airfryer", "yogamat") name the product too.
        const names = productNames(p, lang);
        const joined = lang === 'en' ? names.filter((n) => /^[a-z]+(?:[ -][a-z]+)+$/.test(n)).map((n) => n.replace(/[ -]/g, '')) : [];
        for (const name of [...names, ...joined]) {
          const re = /[a-z0-9]/.test(name[0] ?? '') ? new RegExp(`(?:^|[^a-z0-9])${escapeStringRegexp(name)}(?:s|es)?(?![a-z0-9])`) : new RegExp(escapeStringRegexp(name));
          this.names[lang].push({ product: p, name, re });
        }
      }
      this.fuzzy.add({ id: p.id, names: productNames(p, 'en').join(' ') });
    }
  }

  byProductId(id: string): Product | undefined {
    return this.byId.get(id.toLowerCase()) ?? this.bySku.get(id.toLowerCase());
  }

  /**
   * Every product the question names by name or keyword, longest name first, none named only inside
   * another's name ("bluetooth speaker or noise cancelling headset" → both).
   */
  findAll(normalised: string, lang: Lang): ProductMention[] {
    const found: { product: Product; spans: string[]; at: [number, number][] }[] = [];
    const entries = (lang === 'zh' ? [...this.names.zh, ...this.names.en] : this.names.en).filter((n) => normalised.includes(n.name)).sort((a, b) => b.name.length - a.name.length);
    const taken: [number, number][] = [];
    for (const n of entries) {
      const m = n.re.exec(normalised);
      if (!m) continue;
      const span: [number, number] = [m.index, m.index + m[0].length];
      if (taken.some(([a, b]) => span[0] < b && a < span[1])) continue;
      taken.push(span);
      const cur = found.find((f) => f.product === n.product);
      if (cur) cur.spans.push(m[0]);
      else found.push({ product: n.product, spans: [m[0]], at: [span] });
    }
    return found.map(({ product, spans }) => ({ product, spans }));
  }

  /** The product the question names, if one stands out. */
  find(normalised: string, lang: Lang): ProductMention | undefined {
    const sku = normalised.match(/[a-z0-9]+(?:-[a-z0-9]+)+/g)?.map((s) => this.bySku.get(s) ?? this.byId.get(s)).find((p) => p !== undefined);
    if (sku) return { product: sku, spans: [] };
    const best = new Map<Product, { score: number; spans: string[] }>();
    // Both languages' names: a Chinese question may say "iPhone case", an English one rarely 台灯.
    for (const l of lang === 'zh' ? (['zh', 'en'] as const) : (['en'] as const)) {
      for (const n of this.names[l]) {
        // The name must be in the text for its regular expression to match: test that cheaply first.
        if (!normalised.includes(n.name)) continue;
        const m = n.re.exec(normalised);
        if (!m) continue;
        const cur = best.get(n.product) ?? { score: 0, spans: [] };
        cur.score = Math.max(cur.score, n.name.length);
        cur.spans.push(m[0]);
        best.set(n.product, cur);
      }
    }
    const ranked = [...best.entries()].sort((a, b) => b[1].score - a[1].score);
    const top = ranked[0];
    if (top) return { product: top[0], spans: top[1].spans.sort((a, b) => b.length - a.length) };
    if (lang !== 'en') return undefined;
    // Typos ("keybaord", "headfones"): fuzzy on names, only when one product clearly leads.
    // Frame words ("right", "would") are no typos of names ("light").
    const asked = latinWords(normalised).filter((w) => !FRAME.en.has(w)).join(' ');
    const hits = this.fuzzy.search(asked, { fuzzy: (term) => (term.length >= 5 ? 0.25 : false), prefix: false });
    const [first, second] = hits;
    if (first && first.score >= 3 && (!second || first.score >= 1.8 * second.score)) {
      const p = this.byId.get(first.id.toLowerCase());
      if (p) return { product: p, spans: latinWords(normalised).filter((w) => w.length >= 3 && (first.queryTerms.includes(w) || first.queryTerms.includes(stem(w)))), fuzzy: true };
    }
    return undefined;
  }
}

/** The head of an option value: "red switches (linear)" → "red switches"; "红轴（线性）" → "红轴". */
const head = (value: string) => normalise(value).split(/[(（]/)[0]?.trim() ?? '';
const GENERIC_EN = new Set(['eu', 'us', 'uk', 'switch', 'switches', 'plug', 'size']);
/** Kind words of a Chinese option value (英标插头 is named by 英标, like "UK" names "UK plug"). */
const GENERIC_ZH = new Set(['插头', '尺码', '型号', '版本', '款式', '规格']);

/** Distinctive pieces of an option value a question must contain to name it. */
export function optionKeys(value: string, lang: Lang): string[] {
  const h = head(value);
  const latin = latinWords(h).filter((w) => !GENERIC_EN.has(w) || latinWords(h).every((x) => GENERIC_EN.has(x)));
  if (lang === 'en') return latin;
  const all = chineseWords(h).map((w) => w.replace(/[色码轴]$/u, '')).filter((w) => w.length > 0);
  const han = all.every((w) => GENERIC_ZH.has(w)) ? all : all.filter((w) => !GENERIC_ZH.has(w));
  return [...han, ...latin];
}

export interface OptionMention {
  option: string;
  value: string;
  keys: string[];
}

/** Option values of `product` the question names; per option only the most specific (iPhone 15 Pro over iPhone 15). */
export function mentionedOptions(product: Product, normalised: string, lang: Lang): OptionMention[] {
  const words = new Set(latinWords(normalised.replace(/\p{Script=Han}+/gu, ' ')));
  const hits = new Map<string, OptionMention[]>();
  const seen = new Set<string>();
  for (const v of product.variants) {
    for (const [option, text] of Object.entries(v.options)) {
      const value = text[lang] ?? text.en ?? text.zh ?? '';
      if (seen.has(`${option}\u0000${value}`)) continue;
      seen.add(`${option}\u0000${value}`);
      const keys = optionKeys(value, lang);
      if (keys.length === 0) continue;
      const has = (k: string) => (/\p{Script=Han}/u.test(k) ? normalised.includes(k) : words.has(k));
      // A model named without its brand ("15 pro max" of "iPhone 15 Pro Max"): from its number on, two words or more.
      const model = keys.slice(Math.max(0, keys.findIndex((k) => /^\d/.test(k))));
      const named = keys.every(has) || (model.length >= 2 && model.length < keys.length && /^\d/.test(model[0] ?? '') && model.every(has));
      if (!named) continue;
      hits.set(option, [...(hits.get(option) ?? []), { option, value, keys }]);
    }
  }
  const out: OptionMention[] = [];
  for (const list of hits.values()) {
    const most = Math.max(...list.map((m) => m.keys.length));
    out.push(...list.filter((m) => m.keys.length === most));
  }
  return out;
}

/** Variants having, for each option the buyer named, one of the values named ("black or white, size 42"). */
export function variantsMatching(product: Product, mentions: readonly OptionMention[], lang: Lang): Variant[] {
  const byOption = new Map<string, Set<string>>();
  for (const m of mentions) byOption.set(m.option, (byOption.get(m.option) ?? new Set()).add(m.value));
  return product.variants.filter((v) =>
    [...byOption.entries()].every(([option, values]) => {
      const t = v.options[option];
      return t !== undefined && values.has(t[lang] ?? t.en ?? t.zh ?? '');
    }),
  );
}
