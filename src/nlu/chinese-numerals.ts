/**
 * Chinese numerals ("三十", "两百五", "一万二千") to numbers, so amounts, quantities and
 * relative dates written in characters behave like digits.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** Characters that can appear in a Chinese numeral (for building regexes around them). */
export const CHINESE_NUMERAL_CHARS = '零〇一幺二两俩三四五六七八九十拾百佰千仟万亿';

/**
 * Parses a whole string of Chinese numeral characters (or ASCII digits); undefined when it is not one.
 * Handles colloquial elision: "两百五" = 250, "一万二" = 12000.
 */
export function parseChineseNumber(input: string): number | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // A run of plain digits ("二零二四") is positional.
      if (digit !== undefined && lastUnit === 0) {
        digit = digit * 10 + d;
      } else {
        digit = d;
      }
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      digit = undefined;
      lastUnit = small;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      total = (total + section + (digit ?? 0)) * big;
      section = 0;
      digit = undefined;
      lastUnit = big;
      continue;
    }
    return undefined;
  }
  if (digit !== undefined) {
    // "两百五" → 250, "一万二" → 12000: a trailing digit after a unit is one order of magnitude lower.
    if (lastUnit >= 100 && section + total > 0 && !text.includes('零')) {
      section += digit * (lastUnit / 10);
    } else {
      section += digit;
    }
  }
  return total + section;
}
