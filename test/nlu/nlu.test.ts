import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaqEntries, loadHeldOut, loadOutOfScope, loadTrainingCorpus, type NluEngine } from '../../src/nlu/index.js';
import { overlapKey } from '../../src/nlu/text-features.js';
import { AFTER_SALES_INTENTS, type Intent } from '../../src/nlu/types.js';
import { LANGS, type Lang } from '../../src/domain/lang.js';
import { nluEngineAt } from '../support/nlu.js';

let nlu: NluEngine;
beforeAll(async () => {
  nlu = await nluEngineAt('2025-03-12T10:00:00Z');
});

describe('intent', () => {
  it.each([
    ['please cancel order 112-3456789-1234567', 'en', 'cancel_order'],
    ['I typed the wrong zip code on my order', 'en', 'change_address'],
    ['where is my parcel??', 'en', 'track_order'],
    ['the speaker arrived broken, I want a refund', 'en', 'return_item'],
    ['worst service ever, I am leaving a 1-star review', 'en', 'complaint'],
    ['do you accept paypal', 'en', 'faq'],
    ['let me talk to a real person', 'en', 'human_agent'],
    ['hello', 'en', 'greeting'],
    ['thanks a lot', 'en', 'thanks'],
    ['bye', 'en', 'goodbye'],
    ['帮我取消订单', 'zh', 'cancel_order'],
    ['收货地址写错了', 'zh', 'change_address'],
    ['我的order怎么还没到', 'zh', 'track_order'],
    ['鞋子太小了，想退货', 'zh', 'return_item'],
    ['服务太差了，我要投诉', 'zh', 'complaint'],
    ['支持支付宝吗', 'zh', 'faq'],
    ['转人工', 'zh', 'human_agent'],
    ['你好', 'zh', 'greeting'],
    ['谢谢', 'zh', 'thanks'],
    ['再见', 'zh', 'goodbye'],
  ] as const)('%s → %s', async (text, lang, intent) => {
    expect((await nlu.understand(text, lang)).intent).toBe(intent);
  });

  it.each([
    ['I forgot my password', 'en'],
    ['write me a poem about autumn', 'en'],
    ['what is the Apple stock price', 'en'],
    ['unsubscribe me from the newsletter', 'en'],
    ['how do I write a for loop in python', 'en'],
    ['今天天气怎么样', 'zh'],
    ['账号登录不上', 'zh'],
    ['给我讲个笑话', 'zh'],
    ['能开公司发票吗', 'zh'],
  ] as const)('out of scope: %s starts no after-sales flow', async (text, lang) => {
    const r = await nlu.understand(text, lang);
    expect(AFTER_SALES_INTENTS).not.toContain(r.intent);
  });

  it('returns entities together with the intent', async () => {
    const r = await nlu.understand('where is 112 3456789 1234567? I ordered it yesterday', 'en');
    expect(r.intent).toBe('track_order');
    expect(r.entities).toEqual(
      expect.arrayContaining([
        { type: 'orderId', value: '112-3456789-1234567' },
        { type: 'date', value: '2025-03-11' },
      ]),
    );
  });

  it.each([
    ['who is the richest person in the world', 'en'],
    ['wat is 15% of 80', 'en'],
  ] as const)('a general question about someone or something is not a request for a person: %s', async (text, lang) => {
    expect((await nlu.understand(text, lang)).intent).not.toBe('human_agent');
  });

  it.each([
    ['人工 please', 'en'],
    ['is anybody there? i need a real person', 'en'],
    ['给我打电话，不想打字', 'zh'],
    ['rg rg', 'zh'],
  ] as const)('a person asked for or named stays a request for one: %s', async (text, lang) => {
    expect((await nlu.understand(text, lang)).intent).toBe('human_agent');
  });

  it.each([
    ['the blender stopped blending after two weeks', 'en', 'return_item'],
    ['my headphones died after a month of use', 'en', 'return_item'],
    ['changed my mind about the blanket I just ordered, please call it off', 'en', 'cancel_order'],
    ['在吗在吗 快递到哪了', 'zh', 'track_order'],
    ['台灯用了两周就不亮了', 'zh', 'return_item'],
  ] as const)('products of any catalogue, casual wording and repeated greetings: %s → %s', async (text, lang, intent) => {
    expect((await nlu.understand(text, lang)).intent).toBe(intent);
  });

  it('falls back to none for empty and unknown text', async () => {
    expect((await nlu.understand('   ', 'en')).intent).toBe('none');
    expect((await nlu.understand('zxqv blorp', 'en')).intent).toBe('none');
  });
});

