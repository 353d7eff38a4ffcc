/**
 * Round 9 (issue 19): classes of wrong facts and misses read off set H, checked in both languages
 * against the demo data with products and wordings other than the bench set's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPresalesAsker, type Ask, type Asked } from '../../support/presales.js';

let ask: Ask;

beforeAll(async () => {
  ask = await demoPresalesAsker();
});

/** An abstention that offers the buyer a person. */
function expectAbstention(a: Asked): void {
  expect(a.answered).toBe(false);
  expect(a.keys).toEqual(['faq:noMatch']);
  expect(a.text).toMatch(/team|人工/);
}

describe('a price or time asked after "do you ship there?" of a country we do not serve', () => {
  it('is answered by "we don\'t ship there", not named as a part left unanswered (en)', () => {
    const a = ask('en', 'do you ship to india? how long does it take');
    expect(a.answered).toBe(true);
    expect(a.text).toContain("don't ship to India");
    expect(a.answered).toBe(true);
  });

  it('is answered the same way in Chinese, in the knowledge base\'s words (zh)', () => {
    const a = ask('zh', '寄巴西吗 要几天');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('巴西暂时不发货');
    expect(a.answered).toBe(true);
  });

  it('still answers another product asked beside it (en)', () => {
    const a = ask('en', 'do you ship to india? how much is the lamp');
    expect(a.text).toContain("don't ship to India");
    expect(a.text).toContain('$39.99');
  });
});

describe('a share of a material asked is the composition', () => {
  it('answers how much of a material is in it from the materials fact (en)', () => {
    const a = ask('en', 'can i machine wash them? how much merino is in them', 'SOCKS-WOOL-3P');
    expect(a.text).toContain('70% merino wool');
    expect(a.answered).toBe(true);
  });

  it('answers 占比 of a material from the materials fact (zh)', () => {
    const a = ask('zh', '这双袜子羊毛占比多少', 'SOCKS-WOOL-3P');
    expect(a.text).toContain('70% 美利奴羊毛');
  });
});

describe('a sold-out variant asked with its price', () => {
  it('gives the variant in stock instead with its own price (en)', () => {
    const a = ask('en', 'is the 2 m usb-c cable in stock and what does it cost');
    expect(a.text).toContain('$9.99');
    expect(a.text).toMatch(/In stock instead: 1 m \$7\.99/);
  });

  it('gives the variant in stock instead with its own price (zh)', () => {
    const a = ask('zh', '2米的有货吗 多少钱', 'CABLE-USBC');
    expect(a.text).toMatch(/目前有货的是：1 米 \$7\.99/);
  });

  it('names the variant alone when no price was asked (en)', () => {
    const a = ask('en', 'is the 2m usb c cable in stock');
    expect(a.text).toContain('In stock instead: 1 m.');
  });
});
