/**
 * Tokens for pre-sales retrieval. English: lower-case words and numbers, Snowball-stemmed
 * ("dimmable" and "dim" meet, "brightness" and "bright"). Chinese: Intl.Segmenter words, plus the
 * Latin words and numbers inside (USB-C, iPhone 15, 42 码).
 */
import { StemmerEn } from '@nlpjs/lang-en-min';
import type { Lang } from '../../domain/lang.js';
import escapeStringRegexp from 'escape-string-regexp';

const stemmer = new StemmerEn();
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

/** NFKC, lower case, unified apostrophes and dashes (so "3–5" and "3-5" read alike); "pre-order" / "preorder" one word. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/[‐‑‒–—]/g, '-').replace(/colou?r/g, 'colour').replace(/grey|gray/g, 'grey').replace(/\bpre[- ]?orders?\b/g, 'preorder');
}

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stemmer.stemWord(word) : word;
    if (stemCache.size > 20_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Latin words and numbers ("usb", "c", "42.5", "1200"); digits glued to units are split ("2m" → 2, m). */
export function latinWords(normalised: string): string[] {
  return (normalised.replace(/(\d)([a-z])/g, '$1 $2').match(/[a-z]+|\d+(?:[.,]\d+)?/g) ?? []).map((w) => w.replace(',', '.'));
}

/** Chinese words (Intl.Segmenter) of the Han runs. */
export function chineseWords(normalised: string): string[] {
  const out: string[] = [];
  for (const s of zhSegmenter.segment(normalised)) if (s.isWordLike && HAN.test(s.segment)) out.push(s.segment);
  return out;
}

/** Retrieval terms of a text: stems for English words, segments for Chinese, numbers as they are. */
export function terms(text: string, lang: Lang): string[] {
  const t = normalise(text);
  const latin = latinWords(t).map(stem);
  return lang === 'zh' || HAN.test(t) ? [...chineseWords(t), ...latin] : latin;
}

export const hasHan = (text: string): boolean => HAN.test(text);

/**
 * Chinese words where runs of single characters the segmenter left apart ("发", "货") are joined
 * back ("发货") unless `keepApart` says a character stands alone (a function character).
 */
export function chineseWordsJoined(normalised: string, keepApart: (ch: string) => boolean): string[] {
  const out: string[] = [];
  let run = '';
  let end = -1;
  const flush = () => {
    if (run) out.push(run);
    run = '';
  };
  for (const s of zhSegmenter.segment(normalised)) {
    if (!s.isWordLike || !HAN.test(s.segment)) {
      flush();
      continue;
    }
    const single = [...s.segment].length === 1 && !keepApart(s.segment);
    if (single && s.index === end && run) run += s.segment;
    else {
      flush();
      if (single) run = s.segment;
      else out.push(s.segment);
    }
    end = s.index + s.segment.length;
  }
  flush();
  return out;
}

/** The text names `name` (a whole word or phrase in Latin script, plural allowed; anywhere in Han). */
export const mentions = (text: string, name: string) => (/[a-z0-9]/.test(name) ? new RegExp(`(?<![a-z0-9])${escapeStringRegexp(name)}(?:s|es)?(?![a-z0-9])`).test(text) : text.includes(name));

/** The text without the spans (whole words for Latin spans, so "s" never eats "surface"). */
export function strip(text: string, spans: readonly string[]): string {
  let t = text;
  for (const raw of spans) {
    const s = raw.trim();
    if (!s) continue;
    t = /[a-z0-9]/.test(s) ? t.replace(new RegExp(`(?<![a-z0-9])${escapeStringRegexp(s)}(?![a-z0-9])`, 'g'), ' ') : t.split(s).join(' ');
  }
  return t;
}
