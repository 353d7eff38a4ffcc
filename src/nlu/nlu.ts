/**
 * The bot's NLU: intent (NLP.js neural classifier per language), entities, and the FAQ answer for
 * questions. Trained at start-up from data/ (well under the 2 s ready budget), so a seller's edit to
 * the corpus or the FAQ takes effect on restart without a build step.
 */
import { loadFaqEntries, loadTrainingCorpus, DEFAULT_DATA_DIR } from './corpus.js';
import { extractEntities } from './entities.js';
import { FaqRetriever, type FaqEntry } from './faq-retriever.js';
import { IntentClassifier, type Classification, type TrainingUtterance } from './intent-classifier.js';
import type { Intent, Lang, Nlu, NluResult } from './types.js';

export interface NluThresholds {
  /** Below this normalised score the message is `none`. */
  minScore: number;
  /** Below this raw perceptron output the message is too unlike the corpus: `none`. */
  minStrength: number;
  /** When the runner-up is within this share of the winner, report it as `alternative`. */
  alternativeRatio: number;
  /** A `none` message whose FAQ match is at least this good is answered as `faq`. */
  faqRescue: number;
  /** When the perceptrons are silent, trust the nearest training utterances from this similarity. */
  neighbourFloor: number;
}

export const DEFAULT_THRESHOLDS: NluThresholds = {
  minScore: 0.45,
  minStrength: 0.35,
  alternativeRatio: 0.6,
  faqRescue: 0.55,
  neighbourFloor: 0.3,
};

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
}

export class NluEngine implements Nlu {
  constructor(
    private readonly classifiers: Record<Lang, IntentClassifier>,
    readonly faq: FaqRetriever,
    private readonly now: () => Date,
    private readonly timeZone: string,
    private readonly thresholds: NluThresholds,
  ) {}

  /** Raw classifier output, for the benchmark and for debugging thresholds. */
  classify(text: string, lang: Lang): Classification {
    return this.classifiers[lang].classify(text);
  }

  /** Synchronous core of `understand` (the classifier does no I/O). */
  understandSync(text: string, lang: Lang): NluResult {
    const entities = extractEntities(text, lang, this.now(), { timeZone: this.timeZone });
    const base: NluResult = { text, lang, intent: 'none', score: 0, entities };
    if (text.trim() === '') return base;
    const c = this.classify(text, lang);
    const top = c.ranked[0];
    const second = c.ranked[1];
    const faqMatch = this.faq.best(text, lang);
    const { minScore, minStrength, alternativeRatio, faqRescue, neighbourFloor } = this.thresholds;
    let intent: Intent = 'none';
    let score = top?.score ?? 0;
    if (top && top.intent !== 'none' && top.score >= minScore && c.strength >= minStrength) {
      intent = top.intent;
    } else if (c.strength < minStrength && c.neighbour && c.neighbour.intent !== 'none' && c.neighbour.score >= neighbourFloor) {
      intent = c.neighbour.intent;
      score = c.neighbour.score;
    } else if (faqMatch && faqMatch.score >= faqRescue) {
      intent = 'faq';
      score = faqMatch.score;
    } else if (top?.intent !== 'none') {
      score = 1 - score;
    }
    const result: NluResult = { ...base, intent, score: Math.round(score * 1000) / 1000 };
    if (intent === 'faq' && faqMatch) result.faq = faqMatch;
    if (intent === top?.intent && second && second.intent !== 'none' && second.score >= top.score * alternativeRatio) {
      result.alternative = { intent: second.intent, score: Math.round(second.score * 1000) / 1000 };
    }
    return result;
  }

  understand(text: string, lang: Lang): Promise<NluResult> {
    return Promise.resolve(this.understandSync(text, lang));
  }
}

/** Trains both languages and loads the FAQ; resolves when the engine can answer. */
export async function createNlu(options: NluOptions = {}): Promise<NluEngine> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const classifiers: Record<Lang, IntentClassifier> = { en: new IntentClassifier('en'), zh: new IntentClassifier('zh') };
  for (const lang of ['en', 'zh'] as const) {
    classifiers[lang].train(options.corpus?.[lang] ?? loadTrainingCorpus(lang, dataDir));
    // Let other start-up work interleave between the two trainings.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const faq = new FaqRetriever(options.faqEntries ?? loadFaqEntries(dataDir));
  return new NluEngine(
    classifiers,
    faq,
    options.now ?? (() => new Date()),
    options.timeZone ?? 'UTC',
    { ...DEFAULT_THRESHOLDS, ...options.thresholds },
  );
}
