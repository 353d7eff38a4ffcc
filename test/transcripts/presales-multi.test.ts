/**
 * Pre-sales classes met in real buyer conversations, as transcripts in both languages: a return asked
 * as a hypothetical gets the shop's return rule and a button to start a return (rule
 * "returnRuleAsked"), a buyer who has the item still gets the return flow; payment shorthand finds the
 * payment answer; a message of several questions is answered part by part in one reply, or abstains
 * when a part has no answer.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const Q = {
  en: {
    hypothetical: ["if I don't like it, how long do I have to send it back?", "can I return it if it doesn't fit", 'what if the jacket is too small, can I swap it?'],
    rule: '30 days',
    hasIt: 'I received the running shoes yesterday and I want to return them',
    payment: ['do you take zfb?', 'can I pay with wx', 'pp accepted?', 'applepay ok?'],
    payWord: 'PayPal',
    multi: { q: 'do you ship to canada and how long does it take? also do you take paypal', says: ['$12.99', '7-14 business days', 'PayPal'] },
    multiPart: { q: 'Is the desk lamp dimmable? also does it have wifi' },
  },
  zh: {
    hypothetical: ['收到不喜欢能退吗', '不合适可以换吗', '要是尺码不对可以退吗'],
    rule: '30 天',
    hasIt: '我已经收到跑鞋了，想退货',
    payment: ['可以用zfb吗', '能用wx付款吗', 'vx支付可以吗', '支持applepay吗'],
    payWord: '支付宝',
    multi: { q: '寄加拿大吗要多久？另外可以用paypal吗', says: ['$12.99', '7-14 个工作日', 'PayPal'] },
    multiPart: { q: '台灯可以调光吗？另外能连wifi吗' },
  },
} as const satisfies Record<Lang, unknown>;

const plain = (texts: string[]) => texts.join('\n').replace(/\\(.)/g, '$1');

describe.each(LANGS)('pre-sales classes from buyer conversations (%s)', (lang) => {
  const q = Q[lang];

  it.each(q.hypothetical)('a hypothetical return question gets the return rule and a start-a-return button: %s', async (text) => {
    const c = (await harness()).chat();
    expect(await c.say(text)).toEqual(['presales:kb', 'presales:offerReturn']);
    expect(plain(c.texts())).toContain(q.rule);
    expect(c.choices()).toContain('intent:return_item');
    // The button starts the return flow, which asks for the order.
    const next = await c.choose('intent:return_item');
    expect(next.some((k) => k.startsWith('returns:') || k.startsWith('verify:'))).toBe(true);
    expect(next).not.toContain('presales:kb');
  });

  it('a buyer who has the item and wants to return it gets the return flow, not the rule', async () => {
    const c = (await harness()).chat();
    const keys = await c.say(q.hasIt);
    expect(keys).not.toContain('presales:kb');
    expect(keys).not.toContain('presales:offerReturn');
    expect(keys.some((k) => k.startsWith('returns:') || k.startsWith('verify:'))).toBe(true);
  });

  it.each(q.payment)('payment shorthand finds the payment answer: %s', async (text) => {
    const c = (await harness()).chat();
    expect(await c.say(text)).toEqual(['presales:kb']);
    expect(plain(c.texts())).toContain(q.payWord);
  });

  it('two questions in one message: both answered in one reply', async () => {
    const c = (await harness()).chat();
    expect(await c.say(q.multi.q)).toEqual(['presales:shipping.to', 'presales:kb']);
    for (const s of q.multi.says) expect(plain(c.texts())).toContain(s);
  });

  it('a part the facts do not answer makes the message an abstention (never half an answer); the message and the part are logged for the seller', async () => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say(q.multiPart.q);
    expect(keys).toEqual(['faq:noMatch']);
    const logged = await h.assistant.presales.unanswered.list();
    expect(logged.map((x) => x.text)).toContain(q.multiPart.q);
    expect(logged.filter((x) => x.text.includes('wifi') && x.text !== q.multiPart.q)).toMatchObject([{ lang }]);
  });
});
