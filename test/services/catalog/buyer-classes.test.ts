/**
 * Classes of buyer wording from real pre-sales conversations (development material), in both
 * languages: payment shorthand, a return asked as a hypothetical, several questions in one message,
 * and the routing rule "returnRuleAsked". Each class has several wordings; the negatives must hold too.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/i18n/index.js';
import { expandShorthand } from '../../../src/services/catalog/buyer-shorthand.js';
import { createPresalesService, phraseFrom, type PresalesService } from '../../../src/services/catalog/index.js';
import { strongParts, weakParts } from '../../../src/services/catalog/parts.js';
import { returnRuleAsked } from '../../../src/services/catalog/return-rule.js';
import type { Lang } from '../../../src/domain/lang.js';

const dataDir = fileURLToPath(new URL('../../../data/', import.meta.url));
let service: PresalesService;
beforeAll(async () => {
  service = createPresalesService(dataDir, phraseFrom(await createI18n())).service;
});

const PAYMENT: Record<Lang, string[]> = {
  en: ['do you take zfb', 'can I pay with wx?', 'can I use vx pay', 'can I pay with pp', 'do you accept applepay', 'gpay ok?'],
  zh: ['可以用zfb吗', '能用wx付款吗', 'vx支付可以吗', '支持pp付款吗', '支持applepay吗', '能用alipay吗'],
};
const RETURN_RULE: Record<Lang, { q: string; entry: string }[]> = {
  en: [
    { q: "if I don't like it, how long do I have to send it back?", entry: 'returns_policy' },
    { q: "can I return it if it doesn't fit", entry: 'returns_policy' },
    { q: 'if it is too big can I exchange it', entry: 'exchanges' },
    { q: 'can I swap it if it does not fit', entry: 'exchanges' },
    { q: 'if I change my mind who pays for return shipping?', entry: 'return_shipping_cost' },
  ],
  zh: [
    { q: '收到不喜欢能退吗', entry: 'returns_policy' },
    { q: '不合适可以换吗', entry: 'exchanges' },
    { q: '要是尺码不对可以退吗', entry: 'returns_policy' },
    { q: '不想要了退货运费谁出', entry: 'return_shipping_cost' },
  ],
};

describe.each(['en', 'zh'] as const)('buyer wording classes (%s)', (lang) => {
  it.each(PAYMENT[lang])('payment shorthand finds the payment answer: %s', (q) => {
    expect(service.answer(q, lang).source).toBe('kb:payment_methods');
  });

  it.each(RETURN_RULE[lang])('a hypothetical return question gets the rule: $q', ({ q, entry }) => {
    const a = service.answer(q, lang);
    expect(a.source).toBe(`kb:${entry}`);
    expect(returnRuleAsked(q, lang, a.source, false)).toBe(true);
    // An order named is a return to start, not a question.
    expect(returnRuleAsked(q, lang, a.source, true)).toBe(false);
  });
});

describe('payment shorthand stays out of other words', () => {
  it('"pp" is PayPal only with a payment word; PP plastic is not', () => {
    expect(expandShorthand('is the lunch box pp plastic', 'en')).not.toContain('paypal');
    expect(expandShorthand('饭盒是pp材质吗', 'zh')).not.toContain('paypal');
    expect(expandShorthand('can i pay with pp', 'en')).toContain('paypal');
  });
  it('return reasons are only dropped inside a return question', () => {
    expect(expandShorthand("what if it doesn't fit my desk", 'en')).toContain('fit');
    expect(expandShorthand('这个颜色不适合我吗', 'zh')).toContain('不适合');
  });
});

describe('rule returnRuleAsked: a buyer who has the item wants the flow', () => {
  it.each([
    ['en', 'I received the shoes and I want to return them'],
    ['en', 'I have the jacket here and it does not fit, can I return it?'],
    ['en', 'can I return order 123456 if it does not fit'],
    ['zh', '我已经收到了，不合适想退货'],
    ['zh', '我的订单不喜欢可以退吗'],
  ] as const)('%s: %s', (lang, q) => {
    expect(returnRuleAsked(q, lang, 'kb:returns_policy', false)).toBe(false);
  });
  it('only return-rule entries count', () => {
    expect(returnRuleAsked('can I pay with paypal if I return it?', 'en', 'kb:payment_methods', false)).toBe(false);
  });
});

describe('several questions in one message', () => {
  it('parts are cut at sentence breaks and "also"; parts that ask nothing are left out', () => {
    expect(strongParts('do you ship to canada and how long does it take? also do you take paypal', 'en')).toEqual(['do you ship to canada and how long does it take', 'do you take paypal']);
    expect(strongParts("can you engrave a name? it's a gift", 'en')).toEqual(['can you engrave a name']);
    expect(strongParts('寄加拿大吗要多久？另外可以用paypal吗', 'zh')).toEqual(['寄加拿大吗要多久', '可以用paypal吗']);
    expect(strongParts('跑鞋偏大还是偏小？我脚比较宽', 'zh')).toEqual(['跑鞋偏大还是偏小']);
    expect(weakParts('how thick is it and how far can i drop it', 'en')).toEqual(['how thick is it', 'how far can i drop it']);
  });

  it.each([
    ['en', 'do you ship to canada and how long does it take? also do you take paypal', ['shipping:CA', 'kb:payment_methods']],
    ['en', 'is there free shipping? and do you give invoices?', ['kb:free_shipping', 'kb:invoice']],
    ['zh', '寄加拿大吗要多久？另外可以用paypal吗', ['shipping:CA', 'kb:payment_methods']],
    ['zh', '包邮吗？能开发票吗？', ['kb:free_shipping', 'kb:invoice']],
  ] as const)('%s: each part answered in one reply: %s', (lang, q, sources) => {
    const a = service.answer(q, lang);
    expect(a.answered).toBe(true);
    expect(a.source).toBe(`parts:${sources.join('+')}`);
  });

  it.each([
    ['en', 'is the desk lamp dimmable? also does it have wifi'],
    ['zh', '台灯可以调光吗？另外能连wifi吗'],
  ] as const)('%s: a part the facts do not hold makes the message an abstention, never half an answer: %s', (lang, q) => {
    const a = service.answer(q, lang);
    expect(a.answered).toBe(false);
    expect(a.replies.map((r) => r.key)).toEqual(['faq:noMatch']);
    expect(a.unansweredParts).toHaveLength(1);
    expect(a.unansweredParts?.[0]).toMatch(/wifi/);
  });

  it('one unanswerable question with a situation beside it still abstains as a whole', () => {
    expect(service.answer("can you engrave a name on the chef's knife blade? it's a gift", 'en').answered).toBe(false);
  });
});
