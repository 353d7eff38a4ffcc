/**
 * A spelling layer for English buyer text, run on the words before any feature is made, so the
 * domain lexicon (concepts.ts) fires on "pakage", "adress", "cancl", "refnud" as it does on the real words.
 * Targets are the words of the training corpus (what the model can use); a word is left alone when it
 * is in the corpus or in a list of ordinary English words (`data/nlu/english-words.txt`, from the CLINC150
 * corpus, CC BY 3.0), so a real word the corpus lacks ("heating") is never "corrected" into one it has
 * ("seating"). One edit (insertion, deletion, substitution, adjacent swap) for words of 5–7 letters (4-letter slips
 * are left to the stem-level correction in intent-classifier.ts: "malt" must not become "halt"), two
 * from 8 letters; ties go to a keyboard-neighbour slip, then to the more frequent corpus word.
 */

import { withinOneEdit } from './intent-classifier.js';

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Letter pairs one key apart on a QWERTY keyboard ("a|s", "s|a" …). */
const NEIGHBOURS = new Set<string>();
for (const [r, row] of ROWS.entries()) {
  for (const [c, ch] of [...row].entries()) {
    for (const near of [row[c - 1], row[c + 1], ROWS[r - 1]?.[c], ROWS[r - 1]?.[c + 1], ROWS[r + 1]?.[c], ROWS[r + 1]?.[c - 1]]) {
      if (near) NEIGHBOURS.add(`${ch}|${near}`);
    }
  }
}

/** Optimal-string-alignment distance, abandoned (returns max + 1) as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Same length, one letter differs, and the two are neighbouring keys: the likeliest slip. */
function keyboardSlip(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = -1;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === b[i]) continue;
    if (diff >= 0) return false;
    diff = i;
  }
  return diff >= 0 && NEIGHBOURS.has(`${a[diff]}|${b[diff]}`);
}

/** Apostrophe-less contractions as buyers type them ("dont", "wheres", "im"): restored before features are made. */
const CONTRACTIONS: Record<string, string> = {
  dont: "don't", doesnt: "doesn't", didnt: "didn't", cant: "can't", wont: "won't", isnt: "isn't", arent: "aren't",
  wasnt: "wasn't", werent: "weren't", hasnt: "hasn't", havent: "haven't", hadnt: "hadn't", shouldnt: "shouldn't",
  couldnt: "couldn't", wouldnt: "wouldn't", im: "i'm", ive: "i've", youre: "you're", thats: "that's", whats: "what's",
  wheres: "where's", theres: "there's", hows: "how's", whens: "when's", ill: "i'll", itll: "it'll",
};

/** Emails, links and letter-digit codes are matched whole so that their parts are never "corrected". */
const WORD_OR_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|\b[A-Za-z0-9-]*\d[A-Za-z0-9-]*\b|[A-Za-z]+/g;

export class SpellingCorrector {
  private readonly vocab = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly memo = new Map<string, string>();

  /**
   * `corpus`: the training sentences (correction targets); `ordinary`: words never corrected; `loses(word, fix)`:
   * whether respelling would lose what the lexicon reads in the word as typed ("thanx" is a thank-you, "than" not).
   */
  constructor(
    corpus: readonly string[],
    private readonly ordinary: ReadonlySet<string>,
    private readonly loses: (word: string, fix: string) => boolean = () => false,
  ) {
    for (const text of corpus) for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) this.vocab.set(w, (this.vocab.get(w) ?? 0) + 1);
    for (const w of [...this.vocab.keys()].sort((x, y) => (this.vocab.get(y) ?? 0) - (this.vocab.get(x) ?? 0))) {
      if (w.length < 3) continue;
      const bucket = this.byLength.get(w.length) ?? [];
      bucket.push(w);
      this.byLength.set(w.length, bucket);
    }
  }

  /** The known word meant by `word`, or `word` itself. */
  correctWord(word: string): string {
    const contraction = CONTRACTIONS[word];
    if (contraction) return contraction;
    if (word.length < 5 || this.vocab.has(word) || this.ordinary.has(word)) return word;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;

    const max = word.length >= 8 ? 2 : 1;
    let best = word;
    let bestScore = Infinity;
    for (let len = word.length - max; len <= word.length + max; len += 1) {
      // Buckets are in frequency order, so the first word at a score wins its ties.
      for (const candidate of this.byLength.get(len) ?? []) {
        // Two slips rarely hit both ends of a word: a cheap filter before the distance.
        if (max === 2 && candidate[0] !== word[0] && candidate.slice(-2) !== word.slice(-2)) continue;
        const d = max === 1 ? (withinOneEdit(word, candidate) ? 1 : 2) : editDistance(word, candidate, max);
        if (d > max) continue;
        const score = d - (keyboardSlip(word, candidate) ? 0.5 : 0);
        if (score < bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
    }
    if (best !== word && this.loses(word, best)) best = word;
    if (this.memo.size > 5000) this.memo.clear();
    this.memo.set(word, best);
    return best;
  }

  /** The text with each misspelt word replaced (case, digits and punctuation otherwise kept). */
  correct(text: string): string {
    return text.replace(WORD_OR_ADDRESS, (w) => {
      if (!/^[A-Za-z]+$/.test(w)) return w;
      const lower = w.toLowerCase();
      const fixed = this.correctWord(lower);
      return fixed === lower ? w : fixed;
    });
  }
}
