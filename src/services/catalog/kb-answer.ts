/**
 * The seller's knowledge base as answers: its entries indexed for retrieval (MiniSearch over English
 * stems, Chinese words and character bigrams), the entries about one product, and the coverage check
 * that lets an entry answer only a question whose every content word it accounts for.
 */
import MiniSearch from 'minisearch';
import type { Lang } from '../../domain/lang.js';
import type { Product } from './catalog.js';
import { CountryFinder } from './destinations.js';
import { productNames } from './facts.js';
import type { KbEntry, KnowledgeBase } from './knowledge-base.js';
import { SHOP_TOPICS, STOCK_GENERIC } from './lexicon.js';
import { mentions, normalise, strip, terms } from './text.js';
import { contentWords, explained, hanBigrams, type ZhWords } from './coverage.js';
import { abstain, type PresalesAnswer } from './answer-types.js';
import { unaddressed } from './asked-concepts.js';

interface KbDoc {
  id: string;
  q: string;
  a: string;
}

export interface LangIndex {
  kb: KnowledgeBase;
  entries: Map<string, KbEntry>;
  search: MiniSearch<KbDoc>;
  countries: CountryFinder;
  /** Knowledge-base entries about one product (its name or keyword in the entry): product id → entry ids. */
  about: Map<string, Set<string>>;
  /** The other way round: entry id → the products it is about. */
  subjects: Map<string, Set<string>>;
  /** The seller's Chinese words, for cutting Chinese questions. */
  zh: ZhWords;
  /** Every retrieval term of the entries: a query term not among them can find nothing. */
  vocab: Set<string>;
  /** Searches already run while answering one message (emptied before each). */
  searched: Map<string, { id: unknown }[]>;
  /** Normalised entry text (questions + answer) for the coverage check. */
  haystack: Map<string, { text: string; terms: Set<string>; questions: string; questionTerms: Set<string> }>;
}

/** Retrieval terms: English stems; Chinese words plus character bigrams (no one segmentation decides). */
export function indexTerms(text: string, lang: Lang): string[] {
  const t = normalise(text);
  return lang === 'zh' ? [...terms(t, 'zh'), ...hanBigrams(t)] : terms(t, 'en');
}

/** The index of one language's knowledge base; `zh` cuts Chinese questions by the seller's words. */
export function buildLangIndex(kb: KnowledgeBase, products: readonly Product[], lang: Lang, zh: ZhWords): LangIndex {
  const search = new MiniSearch<KbDoc>({ fields: ['q', 'a'], storeFields: [], tokenize: (t) => indexTerms(t, lang), processTerm: (t) => t });
  search.addAll(kb.entries.map((e) => ({ id: e.id, q: e.questions.join(' \n '), a: e.answer })));
  const haystack = new Map(kb.entries.map((e) => {
    const text = normalise(`${e.questions.join(' ')} ${e.answer}`);
    const questions = normalise(e.questions.join(' '));
    return [e.id, { text, terms: new Set(terms(text, lang)), questions, questionTerms: new Set(terms(questions, lang)) }];
  }));
  const about = new Map<string, Set<string>>();
  for (const p of products) {
    const names = productNames(p, lang).filter((n) => [...n].length >= 2);
    const ids = kb.entries.filter((e) => names.some((n) => mentions(haystack.get(e.id)?.text ?? '', n))).map((e) => e.id);
    if (ids.length > 0) about.set(p.id, new Set(ids));
  }
  const subjects = new Map<string, Set<string>>();
  for (const [pid, ids] of about) for (const id of ids) subjects.set(id, (subjects.get(id) ?? new Set<string>()).add(pid));
  const vocab = new Set(kb.entries.flatMap((e) => indexTerms(`${e.questions.join(' ')} ${e.answer}`, lang)));
  return { kb, zh, vocab, searched: new Map(), entries: new Map(kb.entries.map((e) => [e.id, e])), search, countries: new CountryFinder(kb.destinations, lang), haystack, about, subjects };
}

/** The best three entries for the question (a bigram that is also a word is one query term). */
function search(q: string, lang: Lang, idx: LangIndex): { id: unknown }[] {
  let hits = idx.searched.get(q);
  if (!hits) {
    // Only terms the entries hold: a long Chinese message has dozens of bigrams, most in no entry.
    const query = [...new Set(indexTerms(q, lang))].filter((t) => idx.vocab.has(t)).join(' ');
    hits = idx.search.search(query, { boost: { q: 2 }, combineWith: 'OR', tokenize: (t) => t.split(' '), processTerm: (t) => t }).slice(0, 3);
    idx.searched.set(q, hits);
  }
  return hits;
}

/**
 * @param only entries to consider (those about one product); else the best three found.
 * @param askedAbout the product the question names: an entry about one other product (the socks'
 *   size chart) is no answer for it ("what size is the blanket").
 */
export function fromKb(q: string, lang: Lang, idx: LangIndex, productSpans: readonly string[], only?: ReadonlySet<string>, askedAbout?: string): PresalesAnswer {
  // The few entries about one product are all checked as they are: no search needed.
  const hits = only ? [...only].map((id) => ({ id })) : search(q, lang, idx);
  const words = contentWords(strip(q, productSpans), lang, idx.zh);
  for (const hit of hits) {
    const subjects = idx.subjects.get(String(hit.id));
    if (askedAbout && subjects?.size === 1 && !subjects.has(askedAbout)) continue;
    const hay = idx.haystack.get(String(hit.id));
    const entry = idx.entries.get(String(hit.id));
    if (!hay || !entry) continue;
    const missing = words.filter((w) => !explained(w, hay.text, hay.terms, lang));
    // The entry's own questions must share a real word with the buyer's (not one Chinese character).
    // (Of the few entries about one product, the product is the shared subject: one character will do.)
    const inQuestions = words.filter((w) => explained(w, hay.questions, hay.questionTerms, lang));
    // (Two single characters of its questions will do too: 扣…钱 of "什么时候扣钱".)
    // (Of the entries about the product named, a shop topic asked (选哪个码) is the shared subject too.)
    const aboutAsked = only !== undefined && !STOCK_GENERIC[lang].test(q);
    const asked = inQuestions.some((w) => lang === 'en' || aboutAsked || [...w].length >= 2) || inQuestions.length >= 2 || (aboutAsked && SHOP_TOPICS[lang].test(q));
    // An entry that states no value of a kind asked ("how long" with no time in it) is not the answer; a later one may be.
    if (missing.length === 0 && asked && words.length > 0 && unaddressed(q, lang, [{ key: 'presales:kb', values: { answer: entry.answer } }]).length === 0) return { answered: true, replies: [{ key: 'presales:kb', values: { answer: entry.answer } }], source: `kb:${entry.id}` };
  }
  return abstain(hits.length > 0 ? `kb-uncovered:${String(hits[0]?.id)}` : 'kb-nothing');
}
