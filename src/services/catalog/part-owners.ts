/**
 * Parts and terms only one product's facts name (磨芯 → the grinder, "keycaps" → the keyboard): a
 * question naming one, with no product, page or shop entry to answer it, is about that product.
 */
import type { Lang } from '../../domain/lang.js';
import type { Product } from './catalog.js';
import { contentWords, type ZhWords } from './coverage.js';
import type { Fact } from './facts.js';

export class PartOwners {
  private readonly index: Record<Lang, Map<string, Set<string>>>;

  constructor(products: readonly Product[], facts: (id: string, lang: Lang) => readonly Fact[], private readonly zh: ZhWords) {
    const build = (lang: Lang) => {
      const out = new Map<string, Set<string>>();
      for (const p of products) {
        for (const f of facts(p.id, lang)) for (const w of contentWords(f.haystack, lang, zh)) out.set(w, (out.get(w) ?? new Set<string>()).add(p.id));
      }
      return out;
    };
    this.index = { en: build('en'), zh: build('zh') };
  }

  /** The one product whose facts alone name a word of the question (two Han characters or four letters at least); undefined when none or several. */
  owner(q: string, lang: Lang, byId: (id: string) => Product | undefined): Product | undefined {
    const owners = new Set<string>();
    for (const w of contentWords(q, lang, this.zh)) {
      if (lang === 'zh' ? [...w].length < 2 || !/\p{Script=Han}/u.test(w) : w.length < 4 || /\d/.test(w)) continue;
      const holders = this.index[lang].get(w);
      if (holders?.size === 1) owners.add([...holders][0] ?? '');
    }
    return owners.size === 1 ? byId([...owners][0] ?? '') : undefined;
  }
}
