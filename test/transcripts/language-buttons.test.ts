import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness } from '../support/transcript.js';

describe('the conversation language and clicked buttons', () => {
  it('a Chinese buyer clicking a button titled with an English product name keeps getting Chinese', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(`我想退货，订单号 ${DEMO.delivered5d.id}`);
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    const item = order?.items[0];
    // The button shows the product's own (English) title.
    expect(item?.title).toMatch(/^[\x20-\x7e]+$/);
    expect(await c.choose(`item:${item?.sku ?? ''}`, item?.title)).toEqual(['returns:askReason']);
    expect(c.last?.lang).toBe('zh');
    expect(c.texts()[0]).toMatch(/\p{Script=Han}/u);
  });

  it('typing in another language still switches (only button text is ignored)', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say('你好');
    await c.say('where is my order?');
    expect(c.last?.lang).toBe('en');
  });
});
