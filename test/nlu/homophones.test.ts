import { describe, expect, it } from 'vitest';
import { HomophoneCorrector, parsePinyinTable } from '../../src/nlu/homophones.js';
import { loadPinyinTable } from '../../src/nlu/corpus.js';

const table = loadPinyinTable();
const corrector = new HomophoneCorrector(['帮我取消订单', '我要取消', '订单寄到公司', '请寄到这里', '订单号多少', '想退货', '我要退货'], table);

describe('HomophoneCorrector (pinyin input-method slips)', () => {
  it.each([
    ['取小订单', '取消订单'],
    ['能记到公司吗', '能寄到公司吗'],
    ['定单号多少', '订单号多少'],
    // pairs written on purpose (dictionary words) and unknown sounds stay as typed
    ['是否可以', '是否可以'],
    ['今天天气不错', '今天天气不错'],
    ['order 取消', 'order 取消'],
  ])('%s → %s', (text, expected) => {
    expect(corrector.correct(text)).toBe(expected);
  });

  it('reads every reading of a polyphonic character', () => {
    const t = parsePinyinTable('hai|huan\t还\nhuan\t换\n');
    expect(t.get('还')).toEqual(['hai', 'huan']);
    expect(table.size).toBeGreaterThan(20000);
  });
});
