/**
 * Goods the seller does not sell (src/nlu/goods.ts): decided by the seller's own catalog, so the same message is the
 * shop's for a seller of televisions and another trade's for the demo store (kitchen, desk and travel goods).
 */
import { describe, expect, it } from 'vitest';
import { catalogWordsOf, GoodsReader } from '../../src/nlu/goods.js';
import { createNlu } from '../../src/nlu/index.js';
import { AFTER_SALES_INTENTS } from '../../src/nlu/types.js';
import { itReads, nluEngineAt } from '../support/nlu.js';

const tvSeller = [
  { title: { en: '55 inch 4K television', zh: '55英寸4K电视' }, keywords: { en: ['tv', 'smart tv'], zh: ['电视', '智能电视'] }, description: { en: 'A smart TV.', zh: '智能电视。' } },
];

describe('the catalog decides which goods are the shop’s', () => {
  const demo = new GoodsReader(catalogWordsOf([{ title: { en: 'Glass electric kettle', zh: '玻璃电热水壶' }, keywords: { en: ['kettle'], zh: ['水壶'] } }]));
  const tv = new GoodsReader(catalogWordsOf(tvSeller));
  it('names a good the seller does not sell', () => {
    expect(demo.notSoldHere('my tv arrived with a cracked screen', 'en')).toBe('tv');
    expect(demo.notSoldHere('冰箱不制冷了 能修吗', 'zh')).toBe('冰箱');
  });
  it('keeps goods the catalog mentions, and messages that name an order, a parcel or a product of ours', () => {
    expect(tv.notSoldHere('my tv arrived with a cracked screen', 'en')).toBeUndefined();
    expect(tv.notSoldHere('电视屏幕裂了', 'zh')).toBeUndefined();
    expect(demo.notSoldHere('my tv order never arrived', 'en')).toBeUndefined();
    expect(demo.notSoldHere('the kettle fell off my fridge and cracked', 'en')).toBeUndefined();
    expect(demo.notSoldHere('冰箱上的水壶摔裂了', 'zh')).toBeUndefined();
  });
  it('without a catalog nothing is known not to be sold', () => {
    expect(new GoodsReader(catalogWordsOf([])).notSoldHere('my tv broke', 'en')).toBeUndefined();
  });
  it('the engine follows the catalog it is given, and its reloads', async () => {
    let products: readonly unknown[] = [];
    const nlu = await createNlu({ now: () => new Date('2025-03-12T10:00:00Z'), catalog: () => products });
    expect(nlu.understandSync('my fridge is leaking everywhere, I want my money back', 'en').intent).toBe('return_item');
    products = [{ title: { en: 'Glass electric kettle', zh: '玻璃电热水壶' } }];
    expect(nlu.understandSync('my fridge is leaking everywhere, I want my money back', 'en').intent).toBe('none');
  });
});

describe('the demo store: appliances, vehicles and big furniture start no after-sales flow', () => {
  it.each([
    ['our fridge stopped cooling after a week, I want a refund', 'en'],
    ['my bike tyre keeps going flat, need a replacement', 'en'],
    ['the microwave sparks when I turn it on, this is dangerous, I want my money back', 'en'],
    ['热水器用了三天就不出热水了 要退货', 'zh'],
    ['电动车电池坏了 给我换一个', 'zh'],
  ] as const)('%s', async (text, lang) => {
    expect(AFTER_SALES_INTENTS).not.toContain((await nluEngineAt('2025-03-12T10:00:00Z')).understandSync(text, lang).intent);
  });
  itReads('2025-03-12T10:00:00Z', [
    ['the french press arrived cracked, want a replacement', 'en', 'return_item'],
    ['笔记本电脑支架晃得厉害 想退', 'zh', 'return_item'],
    ['the umbrella snapped getting out of my car, can I get a replacement', 'en', 'return_item'],
  ]);
});
