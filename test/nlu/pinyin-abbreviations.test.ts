import { describe, expect, it } from 'vitest';
import { expandPinyinAbbreviations } from '../../src/nlu/pinyin-abbreviations.js';

describe('pinyin shorthand in Chinese messages', () => {
  it.each([
    ['dz写错了 帮改下', '地址写错了 帮改下'],
    ['wl一直不动', '物流一直不动'],
    ['想tk', '想退款'],
    ['RG RG', '人工 人工'],
    ['xiexie', '谢谢'],
  ])('%s → %s', (text, expected) => {
    expect(expandPinyinAbbreviations(text)).toBe(expected);
  });

  it('leaves other Latin words alone, and letters inside a word', () => {
    expect(expandPinyinAbbreviations('我的order到哪了')).toBe('我的order到哪了');
    expect(expandPinyinAbbreviations('iphone壳')).toBe('iphone壳');
    expect(expandPinyinAbbreviations('addr写错了')).toBe('addr写错了');
  });
});
