/**
 * Issue 15, classes seen after the final blind set was scored (blind3, round 3): consent is never read
 * out of a message that asks for something else ("fine, then just log a complaint" at the return offer
 * creates no return and records the complaint), and a request for a person mid-flow gets a person even
 * where the flow takes free text. Both languages, effects asserted. Wordings are our own.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { cableBroken: (id: string) => string; okButComplain: string; complain: string; person: string }> = {
  en: {
    cableBroken: (id) => `the usb-c cable arrived broken, order ${id}`,
    okButComplain: 'ok whatever. I just want you to file a complaint about this',
    complain: 'I want to make a complaint',
    person: 'REAL PERSON PLEASE',
  },
  zh: {
    cableBroken: (id) => `数据线到了就是坏的 订单${id}`,
    okButComplain: '好吧 那帮我登记个投诉',
    complain: '我要投诉',
    person: '转人工！！',
  },
};

describe.each(LANGS)('consent and asking for a person (%s)', (lang) => {
  const w = W[lang];

  it('"ok, then file a complaint" at the return offer creates no return and records the complaint', async () => {
    const h = await harness();
    const c = h.chat();
    // A cheap item may be kept or sent back: the seller's-fault offer is still a question (a real choice).
    await c.say(w.cableBroken(DEMO.cheapDamaged.id));
    expect(await c.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:offerSellerPays']);
    await c.say(w.okButComplain);
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    expect(await orders.listReturns(DEMO.cheapDamaged.id)).toEqual([]);
    // The complaint flow runs to its record (kind, then the story).
    for (let i = 0; i < 3 && (await h.assistant.services.complaints.list({ conversationId: c.id })).length === 0; i += 1) await c.say(w.okButComplain);
    expect(await h.assistant.services.complaints.list({ conversationId: c.id })).toHaveLength(1);
    expect(await orders.listReturns(DEMO.cheapDamaged.id)).toEqual([]);
  });

  it('a request for a person in the middle of a complaint gets a person', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.complain);
    const keys = await c.say(w.person);
    expect(keys.some((k) => k.startsWith('handoff:'))).toBe(true);
  });
});
