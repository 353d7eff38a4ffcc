/**
 * An explicit in-scope / out-of-scope decision, separate from the intent classifier.
 *
 * Why: the intent perceptrons only ever saw this shop's sentences and ~150 `none` lines per language, so a
 * message from another domain ("find me a 4.5-star hotel", "when's pay day") is scored by whichever intent
 * shares a generic word with it, often confidently. Adding thousands of general sentences as `none` training
 * text diluted the intents (unseen en 96.1 → 93.9 %), so they train this second, binary model instead: a
 * logistic regression over hashed character n-grams (robust to typos, no word list needed, works for Han
 * text without segmentation), in-domain = the intent corpus except `none`, out-of-domain = the corpus's
 * `none` lines plus a general corpus (`data/nlu/oos-general.{en,zh}.json`, CLINC150 / CrossWOZ).
 * It is consulted only for after-sales readings (see nlu.ts), so it can only turn a flow into `none`.
 */
import type { Lang } from './types.js';

/** 2^18 hashed weights (1 MiB of Float32 per language): collisions are rare at this corpus size. */
const BITS = 18;
const MASK = (1 << BITS) - 1;

/** FNV-1a over the string, seeded by n so "ab" as a 2-gram and as part of a 3-gram differ. */
function hash(s: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) & MASK;
}

/**
 * Feature indices of a message: character 2–4-grams of the lower-cased text with runs of digits folded
 * to one "0" and spaces as boundaries (English), character 1–2-grams for Han text plus its Latin 3-grams.
 * Duplicates are kept: repeated n-grams count more, as in a bag of n-grams.
 */
export function scopeFeatures(text: string, lang: Lang): number[] {
  const t = ` ${text.normalize('NFKC').toLowerCase().replace(/\d+/g, '0').replace(/[^\p{L}\p{N}']+/gu, ' ').trim()} `;
  const out: number[] = [];
  const [lo, hi] = lang === 'en' ? [2, 4] : [1, 2];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= t.length; i++) {
      const g = t.slice(i, i + n);
      if (g.trim() === '') continue;
      out.push(hash(g, n));
    }
  }
  if (lang === 'zh') for (let i = 0; i + 3 <= t.length; i++) if (/^[a-z ]{3}$/.test(t.slice(i, i + 3))) out.push(hash(t.slice(i, i + 3), 3));
  return out;
}

export interface ScopeExample {
  text: string;
  /** true: this shop's business (or talk with it); false: another domain. */
  inScope: boolean;
}

/** Logistic regression on hashed n-grams, trained by SGD with the two classes weighted equally. */
export class ScopeGate {
  private readonly w = new Float32Array(1 << BITS);
  private bias = 0;

  constructor(private readonly lang: Lang) {}

  /**
   * A few passes of SGD in a fixed shuffled order (deterministic start-up). Each class gets the same total
   * weight, so the general corpus's size does not decide the prior.
   */
  train(examples: readonly ScopeExample[], epochs = 6, rate = 0.2, l2 = 1e-5): void {
    const feats = examples.map((e) => scopeFeatures(e.text, this.lang));
    const nIn = examples.filter((e) => e.inScope).length;
    const nOut = examples.length - nIn;
    const order = examples.map((_, i) => i);
    let seed = 15;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (let epoch = 0; epoch < epochs; epoch++) {
      const lr = rate / (1 + epoch);
      for (const i of order) {
        const f = feats[i] as number[];
        const y = (examples[i] as ScopeExample).inScope ? 1 : 0;
        const classWeight = y ? examples.length / (2 * nIn) : examples.length / (2 * nOut);
        const scale = 1 / Math.sqrt(f.length || 1);
        const g = (this.probability(f, scale) - y) * classWeight * lr;
        for (const k of f) this.w[k] = (this.w[k] as number) * (1 - lr * l2) - g * scale;
        this.bias -= g;
      }
    }
  }

  private probability(f: readonly number[], scale: number): number {
    let z = this.bias;
    for (const k of f) z += (this.w[k] as number) * scale;
    return 1 / (1 + Math.exp(-z));
  }

  /** Probability that the message is this shop's business (0–1). */
  inScope(text: string): number {
    const f = scopeFeatures(text, this.lang);
    return this.probability(f, 1 / Math.sqrt(f.length || 1));
  }
}

/**
 * The gate for one language: in scope = every corpus sentence but `none`, and the FAQ questions (shop
 * questions are this shop's business too); out of scope = the corpus's `none` lines and the general corpus.
 */
export function trainScopeGate(lang: Lang, corpus: readonly { text: string; intent: string }[], faqQuestions: readonly string[], general: readonly string[]): ScopeGate {
  const gate = new ScopeGate(lang);
  gate.train([
    ...corpus.map((u) => ({ text: u.text, inScope: u.intent !== 'none' })),
    ...faqQuestions.map((text) => ({ text, inScope: true })),
    ...general.map((text) => ({ text, inScope: false })),
  ]);
  return gate;
}
