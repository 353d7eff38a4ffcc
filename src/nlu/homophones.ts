/**
 * The Chinese counterpart of the spelling layer: buyers type with pinyin input methods, so their slips
 * are homophones (推货 for 退货, 取小 for 取消, 定单 for 订单, 记到 for 寄到). A character pair never seen
 * in the training corpus or the lexicon, that sounds like one that was (toneless pinyin, any reading of a
 * polyphonic character), is read as that pair. Readings come from `data/nlu/pinyin.tsv` (built once from
 * the MIT-licensed pinyin-pro package; see pinyin.README.md).
 */

const HAN_RUN = /\p{Script=Han}+/gu;
/** A run of Latin letters touching no other letter (Han characters, digits, spaces and punctuation are boundaries). */
const LATIN_RUN = /(?<![a-z])[a-z]{2,12}(?![a-z])/giu;
/** A character seen this often in the corpus is not a slip for a lexicon-only word. */
const RARE = 10;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A pair ICU's dictionary knows as one word (是否, 石油) is written on purpose, not a slip. */
function isDictionaryWord(pair: string): boolean {
  const segments = [...segmenter.segment(pair)];
  return segments.length === 1;
}

/** `pinyin.tsv`: one line per reading set, "qu\t去取…" or "hai|huan\t还…". */
export function parsePinyinTable(tsv: string): Map<string, readonly string[]> {
  const table = new Map<string, readonly string[]>();
  for (const line of tsv.split('\n')) {
    const [readings, chars] = line.split('\t');
    if (!readings || !chars) continue;
    const list = readings.split('|');
    for (const ch of chars) table.set(ch, list);
  }
  return table;
}

export class HomophoneCorrector {
  private readonly pairs = new Map<string, number>();
  /** "qu xiao" → the most frequent known pair with that sound. */
  private readonly bySound = new Map<string, string>();
  /** Two-character lexicon words: one that ends where a pair starts keeps that pair (忽悠|人 is not 忽有人). */
  private readonly lexicon = new Set<string>();
  /** Targets known only from the lexicon (ICU cuts them in two): trusted less, see `correct`. */
  private readonly lexiconOnly = new Set<string>();
  /** How often each character occurs in the corpus. */
  private readonly chars = new Map<string, number>();
  /** Every toneless pinyin syllable of the readings table. */
  private readonly syllables = new Set<string>();

