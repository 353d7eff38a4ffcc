/**
 * A buyer offering to change or remove a review in exchange for something ("I'll delete my 1-star
 * review if you refund me", "给我退款我就删差评"). Marketplaces forbid such deals (seed 003/004), so
 * the dialogs answer with the rule whatever else the message asks. Deterministic: a review, a change
 * to it and something wanted must all appear in the same message.
 */
import type { Lang } from './types.js';

interface BargainPatterns {
  review: RegExp;
  change: RegExp;
  wants: RegExp;
}

const EN: BargainPatterns = {
  review: /\b(?:reviews?|ratings?|feedback|(?:[1-5]|one|two|three|four|five)[- ]?stars?)\b/i,
  change: /\b(?:delete|remove|take (?:it |that |this |my \w+ (?:\w+ )?)?down|withdraw|retract|change|edit|update|revise|raise|improve|upgrade|amend|bump)\b/i,
  wants: /\b(?:refund(?:ed)?|money back|reimburse\w*|compensat\w*|discount|coupon|voucher|store credit|credit|gift ?card|for free|free (?:one|item|replacement|product)|new one|replacement|pay me)\b/i,
};

const ZH: BargainPatterns = {
  review: /评价|差评|中评|好评|评论|评分|[1-5一二三四五]\s?(?:颗)?星/,
  change: /删|撤|改|追评|去掉|拿掉|取消/,
  wants: /退款|退钱|补偿|赔偿|赔|返现|红包|优惠|免费|补发|换新|打款|报销/,
};

const matches = (p: BargainPatterns, text: string) => p.review.test(text) && p.change.test(text) && p.wants.test(text);

/** True when the message trades a review change for a refund, compensation or a free item. */
export function detectReviewBargain(text: string, lang: Lang): boolean {
  return lang === 'zh' ? matches(ZH, text) || matches(EN, text) : matches(EN, text);
}
