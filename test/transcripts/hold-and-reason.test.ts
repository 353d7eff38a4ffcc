/**
 * Issue 15, round 4 (blind4 classes, our own wordings): a buyer who holds the action back at a
 * confirmation ("wait, before you do that …?") is never taken as consent, and the order stays; a reason
 * told at the reason question is the answer even when the classifier reads it as a request for a
 * person ("someone gave me one"). Both languages, effects asserted.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DEMO, emailOf, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { cancel: (id: string) => string; hold: string; keep: string; returnFrom: (id: string, email: string) => string; mitts: string; gift: string }> = {
  en: {
    cancel: (id) => `cancel order ${id} please`,
    hold: 'hold on, before you go ahead with it - is the keyboard ok with a mac? that is the only reason',
    keep: 'ah fine then, keep it',
    returnFrom: (id, email) => `I'd like to return something from ${id}, ${email}`,
    mitts: 'the oven mitts',
    gift: 'they are fine, my sister bought me the same ones so I only need one lot',
  },
  zh: {
    cancel: (id) => `帮我取消订单 ${id}`,
    hold: '等一下 先别急，这个键盘能用在mac上吗？就是因为这个才想取消的',
    keep: '那就保留订单吧',
    returnFrom: (id, email) => `我想退${id}里的东西 邮箱${email}`,
    mitts: '隔热手套',
    gift: '东西没问题，朋友送了我一副一样的，一副就够了',
  },
};

describe.each(LANGS)('hold and reason (%s)', (lang) => {
  const w = W[lang];

  it('"wait, before you do that …?" at the cancel question cancels nothing; keeping it keeps the order', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.justPlaced.id;
    await c.say(w.cancel(id));
    expect(await c.say(await postalOf(h, id))).toEqual(['cancel:confirm']);
    await c.say(w.hold);
    expect((await h.assistant.services.orders.findById(id))?.status).not.toBe('cancelled');
    await c.say(w.keep);
    expect((await h.assistant.services.orders.findById(id))?.status).not.toBe('cancelled');
  });

  it('a reason at the reason question is the answer, even read as a request for a person', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    await c.say(w.returnFrom(id, await emailOf(h, id)));
    expect(await c.say(w.mitts)).toEqual(['returns:askReason']);
    const keys = await c.say(w.gift);
    expect(keys.some((k) => k.startsWith('handoff:'))).toBe(false);
    expect(keys[0]).toMatch(/^returns:(?:offerBuyerPays|labelReady)/);
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    // Nothing issued on a reason alone unless the return was asked for; either way no person was called.
    expect((await orders.listReturns(id)).every((r) => r.returnShippingPaidBy === 'buyer')).toBe(true);
  });
});
