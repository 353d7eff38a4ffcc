/**
 * Round 7 (issue 19): coverage-gated abstention. An answer is given only when the facts used cover
 * what was asked; otherwise the buyer is offered a person. Checked in both languages against the
 * demo data with products and wordings other than the bench sets'.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPresalesAsker, type Ask } from '../../support/presales.js';

let ask: Ask;

beforeAll(async () => {
  ask = await demoPresalesAsker();
});

describe('the page stays the subject of a one-character name on it', () => {
  it('reads 包 of 包修 on the kettle page as a word, not the backpack (zh)', () => {
    const a = ask('zh', '包修几年', 'KETTLE-GLS-17');
    expect(a.source).toMatch(/^product:KETTLE-GLS-17:warranty/);
    expect(a.text).toContain('玻璃电热水壶');
  });

  it('never answers 线 on the headset page from the USB-C cable product (zh)', () => {
    const a = ask('zh', '送线不', 'HEADSET-BT-PRO');
    expect(a.source).not.toMatch(/CABLE-USBC/);
  });
});

describe('a variant named asks for that variant, not the size chart listing it', () => {
  it('gives the stock of EU 42 on the shoes page (zh)', () => {
    const a = ask('zh', '42码还有吗', 'RUN-SHOE-KNIT');
    expect(a.source).toMatch(/^product:RUN-SHOE-KNIT:stock/);
    expect(a.text).toContain('42 码');
  });

  it('still answers a measurement of that size from the size chart (zh, en)', () => {
    expect(ask('zh', '42码脚长多少', 'RUN-SHOE-KNIT').source).toBe('kb:sizing_shoes');
    expect(ask('en', 'is 42 in stock', 'RUN-SHOE-KNIT').source).toMatch(/^product:RUN-SHOE-KNIT:stock/);
  });
});
