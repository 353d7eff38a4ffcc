/**
 * Goods this seller does not sell: "my washing machine broke, can you send someone", "my car battery died",
 * 冰箱不制冷了 能修吗. A broken or late thing is ours only when the shop sells such a thing; the words of the
 * seller's own catalog (titles, keywords, categories, descriptions, what is in the box) decide, so a seller of
 * televisions keeps "my tv arrived cracked" while the demo store (kitchen, desk and travel goods) does not.
 *
 * The lexicon below names common consumer goods by kind. A message reads as another business's when it names one
 * of them that the catalog never mentions, and names nothing that is ours: no product of the catalog (a title or
 * keyword word), no order, parcel or item, no order number (nlu.ts checks that), not this shop (other-business.ts).
 * Conservative by construction: any catalog mention of a word keeps it (the phone case's description names the
 * phone, so "my phone …" stays the shop's for this seller).
 */
import type { Lang } from '../domain/lang.js';
import escapeStringRegexp from 'escape-string-regexp';

/**
 * Goods by kind that a small seller rarely sells and buyers rarely attribute to one by mistake: appliances, vehicles,
 * large furniture, computers and phones (their screens), cameras, consoles. Clothing, jewellery and cosmetics are left
 * out: a buyer naming a dress or a watch in a shop's chat means the shop's (blind sets say so).
 */
const GOODS_EN = [
  'smartphone', 'phone', 'iphone', 'ipad', 'tablet', 'laptop', 'computer', 'pc', 'monitor', 'tv', 'television', 'telly',
  'fridge', 'freezer', 'washing machine', 'washer', 'tumble dryer', 'dishwasher', 'microwave', 'oven', 'hob',
  'vacuum', 'hoover', 'air conditioner', 'air con', 'aircon', 'boiler', 'radiator', 'heater', 'car', 'bike', 'bicycle',
  'scooter', 'motorbike', 'motorcycle', 'tyre', 'tire', 'sofa', 'couch', 'mattress', 'wardrobe', 'camera', 'printer',
  'console', 'drone', 'piano', 'power bank', 'powerbank', 'router', 'modem', 'lawnmower',
];
const GOODS_ZH = [
  '笔记本电脑', '手机屏', '电脑', '平板', '显示器', '电视', '冰箱', '洗衣机', '烘干机', '洗碗机', '微波炉', '烤箱', '空调',
  '热水器', '吸尘器', '扫地机', '暖气', '汽车', '轿车', '自行车', '电动车', '摩托车', '轮胎', '沙发', '床垫', '衣柜', '相机',
  '打印机', '游戏机', '无人机', '钢琴', '充电宝', '路由器',
];

/** The catalog's words by language: `named` (titles, keywords, categories: a product said by name) and `mentioned` (all). */
export interface CatalogWords {
  named: string;
  mentioned: string;
}

/** Shop objects that keep a message ours whatever good it names: an order, a parcel, an item, a purchase. */
const OURS_EN = /\b(?:orders?|ordered|parcels?|packages?|deliver(?:y|ies)|items?|purchases?|purchased|bought|shop|store|seller|listing|your|(?:from|by|with) (?:you|u))\b/;
const OURS_ZH = /订单|下单|包裹|快递|宝贝|商品|买的|收到|店|卖家|商家|你们|你家|贵店|本店/;
/** Words of titles and keywords too common to name a product. */
const COMMON_EN = new Set(['with', 'and', 'for', 'the', 'pack', 'pair', 'pairs', 'set', 'size', 'everyday', 'automatic', 'portable']);

export class GoodsReader {
  private readonly foreign: Record<Lang, RegExp | undefined>;
  private readonly namedEn: ReadonlySet<string>;
  private readonly namedZh: readonly string[];

  constructor(catalog: Record<Lang, CatalogWords>) {
    const mentionedEn = ` ${catalog.en.mentioned.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    const notSoldEn = GOODS_EN.filter((g) => !mentionedEn.includes(` ${g} `) && !mentionedEn.includes(` ${g}s `));
    const notSoldZh = GOODS_ZH.filter((g) => !catalog.zh.mentioned.includes(g));
    // No catalog (an engine built without one): nothing is known not to be sold.
    const known = catalog.en.mentioned.trim() !== '' || catalog.zh.mentioned.trim() !== '';
    this.foreign = {
      en: known && notSoldEn.length > 0 ? new RegExp(`\\b(?:${notSoldEn.map(escapeStringRegexp).join('|')})s?\\b`) : undefined,
      zh: known && notSoldZh.length > 0 ? new RegExp(notSoldZh.map(escapeStringRegexp).join('|')) : undefined,
    };
    this.namedEn = new Set(
      catalog.en.named
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .filter((w) => w.length >= 3 && !COMMON_EN.has(w)),
    );
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    this.namedZh = [...new Set([...segmenter.segment(catalog.zh.named)].map((s) => s.segment).filter((w) => /^\p{Script=Han}{2,}$/u.test(w)))];
  }

  /** Whether the words name a product of the catalog (a title or keyword word: "the lamp", 台灯). */
  namesProduct(text: string, lang: Lang): boolean {
    const words = text.toLowerCase().split(/[^\p{L}]+/u);
    return words.some((w) => this.namedEn.has(w)) || (lang === 'zh' && this.namedZh.some((w) => text.includes(w)));
  }

  /**
   * The good of another trade the message names (lower-cased English or Chinese as typed), or undefined when it
   * names none, or names one of ours, an order or a parcel too.
   */
  notSoldHere(text: string, lang: Lang): string | undefined {
    const lower = text.toLowerCase();
    const hit = this.foreign.en?.exec(lower)?.[0] ?? (lang === 'zh' ? this.foreign.zh?.exec(text)?.[0] : undefined);
    if (!hit) return undefined;
    if (OURS_EN.test(lower) || (lang === 'zh' && OURS_ZH.test(text))) return undefined;
    const words = lower.split(/[^\p{L}]+/u);
    if (words.some((w) => this.namedEn.has(w) && !hit.includes(w))) return undefined;
    if (lang === 'zh' && this.namedZh.some((w) => text.includes(w) && !hit.includes(w))) return undefined;
    return hit;
  }
}

/** The words of catalog products as they come from the catalog's JSON (title, keywords, category, description, inTheBox). */
export function catalogWordsOf(products: readonly unknown[]): Record<Lang, CatalogWords> {
  const out: Record<Lang, { named: string[]; mentioned: string[] }> = { en: { named: [], mentioned: [] }, zh: { named: [], mentioned: [] } };
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : []);
  for (const p of products) {
    if (typeof p !== 'object' || p === null) continue;
    const record = p as Record<string, unknown>;
    for (const lang of ['en', 'zh'] as const) {
      const field = (name: string): string[] => {
        const v = record[name];
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? strings((v as Record<string, unknown>)[lang]) : strings(v);
      };
      const named = [...field('title'), ...field('keywords'), ...field('category')];
      out[lang].named.push(...named);
      out[lang].mentioned.push(...named, ...field('description'), ...field('inTheBox'));
    }
  }
  return {
    en: { named: out.en.named.join(' \n '), mentioned: out.en.mentioned.join(' \n ') },
    zh: { named: out.zh.named.join(' \n '), mentioned: out.zh.mentioned.join(' \n ') },
  };
}
