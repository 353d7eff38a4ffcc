/**
 * The coverage check that keeps pre-sales answers honest: a question's content words (not frame
 * words) and whether a fact's text accounts for each of them. An answer is given only when every
 * content word is explained by the facts used, so a fact is never stretched to a question it does
 * not answer.
 */
import type { Lang } from '../../domain/lang.js';
import { FRAME } from './lexicon.js';
import { segmentRun } from './segment.js';
import { SYNONYMS } from './synonyms.js';
import { chineseWordsJoined, latinWords, stem } from './text.js';

/** Characters that only frame a Chinese question (particles, modal verbs, question words). */
export const FRAME_CHARS = new Set([...'的了吗呢吧啊呀嘛会能要有是都还很太么这那个啥什怎几多少吗哪呗得着过把被让给用到就可以一般']);

/** How Chinese questions are cut: the seller's own words and the compounds matched whole. */
export interface ZhWords {
  vocab: ReadonlySet<string>;
  whole: ReadonlySet<string>;
  /** Runs already cut while answering one message (emptied before each): a message is read many ways. */
  cuts?: Map<string, string[]>;
}

/** Han character bigrams: Chinese retrieval that does not depend on one segmentation. */
export function hanBigrams(t: string): string[] {
  const out: string[] = [];
  for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 1; i < chars.length; i += 1) out.push(`${chars[i - 1]}${chars[i]}`);
  }
  return out;
}

const asksNothing = (w: string) => FRAME.zh.has(w) || [...w].every((ch) => FRAME_CHARS.has(ch));
const FRAME_WORDS = [...FRAME.zh].filter((w) => [...w].length > 1);
/** Particles that end a question and never start or end a word. */
const PARTICLES = new Set([...'吗呢吧啊呀嘛的了么哦']);
const FRAME_SET = new Set(FRAME_WORDS);
/** A frame word at either end (its prefixes and suffixes looked up: this runs for every piece of every cut). */
function framedAtEdge(w: string): boolean {
  if (PARTICLES.has(w[0] ?? '') || PARTICLES.has(w.at(-1) ?? '')) return true;
  // Han characters are one UTF-16 unit each; other pieces never reach here (only Han runs are cut).
  for (let n = 2; n < w.length; n += 1) if (FRAME_SET.has(w.slice(0, n)) || FRAME_SET.has(w.slice(w.length - n))) return true;
  return false;
}

/** What a piece costs in the cut: frame cheap, known words 1, frame-edged stretches dear, unknown never. */
function pieceCost(piece: string, zh: ZhWords): number {
  if (zh.whole.has(piece)) return 0.5;
  const len = [...piece].length;
  if (len === 1) return asksNothing(piece) ? 0.4 : 1;
  if (FRAME.zh.has(piece)) return 0.3;
  if (len > 4 || !zh.vocab.has(piece)) return Infinity;
  if (framedAtEdge(piece)) return 2;
  return FRAME_CHARS.has(piece[0] ?? '') || FRAME_CHARS.has(piece.at(-1) ?? '') ? 1.3 : 1;
}

/** Chinese content words: by the seller's vocabulary when given, else Intl.Segmenter words re-joined. */
function chineseContent(normalised: string, zh?: ZhWords): string[] {
  if (!zh) return chineseWordsJoined(normalised, (ch) => FRAME_CHARS.has(ch) || FRAME.zh.has(ch)).filter((w) => !asksNothing(w));
  return chinesePieces(normalised, zh).filter((w) => w !== '');
}

/** The Han pieces in order, '' where a frame word stood (so side-by-side words can be told). */
function chinesePieces(normalised: string, zh: ZhWords): string[] {
  // Characters the seller's words do not cover, side by side, are one unknown word (预约 of
  // "预约功能"), matched whole: never one character here and one there.
  const out: string[] = [];
  for (const run of normalised.match(/\p{Script=Han}+/gu) ?? []) {
    let unknown = '';
    let cut = zh.cuts?.get(run);
    if (!cut) {
      cut = segmentRun(run, (piece) => pieceCost(piece, zh));
      zh.cuts?.set(run, cut);
    }
    for (const piece of [...cut, '']) {
      if ([...piece].length === 1 && !asksNothing(piece)) unknown += piece;
      else {
        if (unknown) out.push(unknown);
        unknown = '';
        if (piece) out.push(asksNothing(piece) ? '' : piece);
      }
    }
    out.push('');
  }
  return out;
}

/** Content words of a (span-stripped) question: not frame words; stems for English. */
export function contentWords(normalised: string, lang: Lang, zh?: ZhWords): string[] {
  const latin = latinWords(normalised.replace(/\p{Script=Han}+/gu, ' ')).filter((w) => (!FRAME.en.has(w) && w.length > 1) || /\d/.test(w));
  const out = latin.map(stem).filter((w) => !FRAME.en.has(w));
  if (lang === 'zh') out.push(...chineseContent(normalised, zh));
  return [...new Set(out)];
}

/**
 * Content words side by side in the question ("full volume", 两个手机): a phrase, which one fact
 * must hold whole; a fact on "full charge" and another on "medium volume" do not answer it.
 */
