/**
 * Entity extraction for buyer messages in English and Chinese. Values are normalised (see `Entity`);
 * where a number could be an order id or a postal code and the words around it do not say which,
 * only a neutral `number` is emitted so the dialog can ask in context.
 */
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals.js';
import { extractDates } from './dates.js';
import { detectReturnReason } from './return-reasons.js';
import { detectReviewBargain } from './review-bargain.js';
import type { Entity, EntityType } from './types.js';
import type { Lang } from '../domain/lang.js';

export interface ExtractOptions {
  /** IANA zone used to resolve "yesterday"; defaults to UTC. */
  timeZone?: string;
}

interface Span extends Entity {
  start: number;
  end: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const RMA = /\bRMA[-\s]?([A-Za-z0-9]{10})(?![A-Za-z0-9])/gi;
const MARKETPLACE_ORDER = /(?<![\d-])(\d{3})[\s-]{0,2}(\d{7})[\s-]{0,2}(\d{7})(?![\d-])/g;
const UK_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/gi;
const ZIP_PLUS4 = /(?<![\d-])(\d{5})-(\d{4})(?![\d-])/g;
const DIGIT_RUN = /(?<![\d.,])\d{5,20}(?![\d.,]?\d)/g;
/** A postal code written in groups right after its name: "邮编 100 022", "zip 974-05". */
const SPACED_POSTAL = /(?:zip|post\s?code|postal|plz|邮编|邮政编码)[^\dA-Za-z]{0,6}(\d{2,4}[ -]\d{2,4})(?![\d-])/gi;

const ORDER_CONTEXT = /(?:order|ordr|oder|purchase|#|no\.|number|订单|单号|订单号|编号)[^\d]{0,16}$/i;
/**
 * The number is introduced as an order number: "order 12345", "order #12345", "order number is 12345",
 * "订单12345", "订单号是12345". Then even a 5-digit number is an order id candidate (verification
 * rejects one the order system does not know); a 5-digit number merely near the word ("my order
 * should go to 10001") is still a zip.
 */
const ORDER_NUMBER_SAID =
  /(?:(?<![a-z])(?:order|ordr|oder|purchase)(?:\s*(?:number|num|no\.?|id|#)(?:\s+(?:is|was))?)?|(?:订单号|单号|订单编号)\s*(?:是|为)?|订单)\s*[:#]?\s*$/i;
/** "my order is 12345": an order number, unless a postal word comes first ("the zip on my order is 10001"). */
const ORDER_IS = /(?:(?<![a-z])(?:order|ordr|oder|purchase)\s+(?:is|was)|订单\s*(?:是|为))\s*:?\s*$/i;
const POSTAL_CONTEXT = /(?:zip|post\s?code|postal|plz|邮编|邮政编码|油编|游编|邮遍)[^\d]{0,12}$/i;
const PHONE_CONTEXT = /(?:phone|tel|mobile|cell|whatsapp|电话|手机|联系方式)[^\d]{0,12}$/i;
const ADDRESS_HINT = /\b(?:street|st\.|road|rd\.|avenue|ave|lane|blvd|drive|apt|suite|city|address|strasse|straße|str\.)\b|路|街|号楼|小区|区|市|省|地址/i;
const CN_MOBILE = /^1[3-9]\d{9}$/;

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY' };
const CURRENCY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:usd|dollars?|bucks?|美元|美金|刀)$/i, 'USD'],
  [/^(?:eur|euros?|欧元)$/i, 'EUR'],
  [/^(?:gbp|pounds?|quid|英镑)$/i, 'GBP'],
  [/^(?:cny|rmb|yuan|元|块钱|块|人民币|圆)$/i, 'CNY'],
];
const AMOUNT_SYMBOL_FIRST = /(US\$|[$€£¥]|人民币|RMB\s?)\s?(\d{1,7}(?:[.,]\d{1,2})?)/gi;
const AMOUNT_WORD_AFTER_EN = /(\d{1,7}(?:\.\d{1,2})?)\s?(usd|dollars?|bucks?|eur|euros?|gbp|pounds?|quid|rmb|yuan|cny)\b/gi;
const AMOUNT_WORD_AFTER_ZH = new RegExp(
  `(\\d{1,7}(?:\\.\\d{1,2})?|[${CHINESE_NUMERAL_CHARS}]{1,8})\\s?(美元|美金|欧元|英镑|块钱|块|元|人民币|rmb|usd|eur|刀)`,
  'gi',
);
const ZH_NUMBER = new RegExp(`[${CHINESE_NUMERAL_CHARS}]{2,}|[${CHINESE_NUMERAL_CHARS}](?=[个件双只台次瓶盒套条张])`, 'g');
const PLAIN_NUMBER = /(?<![\d.])\d+(?:\.\d+)?(?![\d.])/g;

function currencyOf(word: string): string | undefined {
  const trimmed = word.trim();
  if (trimmed.toUpperCase() === 'US$') return 'USD';
  const symbol = CURRENCY_SYMBOLS[trimmed];
  if (symbol) return symbol;
  return CURRENCY_WORDS.find(([re]) => re.test(trimmed))?.[1];
}

function formatAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

class SpanSet {
  readonly spans: Span[] = [];

  overlaps(start: number, end: number): boolean {
    return this.spans.some((s) => start < s.end && end > s.start);
  }

  add(type: EntityType, value: string, start: number, end: number): void {
    if (!this.overlaps(start, end)) this.spans.push({ type, value, start, end });
  }
}

function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) fn(m);
}

