import { beforeAll, describe, expect, it } from 'vitest';
import type { NluEngine } from '../../src/nlu/index.js';
import { withoutGreeting } from '../../src/nlu/reading-rules.js';
import { nluEngineAt } from '../support/nlu.js';

let nlu: NluEngine;
beforeAll(async () => {
  nlu = await nluEngineAt('2025-03-12T10:00:00Z');
});

describe('withoutGreeting', () => {
  it.each([
    ['hiya wheres my pakage??', 'wheres my pakage??'],
    ['Hey there, good morning! can I cancel?', 'can I cancel?'],
    ['你好，我要退货', '我要退货'],
    ['亲 在吗 地址写错了', '地址写错了'],
    ['hello', undefined],
    ['hi!!', undefined],
    ['亲 吗', undefined],
    ['在吗在吗 我的快递呢', '我的快递呢'],
    ['你好像没发货', undefined],
    ['history of the order', undefined],
    ['hiking boots', undefined],
  ] as const)('%s → %s', (text, rest) => {
    expect(withoutGreeting(text)).toBe(rest);
  });
});

/** Greeting + request in one message gets the request's label (issue 15). */
describe('greeting and request in one message', () => {
  it.each([
    ['hiya wheres my pakage?? ordr num 112-3456789-1234567', 'en', 'track_order'],
    ['hi can someone from the team call me', 'en', 'human_agent'],
    ['hey any idea when my shoes show up', 'en', 'track_order'],
    ['你好，帮我取消订单', 'zh', 'cancel_order'],
    ['哈喽 我的快递到哪了', 'zh', 'track_order'],
    // a greeting with small talk stays a greeting
    ['Hi folks', 'en', 'greeting'],
    ['hello, how are you', 'en', 'greeting'],
    ['哈喽，客服小姐', 'zh', 'greeting'],
  ] as const)('%s → %s', (text, lang, intent) => {
    expect(nlu.understandSync(text, lang).intent).toBe(intent);
  });
});

/** Another company's business is out of scope even in after-sales words; ours stays ours. */
describe('other companies and services', () => {
  it.each([
    ['my doordash order is an hour late', 'en', 'none'],
    ['how do i get my money back from ebay', 'en', 'none'],
    ['美团外卖怎么还没送到', 'zh', 'none'],
    ['拼多多的退款怎么还没到', 'zh', 'none'],
    // our order number, or a complaint to us that names a platform, keeps the reading
    ['my order 112-3456789-1234567 never came, I bought it because ebay was dearer', 'en', 'track_order'],
    ['我要去平台投诉你们 顺便小红书曝光', 'zh', 'complaint'],
    ['亲 我想改成送到菜鸟驿站 可以吗', 'zh', 'change_address'],
  ] as const)('%s → %s', (text, lang, intent) => {
    expect(nlu.understandSync(text, lang).intent).toBe(intent);
  });
});

/** The intent-reading examples of issue 15, and look-alikes that must keep their reading. */
describe('issue 15: plain, indirect and casual requests', () => {
  it.each([
    ["The air fryer I bought last year stopped heating, I'd like to return it or get it fixed. 112-3456789-1234567", 'en', 'return_item'],
    ['I ordered two by accident, can I send one back?', 'en', 'return_item'],
    ['hi I need to return something', 'en', 'return_item'],
    ["supposed to be here last week and it still hasn't shown up. Order 112-3456789-1234567, zip 10001", 'en', 'track_order'],
    ['ugh ok. when is it going to get here then?', 'en', 'track_order'],
    ['the cast iron skillet showed up with a crack', 'en', 'return_item'],
    ['你好，我要退个东西', 'zh', 'return_item'],
    ['说好上周就到的，到现在还没收到', 'zh', 'track_order'],
    // questions about the rules stay questions
    ['do I need a receipt to return something?', 'en', 'faq'],
    ['how many days do I have to return something', 'en', 'faq'],
    ['退货要什么条件吗', 'zh', 'faq'],
  ] as const)('%s → %s', (text, lang, intent) => {
    expect(nlu.understandSync(text, lang).intent).toBe(intent);
  });
});

/** An after-sales reading needs something about a shop, an order or a product in the message. */
describe('out-of-scope requests phrased like orders', () => {
  it.each([
    ['show me the new york times most popular book list for this week', 'en'],
    ['write the next chapter of my story and let me know when you have finished it', 'en'],
    ['帮我找一家评分4.5分以上的经济型酒店', 'zh'],
  ] as const)('%s → not an after-sales flow', (text, lang) => {
    expect(['cancel_order', 'change_address', 'track_order', 'return_item', 'complaint']).not.toContain(nlu.understandSync(text, lang).intent);
  });
});

describe('safety complaints without a shop word still reach the complaint flow', () => {
  it.each([
    ['This charger caught fire and burned my desk, I am calling my lawyer', 'en'],
    ['这个充电器起火了把桌子都烧了，我要找律师起诉你们', 'zh'],
  ] as const)('%s → complaint', (text, lang) => {
    expect(nlu.understandSync(text, lang).intent).toBe('complaint');
  });
});
