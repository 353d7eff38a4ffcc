/** The kind of problem a complaint names, in English and Chinese (the complaint flow's category, also its buttons' words). */
import { fold } from './negation.js';

export type ComplaintKind = 'product_quality' | 'delivery' | 'service' | 'description_mismatch' | 'negative_review' | 'other';

/** What went wrong first (the problem), the review only when nothing else is named. */
const COMPLAINT_KINDS: ReadonlyArray<readonly [ComplaintKind, RegExp]> = [
  // A review already left is the category of its own (the review rule, a person); a threat is not.
  ['negative_review', /\b(?:left|posted|wrote|written|gave|given|put) (?:you |a |an |my )?(?:\w+ )?(?:bad |negative |1[- ]?star |one[- ]?star )?(?:review|rating)|\bi left a bad review\b|已经给了|给了.{0,4}(?:差评|一星)|打了差评|我给了差评|写了差评/i],
  ['description_mismatch', /\b(?:not as described|not what (?:was|it) (?:described|advertised|pictured)|looks nothing like|description|misleading)\b|与描述不符|描述不符|货不对板|和图片不|跟图片不/i],
  [
    'delivery',
    /\b(?:deliver(?:y|ed)?|shipping|shipment|courier|carrier|parcel|package|late|delay(?:ed)?|(?:hasn'?t|has not|hasnt|didn'?t|did not|never|still not|not yet) (?:arrived|come|came|shown up|showed up|turned up|got here)|nothing (?:has )?(?:arrived|came|come|shown up|turned up)|(?:still )?(?:isn'?t|isnt|is not|not) here(?: yet)?|supposed to (?:arrive|be here|come)|lost in (?:the )?(?:post|mail|transit)|(?:stuck|lost|missing) (?:for|in|at|since)|tracking|dhl|ups|usps|fedex|royal mail|sf express)\b|物流|快递|配送|发货|送货|没到|还没到|没收到|寄了|运输|丢件|丢了|卡住|卡在|没动静|延迟|太慢/i,
  ],
  ['service', /\b(?:customer service|support (?:team|agent)|rude|nobody (?:answers|replied)|no one (?:answers|replied)|your service|unhelpful|ignored)\b|客服|服务态度|态度差|服务太差|服务差|没人理/i],
  ['product_quality', /\b(?:quality|broke|broken|stopped working|won'?t (?:turn on|work|start)|doesn'?t work|defective|faulty|cheap(?:ly made)?|flimsy|rust(?:y|ed)?|crack(?:ed)?|smell(?:s|ing)?|burn(?:ing|t)?|warp(?:ed)?|melt(?:ed)?|leak(?:s|ing)?)\b|质量|坏了|破损|生锈|锈迹|裂|变形|用不了|不能用|开不了机|异味|烧焦|漏/i],
  ['negative_review', /\b(?:review|1[- ]?star|one[- ]?star|rating|rate you)\b|差评|评价|一星/i],
  ['other', /\b(?:something else|other)\b|其他|别的/i],
];

/** The kind of problem a complaint message names (also the category buttons' own words). */
export function readComplaintCategory(text: string, options: { reviewDeal?: boolean } = {}): ComplaintKind | undefined {
  const t = fold(text);
  // A review offered in a deal says nothing about what went wrong.
  return COMPLAINT_KINDS.find(([kind, re]) => !(options.reviewDeal && kind === 'negative_review') && re.test(t))?.[0];
}