/** The label of a postcode, with the input-method slips of 邮编 (油编, 游编, 邮遍). */
const POSTAL_WORD = /zip|post\s?code|postal|plz|邮编|邮政编码|油编|游编|邮遍/i;

/** Letters glued to the digits ("SF1402867735109", "YT7563921804512", "JD0012345678", "1Z…"): a carrier's number, not an order's. */
const CARRIER_PREFIX = /(?<![A-Za-z])[A-Za-z]{1,4}$/;

function classifyDigits(digits: string, before: string, wholeText: string, lang: Lang): EntityType | 'skip' {
  if (PHONE_CONTEXT.test(before) || CARRIER_PREFIX.test(before)) return 'skip';
  // The word right before the number says what it is: "the zip on order 12345" names an order.
  if (ORDER_NUMBER_SAID.test(before)) return 'orderId';
  if (POSTAL_CONTEXT.test(before) && (digits.length === 5 || digits.length === 6)) return 'postalCode';
  if (ORDER_IS.test(before) && !POSTAL_WORD.test(before)) return 'orderId';
  if (ORDER_CONTEXT.test(before) && digits.length >= 6 && !(digits.length === 6 && POSTAL_WORD.test(before))) return 'orderId';
  // "the zip should be 10001 not 10010", "邮编应该是200120，不是200210": the sentence is about postcodes.
  if (POSTAL_WORD.test(wholeText) && (digits.length === 5 || digits.length === 6)) return 'postalCode';
  if (digits.length === 5) return 'postalCode';
  if (digits.length === 6) {
    // A 6-digit number next to address words in a Chinese message is a Chinese postcode.
    return lang === 'zh' && ADDRESS_HINT.test(wholeText) ? 'postalCode' : 'number';
  }
  if (CN_MOBILE.test(digits)) return 'skip';
  return 'orderId';
}

/**
 * All entities in `text`, in order of appearance. `now` anchors relative dates; pass the clock
 * explicitly so results are reproducible.
 */
