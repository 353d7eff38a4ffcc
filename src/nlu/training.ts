/**
 * Training a language's intent model at start-up, checked against its own corpus so a broken corpus is refused with
 * a message instead of misrouting every buyer.
 */
import type { IntentClassifier, TrainingUtterance } from './intent-classifier.js';
import type { Lang } from '../domain/lang.js';

/**
 * Below this share of its own training sentences recognised, a trained model is broken, not merely
 * imperfect (a healthy corpus fits ~97–99 %).
 */
export const MIN_TRAINING_FIT = 0.85;

/** The corpus one intent at a time in turn (a, b, c, a, b, c …), each intent's sentences in file order. */
function interleaved(utterances: readonly TrainingUtterance[]): TrainingUtterance[] {
  const byIntent = new Map<string, TrainingUtterance[]>();
  for (const u of utterances) {
    const queue = byIntent.get(u.intent);
    if (queue) queue.push(u);
    else byIntent.set(u.intent, [u]);
  }
  const queues = [...byIntent.values()];
  const out: TrainingUtterance[] = [];
  for (let i = 0; out.length < utterances.length; i++) {
    for (const q of queues) {
      const u = q[i];
      if (u) out.push(u);
    }
  }
  return out;
}

/**
 * Trains and checks the model against its own corpus. The perceptrons learn online, so a corpus can
 * (rarely) train into a collapsed model that says one intent for everything, depending only on the
 * order of its sentences: that would silently misroute every buyer after a seller's edit. Then the
 * same sentences are trained again in interleaved order; a model that still does not fit is refused
 * at start-up with a message naming the language, instead of answering wrongly.
 */
export function trainChecked(classifier: IntentClassifier, lang: Lang, corpus: readonly TrainingUtterance[]): void {
  // Checked on ~150 evenly spread sentences: a collapsed model fits ~10–30 %, a healthy one 97–99 %, so a small
  // sample tells them apart (~40 ms a language at start-up instead of ~110).
  const step = Math.max(1, Math.floor(corpus.length / 150));
  const sample = corpus.filter((_, i) => i % step === 0);
  classifier.train(corpus);
  const first = classifier.fit(sample);
  if (first >= MIN_TRAINING_FIT) return;
  classifier.train(interleaved(corpus));
  const second = classifier.fit(sample);
  if (second >= MIN_TRAINING_FIT) return;
  throw new Error(
    `NLU (${lang}): the intent classifier recognises only ${Math.round(second * 100)} % of its own training sentences (${Math.round(first * 100)} % before retraining); check data/nlu/train.${lang}.json for sentences filed under two intents`,
  );
}
