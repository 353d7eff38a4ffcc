import { describe, expect, it } from 'vitest';
import { adjacentPairs, contentWords, type ZhWords } from '../../../src/services/catalog/coverage.js';
import { createPresalesService } from '../../../src/services/catalog/index.js';
import { askingClauses, FACET_TRIGGERS } from '../../../src/services/catalog/lexicon.js';
import { hanVocabulary, segmentRun } from '../../../src/services/catalog/segment.js';

const DATA = new URL('../../../data/', import.meta.url).pathname;
const { service } = createPresalesService(DATA, (_lang, key) => key);
const answer = (q: string, lang: 'en' | 'zh', page?: string) => service.answer(q, lang, page ? { pageProductId: page } : {});
const values = (q: string, lang: 'en' | 'zh', page?: string) => JSON.stringify(answer(q, lang, page).replies);

describe('Chinese segmentation by the seller\'s own words', () => {
  const zh: ZhWords = { vocab: hanVocabulary(['开裂终身保修', '发票可以在订单页面下载', '三个预设功能', '预热'], ['多久']), whole: new Set(['货到付款']) };

  it('cuts a run into the fewest known pieces; unknown characters stand alone', () => {
    expect(segmentRun('保修期', (p) => ([...p].length === 1 ? 1 : zh.vocab.has(p) ? 1 : Infinity))).toEqual(['保修', '期']);
  });

  it('keeps a frame word apart from the content word it touches, and shop compounds whole', () => {
    expect(contentWords('铸铁锅保修多久', 'zh', zh)).toContain('保修');
    expect(contentWords('铸铁锅保修多久', 'zh', zh)).not.toContain('保修多久');
    expect(contentWords('能货到付款吗', 'zh', zh)).toEqual(['货到付款']);
  });

  it('joins characters the seller never wrote side by side into one word that must be matched whole', () => {
    expect(contentWords('有预约功能吗', 'zh', zh)).toEqual(['预约', '功能']);
  });
});

describe('stricter fact-to-question check', () => {
  it('finds words side by side, not across punctuation or frame words', () => {
    expect(adjacentPairs('how long does it last at full volume?', 'en')).toEqual([['full', 'volum']]);
    expect(adjacentPairs('gsm of the paper? fountain pen ok', 'en')).toEqual([['fountain', 'pen']]);
  });

  it('abstains when side-by-side words are answered only by different facts', () => {
    // "full" is in the charging fact ("full charge"), "volume" in the battery fact ("medium volume").
    expect(answer('how long does the bluetooth speaker last at full volume?', 'en').answered).toBe(false);
    expect(answer('音箱能同时连两个手机吗', 'zh').answered).toBe(false);
  });

  it('reads a maximum weight as the load, not the product\'s own weight', () => {
    const en = values('laptop stand max weight and how high does it go', 'en');
    expect(en).toContain('8 kg');
    expect(en).not.toContain('1.1 kg');
    expect(values('笔记本支架承重多少', 'zh')).toContain('8 公斤');
  });

  it('a duration question (多久) is answered only by a fact with a duration, never by compatibility', () => {
    const a = answer('耳机开降噪能用多久', 'zh');
    expect(a.answered).toBe(true);
    expect(JSON.stringify(a.replies)).toContain('30 小时');
    expect(a.source).not.toContain('compatibility');
  });

  it('a shop compound the knowledge base does not hold is not answered by a word inside it', () => {
    expect(answer('能货到付款吗', 'zh').answered).toBe(false);
    expect(answer('破壁机有预约功能吗', 'zh').answered).toBe(false);
  });
});

describe('Chinese questions in the buyer\'s words', () => {
  it('the buyer\'s situation is context, not a fact to answer', () => {
    const triggers = Object.values(FACET_TRIGGERS.zh);
    expect(askingClauses('87键的键盘有多长 桌子有点小', 'zh', triggers)).toBe('87键的键盘有多长');
    expect(values('87键的键盘有多长 桌子有点小', 'zh')).toContain('36');
  });

  it('answers from units, symbols and lifetime terms as the facts write them', () => {
    expect(values('硅胶刮刀耐多少度', 'zh')).toContain('230');
    expect(values('背包多少升的', 'zh')).toContain('25 升');
    expect(values('铸铁锅保修多久', 'zh')).toContain('终身');
  });

  it('"this" on a product page is the subject; another product named is what it is asked about', () => {
    const a = answer('这个底座的usb口输出多少瓦 能给笔记本充电不', 'zh', 'LAMP-DESK-LED');
    expect(a.source).toContain('LAMP-DESK-LED');
    expect(JSON.stringify(a.replies)).toContain('不能给笔记本电脑充电');
  });

  it('an option is named by its head word, without its kind word (英标 of 英标插头, UK of UK plug)', () => {
    expect(values('英标的充电器还有吗 什么时候补', 'zh')).toContain('英标插头');
    expect(answer('UK plug version of the charger in stock? when is it back', 'en').answered).toBe(true);
  });

  it('a colour character inside a verb (发黄) is not a colour asked', () => {
    expect(values('手机壳用久了会发黄吗', 'zh')).toContain('防黄');
  });
});