  /**
   * `domainWords`: two-character words of the lexicon (包邮, 退款) that are targets even where ICU's dictionary
   * cuts them in two (包|邮): 满多少包油 is 包邮.
   */
  constructor(
    corpus: readonly string[],
    private readonly readings: ReadonlyMap<string, readonly string[]>,
    domainWords: readonly string[] = [],
  ) {
    for (const text of corpus) {
      for (const run of text.match(HAN_RUN) ?? []) {
        const chars = [...run];
        for (let i = 0; i + 1 < chars.length; i += 1) {
          const pair = `${chars[i]}${chars[i + 1]}`;
          this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + 1);
        }
      }
    }
    // Targets are two-character words as the segmenter cuts the corpus (seen at least twice), not chance
    // neighbours across a word boundary (东西|坏 must not turn 东西配送 into 东西坏送).
    const words = new Map<string, number>();
    for (const text of corpus) {
      for (const { segment } of segmenter.segment(text)) if ([...segment].length === 2 && this.pairs.has(segment)) words.set(segment, (words.get(segment) ?? 0) + 1);
    }
    for (const word of domainWords) {
      if ([...word].length !== 2 || !/^\p{Script=Han}+$/u.test(word)) continue;
      this.lexicon.add(word);
      if (words.has(word)) continue;
      words.set(word, 2);
      this.lexiconOnly.add(word);
    }
    for (const text of corpus) for (const ch of text) this.chars.set(ch, (this.chars.get(ch) ?? 0) + 1);
    for (const list of readings.values()) for (const reading of list) this.syllables.add(reading);
    for (const [pair] of [...words].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])) {
      for (const sound of this.sounds(pair)) if (!this.bySound.has(sound)) this.bySound.set(sound, pair);
    }
  }

  /**
   * A syllable or two of toneless pinyin typed in place of a character ("tui掉", "换huo", "客fu", "zai吗", "chaping"):
   * read as the known pair it makes with its Han neighbour (or the pair the two syllables spell). Only a known
   * domain pair is taken, so English words in Chinese text ("我的order", "ipad") stay as typed.
   */
  private spellSyllables(text: string): string {
    return text.replace(LATIN_RUN, (token, offset: number) => {
      const syllables = this.syllablesOf(token.toLowerCase());
      if (!syllables || syllables.length > 2) return token;
      if (syllables.length === 2) return this.bySound.get(syllables.join(' ')) ?? token;
      const [syllable] = syllables as [string];
      const before = [...text.slice(0, offset)].at(-1) ?? '';
      const after = [...text.slice(offset + token.length)][0] ?? '';
      if (/\p{Script=Han}/u.test(before)) {
        for (const reading of this.readings.get(before) ?? []) {
          const pair = this.bySound.get(`${reading} ${syllable}`);
          if (pair?.startsWith(before)) return [...pair][1]!;
        }
      }
      if (/\p{Script=Han}/u.test(after)) {
        for (const reading of this.readings.get(after) ?? []) {
          const pair = this.bySound.get(`${syllable} ${reading}`);
          if (pair?.endsWith(after)) return [...pair][0]!;
        }
      }
      return token;
    });
  }

  /** The token cut into toneless pinyin syllables (longest first, with backtracking), or undefined. */
  private syllablesOf(token: string, from = 0): string[] | undefined {
    if (from === token.length) return [];
    for (let end = Math.min(token.length, from + 6); end > from; end -= 1) {
      const head = token.slice(from, end);
      if (!this.syllables.has(head)) continue;
      const rest = this.syllablesOf(token, end);
      if (rest) return [head, ...rest];
    }
    return undefined;
  }

  private sounds(pair: string): string[] {
    const [a = '', b = ''] = [...pair];
    const ra = this.readings.get(a) ?? [];
    const rb = this.readings.get(b) ?? [];
    return ra.flatMap((x) => rb.map((y) => `${x} ${y}`));
  }

  /** The text with pinyin syllables and unknown character pairs replaced by known pairs that sound the same. */
  correct(text: string): string {
    return this.spellSyllables(text).replace(HAN_RUN, (run) => {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i += 1) {
        const pair = `${chars[i]}${chars[i + 1]}`;
        if (this.pairs.has(pair)) continue;
        const known = this.sounds(pair)
          .map((s) => this.bySound.get(s))
          .find((p): p is string => p !== undefined);
        if (!known) continue;
        const [x, y] = [...known];
        // One slip at a time: only a pair that differs from the known one in a single character.
        if (x !== chars[i] && y !== chars[i + 1]) continue;
        // A lexicon-only target replaces only a character the corpus (nearly) never uses: 包油 is 包邮, but 转几秒
        // is not 转寄 (几 is an everyday character, typed on purpose).
        const typed = x !== chars[i] ? chars[i]! : chars[i + 1]!;
        if (this.lexiconOnly.has(known) && (this.chars.get(typed) ?? 0) >= RARE) continue;
        // Written on purpose (是否), or the first character already ends a word with the one before it (出库|了, 忽悠|人).
        if (isDictionaryWord(pair) || (i > 0 && (isDictionaryWord(`${chars[i - 1]}${chars[i]}`) || this.lexicon.has(`${chars[i - 1]}${chars[i]}`)))) continue;
        chars[i] = x ?? chars[i]!;
        chars[i + 1] = y ?? chars[i + 1]!;
        i += 1;
      }
      return chars.join('');
    });
  }
}
