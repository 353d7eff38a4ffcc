import { describe, expect, it } from 'vitest';
import { loadIndependent, loadTrainingCorpus, type IndependentSet } from '../../src/nlu/index.js';
import { overlapKey } from '../../src/nlu/text-features.js';
import { INTENTS } from '../../src/nlu/types.js';
import { LANGS, type Lang } from '../../src/domain/lang.js';

/**
 * The independent set was written without seeing the corpus; some stock phrases ("hi", "谢谢",
 * "转人工", ...) turned out to be in the training corpus already. These counts are the coincidences
 * with the corpus as it was when the set was committed (neither has changed since), counted by
 * `overlapKey` (case, punctuation and spaces ignored; 48 and 52 when only whitespace was ignored):
 * the test fails if more independent sentences reach the corpus. The benchmark also scores the set
 * without them.
 */
const COINCIDENCES_WHEN_WRITTEN: Record<IndependentSet, Record<Lang, number>> = {
  independent: { en: 56, zh: 55 },
  // Written 2026-12-01 from a brief only (see docs/nlu.md), counted against the corpus of that day.
  independent2: { en: 37, zh: 35 },
  // Written 2026-12-01 (20 per intent) after independent2 had become a dev set; counted against the
  // corpus it was first scored with.
  independent3: { en: 38, zh: 35 },
  // Written blind during NLU round 2 (2026-12-01), counted against the corpus it was first scored with.
  independent4: { en: 48, zh: 51 },
  // Written blind during NLU round 3 (2026-12-01), counted against the corpus it was first scored with.
  independent5: { en: 35, zh: 40 },
};
const SETS: IndependentSet[] = ['independent', 'independent2', 'independent3', 'independent4', 'independent5'];

describe.each(SETS)('independent test set %s', (set) => {
  it.each(LANGS)('no further %s sentence appears in the training corpus', (lang: Lang) => {
    const training = new Set(loadTrainingCorpus(lang).map((u) => overlapKey(u.text)));
    const shared = loadIndependent(lang, undefined, set).filter((u) => training.has(overlapKey(u.text))).map((u) => u.text);
    expect(shared.length, shared.join(' | ')).toBeLessThanOrEqual(COINCIDENCES_WHEN_WRITTEN[set][lang]);
  });

  it.each(LANGS)('%s has at least 15 sentences per intent', (lang: Lang) => {
    const items = loadIndependent(lang, undefined, set);
    for (const intent of INTENTS) expect(items.filter((u) => u.intent === intent).length, intent).toBeGreaterThanOrEqual(set === 'independent' && intent === 'none' ? 30 : 15);
  });
});
