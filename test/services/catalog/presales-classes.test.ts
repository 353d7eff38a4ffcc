/**
 * Classes of pre-sales questions that set B showed the answerer missed or got wrong, each checked in
 * both languages against the demo catalog and knowledge base (data/): an answer must hold the fact,
 * and a question the data does not answer must abstain (never a wrong fact).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Speller } from '../../../src/services/catalog/spelling.js';
import type { Lang } from '../../../src/domain/lang.js';
import { demoPresalesAsker, type Ask } from '../../support/presales.js';

let ask: Ask;

beforeAll(async () => {
  ask = await demoPresalesAsker();
});

type Case = { q: string; page?: string; says?: string[] };
const CLASSES: Record<string, Record<Lang, Case[]>> = {
  'a size chart the seller wrote for the product answers a body measurement': {
    en: [{ q: 'My chest is 100 cm, which rain jacket size?', says: ['96-104'] }, { q: 'I wear EU 37 shoes, what size merino socks?', says: ['35-38'] }],
    zh: [{ q: '冲锋衣胸围100穿什么码', says: ['96-104'] }, { q: '脚长25厘米穿多大', page: 'RUN-SHOE-KNIT', says: ['40'] }],
  },
  'a colour asked of a product sold in one colour is answered by its Colour attribute': {
    en: [{ q: 'what colours are the notebooks in the pack', says: ['sand'] }],
    zh: [{ q: '雨衣有黑色吗', says: ['藏青色'] }, { q: '防雨夹克有几个颜色', says: ['藏青'] }],
  },
  'a bare question on a product page is about that product': {
    en: [{ q: 'windproof?', page: 'UMBR-AUTO-FOLD', says: ['flex back'] }, { q: 'dishwasher safe?', page: 'PAN-CAST-26', says: ['Not dishwasher safe'] }],
    zh: [{ q: '防水指数多少', page: 'JACKET-RAIN', says: ['10,000'] }, { q: '这条数据线能充多少瓦', page: 'CABLE-USBC', says: ['100W'] }],
  },
  'the count left is said when asked': {
    en: [{ q: 'how many red spatula sets do you have left? need 10 for my cooking class', says: ['18'] }],
    zh: [{ q: '黑色雨伞还剩几把', says: ['60'] }],
  },
  "a product's own restock date comes before the shop's general one": {
    en: [{ q: 'when will the memory foam pillow be back in stock?', says: ['2 weeks'] }],
    zh: [{ q: '记忆棉枕头什么时候补货', says: ['2 周'] }],
  },
  'a shop word alone does not name a product ("cancel" is not the noise cancelling headset)': {
    en: [{ q: 'just ordered, can I still cancel?', says: ['30 minutes'] }],
    zh: [],
  },
  'two products compared: each answered on its own': {
    en: [{ q: 'blender or air fryer - which one has the longer warranty?', says: ['3 years', '2 years'] }, { q: 'Which is lighter to carry around, the noise cancelling headset or the bluetooth speaker?', says: ['250', '450'] }],
    zh: [{ q: '保温杯和法压壶哪个容量大', says: ['750', '1 升'] }, { q: '法压壶和磨豆机一起买多少钱', says: ['189', '368'] }],
  },
  'shipping to a city is shipping to its country (GeoNames table; Chinese exonyms)': {
    en: [{ q: 'do you ship to Toronto?', says: ['Canada', '$12.99'] }, { q: "I'm in Sydney, how much is shipping?", says: ['Australia', '$19.99'] }],
    zh: [{ q: '寄到上海要几天', says: ['3-5 天'] }, { q: '一般几天能到 我在上海', says: ['3-5 天'] }, { q: '发到多伦多运费多少', says: ['$12.99'] }],
  },
  'typos and joined names (English)': {
    en: [{ q: 'how mcuh is teh air fryer in usd', says: ['$89.99'] }, { q: 'what presets does the airfryer have', says: ['fries'] }],
    zh: [],
  },
};
const ABSTAIN: Record<string, Record<Lang, string[]>> = {
  'a kind of option the product is not sold in is a fact to answer, not a stock list': {
    en: ['what bluetooth version is the silent mouse?', 'what colours does the cast iron skillet come in?'],
    zh: ['铸铁锅有几种颜色', '雨伞是什么版本的蓝牙'],
  },
  'a shipping question asking more than cost and time': { en: ['do you deliver on saturdays in the UK?'], zh: ['寄到德国周末送货吗'] },
  'a comparison where one product lacks the fact': { en: ['is the desk lamp or the speaker waterproof?'], zh: ['台灯和蓝牙音箱哪个防水'] },
  'a city name that is an everyday word is no place': { en: ['will it arrive in nice condition?'], zh: [] },
  'a count asked is not answered by a version number or a size': { en: [], zh: ['蓝牙音箱最多能同时连几个手机'] },
  'a short real word is not read as a typo of a longer one': { en: ['bluetooth range on the silent mouse?', 'is there a clamp-on version of the desk lamp?'], zh: [] },
};

describe.each(['en', 'zh'] as const)('pre-sales classes (%s)', (lang) => {
  for (const [name, cases] of Object.entries(CLASSES)) {
    if (cases[lang].length === 0) continue;
    it(`answers: ${name}`, () => {
      for (const c of cases[lang]) {
        const a = ask(lang, c.q, c.page);
        expect(a.answered, `${c.q} → ${a.source}`).toBe(true);
        for (const s of c.says ?? []) expect(a.text, c.q).toContain(s);
      }
    });
  }
  for (const [name, qs] of Object.entries(ABSTAIN)) {
    if (qs[lang].length === 0) continue;
    it(`abstains: ${name}`, () => {
      for (const q of qs[lang]) {
        const a = ask(lang, q);
        expect(a.answered, `${q} → ${a.source}: ${a.text}`).toBe(false);
        expect(a.source).toMatch(/^none:/);
      }
    });
  }
});

describe('Speller', () => {
  const s = new Speller(['what', 'much', 'the', 'how', 'who'], ['waterproof', 'orange', 'lamp']);
  it('reads a swap, a missing and an extra letter of a question word', () => {
    expect(s.fix('how mcuh is teh lamp')).toBe('how much is the lamp');
    expect(s.correct('wht')).toBe('what');
    expect(s.correct('whaat')).toBe('what');
  });
  it("reads a long seller's word with a letter missing, but never a short word as a longer one", () => {
    expect(s.correct('waterprof')).toBe('waterproof');
    expect(s.correct('range')).toBeUndefined();
    expect(s.correct('clamp')).toBeUndefined();
  });
  it('leaves a word with two readings alone ("hwo": how or who)', () => {
    expect(s.correct('hwo')).toBeUndefined();
  });
});
