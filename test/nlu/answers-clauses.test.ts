/**
 * The answer reader reads clauses in order (round 5): the words after the buyer's own question answer
 * ours; a yes/no hung on that question is no answer; a request said after a refusal of the same action
 * (another item) is no refusal, while a refusal followed by another action stays a refusal; the item
 * cleared of a fault is the buyer's choice; to be rung back is to ask for a person.
 */
import { describe, expect, it } from 'vitest';
import { afterOwnQuestion, asksForCallback, asksForReturn, negatedAction, readItems, readReason, readYesNo } from '../../src/nlu/answers.js';

const ITEMS = ['Cast iron skillet, 26 cm', 'Silicone spatula set of 2', 'Oven mitts, pair'];

describe('answer reader: clauses in order', () => {
  it.each([
    ['不能直接改吗…好吧 那你取消吧', 'zh', 'yes'],
    ['改不了吗？那好吧', 'zh', 'yes'],
    ["can't you just fix it? fine, cancel it then", 'en', 'yes'],
    ['is it shipped yet? no? then leave it', 'en', 'no'],
    ["wait, do you price match? if you do I'd rather just keep it", 'en', undefined],
    ['one sec, is there a cheaper one? if so keep the order', 'en', undefined],
    ['你们保价吗？如果保价的话我就不取消了', 'zh', undefined],
    ['要是有货的话呢？那就不退了', 'zh', 'no'],
  ] as const)('%s → %s', (text, lang, expected) => {
    expect(readYesNo(text, lang)).toBe(expected);
  });

  it('finds the words after the buyer\'s last question', () => {
    expect(afterOwnQuestion('能退吗？退吧')).toBe('退吧');
    expect(afterOwnQuestion('does it ship today?')).toBeUndefined();
    expect(afterOwnQuestion('no question here')).toBeUndefined();
  });

  it.each([
    ['手套算了 不退了 就退锅吧', 'zh', undefined],
    ['forget the mitts, just return the skillet', 'en', undefined],
    ['铲子不要退 只退手套', 'zh', undefined],
    // A refusal followed by another action stays a refusal: the cancel is never taken.
    ["don't cancel it, just change the address", 'en', 'cancel'],
    ['不要取消 就改个地址', 'zh', 'cancel'],
    ["no, don't cancel it", 'en', 'cancel'],
    ['先别取消了', 'zh', 'cancel'],
    ['别退了 留着吧', 'zh', 'return'],
  ] as const)('negated action in %s → %s', (text, lang, expected) => {
    expect(negatedAction(text, lang)).toBe(expected);
  });

  it('a refused cancel followed by another request is never a yes to cancelling', () => {
    expect(readYesNo("don't cancel it, just change the address", 'en')).toBe('no');
    expect(readYesNo('不要取消 就改个地址', 'zh')).toBe('no');
  });

  it('the item after "just return" is the one', () => {
    expect(readItems('forget the mitts, just return the skillet', ITEMS)).toEqual([0]);
    expect(readItems('only send back the spatulas', ITEMS)).toEqual([1]);
    expect(readItems('just the spatulas', ITEMS)).toEqual([1]);
  });

  it.each([
    ['太沉了我拿不动 不是质量问题', 'zh', 'no_longer_needed'],
    ['质量没问题 就是不喜欢', 'zh', 'no_longer_needed'],
    ['不是质量问题 是发错货了', 'zh', 'wrong_item'],
    ["it's not faulty, I just don't need it", 'en', 'no_longer_needed'],
    ['the kettle stopped boiling', 'en', 'defective'],
    ['the motor smells burnt and stops', 'en', 'defective'],
    ['water is coming through at the seams', 'en', 'defective'],
    ['雨衣进水了', 'zh', 'defective'],
    ['the cable is too short', 'en', 'wrong_size_or_colour'],
    ['数据线太短了', 'zh', 'wrong_size_or_colour'],
  ] as const)('reason of %s → %s', (text, lang, expected) => {
    expect(readReason(text, lang)).toBe(expected);
  });

  it.each([
    ['Would it be possible for a person to telephone me about it?', true],
    ['can someone give me a call', true],
    ['please call me back on 07700 900123', true],
    ['能不能打个电话给我', true],
    ['让客服给我回个电话吧', true],
    ["you said you'd call me back and nobody did", false],
    ['说好给我回电话的 结果没人打', false],
    ["I'll call my bank", false],
  ] as const)('callback asked in %s → %s', (text, expected) => {
    expect(asksForCallback(text)).toBe(expected);
  });

  it('the carrier sending a parcel back is no return asked for; a return in words is', () => {
    expect(asksForReturn('my yoga mat tracking says returning to sender??', 'en')).toBe(false);
    expect(asksForReturn('it got sent back to the sender', 'en')).toBe(false);
    expect(asksForReturn('need to send something back, order 111-5820437-6619203', 'en')).toBe(true);
    expect(asksForReturn('订单111-5820437-6619203要退点东西', 'zh')).toBe(true);
  });
});
