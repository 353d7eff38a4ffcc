/**
 * The return flow beyond its main paths: photos as evidence on the RMA, the order summary card
 * after verification (and its plain-text counterpart on a channel without cards), and a buyer who
 * offers a review change for a refund.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/channels/cli/console-adapter.js';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { click, photoUrl, sendPhotos } from './actions.js';
import { LANGS, PHRASES } from './phrases.js';

const SAY: Record<Lang, { arrivedDamaged(id: string): string; reviewForRefund: string }> = {
  en: {
    arrivedDamaged: (id) => `My order ${id} arrived damaged, I want to return it`,
    reviewForRefund: "I'll delete my 1-star review if you refund me",
  },
  zh: {
    arrivedDamaged: (id) => `订单 ${id} 收到就是坏的，我要退货`,
    reviewForRefund: '我想退货，只要全额退款我就改好评',
  },
};

/** The summary card of the skillet order as each language renders it (dates in UTC). */
const SKILLET_CARD: Record<Lang, { title: string; facts: { title: string; value: string }[]; text: string }> = {
  en: {
    title: `Order ${DEMO.delivered5d.id}`,
    facts: [
      { title: 'Placed', value: 'Nov 9, 2026' },
      { title: 'Delivered', value: 'Nov 13, 2026' },
      { title: 'Status', value: 'Delivered' },
      { title: '1 ×', value: 'Cast iron skillet, 26 cm ($34.95)' },
      { title: '1 ×', value: 'Silicone spatula set of 2 ($12.99)' },
      { title: '2 ×', value: 'Oven mitts, pair ($8.99)' },
      { title: 'Total', value: '$73.91' },
    ],
    text: `Which item from order ${DEMO.delivered5d.id} would you like to return?`,
  },
  zh: {
    title: `订单 ${DEMO.delivered5d.id}`,
    facts: [
      { title: '下单时间', value: '2026年11月9日' },
      { title: '签收时间', value: '2026年11月13日' },
      { title: '状态', value: '已签收' },
      { title: '1 ×', value: '铸铁平底锅 26 厘米（US$34.95）' },
      { title: '1 ×', value: '硅胶铲两件套（US$12.99）' },
      { title: '2 ×', value: '隔热手套（一双）（US$8.99）' },
      { title: '合计', value: 'US$73.91' },
    ],
    text: `订单 ${DEMO.delivered5d.id} 里要退哪件商品？`,
  },
};

