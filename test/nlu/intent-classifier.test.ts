import { describe, expect, it } from 'vitest';
import { IntentClassifier, withinOneEdit, type TrainingUtterance } from '../../src/nlu/intent-classifier.js';
import { segmentChinese } from '../../src/nlu/text-features.js';

const CORPUS: TrainingUtterance[] = [
  { text: 'I want a refund', intent: 'return_item' },
  { text: 'refund please', intent: 'return_item' },
  { text: 'give me a refund for the shoes', intent: 'return_item' },
  { text: 'cancel my purchase', intent: 'cancel_order' },
  { text: 'please cancel it', intent: 'cancel_order' },
  { text: 'cancel the shoes', intent: 'cancel_order' },
  { text: 'hi', intent: 'greeting' },
  { text: 'hello there', intent: 'greeting' },
  { text: 'thank you', intent: 'thanks' },
  { text: 'thanks', intent: 'thanks' },
];

describe('IntentClassifier', () => {
  const classifier = new IntentClassifier('en');
  classifier.train(CORPUS);

  it.each([
    ['refnud', 'return_item'], // one edit from a known 4+ letter word
    ['rfund please', 'return_item'],
    ['thankyou', 'thanks'], // two known words run together
    ['hiii', 'greeting'], // repeated letters squeezed
  ] as const)('reads the typo %s as %s', (text, intent) => {
    expect(classifier.classify(text).ranked[0]?.intent).toBe(intent);
  });

  it('votes with the nearest training utterances', () => {
    expect(classifier.classify('a refund for the shoes').neighbour?.intent).toBe('return_item');
    expect(classifier.classify('cancel the purchase').neighbour?.intent).toBe('cancel_order');
    expect(classifier.classify('zxqv').neighbour).toBeUndefined();
  });

  it('gives the same answer when asked twice', () => {
    const first = classifier.classify('please give me a refund');
    classifier.classify('cancel it');
    expect(classifier.classify('please give me a refund')).toEqual(first);
  });

  it('counts one insertion, deletion, substitution or adjacent swap as one edit', () => {
    expect(withinOneEdit('refund', 'refnud')).toBe(true);
    expect(withinOneEdit('refund', 'ferund')).toBe(false);
    expect(withinOneEdit('refund', 'refudn')).toBe(true);
    expect(withinOneEdit('refund', 'rfund')).toBe(true);
    expect(withinOneEdit('refund', 'refunds')).toBe(true);
    expect(withinOneEdit('refund', 'rexund')).toBe(true);
    expect(withinOneEdit('refund', 'rexunx')).toBe(false);
  });
});

describe('segmentChinese', () => {
  it('returns a fresh array each time, so a caller changing it does not change the next answer', () => {
    const first = segmentChinese('我要退货');
    first.push('改了');
    expect(segmentChinese('我要退货')).not.toContain('改了');
    expect(segmentChinese('我要退货')).toEqual(first.slice(0, -1));
  });
});
