/**
 * Round 8 of issue 15, item names typed: an everyday word one typo away from a product word ("my last order" is
 * not the cast iron skillet) names no item, so a return from an order of several items asks which one; the item
 * then picked is the one returned. Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { start: string; mitts: string; reason: string; yes: string }> = {
  en: { start: 'hey i want to return something from my last order', mitts: 'the oven mitts', reason: "don't need them anymore", yes: 'yes' },
  zh: { start: '我想退上一单里的一个东西', mitts: '隔热手套', reason: '不想要了', yes: '好的' },
};

describe.each(LANGS)('"my last order" names no item (%s)', (lang) => {
  it('asks which item, and returns the one picked', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    const w = W[lang];
    expect(await c.say(w.start)).toEqual(['verify:askOrderId']);
    await c.say(id);
    expect(await c.say(await postalOf(h, id))).toEqual(['returns:askItems']);
    expect(await c.say(w.mitts)).toEqual(['returns:askReason']);
    expect((await c.say(w.reason))[0]).toMatch(/^returns:offerBuyerPays/);
    expect((await c.say(w.yes))[0]).toBe('returns:labelReady.buyer');
    const order = await h.assistant.services.orders.findById(id);
    expect(await h.assistant.services.orders.listReturns(id)).toMatchObject([{ skus: [order?.items[2]?.sku] }]);
  });
});
