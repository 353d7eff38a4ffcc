/**
 * Round 9, a late order told as a fact (blind11 en-1108): "my headset was supposed to be here already and its NOT"
 * with the order and email is where-is-my-order (the late order's refund or reshipment offered), not "cancel or
 * track?"; "so its late right? whats going on with usps" at that offer is the verified order's status again, not out
 * of scope; "i dont want to wait anymore just refund me" takes the late order's refund, at the offer or later (the return
 * flow hands a late parcel's refund to the track flow). Both languages, real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { late: (id: string, email: string) => string; whatsUp: string; refund: string; codes: (id: string, email: string) => string; neverMind: string }> = {
  en: {
    codes: (id, email) => `order ${id}, ${email}`,
    neverMind: 'never mind',
    late: (id, email) => `my headset was supposed to be here already and its NOT. order ${id} email ${email}`,
    whatsUp: 'so its late right? whats going on with usps',
    refund: 'i dont want to wait anymore just refund me',
  },
  zh: {
    codes: (id, email) => `订单${id} ${email}`,
    neverMind: '算了',
    late: (id, email) => `耳机早该到了 到现在也没见着 订单${id} 邮箱${email}`,
    whatsUp: '所以就是延误了对吧？usps那边到底怎么回事',
    refund: '不想再等了 直接退款吧',
  },
};

describe.each(LANGS)('a late order told as a fact (%s)', (lang) => {
  const w = W[lang];

  it('is tracked with the late remedies; a question about it shows its status; the refund is the late order’s', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.late.id;
    const first = await c.say(w.late(id, await emailOf(h, id)));
    expect(first).not.toContain('common:clarify');
    expect(first).toContain('track:late');
    expect(await c.say(w.whatsUp)).toContain('track:late');
    expect(await c.say(w.refund)).toContain('track:refunded');
    expect(await h.assistant.services.orders.listReturns(id)).toEqual([]);
  });

  it('a refund asked for once the tracking was left is still the late order’s refund, not "it can’t be returned"', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.late.id;
    await c.say(w.codes(id, await emailOf(h, id)));
    await c.say(w.neverMind);
    const keys = await c.say(w.refund);
    expect(keys).not.toContain('returns:notDelivered');
    expect(keys).toContain('track:refunded');
    expect(await h.assistant.services.orders.listReturns(id)).toEqual([]);
  });
});
