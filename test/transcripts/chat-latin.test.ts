import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness } from '../support/transcript.js';

/**
 * Issue 15: Chinese buyers type Latin-letter acknowledgements ("ok 3q", "kk", "thx", "haha") as often as English
 * ones. Made only of them, a message keeps the conversation's language; an English sentence still switches.
 */
describe('Latin-letter acknowledgements keep the conversation’s language', () => {
  it('zh tracking conversation, then "ok 3q": thanked in Chinese, no out-of-scope reply in English', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(`我的水杯到哪了，单号${DEMO.onTime.id}`)).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
    expect(await c.say('ok 3q')).toEqual(['common:thanks']);
    expect(c.last?.lang).toBe('zh');
    await c.say('kk');
    expect(c.last?.lang).toBe('zh');
  });

  it('an English sentence in a Chinese conversation still switches ("ok thanks so much for your help")', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('你好');
    expect(c.last?.lang).toBe('zh');
    expect(await c.say('ok thanks so much for your help')).toEqual(['common:thanks']);
    expect(c.last?.lang).toBe('en');
  });

  it('an English conversation stays English on "ok thx"', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('hello');
    expect(await c.say('ok thx')).toEqual(['common:thanks']);
    expect(c.last?.lang).toBe('en');
  });
});
