/**
 * The decision rule: from one language model's evidence (perceptron scores, nearest-neighbour vote,
 * FAQ match) to an intent. Pure, so the thresholds can be calibrated offline (`npm run bench:nlu -- --calibrate`)
 * on exactly the code the bot runs.
 */
import type { FaqMatch } from './faq-retriever.js';
import type { Classification } from './intent-classifier.js';
import type { Intent } from './types.js';

export interface NluThresholds {
  /** Below this normalised score the message is `none`. */
  minScore: number;
  /** Below this raw perceptron output the message is too unlike the corpus: `none`. */
  minStrength: number;
  /**
   * A weaker winner (raw output from this value up to `minStrength`) is still accepted when the
   * nearest training utterances vote for the same intent: two independent views agree.
   */
  agreeStrength: number;
  /**
   * The mirror of `agreeStrength`: a winner weaker than this is overruled when the nearest training
   * utterances say `none` with at least `vetoFloor` ("心情不好", "i'm bored": the short-message bias
   * of the greeting/goodbye perceptrons against sentences that read like the corpus's chit-chat).
   */
  vetoStrength: number;
  vetoFloor: number;
  /** When the runner-up is within this share of the winner, report it as `alternative`. */
  alternativeRatio: number;
  /** A `none` message whose FAQ match is at least this good is answered as `faq`. */
  faqRescue: number;
  /** When the perceptrons are silent, trust the nearest training utterances from this similarity. */
  neighbourFloor: number;
  /** An after-sales reading the scope gate rates less likely in scope than this becomes `none` (nlu.ts). */
  scopeFloor: number;
  /** A `none` reading of a message about the shop that the scope gate rates at least this in scope is a shop question (nlu.ts). */
  keepFloor: number;
  /** The same for a message that says outright it is about this shop or a purchase from it ("your tents", 我买的). */
  keepFloorOurs: number;
}

/** Chosen by a grid search over the pooled dev sets (docs/nlu.md, "Calibration"). */
export const DEFAULT_THRESHOLDS: NluThresholds = {
  minScore: 0.45,
  minStrength: 0.25,
  agreeStrength: 0.1,
  vetoStrength: 0.5,
  vetoFloor: 0.3,
  alternativeRatio: 0.6,
  faqRescue: 0.9,
  neighbourFloor: 0.3,
  scopeFloor: 0.1,
  keepFloor: 0.6,
  keepFloorOurs: 0.25,
};

export interface Decision {
  intent: Intent;
  /** Confidence in `intent` (for `none`: how sure the message is nothing we handle). */
  score: number;
  /** Which rule decided, for the benchmark and debugging; `elsewhere`: another trade's goods (nlu.ts), never kept as a shop question. */
  rule: 'unknown' | 'veto' | 'classifier' | 'agreement' | 'neighbour' | 'faq' | 'none' | 'elsewhere';
}

export function decide(c: Classification, faqMatch: FaqMatch | undefined, t: NluThresholds): Decision {
  const top = c.ranked[0];
  // Not one feature of the message was seen in training: the perceptrons output only their
  // biases (short openings like "hi" dominate them), so nothing is known about it.
  if (c.coverage === 0) return { intent: 'none', score: 1, rule: 'unknown' };
  if (top && top.intent !== 'none' && c.strength < t.vetoStrength && c.neighbour?.intent === 'none' && c.neighbour.score >= t.vetoFloor) {
    return { intent: 'none', score: c.neighbour.score, rule: 'veto' };
  }
  if (top && top.intent !== 'none' && top.score >= t.minScore) {
    if (c.strength >= t.minStrength) return { intent: top.intent, score: top.score, rule: 'classifier' };
    // Weak evidence: its confidence is the neighbours' similarity, as for the neighbour rule below.
    if (c.strength >= t.agreeStrength && c.neighbour?.intent === top.intent) return { intent: top.intent, score: c.neighbour.score, rule: 'agreement' };
  }
  if (c.strength < t.minStrength && c.neighbour && c.neighbour.intent !== 'none' && c.neighbour.score >= t.neighbourFloor) {
    return { intent: c.neighbour.intent, score: c.neighbour.score, rule: 'neighbour' };
  }
  if (faqMatch && faqMatch.score >= t.faqRescue) return { intent: 'faq', score: faqMatch.score, rule: 'faq' };
  const score = top?.score ?? 0;
  return { intent: 'none', score: top?.intent !== 'none' ? 1 - score : score, rule: 'none' };
}
