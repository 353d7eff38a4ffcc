/**
 * Turns an utterance into the sparse features the NLP.js classifier learns from. English: Snowball
 * stems (NLP.js). Chinese: Intl.Segmenter words plus character bigrams (robust to segmentation
 * slips), and stemmed Latin words for mixed messages ("我的order呢"). Both add domain concept
 * features (concepts.ts). Entities become placeholder tokens so "order 112-..." and "order 113-..."
 * look the same to the model. Measured on the held-out set: character n-grams and word bigrams
 * diluted the concept features and cost 5-20 points of accuracy, so they are not used.
 */
import { StemmerEn } from '@nlpjs/lang-en-min';
import { conceptFeatures } from './concepts.js';
import type { Lang } from '../domain/lang.js';

const stemmer = new StemmerEn();
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

const PLACEHOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, ' zzemail '],
  [/\bRMA[-\s]?[A-Za-z0-9]{10}\b/gi, ' zzrma '],
  [/\d{3}[\s-]{0,2}\d{7}[\s-]{0,2}\d{7}/g, ' zzorderid '],
  [/\d{6,20}/g, ' zzorderid '],
  [/[$€£¥]\s?\d+(?:[.,]\d{1,2})?/g, ' zzmoney '],
  [/\d+(?:\.\d+)?/g, ' zznum '],
];

const EN_CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(can)'?t\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/n'?t\b/g, ' not'],
  [/'(?:s|re|m|ve|ll|d)\b/g, ''],
];

/**
 * The classifier and then the FAQ retriever normalise and segment the same message in one turn; the
 * last result of each is kept so the second caller gets it for free (both functions are pure).
 */
let lastNormalised: readonly [string, string] = ['', ''];
let lastSegmented: readonly [string, readonly string[]] = ['', []];

/** Lower-cased, NFKC-folded text with entity placeholders (shared by the classifier and the FAQ retriever). */
export function normaliseText(text: string): string {
  if (lastNormalised[0] === text) return lastNormalised[1];
  let t = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  for (const [re, rep] of PLACEHOLDERS) t = t.replace(re, rep);
  lastNormalised = [text, t];
  return t;
}

function stemLatinWords(text: string): string[] {
  let t = text;
  for (const [re, rep] of EN_CONTRACTIONS) t = t.replace(re, rep);
  const words = t.match(/[a-z]+/g) ?? [];
  return words.map((w) => (w.startsWith('zz') ? w : stemmer.stemWord(w)));
}

function addEnglish(normalised: string, out: Record<string, number>): void {
  for (const s of stemLatinWords(normalised)) out[`w:${s}`] = 1;
}

/** Han-script tokens of a message: Intl.Segmenter words (used by the FAQ retriever too). */
export function segmentChinese(text: string): string[] {
  if (lastSegmented[0] === text) return [...lastSegmented[1]];
  const words: string[] = [];
  for (const s of zhSegmenter.segment(text)) {
    if (s.isWordLike && HAN.test(s.segment)) words.push(s.segment);
  }
  lastSegmented = [text, words];
  return [...words];
}

function addChinese(normalised: string, out: Record<string, number>): void {
  for (const w of segmentChinese(normalised)) out[`w:${w}`] = 1;
  const runs = normalised.match(/\p{Script=Han}+/gu) ?? [];
  for (const run of runs) {
    const chars = [...run];
    for (let i = 1; i < chars.length; i += 1) out[`b:${chars[i - 1]}${chars[i]}`] = 1;
    if (chars.length === 1) out[`c:${run}`] = 1;
  }
  addEnglish(normalised.replace(/\p{Script=Han}+/gu, ' '), out);
}

/** Sparse binary features for one utterance. */
export function featurise(text: string, lang: Lang): Record<string, number> {
  const normalised = normaliseText(text);
  const out: Record<string, number> = {};
  if (lang === 'zh') addChinese(normalised, out);
  else addEnglish(normalised, out);
  for (const k of conceptFeatures(normalised, lang)) out[k] = 1;
  return out;
}

/**
 * Key under which two sentences count as the same one when checking that a test set does not leak
 * into the training corpus: "Hey!" and "hey", "人工！！" and "人工", "thankyou" and "thank you" differ
 * only in case, punctuation (ASCII or full-width), symbols or spaces, and teach the model the same thing.
 */
export function overlapKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, '');
}
