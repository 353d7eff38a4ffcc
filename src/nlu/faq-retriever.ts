/**
 * Picks the knowledge-base entry whose question variants best match a buyer's question, by TF-IDF
 * cosine similarity in the buyer's language (Snowball stems for English; Intl.Segmenter words plus
 * character bigrams for Chinese). Scores are 0..1, so one threshold means "no good answer".
 */
import { StemmerEn } from '@nlpjs/lang-en-min';
import { normaliseText, segmentChinese } from './text-features.js';
import type { Lang } from '../domain/lang.js';

/** One editable knowledge-base entry (data/faq/faq.json); its answer is `faq:answers.<id>`. */
export interface FaqEntry {
  id: string;
  questions: Record<Lang, string[]>;
}

export interface FaqMatch {
  id: string;
  score: number;
}

const stemmer = new StemmerEn();

const EN_STOPWORDS = new Set(
  ('a an the i me my we our you your it its is are was were be been am do does did to of in on for at by with from ' +
    'and or but so if can could would should will shall may might must this that these those there here what which ' +
    'who whom how when where why please pls hi hello hey thanks thank any some about just also get got have has had ' +
    'us they them their he she his her im id not no yes ok okay').split(' '),
);
const ZH_STOPWORDS = new Set(['的', '了', '吗', '呢', '吧', '啊', '我', '你', '您', '是', '在', '有', '请问', '想', '问', '一下', '么', '什么', '怎么', '这个', '那个', '可以', '能', '要', '请']);

const ZH_FUNCTION_CHARS = new Set([...'的了吗呢吧啊呀我你您是在有这那怎么样什哪请问想能可以要一下个吗']);

/**
 * Question-frame words: they say *how* something is asked ("how much", "多少钱", "多久", "现在"), not
 * what about. A match made only of them is no answer: "how much is gold per ounce" and 七乘八是多少
 * share only "much" / 多少 with "How much is shipping?" / 运费多少, while 这个手机壳多少钱 shares 手机壳.
 */
const EN_GENERIC = new Set(
  'much many long cost costs price often far big today now current currently right exactly usually use used take need'.split(' ').map((w) => stemmer.stemWord(w)),
);
const ZH_GENERIC_CHARS = new Set([...ZH_FUNCTION_CHARS, ...'多少钱几久时候现今天哪里儿为啥如何样吗么']);

/** True when a retrieval token carries content (is not made only of question-frame words or characters). */
export function isContentToken(token: string): boolean {
  if (token.startsWith('q:')) return false;
  if (/^[a-z]+$/.test(token)) return !EN_GENERIC.has(token);
  return [...token].some((ch) => !ZH_GENERIC_CHARS.has(ch));
}

/**
 * What kind of answer a question wants, as one extra token: a set of options ("which cards can I pay with?",
 * "do you accept PayPal?", 支持哪些付款方式) or a moment ("when is my card charged?", 什么时候扣款). Entries on the
 * same subject differ by it (payment methods vs the payment process), and the subject words alone tie them.
 */
const ASKS_OPTIONS: Record<Lang, RegExp> = {
  en: /\b(?:which|what (?:kinds?|types?|sorts?|forms?|methods?|options?|ways?|cards?|brands?|colou?rs?|sizes?|countries|carriers?)|what (?:\w+ )?(?:methods?|options?)|any other (?:way|method|option)s?|do you (?:accept|take|support|allow)|can i (?:pay|use) (?:with|by|using|via|in)|can i (?:pay|use) \w+ (?:to pay|for)|pay (?:with|by|using|via))\b/,
  zh: /哪些|哪几种|哪种|什么(?:方式|卡|渠道|支付|付款)|支持(?!.*(?:时候|多久))|能用|可以用|收不收|接受/u,
};
const ASKS_WHEN: Record<Lang, RegExp> = {
  en: /\b(?:when|what time|at what point|how soon)\b/,
  zh: /什么时候|啥时候|何时|几时|多久/u,
};

