/**
 * The rules that correct the intent model's reading of a message, in the order `applyRules` applies them: a stated
 * request behind a narrow FAQ win, another company's business, a person asked for, no shop named at all, the scope
 * gate's veto, statements without a request word, a lateness told, a delivery date asked with the order's number, and
 * a shop matter kept in scope. Each rule takes the decision so
 * far and returns it or a corrected one; none does I/O. The engine (nlu.ts) reads the message and calls them.
 */
import type { ScopeGate } from './scope-gate.js';
import type { Decision, NluThresholds } from './decision.js';
import type { Classification } from './intent-classifier.js';
import { addressesUs, asksForPerson, conceptFeatures, mentionsElsewhere, mentionsShop, statesRequest } from './concepts.js';
import { normaliseText } from './text-features.js';
import type { GoodsReader } from './goods.js';
import { ASKS_HELP, boughtElsewhere, cancelledThing, marketingMail, namesOtherBusiness, ownShippingOrPitch, ownedByUs, shopReference } from './other-business.js';
import { asksAbout, changesAddress, onlyCodes, remarksAboutSelf, reportsProductFault, reportsTrackingStatus, sendsBack, toldLate } from './statements.js';
import type { Lang } from '../domain/lang.js';
import { AFTER_SALES_INTENTS, type Entity, type Intent } from './types.js';

/** What the rules read besides the decision: the message as typed and as spelt, its entities, the seller's goods. */
export interface RuleInput {
  c: Classification;
  text: string;
  spelt: string;
  lang: Lang;
  entities: readonly Entity[];
  goods: GoodsReader;
  gate: ScopeGate | undefined;
  thresholds: NluThresholds;
}

/** The model's decision after every rule, in order. */
export function applyRules(decision: Decision, r: RuleInput): Decision {
  let d = stated(decision, r.c, withoutGreeting(r.text) ?? r.text, r.lang);
  d = elsewhere(d, r.text, r.spelt, r.lang, r.entities, r.goods);
  d = noPerson(d, r.spelt);
  d = offTopic(d, r.spelt, r.lang, r.entities);
  d = outOfScope(d, r.spelt, r.lang, r.entities, r.gate, r.thresholds.scopeFloor);
  // The symptom as typed counts too: the spelling layer may respell a word it does not know ("burning" → "turning").
  d = statement(d, r.spelt, r.lang, r.goods, r.text);
  d = toldLate(d, r.text, r.lang);
  d = aboutTheOrder(d, r.text, r.entities);
  return shopMatter(d, r.text, r.spelt, r.lang, r.gate, r.thresholds, r.goods);
}

/** When a parcel comes, asked with the order's number ("expected delivery date for order 136-…", 订单…什么时候到). */
const WHEN_DELIVERED =
  /\b(?:when|what day|how long|how soon|eta|expected|estimated)\b[^.?!]{0,40}\b(?:deliver\w*|arriv\w*|get here|get to me|come|here|ship\w*)\b|\b(?:delivery|arrival) (?:date|day|time|estimate)\b|什么时候(?:到|能到|送到|发货|送|发)|(?:几号|哪天|多久|多长时间|几天)(?:能|可以|才)?(?:到|送到|收到|发货)|预计(?:送达|到货|到达)/u;

/**
 * A delivery question that names the buyer's own order (a marketplace order number) is about that order, not the
 * shipping-times policy: the bot looks the order up instead of quoting the knowledge base.
 */
function aboutTheOrder(d: Decision, text: string, entities: readonly Entity[]): Decision {
  if (d.intent !== 'faq' || !entities.some((e) => e.type === 'orderId' && MARKETPLACE_ORDER_ID.test(e.value))) return d;
  return WHEN_DELIVERED.test(text.toLowerCase()) ? { intent: 'track_order', score: 0.8, rule: 'none' } : d;
}

/**
 * An opening greeting ("hiya", "hey there,", "good morning!", 你好, 亲, 在吗): "hi, where is my parcel?" is a
 * request, and the greeting's short, strong features must not outvote it.
 */
const GREETING_OPENING =
  /^(?:(?:(?:hi|hey|hello) (?:there|guys|all|team)|good (?:morning|afternoon|evening|day)|dear (?:team|seller|sir|madam|support)|h+i+y*a*|he+y+a*|hel+o+|hal+o|yo+|howdy|hai|heya|greetings|morning|evening|你好|您好|哈喽|哈啰|嗨|亲亲?|在吗|再吗|在不在|在么|早上好|上午好|下午好|晚上好|早安|老板|客服你好)[啊呀哇]?(?![\p{Script=Latin}\p{N}])(?!像)[\s\p{P}\p{S}]*)+/iu;

