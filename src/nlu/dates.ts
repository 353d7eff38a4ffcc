/**
 * Relative and absolute dates in buyer messages ("last Friday", "上周五", "3天前") resolved to ISO
 * yyyy-mm-dd against an explicit `now`, in the buyer's time zone (a Beijing morning is still the
 * previous day in UTC).
 */
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals.js';

/** A calendar day without time (UTC-based arithmetic on plain y/m/d). */
interface Day {
  y: number;
  m: number;
  d: number;
}

export interface DateMatch {
  value: string;
  start: number;
  end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone, the last minute asked about and its day: every zone's days start on a whole minute. */
const lastDay = new Map<string, { minute: number; day: Day }>();

function localDay(now: Date, timeZone: string): Day {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = lastDay.get(timeZone);
  if (known && known.minute === minute) return { ...known.day };
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    // Building a formatter costs ~0.1 ms; one per zone is reused for every message.
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const day = { y: get('year'), m: get('month'), d: get('day') };
  // formatToParts costs a few µs and runs for every message; a busy minute asks once.
  if (Number.isFinite(minute)) lastDay.set(timeZone, { minute, day });
  return { ...day };
}

function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Monday ... 6 = Sunday (ISO order, as Chinese weeks are counted). */
function weekdayIndex(day: Day): number {
  return (new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() + 6) % 7;
}

function iso(day: Day): string {
  return `${String(day.y).padStart(4, '0')}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

function valid(y: number, m: number, d: number): Day | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 ? { y, m, d } : undefined;
}

/** A month/day without a year is the most recent one not in the future (buyers talk about past orders). */
function pastMonthDay(today: Day, m: number, d: number): Day | undefined {
  const same = valid(today.y, m, d);
  if (same && (m < today.m || (m === today.m && d <= today.d))) return same;
  return valid(today.y - 1, m, d);
}

const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const EN_WEEKDAY_RE = '(mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EN_MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const EN_SMALL_NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, couple: 2, few: 3,
};

function enWeekday(token: string): number {
  const lower = token.toLowerCase();
  return EN_WEEKDAYS.findIndex((w) => w.startsWith(lower.slice(0, 3)));
}

function enMonth(token: string): number {
  return EN_MONTHS.indexOf(token.toLowerCase().slice(0, 3)) + 1;
}

/** Most recent `weekday` strictly before today ("last Friday" said on a Friday means a week ago). */
function previousWeekday(today: Day, weekday: number): Day {
  let back = (weekdayIndex(today) - weekday + 7) % 7;
  if (back === 0) back = 7;
  return addDays(today, -back);
}

type Rule = [RegExp, (m: RegExpExecArray, today: Day) => Day | undefined];

const EN_RULES: Rule[] = [
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (m) => valid(Number(m[1]), Number(m[2]), Number(m[3]))],
  // US style m/d/yyyy (the marketplaces here are mostly US); d/m when the first part cannot be a month.
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g, (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return a > 12 ? valid(y, b, a) : valid(y, a, b);
  }],
  [/\bday before yesterday\b/gi, (_m, t) => addDays(t, -2)],
  [/\byesterday\b|\byday\b/gi, (_m, t) => addDays(t, -1)],
  [/\btoday\b|\btonight\b|\bthis morning\b/gi, (_m, t) => t],
  [/\btomorrow\b|\btmrw\b/gi, (_m, t) => addDays(t, 1)],
  [/\b(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few)\s+(day|week)s?\s+ago\b/gi, (m, t) => {
    const raw = m[1]!.toLowerCase().replace(/^a (couple|few) of$|^a (few)$/, '$1$2');
    const n = /^\d+$/.test(raw) ? Number(raw) : EN_SMALL_NUMBERS[raw];
    if (n === undefined) return undefined;
    return addDays(t, -n * (m[2]!.toLowerCase() === 'week' ? 7 : 1));
  }],
  [new RegExp(`\\b(?:last|past|previous)\\s+${EN_WEEKDAY_RE}\\b`, 'gi'), (m, t) => previousWeekday(t, enWeekday(m[1]!))],
  [new RegExp(`\\bthis\\s+(?:past\\s+)?${EN_WEEKDAY_RE}\\b`, 'gi'), (m, t) => {
    const w = enWeekday(m[1]!);
    return w === weekdayIndex(t) ? t : previousWeekday(t, w);
  }],
  [new RegExp(`\\bon\\s+${EN_WEEKDAY_RE}\\b`, 'gi'), (m, t) => {
    const w = enWeekday(m[1]!);
    return w === weekdayIndex(t) ? t : previousWeekday(t, w);
  }],
  [new RegExp(`\\b${EN_MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi'), (m, t) =>
    m[3] ? valid(Number(m[3]), enMonth(m[1]!), Number(m[2])) : pastMonthDay(t, enMonth(m[1]!), Number(m[2]))],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${EN_MONTH_RE}\\b(?:,?\\s+(\\d{4}))?`, 'gi'), (m, t) =>
    m[3] ? valid(Number(m[3]), enMonth(m[2]!), Number(m[1])) : pastMonthDay(t, enMonth(m[2]!), Number(m[1]))],
];

const ZH_NUM = `(\\d{1,3}|[${CHINESE_NUMERAL_CHARS}]{1,4})`;
const ZH_WEEKDAY = '([一二三四五六日天1-7])';

function zhWeekday(ch: string): number {
  const i = '一二三四五六'.indexOf(ch);
  if (i >= 0) return i;
  if (ch === '日' || ch === '天' || ch === '7') return 6;
  return Number(ch) - 1;
}

const ZH_RULES: Rule[] = [
  [/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/g, (m) => valid(Number(m[1]), Number(m[2]), Number(m[3]))],
  [new RegExp(`${ZH_NUM}月${ZH_NUM}[日号]`, 'g'), (m, t) => {
    const mo = parseChineseNumber(m[1]!);
    const d = parseChineseNumber(m[2]!);
    return mo !== undefined && d !== undefined ? pastMonthDay(t, mo, d) : undefined;
  }],
  [/大前天/g, (_m, t) => addDays(t, -3)],
  [/前天/g, (_m, t) => addDays(t, -2)],
  [/昨天|昨日|昨晚/g, (_m, t) => addDays(t, -1)],
  [/今天|今日|今早|今晚/g, (_m, t) => t],
  [/明天|明日/g, (_m, t) => addDays(t, 1)],
  [/后天/g, (_m, t) => addDays(t, 2)],
  [new RegExp(`${ZH_NUM}\\s*(?:个)?(天|星期|礼拜|周)(?:以)?前`, 'g'), (m, t) => {
    const n = parseChineseNumber(m[1]!);
    if (n === undefined) return undefined;
    return addDays(t, -n * (m[2] === '天' ? 1 : 7));
  }],
  // 上周五: that weekday in the previous Monday-start calendar week.
  [new RegExp(`(上上|上)(?:个)?(?:周|星期|礼拜)${ZH_WEEKDAY}`, 'g'), (m, t) => {
    const weeks = m[1] === '上上' ? 2 : 1;
    const monday = addDays(t, -weekdayIndex(t) - 7 * weeks);
    return addDays(monday, zhWeekday(m[2]!));
  }],
  [new RegExp(`(?:这|本)(?:个)?(?:周|星期|礼拜)${ZH_WEEKDAY}`, 'g'), (m, t) => addDays(t, zhWeekday(m[1]!) - weekdayIndex(t))],
  [new RegExp(`(?<![上这本下])(?:周|星期|礼拜)${ZH_WEEKDAY}`, 'g'), (m, t) => {
    const w = zhWeekday(m[1]!);
    return w === weekdayIndex(t) ? t : previousWeekday(t, w);
  }],
];

/** All dates found, earliest match first, overlapping matches dropped (the first rule wins). */
export function extractDates(text: string, lang: 'en' | 'zh', now: Date, timeZone = 'UTC'): DateMatch[] {
  const today = localDay(now, timeZone);
  const found: DateMatch[] = [];
  const rules = lang === 'zh' ? [...ZH_RULES, ...EN_RULES] : EN_RULES;
  for (const [re, resolve] of rules) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const day = resolve(m, today);
      if (day) found.push({ value: iso(day), start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
