/**
 * Round 8 of issue 15: the item corrected at the reason question ("no wait, not the skillet, the other one — the
 * spatulas, they arrived melted", "不对不对 不是锅 是那套铲子 收到就化了") is the item returned, with the reason told
 * in the same words; the item first picked is not returned. Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { start: (id: string, email: string) => string; skillet: string; corrected: string }> = {
  en: {
    start: (id, email) => `hi i need to return an item from ${id}, ${email}`,
    skillet: 'the skillet',
    corrected: 'no wait sorry, not the skillet, the other one — the spatulas. they arrived melted and stuck together',
  },
  zh: {
    start: (id, email) => `我要退个东西 订单${id} 邮箱${email}`,
    skillet: '那个平底锅',
    corrected: '不对不对 不是锅 是那套铲子 收到就化了粘在一起',
  },
};

describe.each(LANGS)('the item corrected at the reason question (%s)', (lang) => {
  it('returns the corrected item for the reason told with it, not the first pick', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.delivered5d.id;
    expect(await c.say(W[lang].start(id, await emailOf(h, id)))).toEqual(['returns:askItems']);
    expect(await c.say(W[lang].skillet)).toEqual(['returns:askReason']);
    const keys = await c.say(W[lang].corrected);
    expect(keys[0]).toBe('returns:labelReady.seller');
    const order = await h.assistant.services.orders.findById(id);
    expect(await h.assistant.services.orders.listReturns(id)).toMatchObject([{ skus: [order?.items[1]?.sku], returnShippingPaidBy: 'seller' }]);
  });
});
