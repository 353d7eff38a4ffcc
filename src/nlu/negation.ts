/**
 * Refusals and holding back, read before any yes: a negated action is never consent. Which action a message
 * refuses ("don't cancel", "不用退"), keeping ("keep the order", 留着), withdrawing ("never mind", 算了), what the
 * refusal is about (the other items, or the chat: "别的不用退", "先不聊了" refuse nothing here), a request said after
 * the refusals ("手套算了 不退了 就退锅吧"), and holding back ("wait, before you do that", 等一下).
 */
import type { Lang } from '../domain/lang.js';

/** Lower case, NFKC, straight quotes, single spaces: the text every reader of this folder matches. */
export const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The actions the bot can take on an order or a conversation. */
export type Action = 'cancel' | 'change_address' | 'return' | 'complaint' | 'handoff';


const EN_ACTION: Record<Action, string> = {
  cancel: "cancel+(?:l?ing|l?ed|l?ation)?|cancle|cancell?",
  change_address: 'chang(?:e|ing) (?:the |my )?(?:address|addy)|redirect|update (?:the |my )?address',
  return: "return(?:ing)?|send(?:ing)? (?:it |them )?back|refund(?:ing)?|exchang(?:e|ing)",
  complaint: 'complain(?:t|ing)?|file (?:a )?complaint|report(?:ing)?',
  handoff: '(?:transfer|connect|pass|hand)(?:ing)? me|(?:get|talk (?:to|with)|speak (?:to|with)|chat with|want|need) (?:a |an )?(?:real |actual |live )?(?:human|person|agent|someone|rep)|(?:a |an )?(?:real |actual |live )?(?:human|person|agent)',
};
const ZH_ACTION: Record<Action, string> = {
  cancel: '取消|撤销|撤单|退单',
  change_address: '改地址|改一下地址|修改地址|换地址|改收货地址|改',
  return: '退货|退款|退|换货|寄回',
  complaint: '投诉|举报',
  handoff: '转人工|人工|客服|真人',
};

export const EN_NEGATOR = "(?:don't|dont|do not|doesn't|didn't|did not|no need to|no need for|not|never|no longer|hold off(?: on)?|stop|wait,? don't|please don't|pls don't|won't|will not|shouldn't)";
export const ZH_NEGATOR = '(?<![要能可])(?:不要|不用|别|先别|不想|不必|暂时不|先不|不需要|不|甭|无需|没必要)';

