/**
 * The Chinese counterpart of the spelling layer: buyers type with pinyin input methods, so their slips
 * are homophones (推货 for 退货, 取小 for 取消, 定单 for 订单, 记到 for 寄到). A character pair never seen
 * in the training corpus or the lexicon, that sounds like one that was (toneless pinyin, any reading of a
 * polyphonic character), is read as that pair. Readings come from `data/nlu/pinyin.tsv` (built once from
 * the MIT-licensed pinyin-pro package; see pinyin.README.md).
 */

const HAN_RUN = /\p{Script=Han}+/gu;
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

  constructor(
    corpus: readonly string[],
    private readonly readings: ReadonlyMap<string, readonly string[]>,
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
    for (const [pair] of [...words].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])) {
      for (const sound of this.sounds(pair)) if (!this.bySound.has(sound)) this.bySound.set(sound, pair);
    }
  }

  private sounds(pair: string): string[] {
    const [a = '', b = ''] = [...pair];
    const ra = this.readings.get(a) ?? [];
    const rb = this.readings.get(b) ?? [];
    return ra.flatMap((x) => rb.map((y) => `${x} ${y}`));
  }

  /** The text with unknown character pairs replaced by known pairs that sound the same. */
  correct(text: string): string {
    return text.replace(HAN_RUN, (run) => {
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
        // Written on purpose (是否), or the first character already ends a word with the one before it (出库|了).
        if (isDictionaryWord(pair) || (i > 0 && isDictionaryWord(`${chars[i - 1]}${chars[i]}`))) continue;
        chars[i] = x ?? chars[i]!;
        chars[i + 1] = y ?? chars[i + 1]!;
        i += 1;
      }
      return chars.join('');
    });
  }
}
