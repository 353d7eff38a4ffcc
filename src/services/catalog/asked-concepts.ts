/**
 * What a question word asks for, beyond its content words: "how long" a time, "how much does it
 * cost" a price, "how many" a count. These words are frame words for the coverage check (they name
 * no fact), so without this an answer holding the right words but not the asked kind of value
 * ("how much to ship here and how long" answered with the price table only; customs fees answered
 * with delivery times) would pass. An answer must state a value of every kind asked, or it abstains.
 */
import type { Lang } from '../../domain/lang.js';
import type { PresalesReply } from './answer-types.js';

type Concept = 'duration' | 'price' | 'count' | 'discount' | 'separately';

const EN_NUM = '(?:\\d+(?:[.,]\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty)';
const EN_TIME = '(?:business |working )?(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|h|minutes?|mins?|seconds?)';
const ZH_TIME = '(?:个)?(?:工作日|天|日|周|星期|礼拜|月|年|小时|钟头|分钟|秒)';

/** The question asks for a value of this kind (normalised text). */
const ASKED: Record<Lang, [Concept, RegExp][]> = {
  en: [
    // ("… and how much": a bare "how much" ending a clause asks a price.)
    // "How long is the cable" asks a length (a dimensions fact answers it); "how long will it take" a time.
    ['duration', /\bhow (?:long|soon|quickly)\b(?! (?:is|are|was) (?:it|they|the|this|that|these|those)\b)|\bhow (?:many|much) (?:days|weeks|hours|months|years|time|minutes)\b/],
    ['price', /\bhow much\s*(?:[?!.,;]|$)|\b(?:prices?|costs?|fees?|how much (?:is|are|for|would|will|to|do|does)(?! (?:it|they|this|that|these|those|the \w+|\w+) (?:weigh|weighs|hold|holds|fit|fits|carry|carries|last|lasts)\b))\b/],
    // "How much cheaper for 20?": a discount, which a price alone does not state ("cheaper than" compares prices).
    ['discount', /\bcheaper\b(?! than)|\bdiscounts?\b|\bhow much off\b|\bbulk\b|\bwholesale\b/],
    // "Can I buy just one mitt / the jar separately?": whether a piece is sold on its own, which the box's contents do not say.
    ['separately', /\b(?:separately|singly|individually)\b|\b(?:buy|order|get|sell)\s+(?:just|only)\s+(?:one|1)\b/],
    // (How many colours or sizes: the list of them answers.)
    ['count', /\bhow many\b(?! (?:days|weeks|hours|months|years|minutes|times|colou?rs|sizes|options|scents|models|kinds|types|versions|variants|styles)\b)/],
  ],
  zh: [
    ['duration', /多久|多长时间|几天|多少天|几个?月|几年|几周|几个?星期|几个?小时|多少个?小时|几个?工作日|多少个?工作日/],
    ['price', /多少钱|价格|价钱|费用|运费|邮费|收费|手续费|要钱|收钱|几块|多少[镑刀元]|多少欧(?!洲)/],
    ['discount', /(?<!比\p{Script=Han}{0,8})(?:(?:能|可以|再|会|有)便宜|便宜(?:多少|几|点|些|吗))|优惠多少|打几折|几折|折扣多少|减多少|少多少钱|团购价|批发价/u],
    ['separately', /单独(?:买|卖|购|加购|出售)|单买|单卖|零卖|拆(?:开)?卖|只买|只卖/],
    ['count', /(?:几|多少)[个台件只本双把根杯人口档部张套](?!小时|月|星期|工作日|钟头|礼拜|颜色|色|尺码|码|款|种|型号|香味|味|版本|规格|选择)/],
  ],
};