const NEGATED_EN = (Object.entries(EN_ACTION) as [Action, string][]).map(
  ([action, words]) => [action, new RegExp(`\\b${EN_NEGATOR}\\s+(?:(?:want|need|wanna|have) (?:to )?|go ahead (?:and|with) |bother |actually )?(?:to )?(?:(?:make|file|open|lodge|raise|start|do|process|go (?:on )?with) (?:a |an |the |my |that )?)?(?:${words})\\b`, 'i')] as const,
);
const NEGATED_ZH = (Object.entries(ZH_ACTION) as [Action, string][]).map(
  ([action, words]) => [action, new RegExp(`${ZH_NEGATOR}(?:要|想|用|需要|帮我|给我|了)?(?:${words})`)] as const,
);
/** Keeping the thing the action would change: "keep the order", "保留订单", "留着吧". */
const KEEP_EN = /\b(?:keep (?:it|the order|my order|them|the item|it as it is)|i'?ll keep|leave (?:it|the order) (?:as it is|alone)?|leave it)\b/i;
// "先不" keeps only when it holds back the action ("先不取消", "先不了"), not the chat ("孩子在哭我先不聊了").
const KEEP_ZH = /保留|留着|不取消|不退了|不改了|不换了|先不(?=$|[了吧啦，,。.!！\s]|取消|退|改|换|办|弄)/;
/** Withdrawals of the whole request: "never mind", "算了". */
const WITHDRAW_EN = /\b(?:never ?mind|nvm|forget (?:it|about it)|changed my mind|scratch that|on second thought|actually,? no|no,? wait|(?:don'?t|do not|please don'?t) (?:do (?:that|it|this|so)|bother))\b/i;
const WITHDRAW_ZH = /算了|不办了|不弄了|不用了|改主意|还是不|别(?:这么|这样|那样)?(?:弄|办|搞)了?|别这样|不要这样/;

/**
 * A request for an action said after the refusals ("手套算了 不退了 就退锅吧", "not the mitts, just return
 * the pan"): the refusal was about something else (another item), the last clause is what is wanted.
 */
const laterRequest = (action: Action | 'any'): RegExp[] => {
  const en = action === 'any' ? Object.values(EN_ACTION).join('|') : EN_ACTION[action];
  const zh = action === 'any' ? Object.values(ZH_ACTION).join('|') : ZH_ACTION[action];
  return [new RegExp(`\\b(?:just|only|instead|then|but)\\b(?:,? (?:please|pls))? (?:${en})\\b`, 'gi'), new RegExp(`(?:就|只|还是|那就|那你|但是?|直接)(?:帮我|给我|要|想)?(?:${zh})`, 'g')];
};
const lastIndex = (t: string, re: RegExp) => Math.max(-1, ...[...t.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => m.index));
const REFUSALS = [...NEGATED_EN.map(([, re]) => re), ...NEGATED_ZH.map(([, re]) => re), KEEP_EN, KEEP_ZH, WITHDRAW_EN, WITHDRAW_ZH];
/** The same action (or, after a bare "never mind", any action) asked for after every refusal in the message. */
const requestedAfterRefusals = (t: string, refused: Action | 'any'): boolean => {
  const request = Math.max(...laterRequest(refused).map((re) => lastIndex(t, re)));
  return request >= 0 && REFUSALS.every((re) => lastIndex(t, re) < request);
};

/** The action this message says must NOT be taken, or `any` for a withdrawal of the whole request. */
export function negatedAction(text: string, lang: Lang): Action | 'any' | undefined {
  const t = fold(text);
  const zh = /\p{Script=Han}/u.test(t);
  const refused = refusedIn(t, zh || lang === 'zh');
  // "手套算了 不退了 就退锅吧": the refusal was of another item; the request said last is what is wanted.
  return refused !== undefined && requestedAfterRefusals(t, refused) ? undefined : refused;
}

/**
 * A refusal of the other items, not of this one: "别的不用退", "其他的都不要", "the rest can stay", "not the others".
 * Those clauses are left out before refusals are read ("对，就退这个，别的不用退" returns this item).
 */
const OTHERS_REFUSED =
  /(?:别的|其他的?|其它的?|剩下的|其余的?)[^，,。.!！?？；;]{0,4}(?:都)?(?:不用|不要|不需要|不|别|先不)[^，,。.!！?？；;]*|\b(?:the )?(?:others?|rest|other (?:items?|ones?|things?|stuff))\b[^,.!?;]{0,20}\b(?:don'?t|do not|no need|not|can stay|stay|keep)\b[^,.!?;]*|\b(?:don'?t|do not|no need to|not)\b[^,.!?;]{0,20}\b(?:the )?(?:others?|rest|other (?:items?|ones?|things?))\b/gi;

function refusedIn(text: string, zh: boolean): Action | 'any' | undefined {
  const t = text.replace(OTHERS_REFUSED, ' ');
  for (const [action, re] of NEGATED_EN) if (re.test(t)) return action;
  if (zh) for (const [action, re] of NEGATED_ZH) if (re.test(t)) return action;
  if (KEEP_EN.test(t) || KEEP_ZH.test(t)) return 'any';
  if (WITHDRAW_EN.test(t) || WITHDRAW_ZH.test(t)) return 'any';
  return undefined;
}

/** Holding the action back: "wait", "hold on", "before you do that", "等一下". */
const HOLD_EN = /\b(?:wait(?:,? wait)?|hold on|hang on|one (?:sec|second|moment|min(?:ute)?)|before you (?:do|go|cancel|proceed|return|change|send)|not yet|let me (?:think|check|see)|give me a (?:sec|second|moment|minute))\b/i;
const HOLD_ZH = /等一下|等等|等会|等一等|先等|稍等|慢着|先别急|我想想|考虑一下/;

/** The buyer holds the action back ("wait before you do that – does it work with a mac?"): no yes, whatever follows. */
export const holdsBack = (t: string): boolean => HOLD_EN.test(t) || HOLD_ZH.test(t);
