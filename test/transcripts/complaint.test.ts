import { describe, expect, it, vi } from 'vitest';
import { SWITCH_SCORE } from '../../dialogs/root.machine.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import type { Lang } from '../../src/domain/lang.js';
import { emailOf, harness, DEMO, T0, type Harness } from '../support/transcript.js';
import { trainedNlu } from '../support/nlu.js';
import { click } from './actions.js';
import { LANGS, PHRASES } from './phrases.js';

/** Complaints of the classes the shared phrases don't cover, and review deals (never accepted). */
const MORE: Record<Lang, { service: string; mismatch: string; other: string; bargain: string }> = {
  en: {
    service: 'Your customer service agent was rude to me on the phone and hung up on me twice',
    mismatch: "I'm really unhappy, the jacket I got is not as described at all",
    other: 'The app kept logging me out and the whole experience was frustrating',
    bargain: 'I will change my review to 5 stars if you send me a new one for free',
  },
  zh: {
    service: '你们客服态度太差了，电话里对我很不耐烦，还挂了我两次电话',
    mismatch: '收到的外套和图片不一样，颜色差很多，太失望了',
    other: '整个购物体验太糟糕了，页面一直报错，很不满意',
    bargain: '退款的话我就把差评删掉',
  },
};

/** Review deals the classifier does not read as a complaint or a return (checked below, so the tests keep their point). */
/** Review deals the classifier reads as a complaint with a score over the switch threshold. */
const CONFIDENT_DEAL: Record<Lang, string> = {
  en: 'terrible service, I will update my review to 5 stars if you send me a new one for free',
  zh: '我对这个商品很不满意，退款的话我就把差评删掉',
};

const UNCLASSIFIED_DEALS: Record<Lang, { text: string; intent: string }[]> = {
  en: [
    { text: 'coupon please, then I edit my feedback', intent: 'faq' },
    { text: 'send a gift card, I will amend feedback', intent: 'faq' },
    { text: 'I am willing to withdraw my feedback in return for a little credit', intent: 'cancel_order' },
  ],
  zh: [
    { text: '给我补偿我就撤掉评论', intent: 'none' },
    { text: '如果给我返现，我马上把评论删了', intent: 'none' },
    { text: '发个优惠券，我把中评改成好评', intent: 'greeting' },
  ],
};

/** A high-value order for the order-value rule: the demo skillet order (US$73.91) counts as one. */
const VALUE_POLICY = { ...DEFAULT_POLICY, complaints: { ...DEFAULT_POLICY.complaints, severeOrderValue: { USD: 5000 } } };

async function verifiedBy(h: Harness, lang: Lang, orderId: string) {
  const c = h.chat();
  await c.say(PHRASES[lang].track(orderId));
  expect(await c.say(await emailOf(h, orderId))).toEqual(['track:delivered']);
  await click(c, 'no');
  return c;
}

