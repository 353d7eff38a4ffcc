/**
 * The address the bot reads back before changing anything is formatted the way its country writes
 * it (formatAddress), in the buyer's language: the two read-backs that came out garbled in the
 * browser ("上海市浦东新区张杨路500号12楼，，中国, 200122 上海市" and
 * "1220 Spring St NW, Apt 3, 30309 Atlanta GA") now read right.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

/** The not-yet-shipped demo order, moved to `country` (the buyer types an address of that country). */
async function orderIn(h: Harness, countryCode: string): Promise<string> {
  const orders = h.assistant.services.orders;
  if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
  const order = await orders.findById(DEMO.justPlaced.id);
  if (!order) throw new Error('demo order missing');
  await orders.upsertOrders([{ ...order, shippingAddress: { ...order.shippingAddress, countryCode } }]);
  return order.id;
}

const CASES = [
  { country: 'CN', typed: '上海市浦东新区张杨路500号12楼，，中国, 200122', shown: '200122\n上海市浦东新区张杨路500号12楼' },
  { country: 'US', typed: '1220 Spring St NW, Apt 3, Atlanta, GA 30309', shown: '1220 Spring St NW, Apt 3\nAtlanta, GA 30309' },
] as const;

describe.each(LANGS)('the new address read back before the change (%s)', (lang) => {
  const p = PHRASES[lang];

  it.each(CASES)('$country: "$typed" reads back as its country writes it', async ({ country, typed, shown }) => {
    const h = await harness({ policy: { ...DEFAULT_POLICY, addressChangeMode: 'update_address' } });
    const id = await orderIn(h, country);
    const c = h.chat();
    await c.say(p.address(id));
    expect(await c.say(await emailOf(h, id))).toEqual(['address:askNew']);
    expect(await c.say(typed)).toEqual(['address:confirmNew']);
    const text = c.texts()[0] ?? '';
    expect(text).toContain(shown);
    expect(text).not.toMatch(/[，,]\s*[，,]|中国|上海市.*上海市|\d{5} Atlanta/s);
    // The bot answers in the language the address was typed in (a typed message sets the language).
    expect(text).toMatch(c.last?.lang === 'zh' ? /我会使用这个地址/ : /I'll use this address/);
    // Nothing changes until the buyer confirms.
    expect((await h.assistant.services.orders.findById(id))?.addressChangeRequest).toBeUndefined();
  });

  it('a redirect of a parcel on its way reads the address back the same way', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.slow.id));
    await c.say(await emailOf(h, DEMO.slow.id));
    expect(c.choices()).toContain('redirect');
    expect(await c.choose('redirect')).toEqual(['address:askRedirect']);
    expect(await c.say('北京市朝阳区建国路88号3号楼，中国，100022')).toEqual(['address:confirmNew']);
    expect(c.texts()[0]).toContain('100022\n北京市朝阳区建国路88号3号楼');
  });
});
