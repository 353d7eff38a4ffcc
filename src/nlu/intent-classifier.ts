/**
 * Per-language intent classifier: the NLP.js neural network (one perceptron per intent, as in
 * NluNeural) over our own features. Scores are normalised the way NLP.js does (squares over their
 * sum) and the raw strength of the winner is kept, so weak matches can fall back to `none`.
 */
import { NeuralNetwork, type NeuralNetworkJson, type NeuralNetworkSettings, type TrainingSample } from '@nlpjs/neural';
import { featurise } from './text-features.js';
import { INTENTS, type Intent } from './types.js';
import type { Lang } from '../domain/lang.js';

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
  /** Nearest-neighbour vote over the training utterances (TF-IDF cosine, 3 nearest). */
  neighbour?: IntentScore;
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

/** True when `a` becomes `b` with at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i += 1;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The training utterances holding one feature, with the feature's weight in each (TF-IDF, unit length). */
interface Postings {
  ids: Int32Array;
  weights: Float64Array;
}

export class IntentClassifier {
  private readonly net: NeuralNetwork;
  private known = new Set<string>();
  /** Known words of 4+ letters by length, in corpus order: one edit only reaches lengths n-1..n+1. */
  private knownWordsByLength = new Map<number, Array<readonly [number, string]>>();
  /** feature → training utterances holding it; for the nearest-neighbour back-off. */
  private index = new Map<string, Postings>();
  private idf = new Map<string, number>();
  private sampleIntents: Intent[] = [];
  /** Scratch space for `nearest`, reused across calls (one slot per training utterance). */
  private sims = new Float64Array(0);
  private touchedAt = new Uint32Array(0);
  private touched = new Uint32Array(0);
  private generation = 0;
  /** The three nearest samples of the current query, best first (reused: no allocation per message). */
  private readonly topIds = new Uint32Array(3);
  private readonly topSims = new Float64Array(3);

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
    this.setKnown(corpus.flatMap((s) => Object.keys(s.input)));
    this.buildIndex(corpus.map((s) => Object.keys(s.input)), utterances.map((u) => u.intent));
    return this.net.train(corpus).iterations;
  }

  /** Share of `utterances` whose top-ranked intent is their own label (how well the model fits its corpus). */
  fit(utterances: readonly TrainingUtterance[]): number {
    if (utterances.length === 0) return 1;
    let right = 0;
    for (const u of utterances) if (this.classify(u.text).ranked[0]?.intent === u.intent) right++;
    return right / utterances.length;
  }

  toJSON(): NeuralNetworkJson {
    return this.net.toJSON();
  }

  fromJSON(json: NeuralNetworkJson): void {
    this.net.fromJSON(json);
    this.setKnown(json.features ?? []);
  }

  /**
   * The perceptrons give nothing for a sentence unlike any single training example; the closest
   * training utterances still carry a useful vote then (the caller decides how far to trust it).
   */
  private buildIndex(samples: string[][], intents: Intent[]): void {
    const df = new Map<string, number>();
    for (const keys of samples) for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
    this.idf = new Map([...df].map(([k, f]) => [k, Math.log((samples.length + 1) / f)]));
    this.sampleIntents = intents;
    const lists = new Map<string, { ids: number[]; weights: number[] }>();
    samples.forEach((keys, i) => {
      const norm = Math.sqrt(keys.reduce((sum, k) => sum + (this.idf.get(k) ?? 0) ** 2, 0)) || 1;
      for (const k of keys) {
        let list = lists.get(k);
        if (!list) lists.set(k, (list = { ids: [], weights: [] }));
        list.ids.push(i);
        list.weights.push((this.idf.get(k) ?? 0) / norm);
      }
    });
    this.index = new Map([...lists].map(([k, l]) => [k, { ids: Int32Array.from(l.ids), weights: Float64Array.from(l.weights) }]));
    this.sims = new Float64Array(samples.length);
    this.touchedAt = new Uint32Array(samples.length);
    this.touched = new Uint32Array(samples.length);
    this.generation = 0;
  }

  private nearest(keys: readonly string[]): IntentScore | undefined {
    const q = keys.filter((k) => this.idf.has(k));
    const qNorm = Math.sqrt(q.reduce((sum, k) => sum + (this.idf.get(k) ?? 0) ** 2, 0));
    if (qNorm === 0) return undefined;
    // Similarities accumulate in a reused typed array; `touched` keeps first-seen order (ties as before).
    const { sims, touchedAt, touched, topIds, topSims } = this;
    this.generation = this.generation === 0xffffffff ? 1 : this.generation + 1;
    if (this.generation === 1) touchedAt.fill(0);
    const gen = this.generation;
    let touchedCount = 0;
    for (const k of q) {
      const w = (this.idf.get(k) ?? 0) / qNorm;
      const postings = this.index.get(k);
      if (!postings) continue;
      const { ids, weights } = postings;
      for (let j = 0; j < ids.length; j += 1) {
        const i = ids[j]!;
        if (touchedAt[i] !== gen) {
          touchedAt[i] = gen;
          sims[i] = 0;
          touched[touchedCount++] = i;
        }
        sims[i] = sims[i]! + w * weights[j]!;
      }
    }
    // Three best by a linear pass in first-seen order (sorting every candidate costs more than the
    // rest of the turn): a sample enters behind those at least as similar, so ties keep their order.
    let n = 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const i = touched[t]!;
      const sim = sims[i]!;
      if (n === 3 && sim <= topSims[2]!) continue;
      let p = n < 3 ? n++ : 2;
      while (p > 0 && topSims[p - 1]! < sim) {
        topSims[p] = topSims[p - 1]!;
        topIds[p] = topIds[p - 1]!;
        p -= 1;
      }
      topSims[p] = sim;
      topIds[p] = i;
    }
    // Votes per intent; the first intent to reach the highest total wins a tie.
    let best: Intent | undefined;
    let bestVotes = -Infinity;
    const votes = new Map<Intent, number>();
    for (let t = 0; t < n; t += 1) {
      const intent = this.sampleIntents[topIds[t]!];
      if (intent) votes.set(intent, (votes.get(intent) ?? 0) + topSims[t]!);
    }
    for (const [intent, total] of votes) {
      if (total > bestVotes) {
        best = intent;
        bestVotes = total;
      }
    }
    return best ? { intent: best, score: bestVotes / n } : undefined;
  }

  private setKnown(features: Iterable<string>): void {
    this.known = new Set(features);
    this.knownWordsByLength = new Map();
    let order = 0;
    for (const f of this.known) {
      if (!f.startsWith('w:') || f.length < 6) continue;
      const word = f.slice(2);
      const bucket = this.knownWordsByLength.get(word.length) ?? [];
      bucket.push([order, word]);
      order += 1;
      this.knownWordsByLength.set(word.length, bucket);
    }
  }

  /** The first known word (corpus order) of 4+ letters within one edit of `word`. */
  private nearKnownWord(word: string): string | undefined {
    let best: readonly [number, string] | undefined;
    for (const len of [word.length - 1, word.length, word.length + 1]) {
      const hit = this.knownWordsByLength.get(len)?.find(([, k]) => withinOneEdit(word, k));
      if (hit && (!best || hit[0] < best[0])) best = hit;
    }
    return best?.[1];
  }

  /**
   * Buyer typos ("hiii", "byee", "thankyou", "refnud"): an unknown Latin word is mapped to a known
   * one by squeezing repeated letters, splitting it in two known words, or one edit (words of 4+
   * letters only, so short words are never "corrected" into something else).
   */
  private correctSpelling(input: Record<string, number>): void {
    for (const key of Object.keys(input)) {
      if (!key.startsWith('w:') || this.known.has(key)) continue;
      const word = key.slice(2);
      if (!/^[a-z]+$/.test(word)) continue;
      const squeezed = [word.replace(/(.)\1+/g, '$1$1'), word.replace(/(.)\1+/g, '$1')];
      const hit = squeezed.find((w) => this.known.has(`w:${w}`));
      if (hit) {
        input[`w:${hit}`] = 1;
        continue;
      }
      let split = false;
      for (let i = 2; i <= word.length - 2 && !split; i += 1) {
        const a = word.slice(0, i);
        const b = word.slice(i);
        if (this.known.has(`w:${a}`) && this.known.has(`w:${b}`)) {
          input[`w:${a}`] = 1;
          input[`w:${b}`] = 1;
          split = true;
        }
      }
      if (split || word.length < 4) continue;
      const near = this.nearKnownWord(word);
      if (near) input[`w:${near}`] = 1;
    }
  }

  classify(text: string): Classification {
    const input = featurise(text, this.lang);
    this.correctSpelling(input);
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
    const neighbour = this.nearest(keys);
    return neighbour ? { ranked, strength, coverage, neighbour } : { ranked, strength, coverage };
  }
}
