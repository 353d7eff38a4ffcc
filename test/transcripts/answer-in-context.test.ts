/**
 * Issue 15, round 4: answers and questions read in the conversation's context. An option named in
 * words at the return offer ("swap it", "换") picks it even where the knowledge base would also answer
 * the words; a return question the shop's rule answers ("can I send X back too?") is, with an order
 * verified, about that order (a second return, no re-verification); a language switch at the
 * refund-or-reship question re-states the parcel's status in the new language. Both languages,
 * effects asserted. Wordings are our own.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DEMO, emailOf, harness, postalOf, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { wrongLength: (id: string, zip: string) => string; mittsTorn: (id: string, email: string) => string; swap: string; spatulaToo: string; yes: string; trackIn: (id: string) => string; switchTo: string }> = {
  en: {
    wrongLength: (id, zip) => `bought the wrong length cable, I need to send it back. order ${id}, zip ${zip}`,
    mittsTorn: (id, email) => `order ${id}, ${email}: the oven mitts came torn at the seam`,
    swap: 'swap them',
    spatulaToo: 'could I send the spatula set back as well? turns out I never use it',
    yes: 'yes',
    trackIn: (id) => `where is my parcel ${id}`,
    switchTo: '中文',
  },
  zh: {
    wrongLength: (id, zip) => `线的长度买错了，想要长一点的，能退吗？${id} 邮编${zip}`,
    mittsTorn: (id, email) => `订单${id} 邮箱${email} 隔热手套收到就开线了`,
    swap: '换',
    spatulaToo: '铲子也可以退吗 一直用不上',
    yes: '好的',
    trackIn: (id) => `我的包裹到哪了 ${id}`,
    switchTo: 'english please',
  },
};

async function returnsOf(h: Harness, orderId: string) {
  const orders = h.assistant.services.orders;
  if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
  return orders.listReturns(orderId);
}

describe.each(LANGS)('answers in context (%s)', (lang) => {
  const w = W[lang];

  it('an order, its reason and a return read first: the offer at once, no "which do you mean?"', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.cheapDamaged.id;
    const keys = await c.say(w.wrongLength(id, await postalOf(h, id)));
    expect(keys).not.toContain('common:clarify');
    expect(keys[0]).toMatch(/^returns:offerBuyerPays/);
    await c.say(w.yes);
    expect((await returnsOf(h, id))[0]?.returnShippingPaidBy).toBe('buyer');
  });

  it('a corrected order number after a failed check is tried with the email given before (no second ask)', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.late.id;
    const typo = `${id.slice(0, -2)}${id.slice(-1)}${id.slice(-2, -1)}`;
    await c.say(lang === 'en' ? `my headset never came, ${await emailOf(h, id)}` : `耳机一直没到 我邮箱是${await emailOf(h, id)}`);
    expect(await c.say(typo)).toEqual(['verify:noMatch']);
    const keys = await c.say(lang === 'en' ? `oops, it is ${id}` : `打错了 是${id}`);
    expect(keys).not.toContain('verify:askDetail');
    expect(keys[0]).toMatch(/^track:/);
  });

  it("a seller's-fault return is issued at once; an exchange named in words right after changes its remedy (one RMA)", async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    expect(await c.say(w.mittsTorn(id, await emailOf(h, id)))).toEqual(['returns:labelReady.seller']);
    expect(await c.say(w.swap)).toEqual(['returns:remedyChanged.replacement']);
    const returns = await returnsOf(h, id);
    expect(returns).toHaveLength(1);
    expect(returns[0]?.resolution).toBe('replacement');
    expect(returns[0]?.returnShippingPaidBy).toBe('seller');
  });

  it('"can I send the spatula back too?" after a return is a second return of the verified order', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    await c.say(w.mittsTorn(id, await emailOf(h, id)));
    await c.say(w.yes);
    expect(await returnsOf(h, id)).toHaveLength(1);
    // No order number asked again: the spatula's offer, buyer pays (they just don't use it).
    expect(await c.say(w.spatulaToo)).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(await returnsOf(h, id)).toHaveLength(1);
    await c.say(w.yes);
    const returns = await returnsOf(h, id);
    expect(returns).toHaveLength(2);
    expect(returns[1]?.returnShippingPaidBy).toBe('buyer');
    const order = await h.assistant.services.orders.findById(id);
    const spatula = order?.items.find((i) => i.title.includes('spatula'))?.sku;
    expect(returns[1]?.skus).toEqual([spatula]);
  });

  it('a language switch at the refund-or-reship question states the parcel again, carrier in the new language', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.returnedToSender.id;
    await c.say(w.trackIn(id));
    expect(await c.say(await postalOf(h, id))).toEqual(['track:returnedToSender']);
    const keys = await c.say(w.switchTo);
    expect(keys).toEqual(['common:languageSwitched', 'track:returnedToSender']);
    const carrier = lang === 'en' ? '英国皇家邮政' : 'Royal Mail';
    expect(JSON.stringify(c.last?.replies.map((r) => r.activity))).toContain(carrier);
    expect(await returnsOf(h, id)).toEqual([]);
  });
});