describe.each(LANGS)('complaints and negative reviews (%s)', (lang) => {
  const p = PHRASES[lang];

  it('a detailed quality complaint: apology, recorded with the buyer words, the return path offered', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainDamaged(DEMO.delivered5d.id))).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    expect(c.choices()).toContain('intent:return_item');
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category: 'product_quality', severity: 'normal' });
    expect(record?.buyerText).toEqual([p.complainDamaged(DEMO.delivered5d.id)]);
  });

  it('a short complaint: listens, asks the category, records it', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainShort)).toEqual(['complaint:askDetails']);
    expect(await c.say(p.complainReview.slice(0, 12))).toEqual(['complaint:sorry', 'complaint:askCategory']);
    expect(await c.choose('cat:delivery')).toEqual(['complaint:recorded.delivery']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record?.buyerText).toEqual([p.complainShort, p.complainReview.slice(0, 12)]);
  });

  it('a negative review already left (said in the first message): the review rule, handed off to a person without asking the category', async () => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say(p.complainReview);
    expect(keys.slice(0, 2)).toEqual(['complaint:sorry', 'complaint:severeReview']);
    expect(keys[2]).toMatch(/^handoff:(queued|afterHours)$/);
    expect((await h.assistant.services.handoff.queue())[0]).toMatchObject({ reason: 'severe_complaint', lang });
  });

  it('a safety complaint is severe: flagged urgent and handed off', async () => {
    const h = await harness();
    const c = h.chat();
    const first = await c.say(p.complainLawyer);
    expect(first.slice(0, 2)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    const keys = await c.choose('cat:product_quality');
    expect(keys[0]).toBe('complaint:severe');
    const [record] = await h.assistant.services.complaints.list();
    expect(record?.severity).toBe('severe');
  });

  it('service: the wording decides the class, recorded as service, a person offered (no return)', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(MORE[lang].service)).toEqual(['complaint:sorry', 'complaint:recorded.service']);
    expect(c.choices()).toEqual(['intent:human_agent']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category: 'service', severity: 'normal', buyerText: [MORE[lang].service] });
  });

  it('not as described: the wording decides the class, the free return is offered', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(MORE[lang].mismatch)).toEqual(['complaint:sorry', 'complaint:recorded.description_mismatch']);
    expect(c.choices()).toEqual(['intent:return_item', 'intent:human_agent']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category: 'description_mismatch', severity: 'normal' });
  });

  it('something else: recorded as other, a person offered', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(MORE[lang].other)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    expect(await click(c, 'cat:other')).toEqual(['complaint:recorded.other']);
    expect(c.choices()).toEqual(['intent:human_agent']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category: 'other', severity: 'normal' });
  });

  it('an order id named by an unverified buyer is kept as "mentioned"; nothing about that order is said', async () => {
    const h = await harness({ policy: VALUE_POLICY });
    const c = h.chat();
    const orderId = DEMO.delivered5d.id;
    expect(await c.say(p.complainDamaged(orderId))).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record?.mentionedOrderId).toBe(orderId);
    expect(record?.orderId).toBeUndefined();
    // The order is worth more than the policy's limit, but an unverified buyer's claim doesn't count.
    expect(record?.severity).toBe('normal');
    const order = await h.assistant.services.orders.findById(orderId);
    const said = c.texts().join('\n');
    for (const detail of [order?.buyerEmail, ...(order?.items.map((i) => i.title) ?? []), order?.shippingAddress.line1]) expect(said).not.toContain(detail);
  });

  it("a verified buyer: the complaint is on their order, and the order's value makes it urgent", async () => {
    const h = await harness({ policy: VALUE_POLICY });
    const orderId = DEMO.delivered5d.id;
    const c = await verifiedBy(h, lang, orderId);
    const keys = await c.say(p.complainDamaged(orderId));
    expect(keys.slice(0, 2)).toEqual(['complaint:sorry', 'complaint:severe']);
    expect(keys[2]).toMatch(/^handoff:(queued|afterHours)$/);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ orderId, category: 'product_quality', severity: 'severe' });
    expect(record?.mentionedOrderId).toBeUndefined();
  });

  it("a host page's signed buyer token verifies the buyer's own orders, not someone else's", async () => {
    const h = await harness({ policy: VALUE_POLICY });
    const own = DEMO.delivered5d.id;
    const send = async (conversationId: string, orderId: string) => {
      const email = await emailOf(h, own);
      const r = await h.assistant.runner.run({ conversationId, activityId: `${conversationId}-1`, kind: 'message', text: p.complainDamaged(orderId), verifiedEmail: email });
      return r.replies.map((x) => x.key);
    };
    expect((await send(`tok-own-${lang}`, own)).slice(0, 2)).toEqual(['complaint:sorry', 'complaint:severe']);
    const other = DEMO.us500d.id; // US$89.99, over the limit too: only verification separates the two
    expect(await send(`tok-other-${lang}`, other)).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    const byConversation = async (id: string) => (await h.assistant.services.complaints.list({ conversationId: id }))[0];
    expect(await byConversation(`tok-own-${lang}`)).toMatchObject({ orderId: own, severity: 'severe' });
    const foreign = await byConversation(`tok-other-${lang}`);
    expect(foreign).toMatchObject({ mentionedOrderId: other, severity: 'normal' });
    expect(foreign?.orderId).toBeUndefined();
  });

  it('an order verified earlier stays the complaint\'s order when the order store cannot be read at that moment', async () => {
    const h = await harness();
    const orderId = DEMO.delivered5d.id;
    const c = await verifiedBy(h, lang, orderId);
    const orders = h.assistant.services.orders;
    const down = vi.spyOn(orders, 'findById').mockRejectedValue(new Error('order store unavailable'));
    try {
      expect(await c.say(MORE[lang].service)).toEqual(['complaint:sorry', 'complaint:recorded.service']);
      expect(down).toHaveBeenCalledWith(orderId);
    } finally {
      down.mockRestore();
    }
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record).toMatchObject({ orderId, category: 'service' });
    expect(record?.mentionedOrderId).toBeUndefined();
  });

  it('the same verified complaint under the default limits stays normal (the value rule is what fired)', async () => {
    const h = await harness();
    const orderId = DEMO.delivered5d.id;
    const c = await verifiedBy(h, lang, orderId);
    expect(await c.say(p.complainDamaged(orderId))).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ orderId, severity: 'normal' });
  });

  it('a review for a refund: the rule is explained, nothing is given for it, and the real problem still gets its remedy', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(MORE[lang].bargain)).toEqual(['complaint:reviewBargain', 'complaint:askCategory']);
    expect(await click(c, 'cat:product_quality')).toEqual(['complaint:recorded.product_quality']);
    expect(c.choices()).toContain('intent:return_item');
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category: 'product_quality', reviewBargain: true, buyerText: [MORE[lang].bargain] });
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    for (const o of await orders.listOrders()) expect(await orders.listRefunds(o.id)).toEqual([]);
  });

  it('typed words that name the kind of problem answer the category question (kept with the story)', async () => {
    const h = await harness();
    const c = h.chat();
    const [said, category] = lang === 'en' ? ['the item is not as described', 'description_mismatch'] : ['少了零件', 'product_quality'];
    expect(await c.say(MORE[lang].other)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    expect(await c.say(said)).toEqual([`complaint:recorded.${category}`]);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category, buyerText: [MORE[lang].other, said] });
  });

  it.each(UNCLASSIFIED_DEALS[lang])('a review deal the classifier reads as $intent still hears the rule in the complaint flow: $text', async ({ text, intent }) => {
    const understood = await (await trainedNlu(() => T0)).understand(text, lang);
    expect(understood).toMatchObject({ intent, entities: expect.arrayContaining([{ type: 'reviewBargain', value: 'offered' }]) });
    const h = await harness();
    const c = h.chat();
    expect(await c.say(text)).toEqual(['complaint:reviewBargain', 'complaint:askCategory']);
    expect(await click(c, 'cat:product_quality')).toEqual(['complaint:recorded.product_quality']);
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record).toMatchObject({ reviewBargain: true, buyerText: [text] });
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    for (const o of await orders.listOrders()) expect(await orders.listRefunds(o.id)).toEqual([]);
  });

  it('a review deal in the middle of another flow goes to the complaint flow, however unsure the classifier is', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.track(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['track:delivered']);
    const deal = UNCLASSIFIED_DEALS[lang][0]?.text ?? '';
    expect(await c.say(deal)).toEqual(['complaint:reviewBargain', 'complaint:askCategory']);
    expect(await click(c, 'cat:delivery')).toEqual(['complaint:recorded.delivery']);
    // The tracking flow had verified the order: the complaint is on it.
    expect((await h.assistant.services.complaints.list({ conversationId: c.id }))[0]).toMatchObject({ reviewBargain: true, orderId: DEMO.delivered5d.id, buyerText: [deal] });
  });

  it('a review deal in the middle of a return: the rule, then the same question; nothing counts as misunderstood', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.eu29d.id));
    expect(await c.say(await emailOf(h, DEMO.eu29d.id))).toEqual(['returns:askReason']);
    const deal = UNCLASSIFIED_DEALS[lang][0]?.text ?? '';
    expect(await c.say(deal)).toEqual(['complaint:reviewBargain', 'returns:askReason']);
    expect(await c.say(p.gibberish)).toEqual(['returns:reasonNotRecognised']);
    // The seller's fault: issued as soon as the reason is known.
    expect(await click(c, 'reason:damaged')).toEqual(['returns:labelReady.seller']);
    expect(await h.assistant.services.orders.listReturns(DEMO.eu29d.id)).toEqual([expect.objectContaining({ reason: 'damaged', returnShippingPaidBy: 'seller' })]);
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });

  it('a review deal the classifier is sure reads as a complaint, in the middle of a return: the rule, and the return goes on', async () => {
    const deal = CONFIDENT_DEAL[lang];
    const understood = await (await trainedNlu(() => T0)).understand(deal, lang);
    expect(understood).toMatchObject({ intent: 'complaint', entities: expect.arrayContaining([{ type: 'reviewBargain', value: 'offered' }]) });
    expect(understood.score).toBeGreaterThanOrEqual(SWITCH_SCORE);
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.eu29d.id));
    expect(await c.say(await emailOf(h, DEMO.eu29d.id))).toEqual(['returns:askReason']);
    expect(await c.say(deal)).toEqual(['complaint:reviewBargain', 'returns:askReason']);
    // The seller's fault: issued as soon as the reason is known.
    expect(await click(c, 'reason:damaged')).toEqual(['returns:labelReady.seller']);
    expect(await h.assistant.services.orders.listReturns(DEMO.eu29d.id)).toEqual([expect.objectContaining({ reason: 'damaged', returnShippingPaidBy: 'seller' })]);
    // The deal is recorded for the team as a review complaint (as at the start of a conversation), with no handoff.
    expect(await h.assistant.services.complaints.list({ conversationId: c.id })).toMatchObject([{ category: 'negative_review', reviewBargain: true }]);
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });

  it('a review deal while a return asks for the order number: the rule, then the question again', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(lang === 'en' ? 'I want to return something' : '我想退货')).toEqual(['verify:askOrderId']);
    const deal = UNCLASSIFIED_DEALS[lang][0]?.text ?? '';
    expect(await c.say(deal)).toEqual(['complaint:reviewBargain', 'verify:askOrderId']);
  });

  it('a review deal offered while telling the story: the rule once, then the complaint goes on', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainShort)).toEqual(['complaint:askDetails']);
    expect(await c.say(MORE[lang].bargain)).toEqual(['complaint:reviewBargain', 'complaint:askCategory']);
    expect(await c.say(MORE[lang].service)).toEqual(['complaint:recorded.service']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ reviewBargain: true, category: 'service', buyerText: [p.complainShort, MORE[lang].bargain, MORE[lang].service] });
  });
});