export function adjacentPairs(normalised: string, lang: Lang, zh?: ZhWords): [string, string][] {
  const seq = lang === 'zh' && zh
    ? chinesePieces(normalised, zh)
    : normalised.replace(/[?!,;:()]/g, ' | ').split(/[^a-z0-9.|]+/).map((w) => (w.length > 1 || /\d/.test(w)) && !FRAME.en.has(w) ? stem(w) : '').map((w) => (FRAME.en.has(w) ? '' : w));
  const out: [string, string][] = [];
  // Chinese single characters are too loosely cut to make a phrase.
  const word = (w: string | undefined): w is string => !!w && w !== '|' && (lang === 'en' || [...w].length > 1);
  for (let i = 1; i < seq.length; i += 1) if (word(seq[i - 1]) && word(seq[i])) out.push([seq[i - 1] ?? '', seq[i] ?? '']);
  return out;
}

/** "16" is in "10-17.3 inch", "15" within "up to 15.6 inches": a number inside a range or under a limit the fact states. */
function inRange(word: string, haystack: string): boolean {
  if (!/^\d+(?:\.\d+)?$/.test(word)) return false;
  const n = Number(word);
  for (const m of haystack.matchAll(/(\d+(?:\.\d+)?)\s*(?:-|to|到|至)\s*(\d+(?:\.\d+)?)/g)) if (n >= Number(m[1]) && n <= Number(m[2])) return true;
  for (const m of haystack.matchAll(/(?:up to|max(?:imum)?|最大|最高|最多|不超过)\s*(\d+(?:\.\d+)?)/g)) if (n > 0 && n <= Number(m[1])) return true;
  return false;
}

/** True when `word` is accounted for by the text (its synonyms count too). */
export function explained(word: string, haystack: string, hayTerms: Set<string>, lang: Lang, surface = false): boolean {
  if (holds(word, haystack, hayTerms)) return true;
  for (const f of SYNONYMS[lang][word] ?? []) if (!(surface && MATERIALS.has(f)) && holds(f, haystack, hayTerms)) return true;
  return false;
}

/** The materials fact's name: what a material word ("glass", 玻璃) stands for when it asks what the product is made of. */
const MATERIALS = new Set(['materi', '材质']);

/**
 * Words named as a surface or place the product is used on ("work on glass", 在玻璃上): a material
 * word there is no question of what the product is made of, so only the word itself answers it.
 */
export function surfaceWords(q: string, lang: Lang): Set<string> {
  const re = lang === 'en' ? /\b(?:on|onto|against|over|across)\s+(?:a\s+|an\s+|the\s+|my\s+|your\s+)?([a-z]+)/g : /在(\p{Script=Han}{1,4}?)(?:表面|面上|上)/gu;
  return new Set([...q.matchAll(re)].map((m) => (lang === 'en' ? stem(m[1] ?? '') : (m[1] ?? ''))));
}

/**
 * 线 of 无线 (cordless) is not a cable: a thing named only after 无 ("without") is not there. 不透 /
 * 不含 still answer 会透吗 / 含…吗 (a verb negated is the answer, not another thing).
 */
function negatedOnly(ch: string, haystack: string): boolean {
  let i = haystack.indexOf(ch);
  while (i >= 0) {
    if (haystack[i - 1] !== '无') return false;
    i = haystack.indexOf(ch, i + 1);
  }
  return true;
}

/** Units whose characters name nothing else: 米 of 小米 (a phone brand) is not the 米 of 厘米. */
const UNIT_WORDS = /厘米|毫米|小时|分钟|公斤|千克/g;
/** The character is in the text only inside a unit. */
function inUnitOnly(ch: string, haystack: string): boolean {
  return !haystack.replace(UNIT_WORDS, ' ').includes(ch);
}

/** True when one form of a word is in the text (hot path: no allocation for the common cases). */
function holds(f: string, haystack: string, hayTerms: Set<string>): boolean {
  // "Range" is answered by a stated range ("80-200 °C").
  if (f === 'rang' || f === '范围') return /\d\s*-\s*\d/.test(haystack);
  // "Which version" is answered by a stated version number ("Bluetooth 5.3").
  if (f === 'version' || f === '版本') return /\d\.\d/.test(haystack);
  // Symbols ("°", "%", "18/8") are looked for as they are written.
  if (/[^a-z0-9\p{Script=Han}]/u.test(f)) return haystack.includes(f);
  if (!/\p{Script=Han}/u.test(f)) return hayTerms.has(f) || hayTerms.has(stem(f)) || inRange(f, haystack);
  if (haystack.includes(f)) return [...f].length > 1 || (!negatedOnly(f, haystack) && !inUnitOnly(f, haystack));
  // A segment glued to a function character ("会掉" of 会掉毛) or characters the segmenter left
  // apart and we joined ("涂层含"): its content characters must all be there, and for longer runs
  // at least one pair of them side by side.
  const chars = [...f];
  const content = chars.filter((ch) => !FRAME_CHARS.has(ch));
  if (chars.length > 4 || content.length === 0 || !content.every((ch) => haystack.includes(ch))) return false;
  return content.length < chars.length || chars.length <= 2 ? content.length < chars.length : hanBigrams(f).some((b) => haystack.includes(b));
}
