import { describe, expect, it } from 'vitest';
import { createNlu, loadTrainingCorpus, MIN_TRAINING_FIT } from '../../src/nlu/index.js';
import { IntentClassifier } from '../../src/nlu/intent-classifier.js';
import { LANGS } from '../../src/domain/lang.js';
import type { Intent } from '../../src/nlu/types.js';

describe('the trained model is checked against its own corpus at start-up', () => {
  it.each(LANGS)('the shipped %s corpus fits well above the floor', (lang) => {
    const corpus = loadTrainingCorpus(lang);
    const classifier = new IntentClassifier(lang);
    classifier.train(corpus);
    expect(classifier.fit(corpus)).toBeGreaterThan(0.95);
    expect(MIN_TRAINING_FIT).toBeLessThan(0.95);
  });

  it.each(LANGS)('a %s corpus that files its sentences under two intents is refused with a message naming the language', async (lang) => {
    // Every sentence twice, once as cancel_order and once as track_order: no model can fit more than half.
    const base = loadTrainingCorpus(lang).filter((u) => u.intent === 'cancel_order' || u.intent === 'track_order');
    const contradictory = base.flatMap((u) => [u, { text: u.text, intent: (u.intent === 'cancel_order' ? 'track_order' : 'cancel_order') as Intent }]);
    const other = lang === 'en' ? 'zh' : 'en';
    await expect(createNlu({ corpus: { [lang]: contradictory, [other]: loadTrainingCorpus(other) } })).rejects.toThrow(new RegExp(`NLU \\(${lang}\\).*train\\.${lang}\\.json`));
  });
});
