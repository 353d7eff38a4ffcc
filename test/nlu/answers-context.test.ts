/** The answer reader's round-4 classes: "both" as a quantity, damage told as torn seams, "never use it", a return asked in words. */
import { describe, expect, it } from 'vitest';
import { asksForPersonInWords, asksForReturn, readItems, readReason, readYesNo } from '../../src/nlu/answers.js';

const THREE = ['Cast iron skillet, 26 cm', 'Silicone spatula set of 2', 'Oven mitts, pair'];
const TWO = ['Cast iron skillet, 26 cm', 'Oven mitts, pair'];

describe('answer reader in context', () => {
  it('"both" is every item only in an order of two lines', () => {
    expect(readItems('both pairs', THREE)).toBeUndefined();
    expect(readItems('both of them please', TWO)).toBe('all');
    expect(readItems('两个都退', TWO)).toBe('all');
    expect(readItems('all of them', THREE)).toBe('all');
  });

  it('damage told as what happened to the seams; not using it is the buyer\'s choice', () => {
    expect(readReason('the stitching came apart after one wash, seams split', 'en')).toBe('damaged');
    expect(readReason('手套一到就脱线了', 'zh')).toBe('damaged');
    expect(readReason('honestly I never use it', 'en')).toBe('no_longer_needed');
    expect(readReason('买回来一直不用', 'zh')).toBe('no_longer_needed');
    // "never used" is the item's condition, not a reason.
    expect(readReason('it is never used', 'en')).toBeUndefined();
  });

  it('a return asked for in words, never when refused; "退回" (sent back by the carrier) is no request', () => {
    expect(asksForReturn('could I ship the kettle back to you?', 'en')).toBe(true);
    expect(asksForReturn('锅也能退吗', 'zh')).toBe(true);
    expect(asksForReturn("don't return it, I'll keep it", 'en')).toBe(false);
    expect(asksForReturn('先别退了', 'zh')).toBe(false);
    expect(asksForReturn('物流显示已退回', 'zh')).toBe(false);
  });

  it('holding back is never a yes, whatever yes-words follow', () => {
    expect(readYesNo('hold on, before you go ahead: is it the US layout?', 'en')).toBeUndefined();
    expect(readYesNo('wait wait. do that later, first tell me the price', 'en')).toBeUndefined();
    expect(readYesNo('等一下 先别急 我想想', 'zh')).toBeUndefined();
    expect(readYesNo('等等，好的取消吧', 'zh')).toBeUndefined();
    expect(readYesNo('sure, go ahead', 'en')).toBe('yes');
  });

  it('a person asked for in words; "someone gave me one" is not', () => {
    expect(asksForPersonInWords('can I talk to somebody from your team?')).toBe(true);
    expect(asksForPersonInWords('转人工')).toBe(true);
    expect(asksForPersonInWords('someone gave me a set as a present')).toBe(false);
  });

  it('a promised property missing is not as described; the buyer\'s own slip is ordered by mistake', () => {
    expect(readReason('so much for the "waterproof" boots, wet socks after five minutes', 'en')).toBe('not_as_described');
    expect(readReason('说是防水的 结果一下雨就湿透了', 'zh')).toBe('not_as_described');
    expect(readReason('my bad, I needed a shorter one', 'en')).toBe('ordered_by_mistake');
    expect(readReason('是我自己搞错了', 'zh')).toBe('ordered_by_mistake');
  });
});
