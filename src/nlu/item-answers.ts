/**
 * Which of the order's items a typed answer names: a position ("1", "the first one", "第二个", "最后一个"), item names
 * matched against the order's item titles (typos and Chinese household words included), "all" / "both", and a
 * correction or a refusal of one item inside the message ("not the skillet, the spatula", 不对 是铲子). Pure; part of
 * the answer reader (answers.ts re-exports it).
 */
import { fold } from './negation.js';

const EN_ORDINALS: Record<string, number> = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, fifth: 4, '5th': 4, one: 0, two: 1, three: 2 };
const ZH_DIGITS: Record<string, number> = { 一: 0, 1: 0, 二: 1, 2: 1, 两: 1, 三: 2, 3: 2, 四: 3, 4: 3, 五: 4, 5: 4 };

/** "1", "#2", "the first one", "第二个", "最后一个": a 0-based position among `count` options. */
export function readOrdinal(text: string, count: number): number | undefined {
  const t = fold(text);
  const pick = (i: number | undefined) => (i !== undefined && i >= 0 && i < count ? i : undefined);
  const bare = /^(?:#|no\.?\s*|number\s*|option\s*|item\s*)?([1-9])(?:\s*(?:please|pls|thanks))?[.!)]?$/.exec(t);
  if (bare) return pick(Number(bare[1]) - 1);
  const zh = /第\s*([一二两三四五12345])\s*(?:个|件|样|项|种)?/.exec(t);
  if (zh) return pick(ZH_DIGITS[zh[1] ?? '']);
  if (/\b(?:the )?last (?:one|item)\b|最后(?:一|那)(?:个|件|样)/.test(t)) return pick(count - 1);
  const en = /\b(?:the )?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b(?! time)/.exec(t);
  if (en) return pick(EN_ORDINALS[en[1] ?? '']);
  const one = /\b(?:the )?(?:number|no\.?|#|option|item) ?([1-9])\b/.exec(t);
  if (one) return pick(Number(one[1]) - 1);
  return undefined;
}

/** Chinese product words → English words found in item titles (catalogue-independent household nouns). */
const ZH_PRODUCT_WORDS: ReadonlyArray<readonly [RegExp, string[]]> = [
  [/平底锅|煎锅|铸铁锅|铁锅|锅(?!铲)/, ['skillet', 'pan', 'pot']],
  [/铲|锅铲|刮刀/, ['spatula']],
  [/手套|隔热/, ['mitts', 'gloves', 'mitt']],
  [/键盘/, ['keyboard']],
  [/台灯|灯/, ['lamp', 'light']],
  [/水杯|水瓶|保温杯|保温瓶|杯子/, ['bottle', 'cup', 'mug']],
  [/茶具|茶杯/, ['tea']],
  [/耳机|耳麦/, ['headset', 'headphones', 'earbuds']],
  [/磨豆机|咖啡/, ['grinder', 'coffee']],
  [/雨衣|外套|夹克|衣服/, ['jacket', 'coat']],
  [/音箱|音响|喇叭/, ['speaker']],
  [/水壶|烧水壶|电水壶/, ['kettle']],
  [/搅拌机|破壁机|料理机/, ['blender']],
  [/空气炸锅|炸锅/, ['fryer']],
  [/数据线|充电线|线/, ['cable']],
  [/伞|雨伞/, ['umbrella']],
  [/瑜伽垫|垫子/, ['mat']],
  [/笔记本|本子/, ['notebook']],
];
const TITLE_STOP = new Set(['set', 'pair', 'with', 'and', 'the', 'for', 'of', 'pack', 'size', 'keys', 'usb']);

const titleWords = (title: string) =>
  fold(title)
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3 && !TITLE_STOP.has(w));

/** Edit distance with adjacent transpositions, capped (enough for one or two typos). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Everyday words one typo away from a product word ("my last order" is no cast iron, "most" no mist): the buyer
 * typed them as themselves, so they name an item only when spelt exactly like it.
 */
const EVERYDAY_WORDS = new Set(['last', 'past', 'fast', 'cost', 'most', 'lost', 'list', 'just', 'must', 'even', 'ever', 'over', 'open', 'sent', 'send', 'part', 'said', 'sale', 'some', 'same', 'sure', 'time', 'mine', 'nice', 'like', 'make', 'made', 'mind', 'kind', 'item', 'back', 'pack', 'want', 'went', 'wait', 'what', 'that', 'this', 'then', 'than', 'them', 'they', 'when', 'with', 'will', 'well', 'tell', 'sell', 'call', 'case', 'came', 'come', 'home', 'hope', 'here', 'have', 'order', 'other', 'thing', 'things']);
/** A buyer's word names a title word: same stem, or one typo (two for long words). */
function wordMatches(said: string, word: string): boolean {
  const stem = (w: string) => w.replace(/(?:es|s)$/, '');
  if (stem(said) === stem(word)) return true;
  if (word.length < 4 || said.length < 4 || EVERYDAY_WORDS.has(said)) return false;
  return distance(stem(said), stem(word)) <= (word.length >= 7 ? 2 : 1);
}

/** How strongly the message names each item title (0: not at all). */
function itemScores(text: string, titles: readonly string[]): number[] {
  const t = fold(text);
  const said = t.split(/[^a-z]+/).filter((w) => w.length >= 3);
  const zhWords = ZH_PRODUCT_WORDS.filter(([re]) => re.test(t)).flatMap(([, words]) => words);
  return titles.map((title) => {
    const words = titleWords(title);
    let score = 0;
    for (const w of words) if (said.some((s) => wordMatches(s, w)) || zhWords.includes(w)) score += 1;
    return score;
  });
}

const ALL_EN = /\b(?:all (?:of )?(?:them|the items|items|three|3|of it)|everything|the whole (?:order|thing))\b/i;
/** "both" is every item only in an order of two lines ("both pairs" of one item is a quantity). */
const BOTH = /\bboth\b|两(?:个|件|样)都/i;
const ALL_ZH = /全部|都退|所有|整单|都要退/;

/**
 * Which of the order's items the message names: an index list, `all`, or undefined. Names beat
 * ordinals ("the first one, the skillet"); a name that fits several items equally names none.
 */
export function readItems(text: string, titles: readonly string[]): number[] | 'all' | undefined {
  const t = fold(text);
  if (titles.length === 0) return undefined;
  // "手套…不对不对 是那个硅胶铲", "the mitts - no wait, I mean the spatulas": what follows the correction is meant.
  const corrected = t.split(CORRECTION);
  if (corrected.length > 1) {
    const after = readItems(corrected.at(-1) ?? '', titles);
    if (after !== undefined) return after;
  }
  // "not the skillet, the other one — the spatulas": an item refused by name is not the one meant.
  const refused = t.replace(NOT_THIS_ITEM, ' ');
  if (refused !== t) {
    const meant = readItems(refused, titles);
    if (meant !== undefined) return meant;
  }
  if (ALL_EN.test(t) || ALL_ZH.test(t) || (titles.length === 2 && BOTH.test(t))) return 'all';
  // "just the mitts, not the pan", "就手套 锅和铲子不退": the item after "just / only / 就 / 只" is the one.
  const only = /(?:\b(?:just|only)\s+(?:(?:return|send back|refund|exchange|swap)\s+)?(?:the\s+|my\s+)?|(?:就|只|仅)(?:退|要退)?)([^,，。;；.!！?？\s]+)/.exec(t)?.[1];
  if (only) {
    const picked = namedItem(only, titles);
    if (picked !== undefined) return [picked];
  }
  const scores = itemScores(t, titles);
  const best = Math.max(...scores);
  if (best > 0) {
    const named = scores.flatMap((s, i) => (s === best ? [i] : []));
    if (named.length === 1) return named;
  }
  const ordinal = readOrdinal(t, titles.length);
  return ordinal === undefined ? undefined : [ordinal];
}

/** The item the message names, when exactly one does (for slots filled from any message). */
export function namedItem(text: string, titles: readonly string[]): number | undefined {
  // "the oven mitts - no wait, I mean the spatula set": the item after the correction is the one meant.
  const corrected = fold(text).split(CORRECTION);
  if (corrected.length > 1) {
    const after = namedItem(corrected.at(-1) ?? '', titles);
    if (after !== undefined) return after;
  }
  const scores = itemScores(text, titles);
  const best = Math.max(0, ...scores);
  const named = scores.flatMap((s, i) => (s === best && best > 0 ? [i] : []));
  return named.length === 1 ? named[0] : undefined;
}

/** A buyer correcting themselves mid-message: "no wait", "I mean", "不对 是…". */
/** An item named only to say it is not the one: "not the skillet", "not my pan". */
const NOT_THIS_ITEM = /\bnot (?:the |my |that |this )?[a-z]+(?=[,.;!?—–-]|\s*$|\s+(?:but|the other|i mean))/g;
const CORRECTION = /\bno wait\b|\b(?:sorry,? )?i mean(?:t)?\b|\bactually,? (?:it'?s|i mean)\b|不对[，,\s]*(?:是|我说的是)?|不是[^，,。]{1,8}[，,\s]*是|我是说|说错了[，,\s]*(?:是)?/;
