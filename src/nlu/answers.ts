/**
 * The answer reader: what a typed message answers to a question a flow asked, in English and Chinese.
 * One place for yes/no in any wording (negation first: a negated action is never read as consent),
 * ordinals ("1", "the first one", "第二个"), item names matched against the order's item titles (typos
 * and Chinese product words included), return reasons, item conditions and the return options. Pure
 * and synchronous, so dialog machines call it in their guards; option labels are matched through the
 * same words the locales use for them (`Unopened` / `未拆封`, `No, keep the order` / `不取消了`).
 */
import type { ReturnReason } from '../domain/order.js';
import { detectReturnReason } from './return-reasons.js';
import type { Lang } from '../domain/lang.js';
import { EN_NEGATOR, ZH_NEGATOR, fold, holdsBack, negatedAction } from './negation.js';

export { negatedAction, type Action } from './negation.js';
export { readAskedRemedy, readRemedyChange, readsWithdrawal, remedyAskedIn, type AskedRemedy } from './return-amendments.js';
export { speaksOfAddress, withoutCodes } from './statements.js';
export { readComplaintCategory } from './complaint-kinds.js';
export { namedItem, readItems, readOrdinal } from './item-answers.js';

export type YesNo = 'yes' | 'no';

/** A return asked for in words ("could I send the spatula back?", "铲子也能退吗"), not refused. */
const RETURN_ASKED = /\b(?:return(?:ing)?|(?:send|ship|mail|post)(?:ing)? (?:[\w-]+ ){0,4}back|refund|exchange)\b|退(?!回|出|订)|换货|寄回/i;
/** The carrier sending the parcel back ("tracking says returning to sender") is no return the buyer asks for. */
const CARRIER_RETURN = /\b(?:return(?:ed|ing|s)?|sent|going|go(?:es)?|being sent) (?:back )?to (?:the )?(?:sender|shipper|seller|origin|warehouse)\b|\brts\b/gi;
export function asksForReturn(text: string, lang: Lang): boolean {
  const t = fold(text).replace(CARRIER_RETURN, ' ');
  return RETURN_ASKED.test(t) && negatedAction(t, lang) === undefined;
}

/** A person asked for in words ("a real person", "人工"): "someone gave me one" is no such request. */
const PERSON_WORDS = /\b(?:human|person|agent|representative|rep|operator|staff|supervisor|manager|someone (?:real|from (?:your|the) (?:team|shop|store))|somebody real|real people|(?:talk|speak|chat) (?:to|with) (?:someone|somebody))\b|人工|真人|客服|转接|工作人员/i;
export const asksForPersonInWords = (text: string): boolean => PERSON_WORDS.test(fold(text));

/**
 * To be rung back is to want a person: "would it be possible for a person to telephone me?", "can
 * someone give me a call", "打个电话给我", "让客服给我回个电话". A call that did not come ("you said you'd
 * call me back") is no request.
 */
const CALLBACK =
  /\b(?:(?:could|can|would|will|please|pls|plz|to) (?:(?:you|someone|somebody|a person|an agent|one of you|your (?:team|staff)) )?(?:please )?(?:call|phone|ring|telephone) me|(?:call|phone|ring|telephone) me (?:back|please|pls|at|on)|give me a (?:call|ring|phone call)|(?:request|want|like|need) a (?:call ?back|phone call)|call ?back (?:please|pls))\b|(?:打(?:个|一个)?电话给我|给我(?:回|打)(?:个|一个)?电话|电话(?:联系|回访|通知)我|(?:回|来)(?:个|一下)?电话(?:给我)?吧)/i;
