/**
 * Per-language intent classifier: the NLP.js neural network (one perceptron per intent, as in
 * NluNeural) over our own features. Scores are normalised the way NLP.js does (squares over their
 * sum) and the raw strength of the winner is kept, so weak matches can fall back to `none`.
 */
import { NeuralNetwork, type NeuralNetworkJson, type NeuralNetworkSettings, type TrainingSample } from '@nlpjs/neural';
import { featurise } from './text-features.js';
import { INTENTS, type Intent, type Lang } from './types.js';

export interface IntentScore {
  intent: Intent;
  score: number;
}

export interface Classification {
  /** Best first; scores sum to 1 (or all 0 when nothing fired). */
  ranked: IntentScore[];
  /** Raw output of the winning perceptron (about 1 for a sentence like the training data). */
  strength: number;
  /** Share of the message's features the model has seen in training. */
  coverage: number;
}

/** One utterance of the training corpus. */
export interface TrainingUtterance {
  text: string;
  intent: Intent;
}

export const DEFAULT_NETWORK_SETTINGS: NeuralNetworkSettings = { iterations: 300, errorThresh: 0.0005 };

const INTENT_SET: ReadonlySet<string> = new Set(INTENTS);

function isIntent(name: string): name is Intent {
  return INTENT_SET.has(name);
}

export class IntentClassifier {
  private readonly net: NeuralNetwork;
  private known = new Set<string>();

  /**
   * Training stops early (a few hundred epochs instead of NLP.js's 20 000): the weights generalise
   * better to unseen wording and start-up stays well under the ready budget.
   */
  constructor(
    private readonly lang: Lang,
    settings: NeuralNetworkSettings = DEFAULT_NETWORK_SETTINGS,
  ) {
    this.net = new NeuralNetwork({ ...settings, log: false });
  }

  /** Trains from scratch; returns the number of training iterations used. */
  train(utterances: readonly TrainingUtterance[]): number {
    const corpus: TrainingSample[] = utterances.map((u) => ({ input: featurise(u.text, this.lang), output: { [u.intent]: 1 } }));
    this.known = new Set(corpus.flatMap((s) => Object.keys(s.input)));
    return this.net.train(corpus).iterations;
  }

  toJSON(): NeuralNetworkJson {
    return this.net.toJSON();
  }

  fromJSON(json: NeuralNetworkJson): void {
    this.net.fromJSON(json);
    this.known = new Set(json.features ?? []);
  }

  classify(text: string): Classification {
    const input = featurise(text, this.lang);
    const keys = Object.keys(input);
    const coverage = keys.length === 0 ? 0 : keys.filter((k) => this.known.has(k)).length / keys.length;
    const raw = this.net.run(input) ?? {};
    let total = 0;
    let strength = 0;
    const ranked: IntentScore[] = [];
    for (const [name, value] of Object.entries(raw)) {
      if (!isIntent(name)) continue;
      total += value * value;
      strength = Math.max(strength, value);
      ranked.push({ intent: name, score: value });
    }
    for (const r of ranked) r.score = total > 0 ? (r.score * r.score) / total : 0;
    ranked.sort((a, b) => b.score - a.score);
    return { ranked, strength, coverage };
  }
}
