import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness } from '../support/transcript.js';

/** Issue 15: a language request switches the language and the rest of the message (or the flow) carries on. */
describe('language requests carry on', () => {
  it('en: "answer in English pls, where is my order …" switches from Chinese and asks for the verification detail', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('你好');
    expect(c.last?.lang).toBe('zh');
    expect(await c.say(`answer in English pls, where is my order ${DEMO.onTime.id}`)).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe('en');
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
    expect(c.last?.lang).toBe('en');
  });

  it('zh: "用英文回复吧 我的快递到哪了" switches to English and starts tracking the parcel', async () => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say('用英文回复吧 我的快递到哪了');
    expect(keys[0]).toBe('common:languageSwitched');
    expect(keys[1]).toBe('verify:askOrderId');
    expect(c.last?.lang).toBe('en');
    expect(c.texts()[1]).not.toMatch(/\p{Script=Han}/u);
  });

  it('zh: "请说中文。帮我取消订单 …" switches to Chinese and starts the cancel flow for that order', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('hello');
    expect(await c.say(`请说中文。帮我取消订单 ${DEMO.justPlaced.id}`)).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe('zh');
    expect(c.texts()[1]).toMatch(/\p{Script=Han}/u);
  });

  it.each([
    ['en', '帮我取消订单', 'English please', /^[^\p{Script=Han}]+$/u],
    ['zh', 'Please cancel my order', '可以用中文跟我说吗？', /\p{Script=Han}/u],
  ] as const)('%s: a request alone in the middle of a flow switches and asks the flow question again', async (lang, start, ask, script) => {
    const h = await harness();
    const c = h.chat();
    const first = await c.say(`${start} ${DEMO.justPlaced.id}`);
    expect(first).toEqual(['verify:askDetail']);
    expect(await c.say(ask)).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe(lang);
    expect(c.texts()[1]).toMatch(script);
    // The flow is still under way: the detail verifies the order in the new language.
    const keys = await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(keys).toContain('cancel:confirm');
    expect(c.last?.lang).toBe(lang);
  });

  it('a request alone outside a flow only switches', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('hello');
    expect(await c.say('说中文')).toEqual(['common:languageSwitched']);
    expect(c.last?.lang).toBe('zh');
  });
});
