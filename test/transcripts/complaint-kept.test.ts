/**
 * Round 9, a complaint the buyer has clearly stated is recorded even when the flow is interrupted or the buyer already
 * said what happened (blind11 en-1111, blind12 en-1209 / en-1229 / zh-1230): a stuck parcel is a delivery complaint (no
 * category question a verification detail could derail), a request for a person records the complaint first and hands
 * it over, a bad review threatened after the order was tracked is recorded at once, and a review offered for the late
 * order's refund gets the refund it is owed, the rule and a record. Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { stuck: (id: string) => string; complain: string; person: string; track: (id: string) => string; badReview: string; late: (id: string, detail: string) => string; deal: string }> = {
  en: {
    stuck: (id) => `I want to make a complaint. My order ${id} has been stuck for 20 days, DHL says nothing`,
    complain: 'I want to make a complaint',
    person: 'no more bot answers please, get me a real person',
    track: (id) => `where is my tea set? order ${id}`,
    badReview: 'awful. bad review coming',
    late: (id, detail) => `the headset never came. ${id} ${detail}`,
    deal: 'refund me and ill change it to 5 stars, deal?',
  },
  zh: {
    stuck: (id) => `我要投诉 订单${id}的包裹卡在海关20天了`,
    complain: '我要投诉',
    person: '别跟机器人说了 转人工',
    track: (id) => `我的茶具到哪了 订单${id}`,
    badReview: '太差了 必须给差评',
    late: (id, detail) => `耳机一直没收到 ${id} ${detail}`,
    deal: '给我退款我就把差评改成好评',
  },
};

describe.each(LANGS)('a complaint the buyer stated is recorded (%s)', (lang) => {
  const w = W[lang];

  it('a stuck parcel is a delivery complaint, recorded without a category question; the postcode then tracks it', async () => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say(w.stuck(DEMO.lost.id));
    expect(keys).not.toContain('complaint:askCategory');
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record?.category).toBe('delivery');
    expect((await c.say(await postalOf(h, DEMO.lost.id))).some((k) => k.startsWith('track:'))).toBe(true);
  });

  it('a request for a person in the middle of a complaint records it first and hands it over', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.complain);
    const keys = await c.say(w.person);
    expect(keys).toContain('complaint:recordedForPerson');
    expect(keys.some((k) => k.startsWith('handoff:'))).toBe(true);
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record).toBeDefined();
    const [ticket] = await h.assistant.services.handoff.queue();
    expect(ticket?.reason).toBe('asked');
    expect(ticket?.actions).toContain(`complaint:${record?.id ?? ''}`);
  });

  it('a bad review threatened after the order was tracked is recorded at once, about that order', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.track(DEMO.slow.id));
    await c.say(await postalOf(h, DEMO.slow.id));
    const keys = await c.say(w.badReview);
    expect(keys).not.toContain('complaint:askDetails');
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record?.orderId).toBe(DEMO.slow.id);
  });

  it('a review offered for the late order’s refund: the refund it is owed, the rule, and a record', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.late(DEMO.late.id, await emailOf(h, DEMO.late.id)));
    const keys = await c.say(w.deal);
    expect(keys).toContain('track:refunded');
    expect(keys).toContain('complaint:reviewBargainOwed');
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record?.reviewBargain).toBe(true);
    expect(await h.assistant.services.orders.listReturns(DEMO.late.id)).toEqual([]);
  });
});
