/**
 * Per-message language detection and explicit switch requests. Any Han character makes a message
 * Chinese ("我的order呢" is written by a Chinese reader); otherwise a Latin word means English; a message
 * with neither (an order number, an email address, a postcode, "?", an emoji) keeps the conversation's language.
 */
import type { Lang } from '../domain/lang.js';

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /\p{Script=Latin}{2,}/u;
/** Emails, links and codes with digits (order ids, postcodes like SW1A 1AA, RMA numbers) say nothing about language. */
const NEUTRAL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|\b[\p{L}\d-]*\d[\p{L}\d-]*\b/gu;

/** The start of a message is enough to tell its language, and keeps the cost flat for huge inputs. */
const SAMPLE_CHARS = 500;

export function detectLanguage(text: string, fallback: Lang): Lang {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (HAN.test(sample)) return 'zh';
  if (LATIN_WORD.test(sample.replace(NEUTRAL, ' '))) return 'en';
  return fallback;
}

const TO_ENGLISH = [
  /^\s*(?:(?:can|could) (?:you|we) )?(?:please )?(?:speak|talk|write|reply|answer|switch to|change to|use)?\s*(?:in )?english(?: please| pls)?[.!?\s]*$/i,
  /^\s*english(?: please| pls)?[.!?\s]*$/i,
  /^\s*(?:请)?(?:说|讲|用|换成|切换到|改成|改用)(?:英文|英语)(?:吧|好吗|可以吗)?[。！!？?\s]*$/u,
];
const TO_CHINESE = [
  /^\s*(?:(?:can|could) (?:you|we) )?(?:please )?(?:speak|talk|write|reply|answer|switch to|change to|use)?\s*(?:in )?(?:chinese|mandarin)(?: please| pls)?[.!?\s]*$/i,
  /^\s*(?:请)?(?:说|讲|用|换成|切换到|改成|改用)(?:中文|汉语|普通话)(?:吧|好吗|可以吗)?[。！!？?\s]*$/u,
  /^\s*中文(?:吧|好吗|可以吗)?[。！!？?\s]*$/u,
];

/** "English please" / "说中文": the buyer asks for a language, independent of the script they used. */
export function requestedLanguage(text: string): Lang | undefined {
  if (text.length > 60) return undefined;
  if (TO_ENGLISH.some((re) => re.test(text))) return 'en';
  if (TO_CHINESE.some((re) => re.test(text))) return 'zh';
  return undefined;
}
