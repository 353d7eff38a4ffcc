/**
 * A buyer offering to change or remove a review in exchange for something ("I'll delete my 1-star
 * review if you refund me", "给我退款我就删差评"). Marketplaces forbid such deals (seed 003/004), so
 * the dialogs answer with the rule whatever else the message asks. Deterministic, and all three parts
 * must be there and related: a change that acts on the review itself (the verb within a few words of
 * it, not "change my order … a review"), something wanted, and a word that makes it an exchange (a
 * condition, "for", "in return", "then", 就, 的话, 只要, 给我…). Asking whether a good review earns
 * cash back ("好评返现吗") offers no change to a review, so it is not a bargain: that is a shop question,
 * and treating it as one would drop the buyer's real request into the complaint flow.
 */
import type { Lang } from '../domain/lang.js';

interface BargainPatterns {
  /** A change acting on the review (either order of verb and review, within a short window). */
  changesReview: RegExp;
  wants: RegExp;
  exchange: RegExp;
}

const EN_REVIEW = String.raw`(?:reviews?|ratings?|feedback|(?:[1-5]|one|two|three|four|five)[- ]?stars?)`;
const EN_CHANGE = String.raw`(?:delete|remove|take down|withdraw|retract|change|edit|update|revise|raise|improve|upgrade|amend|bump|make(?= (?:it|that|this|mine|my)\b))`;

const EN: BargainPatterns = {
  // "delete my 1-star review", "update my rating", "take down my negative review", "take my review down",
  // and a review withheld: "I won't leave a bad review if you refund me".
  changesReview: new RegExp(
    String.raw`\b(?:${EN_CHANGE}\s+(?:[\w'-]+\s+){0,3}?${EN_REVIEW}|take\s+(?:[\w'-]+\s+){0,3}?${EN_REVIEW}\s+down|(?:won'?t|will not|not|never)\s+(?:leave|post|write|give)\s+(?:[\w'-]+\s+){0,3}?${EN_REVIEW})\b`,
    'i',
  ),
  // Money named and wanted back: "give me 50 yuan back", "$20 back", "some cash back".
  wants: /\b(?:refund(?:ed)?|money back|(?:\d+(?:\.\d+)?|some|a few|a little) ?(?:yuan|rmb|dollars?|bucks|euros?|pounds?|quid|usd|eur|gbp|cny)? back|cash ?back|reimburse\w*|compensat\w*|discount|coupon|voucher|store credit|credit|gift ?card|for free|free (?:one|item|replacement|product)|new one|replacement|pay me)\b/i,
  // "refund me and ill change it to 5 stars, deal?": the apostrophe left out, the trade named a deal.
  exchange: /\b(?:if|once|as long as|provided|in (?:return|exchange)|for|then|so|deal)\b|\band i(?:'?ll| will| would| can)\b|,\s*i(?:'?ll| will| would| can)\b/i,
};

const ZH_REVIEW = '(?:评价|差评|中评|好评|评论|评分|[1-5一二三四五]\\s?(?:颗)?星)';
const ZH_CHANGE = '(?:删|撤|改(?![天日])|去掉|拿掉|取消)';

const ZH: BargainPatterns = {
  // "删差评", "改成好评", "撤掉评论", "把差评删掉", "把中评改成好评", "差评删了", "追评".
  changesReview: new RegExp(
    // A review withheld counts too: "给点补偿我就不给差评".
    `${ZH_CHANGE}(?:掉|除|了|成|为|回)?(?:这个|那个|这条|那条|我的|个)?${ZH_REVIEW}|把(?:这个|那个|这条|那条|我的)?${ZH_REVIEW}(?:给)?${ZH_CHANGE}|${ZH_REVIEW}${ZH_CHANGE}|追评|(?:不|就不)(?:给|打|写|留|发)(?:你们|你)?(?:个)?(?:差评|中评|一星|低分)`,
  ),
  wants: /退款|退钱|补偿|赔偿|赔|返现|红包|优惠|免费|补发|换新|打款|报销/,
  exchange: /就|的话|只要|如果|要是|假如|换取|作为交换|(?:给|发|送|补|退)(?:我|个|一个|张|点)/,
};

const matches = (p: BargainPatterns, text: string) => p.changesReview.test(text) && p.wants.test(text) && p.exchange.test(text);

/** True when the message trades a review change for a refund, compensation or a free item. */
export function detectReviewBargain(text: string, lang: Lang): boolean {
  return lang === 'zh' ? matches(ZH, text) || matches(EN, text) : matches(EN, text);
}
