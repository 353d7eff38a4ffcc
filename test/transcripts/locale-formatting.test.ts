/**
 * Money and dates in real replies, formatted per locale by the renderer (Intl, en-US / zh-CN, UTC).
 * The expected strings are written out: a renderer that ignored the locale, the currency or the
 * minor units would fail here.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { click } from './actions.js';
import { LANGS, PHRASES } from './phrases.js';

const EXPECTED: Record<Lang, { usd: string; eur: string; cheapDeadline: string; jacketDeadline: string }> = {
  en: { usd: '$7.99', eur: '€44.50', cheapDeadline: 'Dec 15, 2026', jacketDeadline: 'Nov 19, 2026' },
  zh: { usd: 'US$7.99', eur: '€44.50', cheapDeadline: '2026年12月15日', jacketDeadline: '2026年11月19日' },
};

describe.each(LANGS)('money and dates in replies (%s)', (lang) => {
  const p = PHRASES[lang];
  const x = EXPECTED[lang];

  it('a USD refund and the return deadline, in the offer, its buttons and the refund confirmation', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.cheapDamaged.id));
    await c.say(await emailOf(h, DEMO.cheapDamaged.id));
    expect(await click(c, 'reason:damaged')).toEqual(['returns:offerSellerPays']);
    const offer = c.texts()[0] ?? '';
    expect(offer).toContain(x.usd);
    expect(offer).toContain(x.cheapDeadline);
    if (lang === 'en') expect(offer).not.toContain('US$');
    const buttons = (c.last?.replies[0]?.activity.suggestedActions?.actions ?? []).map((a) => a.title);
    expect(buttons).toEqual(
      lang === 'en'
        ? ['Yes, return it for a refund ($7.99)', 'Exchange for a new one', 'Keep it, refund $7.99']
        : ['是，退货退款（US$7.99）', '换一件新的', '不用寄回，退款 US$7.99'],
    );
    expect(await click(c, 'opt:returnless_refund')).toEqual(['returns:returnlessDone']);
    expect(c.texts()[0]).toContain(x.usd);
  });

  it('a EUR partial refund and deduction, and the deadline', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.eu29d.id));
    await c.say(await emailOf(h, DEMO.eu29d.id));
    await click(c, 'reason:no_longer_needed');
    expect(await click(c, 'cond:incomplete')).toEqual(['returns:offerBuyerPaysDeducted']);
    const offer = c.texts()[0] ?? '';
    expect(offer.split(x.eur)).toHaveLength(3);
    expect(offer).toContain(x.jacketDeadline);
    expect(offer).not.toMatch(/44[.,]5(?!0)|4450/);
  });
});