/** An opening acknowledgement or filler: 嗯嗯, 哦, 好的, 好嘞, 行吧, ok, alright, um, well. */
export const FILLER_OPENING = /^(?:(?:嗯+|恩+|哦+|噢+|喔+|好的?|好嘞|好滴|好哒|行吧?|ok(?:ay)?|alright|right|um+|uh+|well|so)(?![\p{Script=Latin}])[\s\p{P}]*)+/iu;

/** The message without its opening greeting, or undefined when there is none or nothing else. */
export function withoutGreeting(text: string): string | undefined {
  const m = GREETING_OPENING.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length).trim();
  return /\p{L}{2}/u.test(rest) ? rest : undefined;
}

/** What follows an opening greeting, codes only included ("hiya 112-… M3 2ER" → "112-… M3 2ER"). */
function afterGreeting(text: string): string | undefined {
  const m = GREETING_OPENING.exec(text);
  return m ? text.slice(m[0].length).trim() : undefined;
}

/** Readings of "change where my order is delivered" / 地址换成新的 that cannot be meant (换 is no exchange there). */
const ADDRESS_MISREADS: readonly Intent[] = ['return_item', 'track_order', 'faq', 'none'];

/** Intents a statement rule may overrule: the classifier read a request word that the statement does not make. */
const STATUS_MISREADS: readonly Intent[] = ['return_item', 'complaint', 'none', 'faq', 'greeting', 'goodbye', 'thanks'];

/**
 * Statements that carry a request without a request word (statements.ts): a greeting followed only by codes or
 * by a remark about oneself is a greeting (the bot asks what they need, the id is kept as an entity); what the
 * tracking says is a delivery-status matter; a product that stopped working is a return / warranty matter.
 * Another company's business stays out of scope.
 */
function statement(d: Decision, text: string, lang: Lang, goods: GoodsReader, typed = text): Decision {
  const rest = afterGreeting(text);
  if (rest !== undefined && onlyCodes(rest)) return { intent: 'greeting', score: 0.5, rule: 'none' };
  if ((d.intent === 'none' || d.intent === 'greeting') && rest && remarksAboutSelf(rest)) return { intent: 'greeting', score: 0.7, rule: 'none' };
  // The cheap patterns first; another company's business is checked only for a statement that would change the reading.
  const told: Decision | undefined =
    STATUS_MISREADS.includes(d.intent) && reportsTrackingStatus(text, lang)
      ? { intent: 'track_order', score: 0.8, rule: 'none' }
      : (SOCIAL.includes(d.intent) || (d.intent === 'faq' && !asksAbout(text))) && (reportsProductFault(text, lang) || reportsProductFault(typed, lang))
        ? { intent: 'return_item', score: 0.7, rule: 'none' }
        : d.intent === 'track_order' && MISSING_PIECE.test(text)
          ? { intent: 'return_item', score: 0.8, rule: 'none' }
          : d.intent === 'change_address' && sendsBack(text, lang)
          ? { intent: 'return_item', score: 0.8, rule: 'none' }
          : ADDRESS_MISREADS.includes(d.intent) && (changesAddress(text, lang) || changesAddress(typed, lang))
            ? { intent: 'change_address', score: 0.8, rule: 'none' }
            : undefined;
  if (!told) return d;
  const normalised = normaliseText(text);
  return !mentionsElsewhere(normalised, lang) && !namesOtherBusiness(normalised, lang) && goods.notSoldHere(normalised, lang) === undefined ? told : d;
}

/**
 * Whether what follows a greeting is itself a request. Short leftovers are easily misread ("hi folks" is
 * not a goodbye, "hi, is anybody around?" not a request for an agent), so thanks, goodbye and agent
 * readings need their own words.
 */
export function isRequest(intent: Intent, rest: string, lang: Lang): boolean {
  if (intent === 'none' || intent === 'greeting') return false;
  const concepts = conceptFeatures(normaliseText(rest), lang);
  if (intent === 'thanks') return concepts.includes('k:thank');
  if (intent === 'goodbye') return concepts.includes('k:bye');
  if (intent === 'human_agent') return asksForPerson(rest, lang);
  return true;
}

