import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { click } from './actions.js';
import { LANGS, PHRASES } from './phrases.js';

describe.each(LANGS)('return / refund / exchange / warranty (%s)', (lang) => {
  const p = PHRASES[lang];
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });

  async function start(orderId: string) {
    const c = h.chat();
    await c.say(p.returnItem(orderId));
    const keys = await c.say(await emailOf(h, orderId));
    return { c, keys };
  }

  /** The label link in the reply opens a real PDF whose file exists. */
  async function expectLabel(rma: string) {
    const labels = h.assistant.services.labels;
    expect(existsSync(labels.labelFile(rma))).toBe(true);
  }

  it("seller's fault (defective): pick the item, and the return is issued as soon as the reason is known (free shipping, full refund, RMA + label; no question)", async () => {
    const { c, keys } = await start(DEMO.delivered5d.id);
    expect(keys).toEqual(['returns:askItems']);
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    const sku = order?.items[0]?.sku ?? 'missing';
    expect(await c.choose(`item:${sku}`)).toEqual(['returns:askReason']);
    expect(await c.choose('reason:defective')).toEqual(['returns:labelReady.seller']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.delivered5d.id);
    expect(rma).toMatchObject({ skus: [sku], reason: 'defective', resolution: 'refund', returnShippingPaidBy: 'seller', status: 'authorized' });
    // seed 001 §3 (5): the item's full price and its share of the shipping
    const item = order?.items[0];
    expect(rma?.refundAmount.amount).toBeGreaterThan((item?.unitPrice.amount ?? 0) * (item?.quantity ?? 0));
    expect(c.texts()[0]).toContain(rma?.rma ?? 'missing');
    expect(c.last?.replies[0]?.activity.attachments?.[0]?.content).toMatchObject({ actions: [{ type: 'Action.OpenUrl' }] });
    await expectLabel(rma?.rma ?? '');
  });

  it("buyer's choice (wrong size, EU order on day 29): buyer pays return shipping, item price refunded, not shipping", async () => {
    const { c, keys } = await start(DEMO.eu29d.id);
    expect(keys).toEqual(['returns:askReason']);
    // No condition question first: the refund is stated for an unused, complete item, with the lower conditions as buttons.
    expect(await c.choose('reason:wrong_size_or_colour')).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(c.choices()).toEqual(['opt:refund', 'opt:replacement', 'cond:used', 'cond:incomplete']);
    expect(await c.choose('opt:refund')).toEqual(['returns:labelReady.buyer']);
    const order = await h.assistant.services.orders.findById(DEMO.eu29d.id);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.eu29d.id);
    const itemsTotal = order?.items.reduce((s, i) => s + i.unitPrice.amount * i.quantity, 0);
    expect(rma?.returnShippingPaidBy).toBe('buyer');
    expect(rma?.refundAmount.amount).toBe(itemsTotal);
  });

  it('used item, buyer choice: the deduction is explained before the buyer agrees', async () => {
    const { c } = await start(DEMO.eu29d.id);
    await c.choose('reason:no_longer_needed');
    expect(await c.choose('cond:used')).toEqual(['returns:offerBuyerPaysDeducted']);
    expect(await c.choose('opt:refund')).toEqual(['returns:labelReady.buyer']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.eu29d.id);
    // seed 003: used → 50 % of the €89.00 jacket
    expect(rma?.refundAmount).toEqual({ amount: 4450, currency: 'EUR' });
  });

  it('parts missing, buyer choice: partial refund stated up front and promised on the RMA', async () => {
    const { c } = await start(DEMO.eu29d.id);
    await click(c, 'reason:no_longer_needed');
    expect(await click(c, 'cond:incomplete')).toEqual(['returns:offerBuyerPaysDeducted']);
    // seed 001 §3 (3): an incomplete return refunds 50 % of the €89.00 jacket; both halves are named.
    const text = c.texts()[0] ?? '';
    expect(text.match(/€44\.50/g)).toHaveLength(2);
    expect(c.choices()).toEqual(['opt:refund']);
    expect(await click(c, 'opt:refund')).toEqual(['returns:labelReady.buyer']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.eu29d.id);
    expect(rma).toMatchObject({ reason: 'no_longer_needed', resolution: 'refund', returnShippingPaidBy: 'buyer', refundAmount: { amount: 4450, currency: 'EUR' } });
    expect(c.texts()[0]).toContain('€44.50');
  });

  it('exchange: replacement with a label, no refund promised', async () => {
    const { c } = await start(DEMO.eu29d.id);
    await c.choose('reason:wrong_size_or_colour');
    expect(await c.choose('opt:replacement')).toEqual(['returns:replacementLabelReady.buyer']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.eu29d.id);
    expect(rma).toMatchObject({ resolution: 'replacement', refundAmount: { amount: 0 } });
  });

  it('cheap damaged item: returnless refund, keep the item, refunded at once', async () => {
    const { c } = await start(DEMO.cheapDamaged.id);
    expect(await c.choose('reason:damaged')).toEqual(['returns:offerSellerPays']);
    expect(c.choices()).toContain('opt:returnless_refund');
    expect(await c.choose('opt:returnless_refund')).toEqual(['returns:returnlessDone']);
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    expect(await orders.listRefunds(DEMO.cheapDamaged.id)).toHaveLength(1);
  });

  it('31 days after delivery, defective: marketplace warranty path with a warranty label', async () => {
    const { c } = await start(DEMO.delivered31d.id);
    expect(await c.choose('reason:defective')).toEqual(['returns:warranty.marketplace']);
    expect(await c.choose('warranty')).toEqual(['returns:warrantyLabelReady']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.delivered31d.id);
    expect(rma?.resolution).toBe('warranty_repair');
    await expectLabel(rma?.rma ?? '');
  });

  it('EU order 500 days after delivery: 2-year product warranty still applies, with a prepaid repair label', async () => {
    const { c } = await start(DEMO.eu500d.id);
    expect(await c.choose('reason:defective')).toEqual(['returns:warranty.product']);
    expect(c.choices()).toEqual(['warranty', 'intent:human_agent']);
    expect(await c.choose('warranty')).toEqual(['returns:warrantyLabelReady']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.eu500d.id);
    expect(rma).toMatchObject({ reason: 'defective', resolution: 'warranty_repair', returnShippingPaidBy: 'seller', refundAmount: { amount: 0, currency: 'EUR' }, status: 'authorized' });
    expect(c.texts()[0]).toContain(rma?.rma ?? 'missing');
    expect(c.last?.replies[0]?.activity.attachments?.[0]?.content).toMatchObject({ actions: [{ type: 'Action.OpenUrl' }] });
    await expectLabel(rma?.rma ?? '');
  });

  it('US order 500 days after delivery: a clear no with alternatives', async () => {
    const { c } = await start(DEMO.us500d.id);
    expect(await c.choose('reason:defective')).toEqual(['returns:noWarranty']);
    expect(c.choices()).toContain('intent:human_agent');
    expect(await h.assistant.services.orders.listReturns(DEMO.us500d.id)).toEqual([]);
  });

  it('buyer-choice return outside the window: no warranty for a change of mind', async () => {
    const { c } = await start(DEMO.delivered31d.id);
    expect(await c.choose('reason:no_longer_needed')).toEqual(['returns:noWarranty']);
  });

  it('not delivered yet: nothing to return, no reason asked; tracking or cancelling offered', async () => {
    const { c, keys } = await start(DEMO.onTime.id);
    expect(keys).toEqual(['returns:notDelivered']);
    expect(c.choices()).toEqual(['intent:track_order', 'intent:cancel_order']);
    expect(await h.assistant.services.orders.listReturns(DEMO.onTime.id)).toEqual([]);
  });

  it('refund status: answered from the RMA number, and from the order when it already has a return', async () => {
    const { c } = await start(DEMO.cheapDamaged.id);
    await c.choose('reason:damaged');
    await c.choose('opt:refund');
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.cheapDamaged.id);
    const other = h.chat();
    expect(await other.say(p.refundStatus(rma?.rma ?? ''))).toEqual(['returns:status.authorized']);
    const again = h.chat();
    await again.say(p.returnItem(DEMO.cheapDamaged.id));
    expect(await again.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:status.authorized']);
    expect(again.choices()).toEqual(['newReturn', 'no']);
  });

  it("go back from the buyer's-choice offer to the reason; a seller's-fault reason then issues the return", async () => {
    const { c } = await start(DEMO.eu29d.id);
    expect(await c.choose('reason:no_longer_needed')).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(await c.say(lang === 'en' ? 'go back' : '上一步')).toEqual(['returns:askReason']);
    expect(await c.choose('reason:wrong_item')).toEqual(['returns:labelReady.seller']);
    expect(await h.assistant.services.orders.listReturns(DEMO.eu29d.id)).toEqual([expect.objectContaining({ reason: 'wrong_item', resolution: 'refund', returnShippingPaidBy: 'seller' })]);
  });
});
