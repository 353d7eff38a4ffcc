/**
 * Chinese segmentation by the seller's own words. Intl.Segmenter (ICU) leaves many shop and product
 * words in single characters (保/修, 材/质, 铸/铁/锅), so a question's words could only be matched
 * character by character, which both misses answers and lets a fact "explain" a word it does not
 * hold. Here a question's Han run is cut into the fewest pieces that are words of the catalog and
 * knowledge base (every 2–4 character stretch of their text), of the frame lexicon, or of shop
 * compounds that must be matched whole (货到付款): what remains are single characters. Pieces that
 * begin or end in a frame word (发票吗, 保修多久: stretches of the seller's own questions) cost more
 * than the word and the frame apart, so the content word stands alone.
 */
import { hasHan } from './text.js';

const MAX = 4;

/** Every 2–4 character Han stretch of `texts`, plus the `words` given (compounds, frame words). */
export function hanVocabulary(texts: Iterable<string>, words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i += 1) for (let n = 2; n <= MAX && i + n <= chars.length; n += 1) out.add(chars.slice(i, i + n).join(''));
    }
  }
  for (const w of words) if (hasHan(w)) out.add(w);
  return out;
}

/**
 * The Han run cut into the cheapest sequence of pieces (dynamic programming over `cost`, which is
 * Infinity for a piece that is not a word; single characters always are).
 */
export function segmentRun(run: string, cost: (piece: string) => number): string[] {
  // Han characters are one UTF-16 unit each, so the run is sliced as it is (no array per piece).
  const chars = [...run];
  const n = chars.length;
  const piece = chars.length === run.length ? (a: number, b: number) => run.slice(a, b) : (a: number, b: number) => chars.slice(a, b).join('');
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let i = 1; i <= n; i += 1) {
    for (let len = 1; len <= Math.min(i, 6); len += 1) {
      const c = (best[i - len] ?? Infinity) + cost(piece(i - len, i));
      if (c < (best[i] ?? Infinity)) {
        best[i] = c;
        from[i] = i - len;
      }
    }
  }
  const out: string[] = [];
  for (let i = n; i > 0; i = from[i] ?? 0) out.unshift(piece(from[i] ?? 0, i));
  return out;
}
