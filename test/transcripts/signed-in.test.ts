/**
 * A signed-in buyer (a host page's verified buyer token) is shown their orders as buttons; every
 * later "which order?" (after an unrecognised answer, "go back", help, or a declined offer of a
 * person) offers the same buttons again instead of asking for the order number as text.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness, type Chat } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';
import { press } from './quick-replies.js';

const WHERE_IS_MY_ORDER = { en: 'Where is my order?', zh: '我的订单到哪了？' };
const GO_BACK = { en: 'go back', zh: '上一步' };
const HELP = { en: 'help', zh: '帮助' };

describe.each(LANGS)('signed-in buyer picking an order (%s)', (lang) => {
  const p = PHRASES[lang];
  const id = DEMO.onTime.id;
  const BUTTONS = [`order:${id}`];

  async function listed(): Promise<Chat> {
    const h = await harness();
    const c = h.chat(undefined, { verifiedEmail: await emailOf(h, id) });
    expect(await c.say(WHERE_IS_MY_ORDER[lang])).toEqual(['verify:pickOrder']);
    expect(c.choices()).toEqual(BUTTONS);
    return c;
  }

  it('an unrecognised answer re-asks with the same order buttons (twice: then the offer of a person)', async () => {
    const c = await listed();
    expect(await c.say(p.gibberish)).toEqual(['verify:pickOrderAgain']);
    expect(c.choices()).toEqual(BUTTONS);
    expect(c.texts()[0]).not.toMatch(/17|十七/);
    expect(await c.say(p.gibberish2)).toEqual(['verify:pickOrderAgain', 'common:offerAgent']);
    expect(c.choices()).toEqual([...BUTTONS, 'intent:human_agent', 'intent:none']);
    expect(await press(c, 'intent:none')).toEqual(['common:carryOn', 'verify:pickOrder']);
    expect(c.choices()).toEqual(BUTTONS);
    expect(await press(c, `order:${id}`)).toEqual(['track:onTime']);
    expect(c.texts()[0]).toContain(id);
  });

  it('"go back" and help ask which order again with the buttons', async () => {
    const c = await listed();
    expect(await c.say(GO_BACK[lang])).toEqual(['common:nothingToGoBack', 'verify:pickOrder']);
    expect(c.choices()).toEqual(BUTTONS);
    expect(await c.say(HELP[lang])).toEqual(['common:helpInFlow', 'verify:pickOrder']);
    expect(c.choices()).toContain(`order:${id}`);
  });

  it('without a token the re-ask still asks for the order number as text, with no buttons', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(WHERE_IS_MY_ORDER[lang])).toEqual(['verify:askOrderId']);
    expect(await c.say(p.gibberish)).toEqual(['verify:orderIdNotRecognised']);
    expect(c.choices()).toEqual([]);
  });
});
