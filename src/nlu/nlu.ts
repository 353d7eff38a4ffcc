/**
 * The bot's NLU: intent (NLP.js neural classifier per language), entities, and the FAQ answer for
 * questions. Trained at start-up from data/ (well under the 2 s ready budget), so a seller's edit to
 * the corpus or the FAQ takes effect on restart without a build step.
 */
import { loadCatalogProducts, loadFaqEntries, loadGeneralOutOfScope, loadOrdinaryWords, loadPinyinTable, loadTrainingCorpus, DEFAULT_DATA_DIR } from './corpus.js';
import { SpellingCorrector } from './spelling.js';
import { ScopeGate, trainScopeGate } from './scope-gate.js';
import { HomophoneCorrector } from './homophones.js';
import { extractEntities } from './entities.js';
import { withoutVerifyingPostcode } from './verification-facts.js';
import { decide, DEFAULT_THRESHOLDS, type NluThresholds } from './decision.js';
import { FaqRetriever, type FaqEntry } from './faq-retriever.js';
import { IntentClassifier, type Classification, type TrainingUtterance } from './intent-classifier.js';
import { conceptFeatures, lexiconWords } from './concepts.js';
import { normaliseText } from './text-features.js';
import { isMixedScript, otherScriptWeighs, preferReading, type Reading } from './mixed-script.js';
import { catalogWordsOf, GoodsReader } from './goods.js';
import { expandPinyinAbbreviations } from './pinyin-abbreviations.js';
import { applyRules, FILLER_OPENING, isRequest, PERSON_SURE, SOCIAL, TALK_TO_PERSON, withoutGreeting } from './reading-rules.js';
import { negatedAction } from './negation.js';
import { trainChecked } from './training.js';
import type { Lang } from '../domain/lang.js';
import type { Entity, Nlu, NluResult } from './types.js';

export { DEFAULT_THRESHOLDS, type NluThresholds } from './decision.js';
export { isMixedScript, preferReading, type Reading } from './mixed-script.js';
export { MIN_TRAINING_FIT } from './training.js';

export interface NluOptions {
  /** Clock for relative dates; injectable so tests and replays are deterministic. */
  now?: () => Date;
  /** IANA time zone for "yesterday" etc.; defaults to UTC. */
  timeZone?: string;
  /** Folder holding nlu/ and faq/ (defaults to the repository's data/). */
  dataDir?: string;
  /** Override the training corpus (tests); otherwise read from dataDir. */
  corpus?: Partial<Record<Lang, TrainingUtterance[]>>;
  /** Override the FAQ entries (tests); otherwise read from dataDir. */
  faqEntries?: FaqEntry[];
  thresholds?: Partial<NluThresholds>;
  /**
   * The seller's products as they are now (the pre-sales service's, which reloads on change): which goods are
   * the shop's (goods.ts). Default: the catalog files under `dataDir`, read once.
   */
  catalog?: () => readonly unknown[];
}

export class NluEngine implements Nlu {
  constructor(
    private readonly classifiers: Record<Lang, IntentClassifier>,
    readonly faq: FaqRetriever,
    private readonly now: () => Date,
    private readonly timeZone: string,
    private readonly thresholds: NluThresholds,
    /** English typos corrected before features are made (spelling.ts); absent: text read as typed. */
    private readonly spelling?: SpellingCorrector,
    /** Chinese input-method slips (homophones.ts). */
    private readonly homophones?: HomophoneCorrector,
    /** In-scope / out-of-scope decision per language (scope-gate.ts); absent: no veto. */
    private readonly gates?: Record<Lang, ScopeGate>,
    /** The seller's products now (goods.ts reads their words); none: every good may be the shop's. */
    private readonly catalog: () => readonly unknown[] = () => [],
  ) {}

  private goodsOf?: { products: readonly unknown[]; reader: GoodsReader };
  /** What the seller sells, rebuilt when the catalog is reloaded. */
  private goods(): GoodsReader {
    const products = this.catalog();
    if (this.goodsOf?.products !== products) this.goodsOf = { products, reader: new GoodsReader(catalogWordsOf(products)) };
    return this.goodsOf.reader;
  }

  /** Raw classifier output, for the benchmark and for debugging thresholds. */
  classify(text: string, lang: Lang): Classification {
    return this.classifiers[lang].classify(text);
  }

  /** The text as the model reads it: English typos corrected. */
  private spelt(text: string, lang: Lang): string {
    if (lang === 'zh') {
      const expanded = expandPinyinAbbreviations(text);
      return this.homophones ? this.homophones.correct(expanded) : expanded;
    }
    return this.spelling ? this.spelling.correct(text) : text;
  }

  /** One model's reading; `thresholds` defaults to the engine's (the calibration passes others). */
  read(text: string, lang: Lang, thresholds: NluThresholds = this.thresholds): Reading {
    const spelt = this.spelt(text, lang);
    const c = this.classify(spelt, lang);
    const faqMatch = this.faq.best(spelt, lang);
    return { lang, c, faqMatch, d: decide(c, faqMatch, thresholds) };
  }

  /**
   * The model of the message's language decides; a message mixing Han characters and Latin words is
   * also read by the other language's model, and the reading that claims more wins ("人工 please" in an
   * English conversation is a request for an agent). Only the intent changes: `lang` (the reply
   * language) stays as given.
   */
  understandSync(text: string, lang: Lang): NluResult {
    const entities = extractEntities(text, lang, this.now(), { timeZone: this.timeZone });
    const result = this.intentOf(text, lang, entities);
    // "where's my mat?? order …, postcode M3 2ER": a postcode given to verify never makes the message an address change.
    const verifying = result.intent === 'change_address' ? withoutVerifyingPostcode(text) : undefined;
    const read = verifying === undefined ? result : { ...this.intentOf(verifying, lang, entities), text };
    // "could I talk to an actual person about a bulk order?": the classifier's own guess, made sure by the words; a
    // hello or goodbye read into "客服在吗 要人工" / "I'd rather speak with a member of your team" gives way to them.
    const personAsked = ((read.intent === 'human_agent' && read.score < PERSON_SURE) || SOCIAL.includes(read.intent)) && TALK_TO_PERSON.test(normaliseText(text).toLowerCase());
    return personAsked && negatedAction(text, lang) === undefined ? { ...read, intent: 'human_agent', score: PERSON_SURE } : read;
  }

