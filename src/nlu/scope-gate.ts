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
import type { Lang } from '../domain/lang.js';

/** 2^18 hashed weights (1 MiB of Float32 per language): collisions are rare at this corpus size. */
const BITS = 18;
const MASK = (1 << BITS) - 1;

/**
 * Feature indices of a message: character 2–4-grams of the lower-cased text with runs of digits folded
 * to one "0" and spaces as boundaries (English), character 1–2-grams for Han text plus its Latin 3-grams.
 * Duplicates are kept: repeated n-grams count more, as in a bag of n-grams. The n-grams are hashed (FNV-1a,
 * extended one character at a time, then mixed with n) without building substrings: start-up trains on
 * ~7 000 sentences, so this is most of the gate's start-up cost.
 */
export function scopeFeatures(text: string, lang: Lang): number[] {
  const t = ` ${text.normalize('NFKC').toLowerCase().replace(/\d+/g, '0').replace(/[^\p{L}\p{N}']+/gu, ' ').trim()} `;
  const out: number[] = [];
  const [lo, hi] = lang === 'en' ? [2, 4] : [1, 2];
  for (let i = 0; i < t.length; i++) {
    let h = 2166136261;
    for (let n = 1; n <= hi && i + n <= t.length; n++) {
      h = Math.imul(h ^ t.charCodeAt(i + n - 1), 16777619);
      if (n >= lo && !(n === 1 && t[i] === ' ')) out.push((Math.imul(h ^ n, 0x9e3779b1) >>> 0) & MASK);
    }
    if (lang === 'zh' && i + 3 <= t.length && LATIN_TRIGRAM.test(t.slice(i, i + 3))) out.push((Math.imul(Math.imul(h ^ t.charCodeAt(i + 2), 16777619) ^ 3, 0x9e3779b1) >>> 0) & MASK);
  }
  return out;
}

/** Latin letters (or spaces between them) in Chinese text: "我的order" keeps its English trigrams. */
const LATIN_TRIGRAM = /^[a-z ]{3}$/;

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
    // Typed arrays: ~7 000 feature lists as plain arrays cost ~10 MiB more heap at start-up.
    const feats = examples.map((e) => Uint32Array.from(scopeFeatures(e.text, this.lang)));
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
        const f = feats[i] as Uint32Array;
        const y = (examples[i] as ScopeExample).inScope ? 1 : 0;
        const classWeight = y ? examples.length / (2 * nIn) : examples.length / (2 * nOut);
        const scale = 1 / Math.sqrt(f.length || 1);
        const g = (this.probability(f, scale) - y) * classWeight * lr;
        for (const k of f) this.w[k] = (this.w[k] as number) * (1 - lr * l2) - g * scale;
        this.bias -= g;
      }
    }
  }

  private probability(f: ArrayLike<number>, scale: number): number {
    let z = this.bias;
    for (let i = 0; i < f.length; i++) z += (this.w[f[i] as number] as number) * scale;
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