const DIGIT_WORDS: Record<string, string> = { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const DIGIT_WORD = '(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)';
const SPELLED_POSTAL = new RegExp(`(?:zip|post\\s?code|postal code)[^\\d\\n]{0,12}?\\b((?:${DIGIT_WORD}[\\s,-]+){4,5}${DIGIT_WORD})\\b`, 'gi');

/** Index = digit (and 10 + digit for the other way of writing it): 零一二…九, 〇幺两. */
const ZH_DIGIT_CHARS = '零一二三四五六七八九〇幺两';
const ZH_POSTAL_LABEL = /(?:邮编|邮政编码|油编|游编|邮遍)[是为：:\s]*$/;

export function extractEntities(text: string, lang: Lang, now: Date, options: ExtractOptions = {}): Entity[] {
  const t = text.normalize('NFKC');
  const set = new SpanSet();

  eachMatch(EMAIL, t, (m) => set.add('email', m[0].toLowerCase(), m.index, m.index + m[0].length));
  eachMatch(RMA, t, (m) => set.add('rma', `RMA-${m[1]!.toUpperCase()}`, m.index, m.index + m[0].length));
  eachMatch(MARKETPLACE_ORDER, t, (m) => set.add('orderId', `${m[1]}-${m[2]}-${m[3]}`, m.index, m.index + m[0].length));
  eachMatch(ZIP_PLUS4, t, (m) => set.add('postalCode', `${m[1]}-${m[2]}`, m.index, m.index + m[0].length));
  eachMatch(UK_POSTCODE, t, (m) => {
    // "a1 2bc"-like shapes only count when written with a digit after the outward code's letters.
    set.add('postalCode', `${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}`, m.index, m.index + m[0].length);
  });
  eachMatch(SPACED_POSTAL, t, (m) => {
    const digits = m[1]!.replace(/\D/g, '');
    const start = m.index + m[0].length - m[1]!.length;
    if (digits.length === 5 || digits.length === 6) set.add('postalCode', digits, start, m.index + m[0].length);
  });
  // "The zip code is seven seven zero nine eight": a postcode read out in words, after its label only.
  eachMatch(SPELLED_POSTAL, t, (m) => {
    const digits = m[1]!.toLowerCase().split(/[\s,-]+/).map((w) => DIGIT_WORDS[w] ?? '').join('');
    const start = m.index + m[0].length - m[1]!.length;
    if (digits.length === 5 || digits.length === 6) set.add('postalCode', digits, start, m.index + m[0].length);
  });
  eachMatch(DIGIT_RUN, t, (m) => {
    const before = t.slice(Math.max(0, m.index - 24), m.index);
    const kind = classifyDigits(m[0], before, t, lang);
    if (kind !== 'skip') set.add(kind, m[0], m.index, m.index + m[0].length);
    else set.add('number', m[0], m.index, m.index + m[0].length);
  });
  for (const d of extractDates(t, lang, now, options.timeZone)) set.add('date', d.value, d.start, d.end);

  eachMatch(AMOUNT_SYMBOL_FIRST, t, (m) => {
    const currency = currencyOf(m[1]!);
    const amount = Number(m[2]!.replace(',', '.'));
    if (currency && Number.isFinite(amount)) set.add('amount', formatAmount(amount, currency), m.index, m.index + m[0].length);
  });
  eachMatch(lang === 'zh' ? AMOUNT_WORD_AFTER_ZH : AMOUNT_WORD_AFTER_EN, t, (m) => {
    const currency = currencyOf(m[2]!);
    const amount = parseChineseNumber(m[1]!);
    if (currency && amount !== undefined) set.add('amount', formatAmount(amount, currency), m.index, m.index + m[0].length);
  });
  if (lang === 'zh') {
    eachMatch(ZH_NUMBER, t, (m) => {
      // "邮编是七七零九八": a postcode read out digit by digit after its label.
      const digits = [...m[0]].map((ch) => ZH_DIGIT_CHARS.indexOf(ch)).map((d) => (d >= 10 ? d - 10 : d));
      if ((digits.length === 5 || digits.length === 6) && digits.every((d) => d >= 0) && ZH_POSTAL_LABEL.test(t.slice(Math.max(0, m.index - 8), m.index))) {
        set.add('postalCode', digits.join(''), m.index, m.index + m[0].length);
        return;
      }
      const n = parseChineseNumber(m[0]);
      if (n !== undefined) set.add('number', String(n), m.index, m.index + m[0].length);
    });
  }
  eachMatch(PLAIN_NUMBER, t, (m) => set.add('number', m[0], m.index, m.index + m[0].length));

  const spans = [...set.spans].sort((a, b) => a.start - b.start);
  const entities: Entity[] = spans.map(({ type, value }) => ({ type, value }));
  const reason = detectReturnReason(t, lang);
  if (reason) entities.push({ type: 'returnReason', value: reason });
  if (detectReviewBargain(t, lang)) entities.push({ type: 'reviewBargain', value: 'offered' });
  return entities;
}
