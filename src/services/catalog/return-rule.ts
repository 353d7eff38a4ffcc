/**
 * The named routing rule between pre-sales answers and the return flow: "returnRuleAsked". A return
 * asked as a hypothetical ("if it doesn't fit, can I send it back?", 收到不喜欢能退吗) is a question
 * about the shop's return rule, not a return to start: with no order named, the knowledge base's
 * rule answers and a button offers to start a return. A buyer who says they have the item and want
 * to send it back ("I got the shoes and want to return them", 我收到了想退货) still gets the flow.
 */
import type { Lang } from '../../domain/lang.js';
import type { Reply } from '../../domain/reply.js';

/** The return-rule entries of the knowledge base (answer sources `kb:<id>`). */
const RETURN_RULE_ENTRIES = new Set(['returns_policy', 'exchanges', 'return_shipping_cost', 'refund_timing']);

/** Asked as a rule or a hypothetical. */
const HYPOTHETICAL: Record<Lang, RegExp> = {
  en: /\b(?:if|what if|in case|suppose|can i|could i|am i able|is it possible|do you (?:accept|allow|take|do)|how (?:long|many days)|are returns|is there a)\b/,
  zh: /如果|要是|万一|假如|的话|能不能|可不可以|可以|能[退换]|多少天|几天|多久|吗|呢|谁|怎么|什么|多少|哪/,
};
/** The buyer has the item or wants a return now ("I received", "my order", "I want to return"). */
const HAS_IT: Record<Lang, RegExp> = {
  en: /\b(?:i|we)(?:'ve| have)? (?:got|received|bought|ordered)\b|\b(?:i|we) (?:already |now )?have (?:it|them|the|this|these|my)\b|\bi'?ve had\b|\bmy (?:order|parcel|package)\b|\b(?:i|we) (?:want|need|would like|wanna|'d like) to (?:return|send|exchange|refund)\b|\bstart (?:a|my) return\b|\border (?:number|no|#)|\b\d{6,}\b/,
  zh: /我(?:已经)?(?:收到了|买了|买的|拿到了|到货了|下单了)|已经收到|收到了|到货了|我的订单|订单号|我[要想]退|想退货|要退货|申请退|帮我退|\d{6,}/,
};

/** The message's own shape: asked as a hypothetical ("can I return it if …"), by a buyer who names no order and has nothing yet. */
export function hypotheticalReturn(text: string, lang: Lang, orderNamed: boolean): boolean {
  if (orderNamed) return false;
  const t = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  return HYPOTHETICAL[lang].test(t) && !HAS_IT[lang].test(t);
}

/** The answer came from one of the knowledge base's return-rule entries. */
export const answeredByReturnRule = (answerSource: string): boolean => answerSource.startsWith('kb:') && RETURN_RULE_ENTRIES.has(answerSource.slice(3));

/** True when a message the classifier read as a return is a hypothetical return-rule question. */
export function returnRuleAsked(text: string, lang: Lang, answerSource: string, orderNamed: boolean): boolean {
  return answeredByReturnRule(answerSource) && hypotheticalReturn(text, lang, orderNamed);
}

/** After the rule: a button to start a return (the return flow asks for the order). */
export const OFFER_RETURN: Reply = { key: 'presales:offerReturn', suggestions: [{ key: 'common:menu.return', choice: 'intent:return_item' }] };
