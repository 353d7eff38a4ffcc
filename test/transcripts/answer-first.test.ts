/**
 * Issue 15's failure classes, one test each, in both languages, asserting effects: typed answers to
 * questions with buttons (labels, item names, ordinals, reasons, conditions), confirmations in words,
 * negated actions, facts given early, the verified order as the subject of follow-ups, and a corrected
 * verification detail.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

interface Words {
  cancel: (id: string) => string;
  yesCancel: string;
  keepIt: string;
  negatedStart: (id: string) => string;
  yes: string;
  returnFrom: (id: string) => string;
  spatulaMelted: string;
  firstOne: string;
  tooMany: string;
  skilletCracked: (id: string, email: string) => string;
  byMistake: (id: string) => string;
  unopenedLabel: string;
  consentPaying: string;
  usedYesReturn: string;
  whenThen: string;
  wrongEmail: string;
  correction: (email: string) => string;
  track: (id: string) => string;
}

const W: Record<Lang, Words> = {
  en: {
    cancel: (id) => `hi, can u cancel my order ${id}`,
    yesCancel: 'yes please go ahead and cancel it',
    keepIt: "hmm no, don't cancel it, I'll pick it up from the old flat",
    negatedStart: (id) => `don't cancel my order ${id}`,
    yes: 'yes',
    returnFrom: (id) => `I'd like to return an item from my order ${id}`,
    spatulaMelted: 'the spatulas, they warped the first time I used them',
    firstOne: 'the first one',
    tooMany: 'I ordered too many, just want to send it back',
    skilletCracked: (id, email) => `the cast iron skillet from ${id} arrived cracked, my email is ${email}`,
    byMistake: (id) => `I bought a USB-C cable by mistake, order ${id}`,
    unopenedLabel: 'Unopened',
    consentPaying: 'Ok, I understand I pay the return shipping. Please make the return.',
    usedYesReturn: "I've used it a couple of times already, yes please return it",
    whenThen: 'ugh ok. when is it going to get here then?',
    wrongEmail: 'priya.shah@example.com',
    correction: (email) => `sorry, it's ${email}`,
    track: (id) => `where's my order ${id}`,
  },
  zh: {
    cancel: (id) => `帮我取消订单 ${id}`,
    yesCancel: '好的，取消吧',
    keepIt: '先别取消了',
    negatedStart: (id) => `不要取消订单 ${id}`,
    yes: '好的',
    returnFrom: (id) => `我想退个东西 订单${id}`,
    spatulaMelted: '第二个 铲子用一次就变形了',
    firstOne: '第一个',
    tooMany: '买多了用不了那么多',
    skilletCracked: (id, email) => `${id} 邮箱${email} 那个平底锅收到就裂了`,
    byMistake: (id) => `数据线买错了 ${id}`,
    unopenedLabel: '未拆封',
    consentPaying: '可以 我自己出运费 退吧',
    usedYesReturn: '已经用过几次了，帮我退吧',
    whenThen: '那什么时候能到？',
    wrongEmail: 'priya.shah@example.com',
    correction: (email) => `打错了 是${email}`,
    track: (id) => `我的订单 ${id} 到哪了`,
  },
};

const statusOf = async (h: Harness, id: string) => (await h.assistant.services.orders.findById(id))?.status;
const returnsOf = (h: Harness, id: string) => h.assistant.services.orders.listReturns(id);

describe.each(LANGS)('answer first (%s)', (lang) => {
  const w = W[lang];

  async function confirmingCancel(h: Harness) {
    const c = h.chat();
    await c.say(w.cancel(DEMO.justPlaced.id));
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    return c;
  }

  it('a confirmation in words cancels', async () => {
    const h = await harness();
    const c = await confirmingCancel(h);
    expect(await c.say(w.yesCancel)).toEqual(['cancel:done']);
    expect(await statusOf(h, DEMO.justPlaced.id)).toBe('cancelled');
  });

  it('a negated cancel at the confirmation keeps the order, and a later yes cancels nothing', async () => {
    const h = await harness();
    const c = await confirmingCancel(h);
    expect(await c.say(w.keepIt)).toEqual(['cancel:kept']);
    await c.say(w.yes);
    expect(await statusOf(h, DEMO.justPlaced.id)).toBe('unshipped');
  });

  it('a negated cancel as the first message starts nothing', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(w.negatedStart(DEMO.justPlaced.id))).toEqual(['common:nothingChanged']);
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    await c.say(w.yes);
    expect(await statusOf(h, DEMO.justPlaced.id)).toBe('unshipped');
  });

  it("the item named in words (with its fault) creates the return at once; a yes after it changes nothing", async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.returnFrom(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
    expect(await c.say(w.spatulaMelted)).toEqual(['returns:labelReady.seller']);
    await c.say(w.yes);
    const [rma, second] = await returnsOf(h, DEMO.delivered5d.id);
    expect(second).toBeUndefined();
    expect(rma).toMatchObject({ resolution: 'refund', status: 'authorized' });
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    expect(rma?.skus).toEqual([order?.items[1]?.sku]);
    expect(rma?.returnShippingPaidBy).toBe('seller');
  });

  it('an ordinal picks the item; a reason in words, the offer at once, then the condition label typed', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.returnFrom(DEMO.delivered5d.id));
    await c.say(await emailOf(h, DEMO.delivered5d.id));
    expect(await c.say(w.firstOne)).toEqual(['returns:askReason']);
    expect(await c.say(w.tooMany)).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(await c.say(w.unopenedLabel)).toEqual(['returns:offerBuyerPays']);
    expect((await c.say(w.yes))[0]).toMatch(/^returns:labelReady/);
    const [rma] = await returnsOf(h, DEMO.delivered5d.id);
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    expect(rma).toMatchObject({ skus: [order?.items[0]?.sku], returnShippingPaidBy: 'buyer' });
  });

  it('facts given in the first message are not asked for: order, email, item and fault', async () => {
    const h = await harness();
    const c = h.chat();
    const email = await emailOf(h, DEMO.delivered5d.id);
    expect(await c.say(w.skilletCracked(DEMO.delivered5d.id, email))).toEqual(['returns:labelReady.seller']);
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    expect(await returnsOf(h, DEMO.delivered5d.id)).toEqual([expect.objectContaining({ skus: [order?.items[0]?.sku], resolution: 'refund', returnShippingPaidBy: 'seller' })]);
  });

  it("a buyer's choice return is offered at once: consent in words (paying the return shipping) creates it", async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.byMistake(DEMO.cheapDamaged.id));
    expect(await c.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(await returnsOf(h, DEMO.cheapDamaged.id)).toEqual([]);
    expect((await c.say(w.consentPaying))[0]).toBe('returns:labelReady.buyer');
    expect(await returnsOf(h, DEMO.cheapDamaged.id)).toMatchObject([{ returnShippingPaidBy: 'buyer', reason: 'ordered_by_mistake' }]);
  });

  it('a worse condition typed at the offer states the lower refund before anything is created', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.byMistake(DEMO.cheapDamaged.id));
    await c.say(await emailOf(h, DEMO.cheapDamaged.id));
    expect(await c.say(w.usedYesReturn)).toEqual(['returns:offerBuyerPaysDeducted']);
    expect(await returnsOf(h, DEMO.cheapDamaged.id)).toEqual([]);
    expect((await c.say(w.yes))[0]).toBe('returns:labelReady.buyer');
    const [rma] = await returnsOf(h, DEMO.cheapDamaged.id);
    const order = await h.assistant.services.orders.findById(DEMO.cheapDamaged.id);
    expect(rma?.refundAmount.amount).toBeLessThan(order?.items[0]?.unitPrice.amount ?? 0);
  });

  it('the verified order stays the subject: "when will it arrive then?" after a refused cancel', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.cancel(DEMO.late.id));
    expect(await c.say(await emailOf(h, DEMO.late.id))).toEqual(['cancel:shipped']);
    const keys = await c.say(w.whenThen);
    expect(keys[0]).toMatch(/^track:/);
    expect(keys).not.toContain('verify:askOrderId');
    expect(keys).not.toContain('verify:askDetail');
  });

  it('a corrected email after a failed check is tried with the same order number', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.track(DEMO.returnedToSender.id));
    expect(await c.say(w.wrongEmail)).toEqual(['verify:noMatch']);
    const keys = await c.say(w.correction(await emailOf(h, DEMO.returnedToSender.id)));
    expect(keys[0]).toMatch(/^track:/);
  });
});