function answerKind(text: string, lang: Lang): string[] {
  const t = normaliseText(text);
  const kinds: string[] = [];
  if (ASKS_OPTIONS[lang].test(t)) kinds.push('q:options');
  if (ASKS_WHEN[lang].test(t)) kinds.push('q:when');
  return kinds;
}

/** Retrieval tokens: content words only, so "how long ..." matches on what is asked about. */
export function retrievalTokens(text: string, lang: Lang): string[] {
  const t = normaliseText(text);
  const latin = (t.replace(/\p{Script=Han}+/gu, ' ').match(/[a-z]+/g) ?? [])
    .filter((w) => !EN_STOPWORDS.has(w) && !w.startsWith('zz'))
    .map((w) => stemmer.stemWord(w));
  if (lang === 'en') return [...latin, ...answerKind(text, lang)];
  const tokens = segmentChinese(t).filter((w) => !ZH_STOPWORDS.has(w));
  for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 1; i < chars.length; i += 1) {
      // Bigrams made only of function characters ("怎么", "么样") say how, not what, is asked.
      if (!(ZH_FUNCTION_CHARS.has(chars[i - 1]!) && ZH_FUNCTION_CHARS.has(chars[i]!))) tokens.push(`${chars[i - 1]}${chars[i]}`);
    }
  }
  return [...tokens, ...latin, ...answerKind(text, lang)];
}

interface Doc {
  id: string;
  vector: Map<string, number>;
}

function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tok of tokens) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  return counts;
}

export class FaqRetriever {
  private readonly docs: Record<Lang, Doc[]> = { en: [], zh: [] };
  private readonly idf: Record<Lang, Map<string, number>> = { en: new Map(), zh: new Map() };

  /** @param minScore below this cosine similarity there is no answer. */
  constructor(entries: readonly FaqEntry[], private readonly minScore = 0.32) {
    for (const lang of ['en', 'zh'] as const) {
      const raw = entries.flatMap((e) => e.questions[lang].map((q) => ({ id: e.id, counts: termCounts(retrievalTokens(q, lang)) })));
      const df = new Map<string, number>();
      for (const d of raw) for (const term of d.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
      const n = raw.length;
      for (const [term, f] of df) this.idf[lang].set(term, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
      this.docs[lang] = raw.map((d) => ({ id: d.id, vector: this.weigh(d.counts, lang) }));
    }
  }

  private weigh(counts: Map<string, number>, lang: Lang): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [term, c] of counts) {
      const w = (1 + Math.log(c)) * (this.idf[lang].get(term) ?? 0);
      if (w > 0) {
        v.set(term, w);
        norm += w * w;
      }
    }
    norm = Math.sqrt(norm);
    for (const [term, w] of v) v.set(term, w / norm);
    return v;
  }

  /**
   * Best entries (one per id), best first, only those at or above the threshold. A variant counts
   * only when it shares at least one content term with the question (see `isContentToken`).
   */
  search(text: string, lang: Lang, limit = 3): FaqMatch[] {
    const q = this.weigh(termCounts(retrievalTokens(text, lang)), lang);
    if (q.size === 0) return [];
    const best = new Map<string, number>();
    for (const doc of this.docs[lang]) {
      let dot = 0;
      let content = false;
      for (const [term, w] of q) {
        const dw = doc.vector.get(term);
        if (dw === undefined) continue;
        dot += w * dw;
        if (!content && isContentToken(term)) content = true;
      }
      if (content && dot > (best.get(doc.id) ?? 0)) best.set(doc.id, dot);
    }
    return [...best.entries()]
      .filter(([, s]) => s >= this.minScore)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id, score]) => ({ id, score: Math.round(score * 1000) / 1000 }));
  }

  /** The single best answer id, or undefined when nothing is close enough. */
  best(text: string, lang: Lang): FaqMatch | undefined {
    return this.search(text, lang, 1)[0];
  }
}