describe('FAQ retrieval', () => {
  it.each([
    ['how long will delivery to France take', 'en', 'delivery_times'],
    ['do I pay for postage when I send something back?', 'en', 'return_shipping_cost'],
    ['how much is shipping to France', 'en', 'shipping_costs'],
    ['能用微信付款吗', 'zh', 'payment_methods'],
    ['保修期有多长', 'zh', 'warranty'],
    ['运费多少钱', 'zh', 'shipping_costs'],
  ] as const)('%s → %s', (text, lang, id) => {
    expect(nlu.faq.best(text, lang)?.id).toBe(id);
  });

  it.each([
    ['what is the capital of France', 'en'],
    ['tell me a joke', 'en'],
    ['今天天气怎么样', 'zh'],
  ] as const)('nothing for unrelated %s', (text, lang) => {
    expect(nlu.faq.best(text, lang)).toBeUndefined();
  });

  it('attaches the knowledge-base entry id to faq results', async () => {
    const r = await nlu.understand('how much is shipping to France', 'en');
    expect(r.intent).toBe('faq');
    expect(r.faq?.id).toBe('shipping_costs');
  });

  // Payment methods vs the payment process share their subject words ("card", "pay", 付款): the kind of answer
  // asked for (a set of options, or a moment) tells them apart (faq-retriever.ts, answerKind).
  it.each([
    ['which cards can I pay with?', 'en', 'payment_methods'],
    ['can i pay with klarna', 'en', 'payment_methods'],
    ['what cards do you take?', 'en', 'payment_methods'],
    ['when will my card be charged?', 'en', 'payment_process'],
    ['支持哪些付款方式', 'zh', 'payment_methods'],
    ['什么时候扣款', 'zh', 'payment_process'],
  ] as const)('%s → %s', (text, lang, id) => {
    expect(nlu.faq.best(text, lang)?.id).toBe(id);
  });
});

describe('data sets', () => {
  it('sentences that differ only in case, punctuation, symbols or spaces share an overlap key', () => {
    expect(overlapKey('Hey!')).toBe(overlapKey('hey'));
    expect(overlapKey('人工！！')).toBe(overlapKey('人工'));
    expect(overlapKey('thankyou')).toBe(overlapKey('thank you'));
    expect(overlapKey('hi，你好')).toBe(overlapKey('hi 你好'));
    expect(overlapKey('哈喽~')).toBe(overlapKey('哈喽'));
    expect(overlapKey('在吗？')).toBe(overlapKey('在吗'));
    expect(overlapKey('where is my order')).not.toBe(overlapKey('where is my parcel'));
  });

  it.each(LANGS)('no held-out or out-of-scope sentence appears in the %s training corpus', (lang: Lang) => {
    const training = new Set(loadTrainingCorpus(lang).map((u) => overlapKey(u.text)));
    const held = [
      ...loadHeldOut(lang).map((h) => h.text),
      ...loadHeldOut(lang, undefined, 'heldout-fresh').map((h) => h.text),
      ...loadOutOfScope(lang),
      ...loadOutOfScope(lang, undefined, 'noisy-dev-oos3'),
    ];
    expect(held.filter((t) => training.has(overlapKey(t)))).toEqual([]);
  });

  it.each(LANGS)('%s corpus has at least 40 utterances per intent and 15 held-out per intent', (lang: Lang) => {
    const count = (items: Array<{ intent: Intent }>) =>
      items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.intent]: (acc[i.intent] ?? 0) + 1 }), {});
    const train = count(loadTrainingCorpus(lang));
    const held = count(loadHeldOut(lang));
    for (const n of Object.values(train)) expect(n).toBeGreaterThanOrEqual(40);
    for (const n of Object.values(held)) expect(n).toBeGreaterThanOrEqual(15);
    expect(Object.keys(train)).toHaveLength(11);
    expect(Object.keys(held)).toHaveLength(11);
    expect(loadOutOfScope(lang).length).toBeGreaterThanOrEqual(40);
  });

  it('every knowledge-base entry has questions and an answer in both languages, with the same ids', () => {
    const kb = (lang: Lang) =>
      JSON.parse(readFileSync(new URL(`../../data/kb/${lang}.json`, import.meta.url), 'utf8')) as { entries: { id: string; questions: string[]; answer: string }[] };
    const en = kb('en').entries;
    const zh = kb('zh').entries;
    expect(zh.map((e) => e.id).sort()).toEqual(en.map((e) => e.id).sort());
    for (const entry of [...en, ...zh]) {
      expect(entry.answer, entry.id).toBeTruthy();
      expect(entry.questions.length, entry.id).toBeGreaterThan(0);
    }
    expect(loadFaqEntries().map((e) => e.id).sort()).toEqual(en.map((e) => e.id).sort());
  });
});