/** A piece missing from a parcel that came (少发了一副手套, "only got one of the two"): a return matter, not a late parcel. */
const MISSING_PIECE = /少发|漏发|少寄|漏寄|没发全|\b(?:missing (?:from|in) (?:the |my )?(?:box|parcel|package|order)|(?:only|just) (?:got|received) (?:one|two|1|2) of)\b/i;

/** The buyer's own order named as what to cancel: "cancel mine", "cancel my order", 这边的单不要了, 我的订单取消. */
const CANCELS_OURS = /\bcancel\w* (?:mine|my (?:order|one)|the order|this order|my purchase)\b|(?:这边|这里|你们这边?|我)的?(?:单|订单)(?:就)?(?:取消|不要了|撤了)/;

/** The marketplace's own order number (111-1234567-1234567), as the entity reader writes it. */
const MARKETPLACE_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/** Intents that are about talking, not about anyone's business: kept whoever is mentioned. */
export const SOCIAL: readonly Intent[] = ['greeting', 'thanks', 'goodbye', 'none'];

/**
 * Another company's business (a food-delivery app, another marketplace, a landlord, an airline) is out of
 * scope even in after-sales words; an order number of ours keeps the reading ("ebay" then is a comparison).
 */
function elsewhere(d: Decision, text: string, spelt: string, lang: Lang, entities: readonly Entity[], goods: GoodsReader): Decision {
  if (SOCIAL.includes(d.intent)) return d;
  const normalised = normaliseText(text);
  // An order number in the marketplace's form is ours; a looser number next to another company's name (拼多多的订单 2401…,
  // "apple order W123…") is that company's.
  const orderIds = entities.filter((e) => e.type === 'orderId');
  // Unless it is said outright to come from another website or store ("my order 999-… from another website").
  if (orderIds.some((e) => MARKETPLACE_ORDER_ID.test(e.value))) return boughtElsewhere(normalised, lang) ? { intent: 'none', score: 0.9, rule: 'none' } : d;
  if (orderIds.length > 0) return mentionsElsewhere(normalised, lang) || marketingMail(normalised, lang) ? { intent: 'none', score: 0.9, rule: 'none' } : d;
  // A complaint addressed to us, or a thing said to be ours, stays ours, unless what is asked is a courier job or a pitch.
  // "could you contact them for me", 你能帮我 address the bot as a helper, not the shop as the one complained about.
  const complainedOf = text.replace(ASKS_HELP, ' ');
  // A complaint told or threatened on social media (已经在小红书吐槽了, "posting this on tiktok") is still about us.
  // "not you guys, some random site": said outright not to be us.
  const notUs = boughtElsewhere(normalised, lang) || /\bnot (?:you|u|your)\b|不是你们/.test(normalised);
  const aired = d.intent === 'complaint' && SOCIAL_MEDIA.test(normalised) && !notUs;
  const ours = aired || (d.intent === 'complaint' && addressesUs(complainedOf) && !notUs) || ownedByUs(text, lang);
  // The shop's marketing mail, a courier job for the buyer's own parcel or a pitch to the shop: never the shop's business.
  if (marketingMail(normalised, lang) || ownShippingOrPitch(normalised, lang)) return { intent: 'none', score: 0.9, rule: 'none' };
  // A broken or late thing of a kind the seller does not sell ("my washing machine broke", 冰箱不制冷了) is another trade's,
  // even told as a complaint: goods.ts keeps any message that names this shop, an order or a product of ours.
  if (AFTER_SALES_INTENTS.includes(d.intent) && goods.notSoldHere(normalised, lang) !== undefined) return { intent: 'none', score: 0.9, rule: 'elsewhere' };
  // How to cancel something that is neither an order nor a product of ours ("how do I cancel my duolingo plan").
  const thing = d.intent === 'cancel_order' ? cancelledThing(normaliseText(spelt), lang) : undefined;
  if (thing !== undefined && !goods.namesProduct(thing, lang) && !conceptFeatures(thing, lang).includes('k:product')) return { intent: 'none', score: 0.9, rule: 'elsewhere' };
  if (ours) return d;
  // Our order cancelled for a reason found elsewhere ("cheaper on another site so cancel mine", 超市买了一个 这边的单不要了).
  if (d.intent === 'cancel_order' && CANCELS_OURS.test(normalised)) return d;
  // English is read spelt ("refudn" is a refund of ours); Chinese also as typed (the homophone layer may respell 就业).
  // Chinese also respelt: an input slip hides the other party's words as well (寄个快第 is 寄个快递).
  const other = mentionsElsewhere(normalised, lang) || (lang === 'zh' && spelt !== text && mentionsElsewhere(normaliseText(spelt), lang)) || (AFTER_SALES_INTENTS.includes(d.intent) && (namesOtherBusiness(normaliseText(spelt), lang) || (lang === 'zh' && spelt !== text && namesOtherBusiness(normalised, lang))));
  return other ? { intent: 'none', score: 0.9, rule: 'none' } : d;
}

