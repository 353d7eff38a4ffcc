/**
 * Round 8 of issue 15: answers typed in words at the flow's questions, in both languages, asserting effects.
 * A refusal after a filler ("hmm no dont do that", "啊那别弄了") keeps the order; the keep button reads "No" / "否"
 * (the words blind authors click); the return's options: postage taken on, a fallback after the buyer's own
 * question ("can I swap it? if not, refund"), one option refused and the other named; the reason told again at
 * the options is no new topic and no refusal (round 9: with the terms unchanged, it creates the return asked for).
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, type Chat, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

interface Words {
  changeAddress: (id: string) => string;
  refuseAfterFiller: string;
  noLabel: string;
  jacketTooBig: (id: string) => string;
  takesPostage: string;
  swapOrElseRefund: string;
  noExchangeRefund: string;
  mitts: (id: string) => string;
  reasonAgain: string;
}

const W: Record<Lang, Words> = {
  en: {
    changeAddress: (id) => `need to change shipping adress on my order ${id}, i typed the wrong apt number`,
    refuseAfterFiller: 'oh so you have to cancel it? hmm no dont do that',
    noLabel: 'No',
    jacketTooBig: (id) => `I want to return my rain jacket, order ${id}, I ordered the wrong size`,
    takesPostage: "I'll cover the return postage myself",
    swapOrElseRefund: 'can I swap it for a small? if not, just refund',
    noExchangeRefund: 'no exchange, just refund me',
    mitts: (id) => `I'd like to return the oven mitts from ${id}, we don't need them anymore`,
    reasonAgain: "No it is not broken, I just don't need them, bought too many",
  },
  zh: {
    changeAddress: (id) => `地址写错了 能改吗 订单号${id}`,
    refuseAfterFiller: '啊？要取消啊…那别弄了',
    noLabel: '否',
    jacketTooBig: (id) => `雨衣买大了想退 ${id}`,
    takesPostage: '那先退了吧 运费我出',
    swapOrElseRefund: '能换成S码吗？不行的话就退',
    noExchangeRefund: '是我自己选错尺码了 不是质量问题 不换了直接退吧',
    mitts: (id) => `订单${id} 隔热手套买多了 想退`,
    reasonAgain: '就是不想要了 买多了',
  },
};

const returnsOf = (h: Harness, id: string) => h.assistant.services.orders.listReturns(id);
const statusOf = async (h: Harness, id: string) => (await h.assistant.services.orders.findById(id))?.status;

/** Clicks the latest quick reply whose label contains these words, as a blind scenario's `click` does. */
async function clickLabel(c: Chat, words: string): Promise<string[]> {
  const actions = (c.last?.replies ?? []).flatMap((r) => r.activity.suggestedActions?.actions ?? []);
  const action = actions.find((a) => String(a.title).toLowerCase().includes(words.toLowerCase()));
  if (!action) throw new Error(`no quick reply labelled "${words}"; offered: ${actions.map((a) => String(a.title)).join(' | ')}`);
  return c.choose((action.value as { choice: string }).choice, String(action.title));
}

describe.each(LANGS)('words at the questions (%s)', (lang) => {
  const w = W[lang];

  async function atCancelAndReorder(h: Harness): Promise<Chat> {
    const c = h.chat();
    await c.say(w.changeAddress(DEMO.justPlaced.id));
    const keys = await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(keys).toEqual(['address:cancelAndReorder']);
    return c;
  }

  it('a refusal after a filler at "shall I cancel so you can reorder?" keeps the order', async () => {
    const h = await harness();
    const c = await atCancelAndReorder(h);
    await c.say(w.refuseAfterFiller);
    expect(await statusOf(h, DEMO.justPlaced.id)).toBe('unshipped');
  });

  it('the keep button is found by "No" / "否" and keeps the order', async () => {
    const h = await harness();
    const c = await atCancelAndReorder(h);
    await clickLabel(c, w.noLabel);
    expect(await statusOf(h, DEMO.justPlaced.id)).toBe('unshipped');
  });

  async function atJacketOffer(h: Harness): Promise<Chat> {
    const c = h.chat();
    await c.say(w.jacketTooBig(DEMO.eu29d.id));
    const keys = await c.say(await emailOf(h, DEMO.eu29d.id));
    expect(keys[0]).toMatch(/^returns:offerBuyerPays/);
    expect(await returnsOf(h, DEMO.eu29d.id)).toEqual([]);
    return c;
  }

  it("taking the return postage on, in words, creates the buyer's-choice return", async () => {
    const h = await harness();
    const c = await atJacketOffer(h);
    expect((await c.say(w.takesPostage))[0]).toBe('returns:labelReady.buyer');
    expect(await returnsOf(h, DEMO.eu29d.id)).toMatchObject([{ resolution: 'refund', returnShippingPaidBy: 'buyer' }]);
  });

  it('a fallback after the buyer\'s own question ("if not, refund") is the pick, never a refusal', async () => {
    const h = await harness();
    const c = await atJacketOffer(h);
    const keys = await c.say(w.swapOrElseRefund);
    expect(keys).not.toContain('returns:noReturn');
    expect(keys[0]).toBe('returns:labelReady.buyer');
    expect(await returnsOf(h, DEMO.eu29d.id)).toMatchObject([{ resolution: 'refund' }]);
  });

  it('one option refused and the other named ("no exchange, just refund") picks the other', async () => {
    const h = await harness();
    const c = await atJacketOffer(h);
    expect((await c.say(w.noExchangeRefund))[0]).toBe('returns:labelReady.buyer');
    expect(await returnsOf(h, DEMO.eu29d.id)).toMatchObject([{ resolution: 'refund' }]);
  });

  it('the reason told again at the options, terms unchanged, is neither a new topic nor a refusal: the return asked for is created (round 9)', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.mitts(DEMO.delivered5d.id));
    expect((await c.say(await emailOf(h, DEMO.delivered5d.id)))[0]).toMatch(/^returns:offerBuyerPays/);
    const again = await c.say(w.reasonAgain);
    expect(again[0]).toBe('returns:labelReady.buyer');
    expect(again).not.toContain('returns:noReturn');
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    expect(await returnsOf(h, DEMO.delivered5d.id)).toMatchObject([{ skus: [order?.items[2]?.sku], returnShippingPaidBy: 'buyer', resolution: 'refund' }]);
    expect(await statusOf(h, DEMO.delivered5d.id)).not.toBe('cancelled');
  });
});
