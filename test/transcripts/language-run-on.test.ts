import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness } from '../support/transcript.js';

/**
 * Issue 15: a language request written without punctuation, run on into the request itself, switches the
 * language AND the rest of the message carries on (language.ts cuts the request's own words out).
 */
describe('language requests without punctuation carry on', () => {
  it('en → zh: "can you speak chinese i dont read english well my order is …" switches and verifies that order', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('hello');
    expect(c.last?.lang).toBe('en');
    const keys = await c.say(`can you speak chinese i dont read english well my order is ${DEMO.onTime.id} where is it`);
    expect(keys).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe('zh');
    expect(c.texts()[1]).toMatch(/\p{Script=Han}/u);
    // The order given in the switching message is the one verified: the parcel's status follows, in Chinese.
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
    expect(c.last?.lang).toBe('zh');
  });

  it('zh → en: "用英文说吧我看不懂中文 订单…" switches and verifies that order', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('你好');
    expect(c.last?.lang).toBe('zh');
    expect(await c.say(`用英文说吧我看不懂中文 我的快递到哪了 订单${DEMO.onTime.id}`)).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe('en');
    expect(c.texts()[1]).not.toMatch(/\p{Script=Han}/u);
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
    expect(c.last?.lang).toBe('en');
  });

  it('zh → en, one run-on clause: "请用英文回复我的快递到哪了" switches and starts tracking', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('你好');
    expect(await c.say('请用英文回复我的快递到哪了')).toEqual(['common:languageSwitched', 'verify:askOrderId']);
    expect(c.last?.lang).toBe('en');
    expect(c.texts()[1]).not.toMatch(/\p{Script=Han}/u);
  });

  it('en → zh, one run-on clause: "speak chinese pls i want to cancel my order …" switches and starts the cancel flow', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('hello');
    expect(await c.say(`speak chinese pls i want to cancel my order ${DEMO.justPlaced.id}`)).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe('zh');
    const keys = await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(keys).toContain('cancel:confirm');
    expect(c.last?.lang).toBe('zh');
  });

  it('a run-on request with nothing else only switches ("可以用中文跟我说吗", "can u talk to me in english")', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('hello');
    expect(await c.say('可以用中文跟我说吗')).toEqual(['common:languageSwitched']);
    expect(c.last?.lang).toBe('zh');
    expect(await c.say('can u talk to me in english')).toEqual(['common:languageSwitched']);
    expect(c.last?.lang).toBe('en');
  });
});
