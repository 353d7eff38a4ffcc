/**
 * How buyers write things the knowledge base spells out: payment brands in pinyin initials or run
 * together ("zfb", "vx", "applepay"), and a return asked as a hypothetical ("if it doesn't fit, can I
 * send it back?"). Applied to the normalised question before spelling correction, so "zfb" is not
 * "fixed" into another word. Each rewrite is a class of wording, never one question.
 */
import type { Lang } from '../../domain/lang.js';

/** A payment word nearby: "pp" is PayPal only then (not polypropylene, "pp 材质"). */
const PAY_CONTEXT = /pay|付|支付|结账|checkout|accept|take|收不收|能用|可以用|用(?=\s*pp)|pp\s*(?:可以|行|ok|能用|支持)/;
const NOT_PAYMENT = /pp\s*(?:材|塑|料|plastic|material|棉)/;

/** Payment brands as written in chats → the knowledge base's own names, per language. */
const PAYMENT: Record<Lang, [RegExp, string][]> = {
  en: [
    [/(?<![a-z])zfb(?![a-z])/g, ' alipay '],
    [/(?<![a-z])(?:wx|vx|wechat)\s*(?:pay)?(?![a-z])/g, ' wechat pay '],
    [/(?<![a-z])apple\s*pay(?![a-z])/g, ' apple pay '],
    [/(?<![a-z])(?:google\s*pay|gpay)(?![a-z])/g, ' google pay '],
  ],
  zh: [
    [/(?<![a-z])(?:zfb|alipay)(?![a-z])/g, '支付宝'],
    [/(?<![a-z])(?:wx|vx|wechat)\s*(?:pay)?(?![a-z])/g, '微信'],
    [/(?<![a-z])apple\s*pay(?![a-z])/g, ' apple pay '],
    [/(?<![a-z])(?:google\s*pay|gpay)(?![a-z])/g, ' google pay '],
  ],
};
const PP = /(?<![a-z])pp(?![a-z])/g;

/** A return or exchange is what is asked about. */
export const RETURN_WORD: Record<Lang, RegExp> = {
  en: /\b(?:return|refund|exchange|swap|send (?:it|them|\w+) back|ship (?:it|them) back)/,
  zh: /退|换|寄回/,
};
/** A cancellation asked: "if I change my mind" is its condition too. */
const CANCEL_WORD: Record<Lang, RegExp> = { en: /\bcancel/, zh: /取消/ };

/**
 * Reasons a buyer gives for a return the policy covers as "changed your mind" (it doesn't fit, I don't
 * like it): inside a return question they are the condition, not a fact to look up, and every
 * return-rule entry covers them, so they go. Conditions the policy treats differently (worn, opened,
 * broken) are left as they are.
 */
const MIND_CHANGED: Record<Lang, [RegExp, string][]> = {
  en: [
    [/\bswap(?:ped|ping|s)?\b/g, 'exchange'],
    [/\b(?:it|they|this|that|these|those|the \w+)?\s*(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|will not)\s+(?:fit(?: me| well| right)?|suit(?: me)?|work (?:out|for me)|look (?:good|right)(?: on me)?)\b/g, ' '],
    [/\b(?:it'?s|its|it is|they'?re|they are|(?:the \w+ )?(?:is|are))\s+(?:too (?:big|small|tight|loose|large|long|short)|the wrong size)\b/g, ' '],
    [/\b(?:i|we)\s+(?:don'?t|do not|didn'?t|did not)\s+(?:like|love|want)(?: it| them)?\b|\bchanged? (?:my|our) minds?\b|\bnot happy with (?:it|them)\b/g, ' '],
    // "I ordered the wrong colour, can I still cancel": the buyer's own mistake is why, not what is asked.
    [/\b(?:i|we)?\s*(?:ordered|bought|picked|chose|got|put)\s+(?:in\s+)?(?:the\s+|a\s+)?wrong\s+(?:colou?r|size|item|one|model|thing|address)\b/g, ' '],
    // "how long do I have to send it back" is the return window, not the return postage.
    [/\bhow (?:long|many days) do (?:i|we) have to (?:send|ship|post|mail|bring) (?:it|them|\w+) back\b/g, ' how many days do i have to return '],
  ],
  zh: [
    [/如果|要是|万一|假如|的话/g, ' '],
    // A bare 换 / 退 ("能换吗", "能退吗") is an exchange / a return: the entries' own words.
    [/换(?=吗|呢|么|不|了|一下|[?？\s]|$)/g, '换货'],
    [/退(?=吗|呢|么|不|了|[?？\s]|$)/g, '退货'],
    [/不喜欢|不合适|不合身|不适合|尺码不对|大小不合|穿着不合|不满意|不想要了?|后悔了?/g, ' '],
  ],
};

/**
 * Chat spellings of Chinese: a sentence-final 马 / 嘛 / 麽 typed for 吗 (pinyin "ma"), 帐 for 账
 * (到帐 / 到账), 前 for 钱 after a price word (多少前), 运废 / 包游 for 运费 / 包邮, 建盘 / 眼色 for 键盘 / 颜色.
 */
const ZH_TYPED: [RegExp, string][] = [
  [/(?<=[\p{Script=Han}a-z0-9])[马嘛麽](?=\s*(?:[?？!！。.,，\s]|$))/gu, '吗'],
  [/帐/g, '账'],
  // Homophones typed for the shipping words: 运废 / 邮废 (运费), 包游 / 包油 (包邮).
  [/([运邮])废/g, '$1费'],
  [/包[游油](?!漆)/g, '包邮'],
  // 多少前 / 几块前: 钱 typed as its homophone 前 after a price word.
  [/(多少|几块|几元|什么价)前/g, '$1钱'],
  // Pinyin-input homophones of product words (建盘 jian pan, 眼色 yan se) and the Taiwanese 蓝芽 for 蓝牙.
  [/建盘/g, '键盘'],
  [/眼色/g, '颜色'],
  [/蓝芽/g, '蓝牙'],
];

const MACBOOK = /\bmacbook\s*(?:pro|air)\b/g;

/** The question with payment shorthand spelled out and mind-changed return reasons in the KB's words. */
export function expandShorthand(q: string, lang: Lang): string {
  // "MacBook Pro / Air": the facts name the laptop by "MacBook" (a size beside it still has to be covered).
  let t = MACBOOK.test(q) ? q.replace(MACBOOK, 'macbook') : q;
  t = PAYMENT[lang].reduce((s, [re, to]) => s.replace(re, to), lang === 'zh' ? ZH_TYPED.reduce((s, [re, to]) => s.replace(re, to), t) : t);
  if (PAY_CONTEXT.test(t) && !NOT_PAYMENT.test(t)) t = t.replace(PP, ' paypal ');
  if (!RETURN_WORD[lang].test(t) && !CANCEL_WORD[lang].test(t)) return t;
  t = MIND_CHANGED[lang].reduce((s, [re, to]) => s.replace(re, to), t);
  return t;
}
