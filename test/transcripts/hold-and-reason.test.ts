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

const FAULT: Record<Lang, { told: string; order: (id: string) => string }> = {
  en: { told: 'hello, my glass kettle has stopped heating. the light comes on but nothing else. got it in the spring', order: (id) => `${id}, postcode EH2 2PR` },
  zh: { told: '你好 我的玻璃电水壶不加热了 灯会亮但是烧不开 春天买的', order: (id) => `${id} 邮编EH2 2PR` },
};

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

  it('a fault told with no order number is a return (the warranty after the window), never a tracking question', async () => {
    // The classifier's unsure reading of another topic (tracking at 0.2) pinned: the fault told decides.
    const told = FAULT[lang].told;
    const h = await harness({
      nlu: (real) => ({ ...real, understand: async (text, l) => (text === told ? { ...(await real.understand(text, l)), intent: 'track_order', score: 0.2 } : real.understand(text, l)) }),
    });
    const c = h.chat();
    await c.say(told);
    const keys = await c.say(FAULT[lang].order(DEMO.uk200d.id));
    expect(keys.some((k) => k.startsWith('track:'))).toBe(false);
    expect(keys.some((k) => k.startsWith('returns:warranty'))).toBe(true);
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
