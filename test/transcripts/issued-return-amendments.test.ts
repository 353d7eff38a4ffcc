/**
 * Seller's-fault returns are issued as soon as the reason is known (no cost falls on the buyer, so no
 * consent question), with the remedy the buyer asked for; the buyer's next words may amend the return
 * just issued: another remedy ("could I have a new one instead?", "还是退款吧") on the same RMA, or
 * calling it off ("never mind, I'll keep it", "算了 不退了"). A plain "ok" / "thanks" changes nothing.
 * Both languages; effects on the order store and reply keys asserted. Wordings are our own.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<
  Lang,
  {
    mittsBurnt: (id: string, email: string) => string;
    mittsWantNew: (id: string, email: string) => string;
    jacketLeaks: (id: string, email: string) => string;
    insteadNew: string;
    insteadRefund: string;
    keepIt: string[];
    plain: string[];
    track: (id: string) => string;
    deal: string;
  }
> = {
  en: {
    mittsBurnt: (id, email) => `hi, order ${id} (${email}) - the oven mitts arrived damaged, one has a big tear`,
    mittsWantNew: (id, email) => `${id} ${email} the oven mitts arrived ripped. can you send me a new pair?`,
    jacketLeaks: (id, email) => `order ${id}, ${email}. the rain jacket is sold as waterproof but water comes straight through`,
    insteadNew: 'hmm could I have a new pair instead?',
    insteadRefund: 'actually I would rather just get my money back',
    keepIt: ["oh never mind, I'll just keep them", 'forget it, I changed my mind'],
    plain: ['ok', 'thanks!', 'yes'],
    track: (id) => `and where is my other parcel ${id}?`,
    deal: "I gave you 1 star already. Refund me now, let me keep them and I'll change the review to 5 stars",
  },
  zh: {
    mittsBurnt: (id, email) => `订单${id} 邮箱${email} 隔热手套上有一块烧焦的 收到就这样`,
    mittsWantNew: (id, email) => `${id} ${email} 隔热手套收到就破了个洞 能给我换个新的吗`,
    jacketLeaks: (id, email) => `订单${id} ${email} 雨衣说是防水的 结果一淋就透`,
    insteadNew: '要不还是换一双新的吧',
    insteadRefund: '算了 还是退款吧',
    keepIt: ['算了 不退了 我留着用吧', '不想退了'],
    plain: ['好的', '谢谢', '嗯'],
    track: (id) => `还有个包裹 ${id} 到哪了`,
    deal: '我已经给了差评 你直接退钱让我留着 我就改成五星好评',
  },
};

describe.each(LANGS)('a return issued at once, then amended by the next words (%s)', (lang) => {
  const w = W[lang];
  const returnsOf = (h: Harness, id: string) => h.assistant.services.orders.listReturns(id);
  const skillet = DEMO.delivered5d.id;

  it('the reason told: RMA + label at once (seller pays, full refund); "a new one instead" makes it an exchange on the same RMA', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(w.mittsBurnt(skillet, await emailOf(h, skillet)))).toEqual(['returns:labelReady.seller']);
    const [issued] = await returnsOf(h, skillet);
    expect(issued).toMatchObject({ resolution: 'refund', returnShippingPaidBy: 'seller', status: 'authorized' });
    expect(['damaged', 'defective']).toContain(issued?.reason);
    expect(issued?.refundAmount.amount).toBeGreaterThan(0);
    expect(await c.say(w.insteadNew)).toEqual(['returns:remedyChanged.replacement']);
    expect(c.texts()[0]).toContain(issued?.rma ?? 'missing');
    expect(await returnsOf(h, skillet)).toEqual([expect.objectContaining({ rma: issued?.rma, resolution: 'replacement', refundAmount: { amount: 0, currency: 'USD' }, status: 'authorized' })]);
  });

  it('a new one asked for with the fault: issued as an exchange; "my money back instead" makes it a refund again', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(w.mittsWantNew(skillet, await emailOf(h, skillet)))).toEqual(['returns:replacementLabelReady.seller']);
    expect(await returnsOf(h, skillet)).toEqual([expect.objectContaining({ resolution: 'replacement', returnShippingPaidBy: 'seller' })]);
    expect(await c.say(w.insteadRefund)).toEqual(['returns:remedyChanged.refund']);
    const [after] = await returnsOf(h, skillet);
    expect(after).toMatchObject({ resolution: 'refund', status: 'authorized' });
    expect(after?.refundAmount.amount).toBeGreaterThan(0);
  });

  it.each([0, 1])('calling it off right after ("never mind" wording %i): the return is withdrawn', async (i) => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(w.mittsBurnt(skillet, await emailOf(h, skillet)))).toEqual(['returns:labelReady.seller']);
    expect(await c.say(w.keepIt[i] ?? '')).toEqual(['returns:withdrawn']);
    expect(await returnsOf(h, skillet)).toEqual([expect.objectContaining({ status: 'withdrawn' })]);
  });

  it('a plain "ok" / "thanks" / "yes" after it changes nothing and gets an ordinary reply', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.mittsBurnt(skillet, await emailOf(h, skillet)));
    const [issued] = await returnsOf(h, skillet);
    for (const text of w.plain) {
      const keys = await c.say(text);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((k) => /^returns:(withdrawn|remedyChanged|labelReady|replacementLabelReady)/.test(k ?? ''))).toBe(false);
    }
    expect(await returnsOf(h, skillet)).toEqual([issued]);
  });

  it('"not as described" is refunded only: an exchange asked for after it is not offered, the return stays', async () => {
    const h = await harness();
    const c = h.chat();
    const jacket = DEMO.eu29d.id;
    expect(await c.say(w.jacketLeaks(jacket, await emailOf(h, jacket)))).toEqual(['returns:labelReady.seller']);
    const [issued] = await returnsOf(h, jacket);
    expect(issued).toMatchObject({ reason: 'not_as_described', resolution: 'refund', returnShippingPaidBy: 'seller' });
    expect(await c.say(w.insteadNew)).toEqual(['returns:remedyNotOffered']);
    expect(await returnsOf(h, jacket)).toEqual([issued]);
  });

  it('once another topic has started, "never mind" is about that topic, not the return', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.mittsBurnt(skillet, await emailOf(h, skillet)));
    const [issued] = await returnsOf(h, skillet);
    await c.say(w.track(DEMO.onTime.id));
    expect(await c.say(w.keepIt[0] ?? '')).not.toContain('returns:withdrawn');
    expect(await returnsOf(h, skillet)).toEqual([issued]);
  });

  it('a review deal right after it: the rule, recorded for the team as a review complaint; the return stays as issued', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.mittsBurnt(skillet, await emailOf(h, skillet)));
    const [issued] = await returnsOf(h, skillet);
    const dealKeys = await c.say(w.deal);
    expect(dealKeys).toContain('complaint:reviewBargain');
    expect(await h.assistant.services.complaints.list({ conversationId: c.id })).toEqual([expect.objectContaining({ orderId: skillet, reviewBargain: true })]);
    expect(await returnsOf(h, skillet)).toEqual([issued]);
  });

});

describe('the fault told in the message that switches language is the reason (en → zh)', () => {
  it('at the items question: the item and its fault from that message, the return issued at once in Chinese', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    await c.say(`hello, I need to send something back from order ${id}`);
    expect(await c.say(await emailOf(h, id))).toEqual(['returns:askItems']);
    const keys = await c.say('不好意思 我还是打中文吧 那套硅胶铲有一把收到时柄就断了');
    expect(keys).toContain('returns:labelReady.seller');
    expect(c.texts().at(-1)).toMatch(/退货/);
    const order = await h.assistant.services.orders.findById(id);
    expect(await h.assistant.services.orders.listReturns(id)).toEqual([expect.objectContaining({ skus: [order?.items[1]?.sku], reason: 'damaged', returnShippingPaidBy: 'seller' })]);
  });
});