/** Where buyers air a complaint: 小红书, 抖音, 微博, 朋友圈, 大众点评, tiktok, reddit, twitter/x, instagram, facebook, youtube. */
const SOCIAL_MEDIA = /小红书|抖音|微博|朋友圈|大众点评|黑猫投诉|\b(?:tiktok|reddit|twitter|instagram|insta|facebook|fb|youtube|trustpilot)\b/;

/**
 * A reading as a request for a person needs a person in it, asked for or named (agent, 客服, "someone", the bot
 * itself), and not as the subject of a general question: "who is taylor swift dating", "wat is 15% of 80",
 * 提醒我给妈妈打电话 are not. The perceptrons' human_agent bias on short questions otherwise takes them.
 */
function noPerson(d: Decision, text: string): Decision {
  // Both lexicons: "人工 please" in an English conversation names a person too.
  if (d.intent !== 'human_agent' || asksForPerson(text, 'zh')) return d;
  // When the team works is a shop question, not a request for someone now ("客服几点上班", "support hours?").
  const lower = normaliseText(text).toLowerCase();
  if (ASKS_HOURS.test(lower)) return { intent: 'faq', score: 0.7, rule: 'none' };
  const named = conceptFeatures(lower, 'zh').some((k) => k === 'k:human' || k === 'k:bot' || k === 'k:staff') || PERSON_OR_CALL.test(lower);
  const aboutSomeone = /^\W*who(?:'s|s| is| was| are| won)\b/.test(lower) && !addressesUs(lower);
  return named && !aboutSomeone ? d : { intent: 'none', score: 0.6, rule: 'none' };
}

/** Talking to a person asked for in so many words ("talk to an actual person", 转人工, 找真人客服). */
export const TALK_TO_PERSON =
  /\b(?:talk|speak|chat)(?:ing)? (?:to|with) (?:a |an |some )?(?:member of (?:your|the) (?:team|staff)|someone (?:from|on|in) (?:your|the) (?:team|staff|support))\b|要人工|人工服务|不要(?:自动|机器人?)回[复覆]|不(?:要|想)(?:跟|和)?机器人(?:聊|说)?|\b(?:talk|speak|chat)(?:ing)? (?:to|with) (?:a |an |some |one of )?(?:actual |real |live |human )?(?:person|human|agent|representative|rep|someone|somebody|staff|people|manager)\b|\b(?:real|actual|live) (?:person|human|agent)\b|转人工|人工客服|找人工|真人客服|找(?:个|一个)?真人/;
/** The score a person asked for in so many words gets: sure enough to leave any flow for one. */
export const PERSON_SURE = 0.9;

/** Asking when people work: "what time does support open", "客服几点上班", 人工什么时候在. */
const ASKS_HOURS =
  /\b(?:what time|what hours|which hours|(?:opening|office|working|business|support|service) hours|hours of|when (?:do|does|are|is) (?:you|your|the|they|support|customer|someone|anyone|an agent|agents)\b[^.?!]{0,30}\b(?:open|start|work|available|online|around|on)\b|(?:open|available|online) (?:on )?(?:weekends?|sundays?|saturdays?|at night|24\/7))|几点(?:上班|下班|在|开始|有人)|(?:上班|工作|营业|在线|服务)时间|什么时候(?:上班|有人|在线|在)|周末(?:有人|上班|在吗)/;

/** Someone, or a call: "is anybody around?", 给我打电话, 我需要一个人看看. */
const PERSON_OR_CALL = /\b(?:anybody|anyone|call|phone|ring|chat)\b|人|团队|电话|打过去|语音/u;

/**
 * "I need to return something" states a request: when the FAQ wins only narrowly over an after-sales
 * intent (runner-up at least half its score), the request is meant, not the policy text.
 */
function stated(d: Decision, c: Classification, text: string, lang: Lang): Decision {
  const [top, second] = c.ranked;
  if (d.intent !== 'faq' || !top || !second || !AFTER_SALES_INTENTS.includes(second.intent)) return d;
  if (second.score < top.score * 0.5 || !statesRequest(text, lang)) return d;
  return { intent: second.intent, score: second.score, rule: 'classifier' };
}

/**
 * An after-sales reading of a message that mentions no shop, order or product at all ("show me the
 * best-seller list", a hotel search) is a guess from generic words: out of scope. An order number is enough.
 */
function offTopic(d: Decision, spelt: string, lang: Lang, entities: readonly Entity[]): Decision {
  if (!AFTER_SALES_INTENTS.includes(d.intent) || entities.some((e) => e.type === 'orderId')) return d;
  const normalised = normaliseText(spelt);
  return mentionsShop(normalised, lang) || (lang === 'en' && mentionsShop(normalised, 'zh')) ? d : { intent: 'none', score: 0.6, rule: 'none' };
}

/**
 * An after-sales reading of a message the scope gate (scope-gate.ts) finds far more like general text than
 * like this shop's ("when's pay day", a hotel search with a rating) is out of scope. The threshold is low on
 * purpose: the gate only vetoes clear cases, buyers' own wording is rarely below it (dev: 0–2 of ~1 900
 * correct after-sales readings). An order number of ours keeps the reading.
 */
function outOfScope(d: Decision, spelt: string, lang: Lang, entities: readonly Entity[], gate: ScopeGate | undefined, floor: number): Decision {
  if (!gate || !AFTER_SALES_INTENTS.includes(d.intent) || entities.some((e) => e.type === 'orderId')) return d;
  return gate.inScope(spelt) < floor ? { intent: 'none', score: 0.6, rule: 'none' } : d;
}

/** A question for a fact: "?", 吗, 多大, 多少, 几, 什么, 有没有, "is it", "does it", "how big". */
const ASKS_FACT = /[?？]|吗|呢|嘛|多大|多少|多重|多长|多宽|多高|几|什么|哪|有没有|能不能|可不可以|是不是|\b(?:is|are|does|do|can|what|which|how)\b/iu;

/**
 * A message the intent model cannot place but that is clearly this shop's business is kept in scope as a shop
 * question (`faq`: the bot answers from the knowledge base or says it does not know and offers a person) instead of
 * being told "I can only help with orders from this shop": it names the shop, an order or a product, the scope gate
 * rates it in scope at `floor` or more, and it names no other business. Real buyers' messages were lost this way
 * ("do you guys do gift wrapping", a set that arrived with plates smashed: 15 % of an in-scope check set).
 * `faq` starts no flow, so this cannot add a false trigger.
 */
function shopMatter(d: Decision, text: string, spelt: string, lang: Lang, gate: ScopeGate | undefined, t: Pick<NluThresholds, 'keepFloor' | 'keepFloorOurs'>, goods: GoodsReader): Decision {
  if (d.intent !== 'none' || d.rule === 'elsewhere' || !gate || !/\p{L}{2}/u.test(text)) return d;
  // Chinese is also read as typed: the homophone layer may respell a word of another kind (就业).
  // Said outright to be the shop's ("from your shop on ebay", 你们天猫店发的) wins over the brand named.
  const typed = normaliseText(text);
  if (ownShippingOrPitch(typed, lang) || marketingMail(typed, lang)) return d;
  const ours = ownedByUs(text, lang);
  const read = ours ? 'ours' : lang === 'zh' && spelt !== text && shopReference(typed, lang) === 'none' ? 'none' : shopReference(normaliseText(spelt), lang);
  if (read === 'none' || (mentionsElsewhere(typed, lang) && !ours)) return d;
  // A question about a product of the catalog (电水壶是多大容量的, "is the yoga mat non slip") is the shop's as much as "your …".
  const reference = read === 'matter' && ASKS_FACT.test(typed) && goods.namesProduct(typed, lang) ? 'ours' : read;
  const p = gate.inScope(spelt);
  if (p < (reference === 'ours' ? t.keepFloorOurs : t.keepFloor)) return d;
  return { intent: 'faq', score: Math.round(p * 1000) / 1000, rule: 'none' };
}
