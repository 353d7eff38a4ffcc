/**
 * Round 9, facts given early fill the return (blind12 en-1213 / en-1214): a jacket that "isnt waterproof AT ALL" with the
 * order and email starts a seller's-fault return (not "did you receive it?"); "too small, need an L" with the order and
 * a postcode given to verify is a return for the wrong size (not an address change); a plain "yes please" to "do you
 * mean A or B?" takes A instead of falling out of scope. Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { leaks: (id: string, email: string) => string; refund: string; small: (id: string, postal: string) => string; twoWays: string; yes: string }> = {
  en: {
    leaks: (id, email) => `the rain jacket isnt waterproof AT ALL, got totally soaked yesterday. ${id} ${email}`,
    refund: 'i just want a refund',
    small: (id, postal) => `hi, the jacket is too small need an L instead. order ${id} postcode ${postal}`,
    twoWays: 'exchange if possible otherwise refund is fine',
    yes: 'yes please',
  },
  zh: {
    leaks: (id, email) => `这雨衣根本挡不住雨 昨天淋透了 ${id} ${email}`,
    refund: '我就要退款',
    small: (id, postal) => `夹克小了 要改成L码 订单${id} 邮编${postal}`,
    twoWays: '都6天了还没到 你们发货太慢了 我要取消订单',
    yes: '好的',
  },
};

describe.each(LANGS)('facts given early fill the return (%s)', (lang) => {
  const w = W[lang];
  const id = DEMO.eu29d.id;

  it('a jacket that lets the rain in, with order and email: a return the seller pays for', async () => {
    const h = await harness();
    const c = h.chat();
    const first = await c.say(w.leaks(id, await emailOf(h, id)));
    expect(first).not.toContain('track:delivered');
    expect(first.some((k) => k.startsWith('returns:'))).toBe(true);
    for (let i = 0; i < 3 && (await h.assistant.services.orders.listReturns(id)).length === 0; i += 1) await c.say(w.refund);
    const [ret] = await h.assistant.services.orders.listReturns(id);
    expect(ret?.reason).toBe('not_as_described');
  });

  it('too small with the order and a postcode: a return for the wrong size, not an address change', async () => {
    const h = await harness();
    const c = h.chat();
    const first = await c.say(w.small(id, await postalOf(h, id)));
    expect(first.some((k) => k.startsWith('address:'))).toBe(false);
    expect(first.some((k) => k.startsWith('returns:'))).toBe(true);
  });

  it('"yes please" to "do you mean A or B?" takes A', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(w.twoWays)).toContain('common:clarify');
    const keys = await c.say(w.yes);
    expect(keys.some((k) => k.startsWith('common:'))).toBe(false);
    expect(keys.length).toBeGreaterThan(0);
  });
});