  private intentOf(text: string, lang: Lang, entities: Entity[]): NluResult {
    const base: NluResult = { text, lang, intent: 'none', score: 0, entities };
    if (text.trim() === '') return base;
    const { c, faqMatch, d } = this.readRequest(text, lang);
    const spelt = this.spelt(text, lang);
    const goods = this.goods();
    const { intent, score } = applyRules(d, { c, text, spelt, lang, entities, goods, gate: this.gates?.[lang], thresholds: this.thresholds });
    const top = c.ranked[0];
    const second = c.ranked[1];
    const { alternativeRatio } = this.thresholds;
    const result: NluResult = { ...base, intent, score: Math.round(score * 1000) / 1000 };
    if (intent === 'faq' && faqMatch) result.faq = faqMatch;
    // Nothing understood with a shop question close behind is no choice to offer: the pre-sales layer answers or says it cannot.
    const noChoice = intent === 'none' && second?.intent === 'faq';
    if (intent === top?.intent && second && second.intent !== 'none' && !noChoice && second.score >= top.score * alternativeRatio) {
      result.alternative = { intent: second.intent, score: Math.round(second.score * 1000) / 1000 };
    }
    return result;
  }

  /**
   * The reading of the whole message, or of what follows an opening greeting when that reads as a
   * request: "A message that greets and then asks for something gets the label of the request".
   */
  private readRequest(text: string, lang: Lang): Reading {
    const whole = this.readBoth(text, lang);
    const rest = withoutGreeting(text);
    if (rest === undefined) return whole.d.intent === 'none' ? this.afterFiller(text, lang, whole) : whole;
    const request = this.readBoth(rest, lang);
    return isRequest(request.d.intent, rest, lang) ? request : whole;
  }

  /**
   * A message read as nothing after an opening filler (嗯嗯, 好的, ok, um): the rest alone, when that reads as something
   * ("嗯嗯 拜拜啦", "ok cheerio then"). Only a `none` reading is re-read, so a filler never changes a reading.
   */
  private afterFiller(text: string, lang: Lang, whole: Reading): Reading {
    const m = FILLER_OPENING.exec(text);
    const rest = m ? text.slice(m[0].length).trim() : '';
    if (!/\p{L}/u.test(rest)) return whole;
    const reading = this.readBoth(rest, lang);
    return reading.d.intent === 'none' ? whole : reading;
  }

  private readBoth(text: string, lang: Lang): Reading {
    return preferReading(this.read(text, lang), isMixedScript(text) && otherScriptWeighs(text, lang) ? this.read(text, lang === 'en' ? 'zh' : 'en') : undefined);
  }

  understand(text: string, lang: Lang): Promise<NluResult> {
    return Promise.resolve(this.understandSync(text, lang));
  }
}

/** Trains both languages and loads the FAQ; resolves when the engine can answer. */
export async function createNlu(options: NluOptions = {}): Promise<NluEngine> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const classifiers: Record<Lang, IntentClassifier> = { en: new IntentClassifier('en'), zh: new IntentClassifier('zh') };
  // Each corpus is read and validated once (it feeds the classifier, the scope gate and the spelling layers).
  const corpus: Record<Lang, readonly TrainingUtterance[]> = {
    en: options.corpus?.en ?? loadTrainingCorpus('en', dataDir),
    zh: options.corpus?.zh ?? loadTrainingCorpus('zh', dataDir),
  };
  for (const lang of ['en', 'zh'] as const) {
    trainChecked(classifiers[lang], lang, corpus[lang]);
    // Let other start-up work interleave between the two trainings.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const faqEntries = options.faqEntries ?? loadFaqEntries(dataDir);
  const gates = {
    en: trainScopeGate('en', corpus.en, faqEntries.flatMap((e) => e.questions.en), loadGeneralOutOfScope('en', dataDir)),
    zh: trainScopeGate('zh', corpus.zh, faqEntries.flatMap((e) => e.questions.zh), loadGeneralOutOfScope('zh', dataDir)),
  };
  const faq = new FaqRetriever(faqEntries);
  const enCorpus = [...corpus.en.map((u) => u.text), ...faqEntries.flatMap((e) => e.questions.en)];
  const lexicon = lexiconWords('en');
  const spelling = new SpellingCorrector([...enCorpus, ...lexicon], new Set([...loadOrdinaryWords(dataDir), ...lexicon]), (w, fix) => {
    const kept = conceptFeatures(fix, 'en');
    return conceptFeatures(w, 'en').some((k) => !kept.includes(k));
  });
  return new NluEngine(
    classifiers,
    faq,
    options.now ?? (() => new Date()),
    options.timeZone ?? 'UTC',
    { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    spelling,
    new HomophoneCorrector([...corpus.zh.map((u) => u.text), ...faqEntries.flatMap((e) => e.questions.zh), ...lexiconWords('zh')], loadPinyinTable(dataDir), lexiconWords('zh')),
    gates,
    options.catalog ?? constant(loadCatalogProducts(dataDir)),
  );
}

const constant =
  <T,>(value: T) =>
  (): T =>
    value;
