import { beforeAll, describe, expect, it } from 'vitest';
import { decide, DEFAULT_THRESHOLDS, isMixedScript, type Classification, type NluEngine } from '../../src/nlu/index.js';
import { conceptFeatures } from '../../src/nlu/concepts.js';
import { isContentToken } from '../../src/nlu/faq-retriever.js';
import type { Intent } from '../../src/nlu/types.js';
import { nluEngineAt } from '../support/nlu.js';

/** A classification as the perceptrons would give it: `top` wins with `score`, the rest share what is left. */
function classification(top: Intent, score: number, strength: number, extra: Partial<Classification> = {}): Classification {
  const others: Intent[] = (['greeting', 'none', 'faq', 'return_item'] as const).filter((i) => i !== top);
  return {
    ranked: [{ intent: top, score }, ...others.map((intent) => ({ intent, score: (1 - score) / others.length }))],
    strength,
    coverage: 1,
    ...extra,
  };
}

describe('decide (pure decision rule)', () => {
  it('a message with no feature seen in training is none, whatever the perceptron biases say', () => {
    const d = decide(classification('greeting', 0.66, 0.45, { coverage: 0 }), undefined, DEFAULT_THRESHOLDS);
    expect(d).toMatchObject({ intent: 'none', rule: 'unknown' });
    // The same output with known features is a greeting.
    expect(decide(classification('greeting', 0.66, 0.45), undefined, DEFAULT_THRESHOLDS).intent).toBe('greeting');
  });

  it('a clear winner below minStrength is kept when the nearest training sentences vote the same way', () => {
    const weak = DEFAULT_THRESHOLDS.agreeStrength + (DEFAULT_THRESHOLDS.minStrength - DEFAULT_THRESHOLDS.agreeStrength) / 2;
    const agreeing = classification('return_item', 1, weak, { neighbour: { intent: 'return_item', score: 0.24 } });
    expect(decide(agreeing, undefined, DEFAULT_THRESHOLDS)).toMatchObject({ intent: 'return_item', rule: 'agreement' });
    const disagreeing = classification('return_item', 1, weak, { neighbour: { intent: 'none', score: 0.24 } });
    expect(decide(disagreeing, undefined, DEFAULT_THRESHOLDS).intent).toBe('none');
  });

  it('below agreeStrength even an agreeing neighbour does not rescue the winner', () => {
    const tooWeak = classification('return_item', 1, DEFAULT_THRESHOLDS.agreeStrength / 2, { neighbour: { intent: 'return_item', score: 0.24 } });
    expect(decide(tooWeak, undefined, DEFAULT_THRESHOLDS).intent).toBe('none');
  });

  it('a weak winner is overruled when the nearest training sentences say none; a strong one is not', () => {
    const veto = { neighbour: { intent: 'none' as const, score: DEFAULT_THRESHOLDS.vetoFloor } };
    expect(decide(classification('greeting', 0.6, DEFAULT_THRESHOLDS.vetoStrength - 0.05, veto), undefined, DEFAULT_THRESHOLDS)).toMatchObject({ intent: 'none', rule: 'veto' });
    expect(decide(classification('greeting', 0.6, DEFAULT_THRESHOLDS.vetoStrength + 0.05, veto), undefined, DEFAULT_THRESHOLDS).intent).toBe('greeting');
  });

  it('a none message with a good FAQ match is answered as faq', () => {
    const c = classification('none', 1, 1);
    expect(decide(c, { id: 'shipping_options', score: DEFAULT_THRESHOLDS.faqRescue }, DEFAULT_THRESHOLDS).intent).toBe('faq');
    expect(decide(c, { id: 'shipping_options', score: DEFAULT_THRESHOLDS.faqRescue - 0.01 }, DEFAULT_THRESHOLDS).intent).toBe('none');
  });
});

let nlu: NluEngine;
beforeAll(async () => {
  nlu = await nluEngineAt('2025-03-12T10:00:00Z');
});