const CALLBACK_NOT_CAME = /\b(?:said|promised|supposed to|never|didn'?t|did not|was going to)\b[^.?!]{0,30}\b(?:call|phone|ring)\b|说好(?:了)?(?:给我)?(?:回|打)(?:个)?电话|没(?:人)?(?:给我)?(?:回|打)(?:过)?电话/i;
export const asksForCallback = (text: string): boolean => CALLBACK.test(fold(text)) && !CALLBACK_NOT_CAME.test(fold(text));

const YES_EN =
  /(?:^|\b)(?:yes|yess+|yeah|yea|yep|yup|ya|sure|ok|okay|okey|k|kk|alright|all right|absolutely|definitely|of course|please do|go ahead|do it|do that|proceed|confirm(?:ed)?|sounds good|that'?s fine|that works|fine|correct|that'?s right|let'?s do (?:it|that)|please cancel|cancel it|no problem|no worries|why not|yes please|pls do|agreed|deal)(?:\b|$)/i;
const NO_EN = /^(?:(?:hmm+|um+|uh+|ah+|well|ugh|erm)[,.]? )?(?:no|nope|nah|n|no thanks|no thank you|not now|not really|wrong|incorrect)\b|\bno,? (?:thanks|thank you)\b/i;
const YES_ZH = /(?:^|[，,。？?！!\s])(?:行吧|好吧|那行|行啊|好啊|那好吧)[!！。~～]*$|^(?:好|好的|好吧|好滴|行|行吧|可以|是|是的|对|对的|嗯|嗯嗯|恩|确定|确认|没问题|ok|要|需要|同意|当然)|(?:取消吧|退吧|办吧|弄吧|改吧|换吧|就这样|麻烦(?:了|你|您)|可以的|没问题|确认|确定|好的|行的|同意|就退|帮我(?:取消|退|办|弄)|cancel吧|去吧)/;
const NO_ZH = /^(?:不|不是|不用|不要|否|不了|别|没有|不对|错了)/;

/** Where the buyer's own question ends: a question mark, or 吗/呢 before a pause. */
const OWN_QUESTION_END = /[?？]|(?:吗|呢|么)(?=[…。.，,！!~～\s]|$)/g;
/** The words after the buyer's last question, when there are any. */
export function afterOwnQuestion(text: string): string | undefined {
  const ends = [...text.matchAll(OWN_QUESTION_END)].map((m) => m.index + m[0].length);
  const end = ends.at(-1);
  if (end === undefined) return undefined;
  const tail = text.slice(end).replace(/^[\s…。.，,！!~～]+/, '').trim();
  return tail.length > 0 ? tail : undefined;
}
/** A fallback said after the buyer's own question: "不行的话(就)…", "不然…", "if not, …", "otherwise …". */
const FALLBACK = /(?:不行的话|不可以的话|不能的话|不行就|不然的话|不然|要不然|否则)(?:就|那就)?|\b(?:if not|if you can'?t|otherwise|failing that)\b,?/;
const FALLBACK_START = new RegExp(`^(?:${FALLBACK.source})\\s*`);
/** A yes or no made to hang on the answer to the buyer's question: "if you do …", "if so …", "如果可以的话 …". */
const CONDITIONAL = /^(?:if (?:you|so|not|yes|that|it|they|there)\b|in that case\b|(?:如果|要是|假如|若是?)|那样的话)/i;

/**
 * Yes or no to a yes/no question. A negated action, keeping, or a withdrawal is "no" whatever else the
 * message says ("yes, don't cancel it" keeps the order); "no problem" / "没问题" is yes.
 */
export function readYesNo(text: string, lang: Lang): YesNo | undefined {
  const t = fold(text);
  if (!t) return undefined;
  // The buyer's own question first, then the answer to ours ("不能直接改吗…好吧 那你取消吧"): the words after it.
  const tail = afterOwnQuestion(t);
  if (tail !== undefined) {
    // "do you price match? if you do I'd rather keep it": the answer waits for ours.
    if (CONDITIONAL.test(tail)) return undefined;
    // "能改地址吗？不行的话就取消吧": the fallback after the buyer's question is the answer to ours.
    const fallback = FALLBACK_START.exec(tail);
    if (fallback) return readYesNo(tail.slice(fallback[0].length), lang);
    const answer = readYesNo(tail, lang);
    if (answer !== undefined) return answer;
  }
  if (negatedAction(t, lang) !== undefined) return 'no';
  // "wait before you do that - does it work with a mac?": holding back is no yes, whatever words follow.
  if (holdsBack(t)) return undefined;
  if (/\b(?:no problem|no worries)\b/i.test(t) || t.includes('没问题')) return 'yes';
  if (NO_EN.test(t) || NO_ZH.test(t)) return 'no';
  if (YES_EN.test(t) || YES_ZH.test(t)) return 'yes';
  return undefined;
}


export type Condition = 'unopened' | 'opened' | 'used' | 'incomplete';

const CONDITIONS: ReadonlyArray<readonly [Condition, RegExp]> = [
  ['incomplete', /\b(?:missing|incomplete|not all (?:the )?parts|lost (?:the|a) )|some parts are missing|缺少|少了|缺了|不全|丢了/i],
  [
    'unopened',
    /\b(?:unopen(?:ed)?|un-opened|not (?:been )?opened|never (?:been )?opened|still (?:sealed|in (?:the |its )?(?:box|package|packaging|wrapper|plastic))|sealed|brand new|unused|not used|never used|unworn|not worn|never worn|tags? (?:still )?(?:on|attached)|with (?:the )?tags|in (?:its|the) original (?:packaging|box))\b|未拆|没拆|没开封|未开封|没开过|全新|没用过|没穿过|未使用|吊牌|没动过|原封/i,
  ],
  // "不用了" (no need) and "没用过" (never used) are not "used".
  ['used', /\b(?:used|worn|tried (?:it|them) (?:on|out)|wore)\b|(?<![不没])用过|穿过|使用过|已使用|(?<![不没])用了/i],
  ['opened', /\b(?:opened|open(?:ed)? (?:it|the box|the package)|unboxed|everything (?:is )?included|all parts)\b|拆了|拆开|拆封|开封了|已拆|打开了|配件齐全/i],
];

/** The item's condition in the buyer's words or the option's label. */
export function readCondition(text: string): Condition | undefined {
  const t = fold(text);
  return CONDITIONS.find(([, re]) => re.test(t))?.[0];
}

/** More than the buyer needed: the buyer's choice, whatever "用不了" reads like on its own. */
const TOO_MANY =
  /\b(?:don'?t need|do not need|no longer need|too many|more than i need|ordered (?:two|2|too many)|one too many|extra one|(?:one|1) (?:is|was) enough|only need(?:ed)? one)\b|买多了|多买了|用不了那么多|多了一|一(?:个|副|件|双|套|把|只|条)就够|多的那|多出来的|多余的/i;

/** Fault words the intent corpus's reason patterns miss: damage and defects told as what happened. */
const EXTRA_REASONS: ReadonlyArray<readonly [ReturnReason, RegExp]> = [
  ['damaged', /\b(?:crack(?:ed|s)?|chipp?(?:ed)?|dent(?:ed|s)?|shatter(?:ed)?|bent|rust(?:y|ed|ing)?|arrived (?:broken|damaged)|came (?:broken|damaged)|seams? (?:split|ripped|open|came (?:apart|undone))|came apart|falling apart|(?:a )?hole in|snapped|(?:broke|broken|came) (?:in half|in two|off))\b|(?<![判不间中诊垄])断(?:了|的|掉|成|开)|折断|断裂|裂|缺口|碎|摔|磕|生锈|锈迹|锈|开线|脱线|开胶|破洞|撕破|扯破|掉线头/i],
  ['defective', /\b(?:warp(?:ed|s)?|melt(?:ed|s|ing)?|leak(?:s|ed|ing)?|stopped (?:heating|working|charging|boiling|spinning|blending|cooling|turning on|switching on|lighting up)|won'?t (?:heat|work|start|charge|boil|spin|turn on|switch on)|(?:doesn'?t|does not|not) (?:heat|heating|work|working)|burn(?:ing|t)? smell|smell(?:s|ed|ing)? (?:like )?(?:burn(?:t|ing|ed)?|smoke|plastic)|faulty|broke after|dead|water (?:is |keeps )?(?:coming|getting|gets|comes|seeps?|seeping) (?:in|through))\b|进水|渗水|变形|漏|不热|不加热|烧焦|糊味|不转|坏/i],
  // A property the listing promised that the item lacks: "the 'waterproof' jacket soaked me through", "sold as waterproof but …", "说是防水的 结果渗水".
  ['not_as_described', /\b(?:not|isn'?t|isnt|is not|wasn'?t|wasnt|aren'?t|arent) (?:really |actually |even |at all )?(?:waterproof|water-?resistant|wireless|stainless|leather|non-?stick|noise[- ]cancell?ing)\b|["'‘“](?:waterproof|non-?stick|stainless|noise[- ]cancell?ing)["'’”]|\bsoaked (?:right )?through\b|\b(?:sold|advertised|listed|described|marketed|labell?ed|billed) as (?:being |fully |100% )?(?:waterproof|water-?resistant|wireless|stainless|leather|non-?stick|noise[- ]cancell?ing)\b[^.!?]{0,40}\b(?:but|yet|except|and)\b|\bsupposed to be (?:waterproof|water-?resistant|wireless|stainless|leather|non-?stick|noise[- ]cancell?ing)\b|不防水|防不了水|挡不住雨|淋透了|说是防水|防水是假|不粘是假|根本不(?:防水|降噪|粘)/i],
  // The buyer's own slip: "my mistake", "I actually needed a longer one".
  ['ordered_by_mistake', /\b(?:my (?:mistake|bad|fault)|i (?:actually )?(?:needed|wanted|meant) (?:a |the )?(?:longer|shorter|bigger|smaller|different) one)\b|是我(?:自己)?(?:的错|搞错|弄错)|我自己买错/i],
  ['no_longer_needed', TOO_MANY],
  ['no_longer_needed', /\b(?:(?:i )?(?:never|don'?t|do not|hardly|rarely) (?:ever )?use (?:it|them|this|that)\b|no use for (?:it|them))|用不着|没怎么用过|从来不用|一直不用/i],
  // A colour or size the buyer picked themselves: "I picked the grey ones but wanted the red".
  ['wrong_size_or_colour', /\b(?:i )?(?:picked|chose|ordered|got|selected|clicked) (?:the )?\w+ (?:ones? |size |colou?r )?(?:but|and|when) (?:i )?(?:wanted|meant|needed)\b|\bwrong (?:size|colou?r)\b|\b(?:i )?(?:picked|chose|ordered|bought|selected|clicked) (?:the |a )?wrong (?:length|size|colou?r|model|version|capacity)\b|选错|挑错|颜色(?:买|选|拍)错|尺码(?:买|选|拍)错/i],
  // Bought twice / already had one: the buyer's choice ("家里已经有一套了 买重复了").
  ['no_longer_needed', /\b(?:already (?:have|had|own) (?:one|it|them|a pair|a set)|(?:bought|ordered) (?:it |this |them )?twice|duplicate (?:order|purchase))\b|买重(?:复)?了|重复(?:购买|下单|买)|已经有一(?:个|套|把|双|件|台)了/i],
  // A fit the buyer chose: "M码穿着紧 想换L", "too tight, want the L".
  ['wrong_size_or_colour', /\b(?:too (?:tight|small|big|large|loose|baggy|short|long)|not long enough|(?:doesn'?t|does not|didn'?t) fit)\b|(?:穿着|穿上|穿起来)[^，。,.\s]{0,3}(?:紧|小|大|肥|瘦|松)|(?:[smlx]{1,3}|尺)码[^，。,.\s]{0,3}(?:紧|小|大|肥|瘦|松)|不合身|太短|太长|不够长|长度不够|换(?:大|小)(?:一)?(?:码|号)|(?:想|要)?换(?:成)?(?:xs|xl|xxl|[sml])(?:码|号)?(?![a-z])/i],
  // Agreeing to pay the return shipping oneself says it is the buyer's choice, whichever one.
  ['no_longer_needed', /\bi(?:'ll| will|'m happy to|'m ok to| can| don'?t mind(?: to)?)? pay(?:ing)? (?:for )?(?:the )?(?:return )?(?:shipping|postage)\b|运费我(?:自己)?(?:出|付|承担|来)|我(?:自己)?(?:出|付|承担)(?:退货)?运费|我来出运费/i],
];

/** The return reason: the buyer's wording (incl. the reason buttons' labels), seller's fault first. */
export function readReason(text: string, lang: Lang): ReturnReason | undefined {
  const folded = fold(text);
  // "太沉了我拿不动 不是质量问题", "nothing wrong with it": the buyer clears the item of a fault, so a fault
  // word inside that denial is no reason; what is left may still name one ("不是质量问题 是发错货了").
  const cleared = NO_FAULT.test(folded);
  const t = cleared ? folded.replace(NO_FAULT, ' ') : folded;
  if (cleared) return readReasonIn(t, lang) ?? 'no_longer_needed';
  return readReasonIn(t, lang);
}

/** The item is fine in the buyer's own words: the return is their choice. */
const NO_FAULT =
  /\b(?:(?:it'?s |it is |that'?s )?not (?:a |because of a |because it'?s )?(?:defect(?:ive)?|faulty|broken|a fault|(?:a )?quality (?:issue|problem))|nothing(?:'?s| is)? wrong with (?:it|them|the \w+)|no (?:defect|fault|quality (?:issue|problem))s?)\b|不是(?:因为)?质量(?:的)?问题|没有?(?:任何)?质量问题|质量(?:没|没有)(?:问题|毛病)|东西(?:本身)?没(?:问题|毛病)|没坏/gi;

function readReasonIn(t: string, lang: Lang): ReturnReason | undefined {
  const known = detectReturnReason(t, lang) ?? (lang === 'en' && /\p{Script=Han}/u.test(t) ? detectReturnReason(t, 'zh') : undefined);
  // "买多了用不了那么多": too many is the buyer's choice, whatever "用不了" reads like on its own.
  const tooMany = TOO_MANY.test(t);
  if (tooMany && known !== 'ordered_by_mistake') return 'no_longer_needed';
  if (known) return known;
  return EXTRA_REASONS.find(([, re]) => re.test(t))?.[0];
}

export type ReturnOptionAnswer = 'refund' | 'replacement' | 'returnless_refund';

/** Which return option the message picks; a plain yes picks the first one offered. */
/** An exchange refused ("no exchange", "不用换了"), and a refund refused ("don't want a refund", "不要退款"). */
const REFUSED_REPLACEMENT = /\b(?:no|not an?|don'?t (?:want|need)(?: an?)?|do not (?:want|need)(?: an?)?) (?:exchange|replacement|new one|swap)\b|不(?:用|要|想|需要)?换(?:了|货|新的)?/g;
const REFUSED_REFUND = /\b(?:no|not an?|don'?t (?:want|need)(?: an?)?|do not (?:want|need)(?: an?)?) (?:refund|money back)\b|不(?:用|要|想|需要)(?:退款|退钱)/g;
const REFUND_NAMED = /\b(?:refund|money back|return (?:it|them)|send (?:it|them) back)\b|退/;
const REPLACEMENT_NAMED = /\b(?:exchange|replace(?:ment)?|new one|swap|another one)\b|换/;
/** The buyer takes the return postage on. */
const PAYS_POSTAGE = /运费我(?:来)?(?:出|付|承担)|我(?:来)?(?:出|付|承担)(?:退货)?运费|\b(?:i'?ll|i will|i can|happy to|fine to) (?:pay|cover) (?:for )?(?:the )?(?:return )?(?:shipping|postage|label)\b/;
export function readReturnOption(text: string, lang: Lang, offered: readonly ReturnOptionAnswer[]): ReturnOptionAnswer | undefined {
  const t = fold(text);
  const has = (o: ReturnOptionAnswer) => (offered.includes(o) ? o : undefined);
  // "Keep it, refund …" is an option here, not the "keep the order" of a cancel; any other no picks none.
  if (/\bkeep (?:it|them)\b|不用寄回|不寄回|留着/.test(t) && !/\b(?:don'?t|do not)\b.{0,12}\brefund/.test(t)) return has('returnless_refund');
  // "能换成S码吗？不行的话就退", "can I swap it for a small? if not, refund": the fallback named is the pick.
  const fallback = FALLBACK.exec(t);
  if (fallback) {
    const picked = readReturnOption(t.slice(fallback.index + fallback[0].length), lang, offered);
    if (picked !== undefined) return picked;
  }
  // "不换了直接退吧", "no exchange, just refund me": one option refused, the other named.
  const refusedReplacement = t.replace(REFUSED_REPLACEMENT, ' ');
  if (refusedReplacement !== t && REFUND_NAMED.test(refusedReplacement)) return has('refund');
  const refusedRefund = t.replace(REFUSED_REFUND, ' ');
  if (refusedRefund !== t && REPLACEMENT_NAMED.test(refusedRefund)) return has('replacement');
  if (readYesNo(t, lang) === 'no') {
    // "nope its unopened, just ordered by mistake. yes make the return": the no answered the proviso, the last sentence agrees.
    const last = t.split(/[.!?。！？;；]+/).map((s) => s.trim()).filter((s) => s !== '').at(-1);
    return last !== undefined && last !== t.trim() && readYesNo(last, lang) === 'yes' ? (readReturnOption(last, lang, offered) ?? offered[0]) : undefined;
  }
  // The bare verb is the pick: "退" / "退吧" / "那先退了吧" / "换" / "换一个吧".
  const bare = t.replace(/[\s!！。.~～,，]+/g, '');
  if (/^(?:那就|就|要|我要|那)?(?:先)?换(?:掉|了|吧|呗|一个|个新的|新的)?(?:吧)?$/.test(bare)) return has('replacement');
  if (/^(?:那就|就|要|我要|那)?(?:先|还是)?退(?:掉|了|吧|呗|钱)?(?:吧)?$/.test(bare)) return has('refund');
  // Taking the postage on: "运费我出", "I'll pay the return shipping" agrees to the offer as stated.
  if (PAYS_POSTAGE.test(t)) return offered[0];
  if (/\b(?:exchange|replace(?:ment)?|new one|swap|another one)\b|换(?:一|个|货|新)/.test(t)) return has('replacement');
  if (/\b(?:refund|money back|return (?:it|them)|send (?:it|them) back)\b|退款|退钱|退货/.test(t)) return has('refund');
  if (readYesNo(t, lang) === 'yes') return offered[0];
  return undefined;
}

/**
 * A follow-up that only makes sense about the order already discussed: when it will arrive
 * ("when is it going to get here then?", "那什么时候能到") or the same request for another item
 * ("and the other one?", "那另一个呢").
 */
export function readFollowUp(text: string): 'arrival' | 'another' | undefined {
  const t = fold(text);
  if (
    /\b(?:when|how long|how soon|what day|eta)\b.{0,40}\b(?:arrive|get (?:here|hear|heer)|come|be (?:here|hear)|deliver(?:ed)?|ship(?:ped)?|show up|turn up|reach)\b|\bwhere is it\b|\bwhere'?s it\b|(?:什么时候|啥时候|啥时|什么时间|几时|哪天)(?:能|会|可以|才)?(?:到|送到|发货|寄到)|多久(?:能|才)?到|几天(?:能|才)?到|还要几天|到哪了|到哪儿了/.test(t) ||
    // Who carries it and under which number: "which company is delivering it?", "哪家快递", "单号多少".
    /\b(?:which|what) (?:company|carrier|courier|delivery (?:company|service))\b|\bwho(?:'s| is) (?:delivering|shipping|bringing) it\b|\btracking (?:number|no|code|link)\b|哪家快递|什么快递|哪个快递|快递单号|运单号|物流单号|单号多少/.test(t)
  ) {
    return 'arrival';
  }
  if (/\b(?:and |what about |how about )?the other (?:one|item|thing|pair)\b|\b(?:and|what about|how about) (?:the )?(?:rest|others)\b|另一个|另外一个|另外那个|其他的呢|那个呢/.test(t)) return 'another';
  return undefined;
}

/**
 * A question about the parcel itself while a remedy is offered ("so its late right? whats going on with usps",
 * "where is it now?", 现在到哪了, 怎么回事啊): its status again, not a miss.
 */
export function asksAboutParcel(text: string): boolean {
  const t = fold(text);
  if (readFollowUp(t) === 'arrival') return true;
  const question = /[?？]|\b(?:what|whats|why|where|how|is it|right)\b|吗|呢|怎么|咋|为什么|什么情况/.test(t);
  return question && /\b(?:late|delay\w*|going on|happen\w*|status|where|stuck|lost|usps|ups|dhl|fedex|royal mail|carrier|courier|tracking|parcel|package)\b|怎么回事|咋回事|什么情况|到哪|物流|快递|卡住|丢了|延误|顺丰|邮政/.test(t);
}

export type Remedy = 'refund' | 'reship';

const REMEDY_WORDS: Record<Remedy, { en: string; zh: string }> = {
  refund: { en: "refund(?:ed)?|money back|my money|reimburse", zh: '退款|退钱|钱退|返款' },
  reship: { en: "re-?ship(?:ped)?|re-?send|send (?:it |one |another(?: one)? |a new one )?(?:again|out again|again)|send (?:me )?(?:another|a new) one|new one|replacement|another one", zh: '补发|重发|再发|重新(?:寄|发)|再寄' },
};

/**
 * Refund or reship, typed at the question that offers them (a late or lost parcel). A remedy the
 * message refuses ("别跟我说重发 直接退款", "no refund, just send another one") is not the pick.
 */
export function readRemedy(text: string): Remedy | undefined {
  const t = fold(text);
  // "How long does the refund take?" asks about a remedy; it does not pick one.
  if (/\b(?:how long|when|how many days)\b|多久|几天|什么时候|多长时间/.test(t)) return undefined;
  const picks = (Object.keys(REMEDY_WORDS) as Remedy[]).filter((r) => {
    const { en, zh } = REMEDY_WORDS[r];
    const named = new RegExp(`\\b(?:${en})\\b|${zh}`, 'i');
    if (!named.test(t)) return false;
    const refused = new RegExp(`\\b(?:${EN_NEGATOR}|no)\\s+(?:\\w+\\s+){0,2}(?:${en})\\b|${ZH_NEGATOR}.{0,4}(?:${zh})`, 'i');
    return !refused.test(t);
  });
  return picks.length === 1 ? picks[0] : undefined;
}
