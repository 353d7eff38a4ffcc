/**
 * Issue 15, round 3 classes (from the dev3 / blind2 failures), one test each, in both languages,
 * asserting effects: a remedy typed at a late or lost parcel, a corrected order number at the
 * email / postal code question, a postal code written in groups, an order number that is never a
 * greeting, the order number an offered step needs, and a complaint whose kind was said earlier.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

interface Words {
  lost: (id: string) => string;
  refundNotReship: string;
  cancel: (id: string) => string;
  meantOther: (id: string) => string;
  yes: string;
  slowWithPostal: string;
  orderAndPostal: (id: string) => string;
  notArriving: string;
  wantToComplain: string;
  story: string;
  kettleBroke: string;
  paperSays: (id: string) => string;
  postcodeIs: string;
  cableBroken: (id: string) => string;
  dealMidway: string;
  thenReturn: string;
}

const W: Record<Lang, Words> = {
  en: {
    lost: (id) => `my coffee grinder never came, order ${id}`,
    refundNotReship: "don't bother sending another one, just refund me",
    cancel: (id) => `pls cancel ${id}`,
    meantOther: (id) => `sorry wrong one!! I meant ${id}, the keyboard`,
    yes: 'yes',
    slowWithPostal: 'zip 100 022',
    orderAndPostal: (id) => `${id} M3 2ER`,
    notArriving: "my headset still hasn't arrived, it was supposed to be here days ago",
    wantToComplain: 'I want to make a complaint',
    story: 'nobody told me anything and I needed it for a trip',
    kettleBroke: 'My kettle has stopped working. The light comes on but it does not heat the water.',
    paperSays: (id) => `I have the paper here. It says order number ${id}`,
    postcodeIs: 'The postcode is EH2 2PR',
    cableBroken: (id) => `the usb-c cable arrived broken, order ${id}`,
    dealMidway: 'I already left a 1 star review. Refund me the $7.99, let me keep the cable and I will change it to 5 stars.',
    thenReturn: 'Fine. Just do the return then.',
  },
  zh: {
    lost: (id) => `我的磨豆机一直没收到 订单${id}`,
    refundNotReship: '别跟我说重发 直接退款',
    cancel: (id) => `帮我取消 ${id}`,
    meantOther: (id) => `不好意思发错了 是${id}`,
    yes: '好的',
    slowWithPostal: '邮编 100 022',
    orderAndPostal: (id) => `${id} M3 2ER`,
    notArriving: '你们什么破物流！！！耳机说好的到现在还没到',
    wantToComplain: '我要投诉',
    story: '一直没人告诉我怎么回事 出差要用的',
    kettleBroke: '我的电水壶坏了，灯会亮但是不加热',
    paperSays: (id) => `我找到单子了 上面写的订单号是${id}`,
    postcodeIs: '邮编是EH2 2PR',
    cableBroken: (id) => `数据线收到就是坏的！！才几天 ${id}`,
    dealMidway: '你们给点补偿我就不给差评',
    thenReturn: '那就退货退款吧',
  },
};

const statusOf = async (h: Harness, id: string) => (await h.assistant.services.orders.findById(id))?.status;

describe.each(LANGS)('facts in context (%s)', (lang) => {
  const w = W[lang];

  it('a remedy typed at a lost parcel is the pick (refund recorded), even worded like a return request', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.lost(DEMO.lost.id));
    const keys = await c.say(await emailOf(h, DEMO.lost.id));
    expect(keys).toEqual(['track:lost']);
    expect(await c.say(w.refundNotReship)).toEqual(['track:refunded']);
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    expect(await orders.listRefunds(DEMO.lost.id)).toHaveLength(1);
    expect(await orders.listReturns(DEMO.lost.id)).toEqual([]);
  });

  it('a corrected order number at the email question replaces the first: only that order is cancelled', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(w.cancel(DEMO.onTime.id))).toEqual(['verify:askDetail']);
    expect(await c.say(w.meantOther(DEMO.justPlaced.id))).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    expect((await c.say(w.yes))[0]).toMatch(/^cancel:done/);
    expect(await statusOf(h, DEMO.justPlaced.id)).toBe('cancelled');
    expect(await statusOf(h, DEMO.onTime.id)).not.toBe('cancelled');
  });

  it('a postal code written in groups after its name verifies', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(`${DEMO.slow.id}`);
    const keys = await c.say(w.slowWithPostal);
    expect(keys[0]).toMatch(/^track:/);
  });

  it('an order number with a postal code is looked up, never taken for a greeting or thanks', async () => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say(w.orderAndPostal(DEMO.returnedToSender.id));
    expect(keys).toEqual(['track:returnedToSender']);
    // The tracking number is on the timeline card that goes with the reply.
    expect(JSON.stringify(c.last?.replies)).toContain('RM903715264GB');
  });

  it('the order number an offered step needs takes that step: a broken kettle after a complaint reaches the warranty', async () => {
    const h = await harness();
    const c = h.chat();
    const first = await c.say(w.kettleBroke);
    const offered = c.choices();
    if (offered.includes('intent:return_item')) {
      expect(await c.say(w.paperSays(DEMO.uk200d.id))).toEqual(['verify:askDetail']);
    } else {
      // The classifier may start the return itself; then the order number answers its question.
      expect(first).toEqual(['verify:askOrderId']);
      await c.say(w.paperSays(DEMO.uk200d.id));
    }
    expect(await c.say(w.postcodeIs)).toEqual(['returns:warranty.marketplace']);
    expect(await c.choose('warranty')).toEqual(['returns:warrantyLabelReady']);
    expect(await h.assistant.services.orders.listReturns(DEMO.uk200d.id)).toMatchObject([{ resolution: 'warranty_repair' }]);
  });

  it('a complaint whose kind was said before it started is recorded with that kind, without asking it', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.notArriving);
    await c.say(w.wantToComplain);
    const keys = await c.say(w.story);
    expect(keys).not.toContain('complaint:askCategory');
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record?.category).toBe('delivery');
  });

  it('a review deal during a return: the rule, a complaint recorded for the team, and the return goes on', async () => {
    const h = await harness();
    const c = h.chat();
    // A cheap item may be kept or sent back: the seller's-fault offer is a real choice, so it waits.
    await c.say(w.cableBroken(DEMO.cheapDamaged.id));
    expect(await c.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:offerSellerPays']);
    expect(await c.say(w.dealMidway)).toEqual(['complaint:reviewBargain', 'returns:offerSellerPays']);
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record).toMatchObject({ category: 'negative_review', reviewBargain: true, orderId: DEMO.cheapDamaged.id });
    expect((await c.say(w.thenReturn))[0]).toMatch(/^returns:labelReady/);
    expect(await h.assistant.services.orders.listReturns(DEMO.cheapDamaged.id)).toHaveLength(1);
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });
});