describe('FAQ match needs a shared content word', () => {
  it('question-frame words carry no content, product words do', () => {
    for (const t of ['much', 'cost', '多少', '多少钱', '少钱', '现在', '多久']) expect(isContentToken(t), t).toBe(false);
    for (const t of ['ship', 'case', '手机壳', '运费', '价多']) expect(isContentToken(t), t).toBe(true);
  });

  it.each([
    ['how much is a kilo of rice', 'en'],
    ['how much does a used car cost these days', 'en'],
    ['一斤大米多少钱', 'zh'],
    ['二十五乘四是多少', 'zh'],
  ] as const)('%s shares only "how much" with the FAQ: no answer, and none', async (text, lang) => {
    expect(nlu.faq.best(text, lang)).toBeUndefined();
    expect((await nlu.understand(text, lang)).intent).toBe('none');
  });

  it.each([
    ['how much is shipping to France', 'en'],
    ['how much does express delivery cost', 'en'],
    ['寄到德国运费多少钱', 'zh'],
    ['运费多少钱', 'zh'],
  ] as const)('%s names what it asks about: faq with an answer', async (text, lang) => {
    const r = await nlu.understand(text, lang);
    expect(r.intent).toBe('faq');
    expect(r.faq?.id).toBeDefined();
  });
});

describe('anger at staff is a complaint, asking for a person is not', () => {
  it.each([
    ['your rep was rude and totally unhelpful', 'en'],
    ['the guy in your live chat was so rude', 'en'],
    ['那个客服说话阴阳怪气，太让人失望了', 'zh'],
    ['你们客服态度真差劲', 'zh'],
  ] as const)('%s: staff, not human; complaint', async (text, lang) => {
    const concepts = conceptFeatures(text.toLowerCase(), lang);
    expect(concepts).toContain('k:staff');
    expect(concepts).not.toContain('k:human');
    expect((await nlu.understand(text, lang)).intent).toBe('complaint');
  });

  it.each([
    ['this is outrageous, I want to speak to a manager', 'en'],
    ['bot is useless, human please', 'en'],
    ['太过分了，给我找你们经理', 'zh'],
    ['麻烦转接一下人工', 'zh'],
  ] as const)('%s: a request for a person stays human_agent', async (text, lang) => {
    expect(conceptFeatures(text.toLowerCase(), lang)).toContain('k:human');
    expect((await nlu.understand(text, lang)).intent).toBe('human_agent');
  });
});

describe('mixed-script messages', () => {
  it('tells mixed text from one-script text', () => {
    expect(isMixedScript('转人工 please')).toBe(true);
    expect(isMixedScript('我的order呢')).toBe(true);
    expect(isMixedScript('转人工')).toBe(false);
    expect(isMixedScript('订单 112-3456789-1234567')).toBe(false);
    expect(isMixedScript('where is my order')).toBe(false);
  });

  it.each([
    ['转人工 please', 'human_agent'],
    ['收货地址填错了, can you change it', 'change_address'],
    ['我要退货 how do I do that', 'return_item'],
  ] as const)('English conversation, Chinese meaning: %s → %s, reply language stays English', async (text, intent) => {
    const r = await nlu.understand(text, 'en');
    expect(r.intent).toBe(intent);
    expect(r.lang).toBe('en');
  });

  it.each([
    ['please cancel 我的订单', 'cancel_order'],
    ['I want a refund 可以吗', 'return_item'],
  ] as const)('Chinese conversation, mixed text: %s → %s, reply language stays Chinese', async (text, intent) => {
    const r = await nlu.understand(text, 'zh');
    expect(r.intent).toBe(intent);
    expect(r.lang).toBe('zh');
  });
});

describe('gibberish', () => {
  it.each([
    ['qwzxpt vbnmk', 'en'],
    ['zxcvbnm', 'en'],
    ['qwzxpt vbnmk', 'zh'],
    ['zxcvbnm', 'zh'],
  ] as const)('%s (%s) has no known feature: none, not a greeting', async (text, lang) => {
    expect(nlu.classify(text, lang).coverage).toBe(0);
    expect((await nlu.understand(text, lang)).intent).toBe('none');
  });
});
