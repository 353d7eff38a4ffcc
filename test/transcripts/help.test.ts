/** "Help" / "what can you do" anywhere: the menu of what the bot does, each item starting its flow. */
import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';
import { press } from './quick-replies.js';

const HELP = {
  en: ['help', 'What can you do?', 'menu'],
  zh: ['帮助', '你能做什么', '有什么功能'],
} as const;

const MENU_CHOICES = ['intent:track_order', 'intent:cancel_order', 'intent:change_address', 'intent:return_item', 'intent:complaint', 'intent:human_agent'];

/** The first reply of each flow once the buyer is verified on an unshipped order. */
const FLOW_STARTS: [string, string][] = [
  ['intent:track_order', 'track:notShipped'],
  ['intent:cancel_order', 'cancel:confirm'],
  ['intent:change_address', 'address:cancelAndReorder'],
  // The order was placed minutes ago: nothing to return yet, said at once (no reason asked).
  ['intent:return_item', 'returns:notDelivered'],
];

describe.each(LANGS)('help (%s)', (lang) => {
  const p = PHRASES[lang];

  it.each(HELP[lang])('"%s" with nothing in progress shows what the bot can do, as quick replies', async (text) => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(text)).toEqual(['common:help']);
    expect(c.choices()).toEqual(MENU_CHOICES);
    expect(c.last?.lang).toBe(lang);
  });

  it.each(FLOW_STARTS)('the help item %s starts that flow', async (choice, firstAnswer) => {
    const h = await harness();
    const c = h.chat();
    await c.say(HELP[lang][0]);
    expect(await press(c, choice)).toEqual(['verify:askOrderId']);
    expect(await c.say(DEMO.justPlaced.id)).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual([firstAnswer]);
  });

  it('the help items for a complaint and for a person start those too', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(HELP[lang][1]);
    expect(await press(c, 'intent:complaint')).toEqual(['complaint:askDetails']);
    const d = h.chat();
    await d.say(HELP[lang][2]);
    expect(await press(d, 'intent:human_agent')).toEqual([expect.stringMatching(/^handoff:(queued|afterHours)$/)]);
    expect(await h.assistant.services.handoff.byConversation(d.id)).toHaveLength(1);
  });

  it('a request that merely starts with "help" is not the help menu', async () => {
    const h = await harness();
    const c = h.chat();
    const text = lang === 'en' ? `Help me cancel my order ${DEMO.justPlaced.id}` : `帮我取消订单 ${DEMO.justPlaced.id}`;
    expect(await c.say(text)).toEqual(['verify:askDetail']);
  });

  it('mid-flow, help shows the other topics and asks the pending question again; the flow goes on', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    expect(await c.say(HELP[lang][0])).toEqual(['common:helpInFlow', 'cancel:confirm']);
    // The topic in progress is not offered again; the confirmation's own buttons are.
    expect(c.choices()).toEqual([...MENU_CHOICES.filter((x) => x !== 'intent:cancel_order'), 'yes', 'no']);
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('cancelled');
  });

  it('during verification, help repeats the verification question and the answer still counts', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.track(DEMO.onTime.id))).toEqual(['verify:askDetail']);
    expect(await c.say(HELP[lang][1])).toEqual(['common:helpInFlow', 'verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
  });

  it('mid-flow, a help item switches to that topic and keeps the verified order', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    await c.say(HELP[lang][2]);
    expect(await press(c, 'intent:track_order')).toEqual(['track:notShipped']);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('unshipped');
  });

  it('while talking to a person, "help" is passed on to them, not answered by the bot', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.agent);
    expect(await c.say(HELP[lang][0])).toEqual(['handoff:noted']);
    const [ticket] = await h.assistant.services.handoff.byConversation(c.id);
    expect(ticket?.buyerMessages.map((m) => m.text)).toEqual([HELP[lang][0]]);
  });
});