/** The answer states a value of this kind. */
const ADDRESSED: Record<Lang, Record<Concept, RegExp>> = {
  en: {
    // A length answers "how long" too ("how long's the cable").
    duration: new RegExp(`\\b${EN_NUM}\\s*(?:-\\s*\\d+\\s*)?${EN_TIME}\\b|\\b(?:same|next)[- ](?:business |working )?day\\b|lifetime|overnight|\\d\\s*(?:cm|mm|m|metres?|meters?|inch(?:es)?|in|ft|feet)\\b|\\bup to \\d`),
    // "We don't charge a restocking fee": the answer names the charge asked about.
    price: /[$£€¥]|\d\s*(?:usd|eur|gbp|cny|dollars?|euros?|pounds?|yuan)\b|\bfree\b|\bfees?\b|\bcosts?\b|\bcharged?\b|\bprices?\b/,
    // (A list of three or more answers "how many" by naming them.)
    count: new RegExp(`\\d|\\b(?:${EN_NUM.slice(3, -1)}|single|pair|dozen|none|no)\\b|[^,;]+,[^,;]+,`),
    discount: /discount|coupon|\bdeals?\b|\boff\b|%|cheaper|bulk|wholesale|price match/,
    separately: /separately|singly|individually|on (?:its|their) own|spare/,
  },
  zh: {
    duration: new RegExp(`\\d\\s*(?:-\\s*\\d+\\s*)?${ZH_TIME}|[一二两三四五六七八九十半]+\\s*${ZH_TIME}|终身|永久|当天|当日|次日|隔天|第二天|\\d\\s*(?:厘米|毫米|米|英寸|cm|mm|m)`),
    price: /[$£€¥]|\d\s*(?:元|块|美元|英镑|欧元)|免费|包邮|免|不收|费|钱|价/,
    count: /\d|[一二两三四五六七八九十]|[^、，,]+、[^、，,]+、/,
    discount: /折|优惠|便宜|减|降价|%|团购|批发|比价/,
    separately: /单独|单买|单卖|零卖|单个|配件/,
  },
};

/** The kinds of value `q` asks for that the replies do not state (empty when all are answered). */
export function unaddressed(q: string, lang: Lang, replies: readonly PresalesReply[]): Concept[] {
  const asked = ASKED[lang].filter(([, re]) => re.test(q)).map(([c]) => c);
  if (asked.length === 0) return [];
  const said = replies.map((r) => Object.values(r.values ?? {}).join(' ')).join(' ').toLowerCase();
  return asked.filter((c) => !ADDRESSED[lang][c].test(said));
}

/** Kinds of measure, each with the units a number may be stated in (English and Chinese). */
const MEASURES: [string, string][] = [
  ['length', 'mm|cm|m|metres?|meters?|inch(?:es)?|in|"|ft|feet|毫米|厘米|公分|米|英寸|寸'],
  ['volume', 'ml|l|litres?|liters?|oz|毫升|升'],
  ['mass', 'g|kg|grams?|kilos?|kilograms?|lbs?|克|公斤|千克|斤'],
  ['power', 'w|watts?|kw|瓦|千瓦'],
  ['voltage', 'v|volts?|伏'],
  ['time', 'h|hrs?|hours?|min|mins|minutes?|s|secs?|seconds?|days?|weeks?|months?|years?|小时|分钟|秒|天|周|个月|年'],
  ['temperature', '°c?|°f|degrees?|℃|度'],
  ['capacity', 'mah|毫安时?'],
];
const measureRe = (units: string) => new RegExp(`(\\d+(?:[.,]\\d+)?)\\s*-?\\s*(?:${units})(?![a-z])`, 'g');
const MEASURE_RES = MEASURES.map(([kind, units]) => [kind, measureRe(units)] as const);

/**
 * "Is the fryer 6 litres?": a number the question states in a unit is a measure of that kind, and
 * the facts answering must state a measure of the same kind (5 l answers it; a 60-minute timer does
 * not). The kinds asked that `values` state none of.
 */
export function unstatedMeasures(q: string, values: readonly string[], own: ReadonlySet<string>): string[] {
  const said = values.join(' ').toLowerCase();
  // ("How heavy is the 26cm skillet": a number of the product's own name names the product.)
  const asked = (re: RegExp) => [...q.matchAll(re)].some((m) => !own.has((m[1] ?? '').replace(',', '.')));
  return MEASURE_RES.filter(([, re]) => asked(re) && said.search(re) < 0).map(([kind]) => kind);
}

/**
 * "How many cups (in the tea set)": a count of a thing, answered by a number beside that thing
 * ("6 cups", "2 side bottle pockets"), never by another number of the same fact ("90 ml each").
 * True when the question asks such a count (English) and no value states it.
 */
export function uncountedThing(q: string, values: readonly string[]): boolean {
  // The head of the thing counted is its last word ("how many grind settings does it have" → settings).
  const m = /\bhow many ((?:[a-z]+\s+){0,2}?[a-z]{3,})(?=\s+(?:do|does|did|can|could|is|are|has|have|had|got|will|would|in|on|for|of|come|comes|fit|fits|there|with|per|at|the|it)\b|\s*[?.!,]|\s*$)/.exec(q);
  if (!m) return false;
  // (Any word of the thing will do: "brightness settings" are counted by "4 brightness levels".)
  const heads = (m[1] ?? '').split(/\s+/).map((w) => w.replace(/(?:ies|es|s)$/, '').slice(0, 5)).filter((w) => w.length >= 3);
  const said = values.join(' ').toLowerCase();
  return !heads.some((head) => new RegExp(`\\d\\s*(?:[a-z-]+\\s+){0,3}?${head}`).test(said));
}
