/**
 * English typos of words the answerer knows ("mcuh", "teh", "wht", "waterprof"): a word neither the
 * catalog, the knowledge base nor the question lexicon holds is read as the one known word it is a
 * swap, a missing or an extra letter away from (or, in a long word, one wrong letter). Only when exactly one such word exists: a guess
 * between two is no reading, and an unknown word left alone makes the answer abstain (never invent).
 */
import { stem } from './text.js';

const MIN = 3;
/** Seller's words this long or longer may lose or gain a letter. */
const LONG = 7;
/** Words this long or longer may have one letter wrong. */
const SUBSTITUTE = 7;

export class Speller {
  private readonly known = new Set<string>();
  /** Question words ("what", "much", "colours"): typos of these are the common ones. */
  private readonly asking = new Set<string>();
  /** A question word with one letter dropped → the words it came from. */
  private readonly dropped = new Map<string, Set<string>>();

  /**
   * @param asking the question lexicon (frame and trigger words): a swap, a missing or an extra letter.
   * @param content the seller's words (catalog, knowledge base): a swap, or a missing or extra letter in
   *   a long word only ("waterprof"), since a short real word is often a letter away from one ("range", "orange").
   */
  constructor(asking: Iterable<string>, content: Iterable<string>) {
    for (const w of asking) {
      if (!/^[a-z]+$/.test(w)) continue;
      this.known.add(w);
      this.asking.add(w);
      if (w.length >= MIN) this.drop(w);
    }
    for (const w of content) {
      if (!/^[a-z]+$/.test(w)) continue;
      this.known.add(w);
      if (w.length >= LONG) this.drop(w);
    }
  }

  private drop(w: string): void {
    for (let i = 0; i < w.length; i += 1) {
      const d = w.slice(0, i) + w.slice(i + 1);
      const set = this.dropped.get(d) ?? new Set<string>();
      set.add(w);
      this.dropped.set(d, set);
    }
  }

  private isKnown(w: string): boolean {
    return this.known.has(w) || this.known.has(stem(w));
  }

  /** The one known word `w` is a typo of, if there is exactly one. */
  correct(w: string): string | undefined {
    if (w.length < MIN || !/^[a-z]+$/.test(w) || this.isKnown(w)) return undefined;
    const found = new Set<string>();
    // A letter missing ("wht" → "what").
    for (const c of this.dropped.get(w) ?? []) found.add(c);
    for (let i = 0; i < w.length; i += 1) {
      // A letter too many ("whaat" → "what").
      const d = w.slice(0, i) + w.slice(i + 1);
      if (d.length >= MIN && (this.asking.has(d) || (d.length >= LONG && this.known.has(d)))) found.add(d);
      // Two letters swapped ("mcuh" → "much").
      if (i + 1 < w.length && w[i] !== w[i + 1]) {
        const t = w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2);
        if (this.known.has(t)) found.add(t);
      }
    }
    // One letter wrong in a long word ("warrenty" → "warranty"): only when nothing closer was found.
    if (found.size === 0 && w.length >= SUBSTITUTE) {
      for (let i = 0; i < w.length; i += 1) {
        for (let c = 97; c <= 122; c += 1) {
          const t = w.slice(0, i) + String.fromCharCode(c) + w.slice(i + 1);
          if (t !== w && this.known.has(t)) found.add(t);
        }
      }
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** The normalised text with each correctable word replaced. */
  fix(normalised: string): string {
    return normalised.replace(/[a-z]+/g, (w) => (this.known.has(w) ? w : (this.correct(w) ?? w)));
  }
}
