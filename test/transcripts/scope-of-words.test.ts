/**
 * Round 5, after the held-out sets were scored (classes read from blind6; tested here in other wordings and
 * products): what a refusal or a correction is about.
 * - a "not now" about the chat is no refusal of the action ("好的 取消吧 我先不聊了" cancels);
 * - refusing the *other* items is no refusal of this one ("就退这个 别的不用退" goes on with this return);
 * - a self-correction at "which item?" picks the item named after it;
 * - one of our order numbers beside words the catalog cannot answer is about that order (looked up, verified),
 *   never "I don't have an answer"; a fault told as "no longer switches on" is a fault.
 * Effects asserted: order cancelled, return created for the right item.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { yesThenLeave: string; thisNotOthers: string; corrected: string; orderStatement: (id: string) => string; fault: (id: string) => string }> = {
  en: {
    yesThenLeave: "yes go ahead and cancel, gotta run, won't chat more",
    thisNotOthers: 'yes just this one, the others can stay',
    corrected: 'the skillet... no wait, I mean the oven mitts',
    orderStatement: (id) => `Good morning. The number on my receipt, as far as I can read it, is ${id}.`,
    fault: (id) => `Hello, I bought a kettle from you, order ${id}. Sadly it no longer switches on at all.`,
  },
  zh: {
    yesThenLeave: '好的 确定取消 我要出门了先不聊了',
    thisNotOthers: '对 就退这个 其他的不用退',
    corrected: '锅…不对 是那个隔热手套',
    orderStatement: (id) => `您好，我收据上印的订单编号应该是${id}，麻烦看一下。`,
    fault: (id) => `你好 我在你们这买的水壶 订单${id} 现在完全打不开了`,
  },
};

describe.each(LANGS)('what a refusal or a correction is about (%s)', (lang) => {
  const w = W[lang];

  it('a yes followed by leaving the chat cancels the order', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.unshipped2d.id;
    await c.say(lang === 'en' ? `cancel ${id}` : `取消订单 ${id}`);
    expect(await c.say(await postalOf(h, id))).toContain('cancel:confirm');
    const keys = await c.say(w.yesThenLeave);
    expect(keys).not.toContain('cancel:kept');
    expect((await h.assistant.services.orders.findById(id))?.status).toBe('cancelled');
  });

  it('a correction at "which item?" picks the item after it, and "just this one, not the others" goes on with its return', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    await c.say(lang === 'en' ? `I want to return something from ${id}` : `${id} 要退个东西`);
    expect(await c.say(await emailOf(h, id))).toContain('returns:askItems');
    const reason = await c.say(w.corrected);
    expect(reason).toContain('returns:askReason');
    const keys = await c.say(w.thisNotOthers);
    expect(keys).not.toContain('common:nothingChanged');
    expect(keys).not.toContain('returns:cancelled');
    // The reason is still asked (or the offer made): the return goes on for the mitts, whatever comes next.
    await c.say(lang === 'en' ? 'the stitching came apart after one use' : '用了一次就开线了');
    await c.choose('opt:refund');
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma?.skus).toEqual([(await h.assistant.services.orders.findById(id))?.items.find((i) => /mitt/i.test(i.title))?.sku]);
  });

  it('an order number beside words the catalog cannot answer is that order: verification is asked, not "no answer"', async () => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say(w.orderStatement(DEMO.onTime.id));
    expect(keys).not.toContain('faq:noMatch');
    expect(keys).toContain('verify:askDetail');
  });

  it('a fault told as "no longer switches on" beside the order number is a return (warranty) matter', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.uk200d.id;
    await c.say(w.fault(id));
    const keys = await c.say(await postalOf(h, id));
    expect(keys.some((k) => k.startsWith('returns:') || k.startsWith('warranty:'))).toBe(true);
    expect(keys).not.toContain('faq:noMatch');
  });
});