describe.each(LANGS)('return flow: evidence, order summary, review deals (%s)', (lang) => {
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

  const returnsOf = (orderId: string) => h.assistant.services.orders.listReturns(orderId);

  it('a photo sent with the first message goes on the RMA of a damaged item, and the buyer is told', async () => {
    const c = h.chat();
    const photo = photoUrl('crushed-box');
    expect(await sendPhotos(h, c, [photo], SAY[lang].arrivedDamaged(DEMO.cheapDamaged.id))).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:offerSellerPays']);
    expect(await click(c, 'opt:refund')).toEqual(['returns:labelReady.seller', 'returns:evidenceAttached']);
    const [rma] = await returnsOf(DEMO.cheapDamaged.id);
    expect(rma).toMatchObject({ reason: 'damaged', evidence: [photo] });
    expect(c.texts()[1]).toContain(rma?.rma ?? 'missing');
  });

  it("a photo before the reason: a seller's-fault return is issued at once with it on the RMA", async () => {
    const { c } = await start(DEMO.eu29d.id);
    const photo = photoUrl('torn-seam');
    expect(await sendPhotos(h, c, [photo])).toEqual(['returns:photoReceived', 'returns:askReason']);
    expect(await click(c, 'reason:damaged')).toEqual(['returns:labelReady.seller', 'returns:evidenceAttached']);
    expect(await returnsOf(DEMO.eu29d.id)).toEqual([expect.objectContaining({ reason: 'damaged', returnShippingPaidBy: 'seller', evidence: [photo] })]);
  });

  it('photos sent on their own mid-flow: thanked for, the question asked again, all of them on the RMA', async () => {
    // A cheap item may be kept: the seller's-fault offer is a real choice, so it waits for the pick.
    const { c, keys } = await start(DEMO.cheapDamaged.id);
    expect(keys).toEqual(['returns:askReason']);
    const photos = [photoUrl('torn-seam'), photoUrl('label')];
    expect(await sendPhotos(h, c, [photos[0] ?? ''])).toEqual(['returns:photoReceived', 'returns:askReason']);
    expect(c.choices()).toContain('reason:damaged');
    expect(await click(c, 'reason:damaged')).toEqual(['returns:offerSellerPays']);
    expect(await sendPhotos(h, c, [photos[1] ?? ''])).toEqual(['returns:photoReceived', 'returns:offerSellerPays']);
    expect(c.choices()).toContain('opt:refund');
    expect(await click(c, 'opt:refund')).toEqual(['returns:labelReady.seller', 'returns:evidenceAttached']);
    const [rma] = await returnsOf(DEMO.cheapDamaged.id);
    expect(rma?.evidence).toEqual(photos);
    expect(c.texts()[1]).toContain(lang === 'en' ? 'your 2 photos' : '2 张照片');
  });

  it('a returnless refund of a damaged item keeps the photo too', async () => {
    const c = h.chat();
    const photo = photoUrl('cut-cable');
    await sendPhotos(h, c, [photo], SAY[lang].arrivedDamaged(DEMO.cheapDamaged.id));
    await c.say(await emailOf(h, DEMO.cheapDamaged.id));
    expect(await click(c, 'opt:returnless_refund')).toEqual(['returns:returnlessDone', 'returns:evidenceAttached']);
    const [rma] = await returnsOf(DEMO.cheapDamaged.id);
    expect(rma).toMatchObject({ resolution: 'returnless_refund', evidence: [photo] });
  });

  it("a change of mind is nobody's fault: a photo is thanked for but is not put on the RMA as evidence", async () => {
    const { c } = await start(DEMO.eu29d.id);
    expect(await sendPhotos(h, c, [photoUrl('jacket')])).toEqual(['returns:photoReceived', 'returns:askReason']);
    await click(c, 'reason:wrong_size_or_colour');
    expect(await click(c, 'opt:refund')).toEqual(['returns:labelReady.buyer']);
    const [rma] = await returnsOf(DEMO.eu29d.id);
    expect(rma?.reason).toBe('wrong_size_or_colour');
    expect(rma?.evidence).toBeUndefined();
  });

  it('after verification, the first reply carries the order summary card; only once, never before', async () => {
    const c = h.chat();
    await c.say(p.returnItem(DEMO.delivered5d.id));
    expect(c.last?.replies[0]?.activity.attachments).toBeUndefined();
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
    const reply = c.last?.replies[0];
    const card = SKILLET_CARD[lang];
    expect(reply?.activity.attachments?.[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { body: [{ type: 'TextBlock', text: card.title }, { type: 'FactSet', facts: card.facts }] },
    });
    // Channels without cards show the text: the whole question, naming the order.
    expect(reply?.text).toBe(card.text);
    expect(reply?.activity.text).toBe(card.text);
    expect(await click(c, 'item:PAN-CAST-26')).toEqual(['returns:askReason']);
    expect(c.last?.replies[0]?.activity.attachments).toBeUndefined();
  });

  it('with an open return on the order, the status reply carries the card instead', async () => {
    const { c } = await start(DEMO.cheapDamaged.id);
    await click(c, 'reason:damaged');
    await click(c, 'opt:refund');
    const again = h.chat();
    await again.say(p.returnItem(DEMO.cheapDamaged.id));
    expect(await again.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:status.authorized']);
    const body = (again.last?.replies[0]?.activity.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined)?.body;
    expect(body?.[0]?.text).toBe(`${lang === 'en' ? 'Order' : '订单'} ${DEMO.cheapDamaged.id}`);
    expect(await click(again, 'newReturn')).toEqual(['returns:askReason']);
    expect(again.last?.replies[0]?.activity.attachments).toBeUndefined();
  });

  it('on a channel without cards (the terminal) the buyer reads the question and picks the item from the options', async () => {
    const lines: string[] = [];
    const adapter = new ConsoleAdapter((line) => lines.push(line));
    const logic = (context: Parameters<typeof h.assistant.bot.run>[0]) => h.assistant.bot.run(context);
    await adapter.receive(p.returnItem(DEMO.delivered5d.id), logic);
    await adapter.receive(await emailOf(h, DEMO.delivered5d.id), logic);
    const item = lang === 'en' ? 'Cast iron skillet, 26 cm (×1)' : '铸铁平底锅 26 厘米（×1）';
    expect(lines.slice(-5)).toEqual([
      `bot> ${SKILLET_CARD[lang].text}`,
      `     1. ${item}`,
      `     2. ${lang === 'en' ? 'Silicone spatula set of 2 (×1)' : '硅胶铲两件套（×1）'}`,
      `     3. ${lang === 'en' ? 'Oven mitts, pair (×2)' : '隔热手套（一双）（×2）'}`,
      `     4. ${lang === 'en' ? 'All items' : '全部商品'}`,
    ]);
    lines.length = 0;
    await adapter.receive('4', logic);
    expect(lines[0]).toBe(`bot> ${lang === 'en' ? 'I can help with that. Why would you like to return it?' : '可以的。请问是什么原因想退货？'}`);
  });

  it('a review offered for a refund: the rule first, then the real remedy, a return on the usual terms', async () => {
    const c = h.chat();
    expect(await c.say(SAY[lang].reviewForRefund)).toEqual(['complaint:reviewBargain', 'verify:askOrderId']);
    expect(await c.say(DEMO.cheapDamaged.id)).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.cheapDamaged.id))).toEqual(['returns:askReason']);
    expect(await click(c, 'reason:damaged')).toEqual(['returns:offerSellerPays']);
    expect(await returnsOf(DEMO.cheapDamaged.id)).toEqual([]);
  });
});
