/**
 * Round 5 classes (read from blind1–5 and dev3, tested here in other wordings and with other products):
 * what the bot asked, and what the conversation is about, decide what a message is before anything else.
 * - an order number continues the return already told or offered (never a tracking "did you receive it?");
 * - the words after the buyer's own question answer ours, a yes/no hung on that question is no answer yet;
 * - a refusal about one item followed by a request for another is that request, never a negated return;
 * - a question with the buyer's situation around it is still answered;
 * - being rung back is asking for a person;
 * - a bare postcode beside the order number verifies.
 * Effects asserted: cancelled or not, the return's item and payer, a handoff.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, postalOf, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

interface Words {
  toldReturn: string;
  ruleAsked: string;
  afterTracking: string;
  questionThenYes: string;
  conditionalHold: string;
  confirm: string;
  refuseThenRequest: string;
  callback: string;
  trackWithBarePostcode: (id: string, postal: string) => string;
  whatWasOnIt: string;
  ordinal: string;
  colourReason: string;
}

const W: Record<Lang, Words> = {
  en: {
    toldReturn: 'I chose the wrong colour on the rain jacket, can that go back?',
    ruleAsked: "if I don't like the notebook can I still send it back?",
    afterTracking: 'great thanks. oh and do you ship to the UK? thinking of sending one to my sister',
    questionThenYes: "can't you just edit it? fine, cancel it then and I'll order again",
    conditionalHold: "one sec, do you match lower prices? if so I'll keep it",
    confirm: 'alright, cancel it',
    refuseThenRequest: "forget the mitts, just return the skillet, it's too heavy for me, nothing wrong with it",
    callback: 'could somebody just give me a call about this? typing is hard for me',
    trackWithBarePostcode: (id, postal) => `where's my tea set ${id} ${postal}`,
    whatWasOnIt: 'sorry what did I order on that one again?',
    ordinal: 'ok the second one then',
    colourReason: 'I ordered the wrong colour, my bad',
  },
  zh: {
    toldReturn: '雨衣颜色选错了 能退吗',
    ruleAsked: '笔记本要是不喜欢还能退吗',
    afterTracking: '好的 对了 支持支付宝吗？想再给我妈买一个',
    questionThenYes: '改不了吗？那好吧 取消吧 我重新拍',
    conditionalHold: '等等 你们保价吗？如果保价的话我就不取消了',
    confirm: '那取消吧',
    refuseThenRequest: '铲子不退了 就退手套吧 没有质量问题 就是不喜欢',
    callback: '能不能让客服打个电话给我 我不太会打字',
    trackWithBarePostcode: (id, postal) => `茶具到哪了 ${id} ${postal}`,
    whatWasOnIt: '我那单买了啥来着',
    ordinal: '那就第二个吧',
    colourReason: '颜色拍错了',
  },
};

const statusOf = async (h: Harness, id: string) => (await h.assistant.services.orders.findById(id))?.status;
const skuOf = async (h: Harness, id: string, title: RegExp) => (await h.assistant.services.orders.findById(id))?.items.find((i) => title.test(i.title))?.sku;
const lookedUp = (keys: string[]) => keys.filter((k) => k.startsWith('track:'));

describe.each(LANGS)('the open question and the conversation decide what a message is (%s)', (lang) => {
  const w = W[lang];

  it('a return told in words no topic reads, then order number and email: that return, no lookup; buyer pays for a colour they chose', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.toldReturn);
    const id = DEMO.eu29d.id;
    const keys = await c.say(`${id} ${await emailOf(h, id)}`);
    expect(lookedUp(keys)).toEqual([]);
    expect(keys).toContain('returns:offerBuyerPaysIfUnused');
    await c.choose('opt:refund');
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma).toMatchObject({ reason: 'wrong_size_or_colour', returnShippingPaidBy: 'buyer' });
  });

  it("after the return rule's 'start a return' button, the order number starts the return, not a tracking look-up", async () => {
    const h = await harness();
    const c = h.chat();
    const rule = await c.say(w.ruleAsked);
    expect(c.choices()).toContain('intent:return_item');
    expect(rule).not.toContain('verify:askOrderId');
    const id = DEMO.labelCreated.id;
    await c.say(id);
    const keys = await c.say(await postalOf(h, id));
    // The return goes on for this order (not delivered yet, so it says so), instead of a tracking look-up.
    expect(lookedUp(keys)).toEqual([]);
    expect(keys).toContain('returns:notDelivered');
    expect(await h.assistant.services.orders.listReturns(id)).toEqual([]);
  });

  it('a shop question with the buyer\'s situation around it, after tracking, is answered', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.onTime.id;
    await c.say(`${id} ${await postalOf(h, id)}`);
    const keys = await c.say(w.afterTracking);
    expect(keys.some((k) => k.startsWith('presales:'))).toBe(true);
    expect(keys).not.toContain('faq:noMatch');
  });

  it('"can\'t you just change it? fine, cancel it then": the words after the question are the yes, the order is cancelled once', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.unshipped2d.id;
    await c.say(lang === 'en' ? `wrong address on ${id}` : `地址写错了 订单${id}`);
    expect(await c.say(await postalOf(h, id))).toContain('address:cancelAndReorder');
    const keys = await c.say(w.questionThenYes);
    expect(keys).not.toContain('cancel:confirm');
    expect(await statusOf(h, id)).toBe('cancelled');
  });

  it('a keep hung on the buyer\'s own question is no answer: the question is answered, the order kept and the question restated; a later yes cancels', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.justPlaced.id;
    await c.say(lang === 'en' ? `cancel order ${id} please` : `取消订单 ${id}`);
    expect(await c.say(await postalOf(h, id))).toContain('cancel:confirm');
    const held = await c.say(w.conditionalHold);
    expect(held).not.toContain('cancel:kept');
    expect(held.at(-1)).toBe('cancel:confirm');
    if (lang === 'en') expect(held[0]).toBe('presales:kb');
    expect(await statusOf(h, id)).not.toBe('cancelled');
    await c.say(w.confirm);
    expect(await statusOf(h, id)).toBe('cancelled');
  });

  it('refusing one item and asking for another at "which item?" returns the other, at the buyer\'s cost when nothing is wrong', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    await c.say(lang === 'en' ? `return from ${id}` : `退货 ${id}`);
    expect(await c.say(await postalOf(h, id))).toContain('returns:askItems');
    const keys = await c.say(w.refuseThenRequest);
    expect(keys).not.toContain('common:aborted');
    expect(keys).toContain('returns:offerBuyerPaysIfUnused');
    await c.choose('opt:refund');
    const wanted = lang === 'en' ? /skillet/i : /mitts/i;
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma).toMatchObject({ skus: [await skuOf(h, id, wanted)], returnShippingPaidBy: 'buyer' });
  });

  it('asking to be rung back at the warranty offer is asking for a person: handed off, no claim filed', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.uk200d.id;
    await c.say(lang === 'en' ? `my kettle from order ${id} stopped boiling` : `烧水壶坏了 订单${id}`);
    expect(await c.say(await postalOf(h, id))).toContain('returns:warranty.marketplace');
    const keys = await c.say(w.callback);
    expect(keys.some((k) => k.startsWith('handoff:'))).toBe(true);
    expect(await h.assistant.services.orders.listReturns(id)).toEqual([]);
  });

  it('a bare postcode beside the order number verifies: no second question for it', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.slow.id;
    const keys = await c.say(w.trackWithBarePostcode(id, await postalOf(h, id)));
    expect(keys).not.toContain('verify:askDetail');
    expect(keys).toContain('track:slow');
  });

  it('an ordinal at "which item?" picks the item, whatever else it reads like; the return is created for it', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    await c.say(lang === 'en' ? `need to send something back, order ${id}` : `订单${id}要退点东西`);
    expect(await c.say(await emailOf(h, id))).toContain('returns:askItems');
    await c.say(w.whatWasOnIt);
    expect(await c.say(w.ordinal)).toContain('returns:askReason');
    expect(await c.say(w.colourReason)).toContain('returns:offerBuyerPaysIfUnused');
    await c.choose('opt:refund');
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma).toMatchObject({ skus: [await skuOf(h, id, /spatula/i)], returnShippingPaidBy: 'buyer' });
  });
});
