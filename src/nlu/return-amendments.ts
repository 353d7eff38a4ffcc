/**
 * What a buyer says about a return's remedy, in English and Chinese: the remedy they ask for anywhere
 * in the conversation ("can I get a new one?", "换个新的", "I just want my money back"), and, right
 * after a return was issued, a change of remedy ("a replacement instead", "换货吧") or calling it off
 * ("never mind, I'll keep it", "算了不退了"). Pure and synchronous; a remedy the message refuses
 * ("no refund, just send a new one") is not asked for, and a question about one ("how long does the
 * refund take?") asks nothing.
 */
import { EN_NEGATOR, ZH_NEGATOR, fold } from './negation.js';

export type AskedRemedy = 'refund' | 'replacement';

const WORDS: Record<AskedRemedy, { en: string; zh: string }> = {
  refund: { en: 'refund(?:ed)?|money back|my money|reimburse(?:d|ment)?', zh: '退款|退钱|钱退|返款|退全款' },
  replacement: {
    en: 'replace(?:d|ment)?|exchange(?:d)?|swap(?:ped)?|(?:new|another|fresh|working|different) (?:one|pair|set|unit|piece)|send (?:me )?(?:another|a new)',
    zh: '换货|换新|换一个|换个新|换个好的|换一件|调换|换成新|重新发一个|再发一个|补发|新的吧',
  },
};

const named = (r: AskedRemedy) => new RegExp(`\\b(?:${WORDS[r].en})\\b|${WORDS[r].zh}`, 'i');
const refused = (r: AskedRemedy) => new RegExp(`\\b(?:${EN_NEGATOR}|no)\\s+(?:(?:want|need|a|an|the|any)\\s+){0,2}(?:${WORDS[r].en})\\b|${ZH_NEGATOR}.{0,3}(?:${WORDS[r].zh})`, 'i');
/** A question about how a remedy works picks none. */
const ASKS_ABOUT = /\b(?:how long|when will|how many days|how does)\b|多久|几天|什么时候|多长时间/i;

/** The one remedy a message asks for (refund or replacement), if it names exactly one and refuses it not. */
export function readAskedRemedy(text: string): AskedRemedy | undefined {
  const t = fold(text);
  if (ASKS_ABOUT.test(t)) return undefined;
  const picks = (['refund', 'replacement'] as const).filter((r) => named(r).test(t) && !refused(r).test(t));
  if (picks.length === 1) return picks[0];
  // "not a refund, a replacement": both named, one refused.
  return undefined;
}

/** The latest remedy asked for in the buyer's messages (oldest first). */
export function remedyAskedIn(said: readonly string[]): AskedRemedy | undefined {
  return said.map(readAskedRemedy).findLast((r) => r !== undefined);
}

/** "instead", "rather", "change it to", "actually": the remedy is a change of the one agreed. */
const INSTEAD = /\b(?:instead|rather|actually|change (?:it|that|the return) to|switch (?:it|that) to|make (?:it|that) a|prefer)\b|还是|改成|换成|改为|算了.{0,6}(?:换|退款)|不如|要不/i;

/**
 * Right after a return was issued: the remedy the buyer now wants instead ("can I get a refund
 * instead?", "actually a replacement please", "换货吧", "还是退款吧"). A bare "ok" / "thanks" is none.
 */
export function readRemedyChange(text: string): AskedRemedy | undefined {
  const t = fold(text);
  const bare = t.replace(/[\s!！。.~～,，]+/g, '');
  if (/^(?:那就|那|就|还是|我要|要)?换(?:吧|了吧|一下吧|呗|货)?$/.test(bare)) return 'replacement';
  if (/^(?:那就|那|就|还是|我要|要)?退(?:款|钱)(?:吧|呗)?$/.test(bare)) return 'refund';
  const asked = readAskedRemedy(t);
  if (asked === undefined) return undefined;
  // A short message that is only the remedy ("换货吧", "replacement please") is a change too.
  const short = t.replace(/[\s!！。.~～,，?？]+/g, '').length <= 24;
  return INSTEAD.test(t) || short ? asked : undefined;
}

const WITHDRAW_EN =
  /\b(?:never ?mind|nvm|forget (?:it|about it|the return)|(?:i'?ll|i will|i'?d rather|i'?m going to|gonna|let me|i can) (?:just )?keep (?:it|them|the \w+)|keep (?:it|them) after all|cancel (?:the|my|this|that) return|(?:don'?t|do not|no longer|not) (?:want|need) to (?:return|send) (?:it|them|anything)|(?:don'?t|do not) (?:return|send) (?:it|them)(?: back)?|no (?:need|return)\b.{0,15}\b(?:after all|anymore)|changed my mind|call (?:it|the return) off|withdraw (?:it|the return))\b/i;
const WITHDRAW_ZH = /不退了|不用退了|不想退了|不退货了|不要退了|不换了|不用换了|取消退货|撤销退货|退货取消|算了吧?$|^算了|留着吧|我留着|自己留着|还是留着|先留着|不寄回了|不用寄了|不寄了/;
/** "don't cancel the return", "别取消": keeping the return is no withdrawal. */
const KEEPS_RETURN = /\b(?:don'?t|do not|not) (?:cancel|withdraw)\b|(?:不要|别|不用)(?:取消|撤销)/i;

/** Another item of the order than the one returned: "the other one", "另一件", "剩下那个". */
const ANOTHER_ITEM = /\b(?:the|that) other (?:one|item|thing|pair|set|product)s?\b|\bwhat about the\b|另一件|另外一件|另一个|另外一个|另外那|另一样|另一套|另一双|剩下的?那|其他的?(?:东西|商品|那)/i;

/** Right after a return was issued: the buyer calls it off ("never mind, I'll keep it", "算了不退了"). */
export function readsWithdrawal(text: string): boolean {
  const t = fold(text);
  if (KEEPS_RETURN.test(t)) return false;
  // "那另一件铲子呢 铲子我留着 不用退", "what about the other one? I'll keep that": another item kept, this return stands.
  if (ANOTHER_ITEM.test(t)) return false;
  // "keep it and refund me" is the returnless option, not calling the return off.
  if (/\bkeep (?:it|them)\b.{0,20}\brefund|留着.{0,6}退款/i.test(t)) return false;
  return WITHDRAW_EN.test(t) || WITHDRAW_ZH.test(t);
}
