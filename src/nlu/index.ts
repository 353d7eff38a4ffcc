/** Public surface of the NLU module. */
export { createNlu, NluEngine, DEFAULT_THRESHOLDS, MIN_TRAINING_FIT, isMixedScript, preferReading, type NluOptions, type Reading, type NluThresholds } from './nlu.js';
export { decide, type Decision } from './decision.js';
export { extractEntities, type ExtractOptions } from './entities.js';
export { FaqRetriever, retrievalTokens, type FaqEntry, type FaqMatch } from './faq-retriever.js';
export { IntentClassifier, type Classification, type IntentScore, type TrainingUtterance } from './intent-classifier.js';
export { loadFaqEntries, loadHeldOut, loadIndependent, loadInScopeCheck, loadNoisy, loadOutOfScope, loadTrainingCorpus, DEFAULT_DATA_DIR, type IndependentSet, type LabelledUtterance, type NoisySet, type OutOfScopeSet } from './corpus.js';
export { parseChineseNumber } from './chinese-numerals.js';
export { extractDates } from './dates.js';
export { detectReturnReason } from './return-reasons.js';
