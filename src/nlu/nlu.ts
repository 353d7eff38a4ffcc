/**
 * The bot's NLU: intent (NLP.js neural classifier per language), entities, and the FAQ answer for
 * questions. Trained at start-up from data/ (well under the 2 s ready budget), so a seller's edit to
 * the corpus or the FAQ takes effect on restart without a build step.
 */
import { loadCatalogProducts, loadFaqEntries, loadGeneralOutOfScope, loadOrdinaryWords, loadPinyinTable, loadTrainingCorpus, DEFAULT_DATA_DIR } from './corpus.js';
import { SpellingCorrector } from './spelling.js';
import { ScopeGate, trainScopeGate } from './scope-gate.js';
import { HomophoneCorrector } from './homophones.js';
import { extractEntities } from './entities.js';
import { withoutVerifyingPostcode } from './verification-facts.js';
import { decide, DEFAULT_THRESHOLDS, type Decision, type NluThresholds } from './decision.js';
import { FaqRetriever, type FaqEntry } from './faq-retriever.js';
import { IntentClassifier, type Classification, type TrainingUtterance } from './intent-classifier.js';
import { addressesUs, asksForPerson, conceptFeatures, lexiconWords, mentionsElsewhere, mentionsShop, statesRequest } from './concepts.js';
import { normaliseText } from './text-features.js';
import { isMixedScript, otherScriptWeighs, preferReading, type Reading } from './mixed-script.js';
import { catalogWordsOf, GoodsReader } from './goods.js';
import { ASKS_HELP, boughtElsewhere, cancelledThing, marketingMail, namesOtherBusiness, ownShippingOrPitch, ownedByUs, shopReference } from './other-business.js';
import { expandPinyinAbbreviations } from './pinyin-abbreviations.js';
import { asksAbout, onlyCodes, remarksAboutSelf, reportsProductFault, reportsTrackingStatus, sendsBack, toldLate } from './statements.js';
import type { Lang } from '../domain/lang.js';
import { AFTER_SALES_INTENTS, type Entity, type Intent, type Nlu, type NluResult } from './types.js';

export { DEFAULT_THRESHOLDS, type NluThresholds } from './decision.js';
export { isMixedScript, preferReading, type Reading } from './mixed-script.js';

/**
 * An opening greeting ("hiya", "hey there,", "good morning!", 你好, 亲, 在吗): "hi, where is my parcel?" is a
 * request, and the greeting's short, strong features must not outvote it.
 */
const GREETING_OPENING =
  /^(?:(?:(?:hi|hey|hello) (?:there|guys|all|team)|good (?:morning|afternoon|evening|day)|dear (?:team|seller|sir|madam|support)|h+i+y*a*|he+y+a*|hel+o+|hal+o|yo+|howdy|hai|heya|greetings|morning|evening|你好|您好|哈喽|哈啰|嗨|亲亲?|在吗|再吗|在不在|在么|早上好|上午好|下午好|晚上好|早安|老板|客服你好)[啊呀哇]?(?![\p{Script=Latin}\p{N}])(?!像)[\s\p{P}\p{S}]*)+/iu;

/** An opening acknowledgement or filler: 嗯嗯, 哦, 好的, 好嘞, 行吧, ok, alright, um, well. */
const FILLER_OPENING = /^(?:(?:嗯+|恩+|哦+|噢+|喔+|好的?|好嘞|好滴|好哒|行吧?|ok(?:ay)?|alright|right|um+|uh+|well|so)(?![\p{Script=Latin}])[\s\p{P}]*)+/iu;

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
function isRequest(intent: Intent, rest: string, lang: Lang): boolean {
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
const SOCIAL: readonly Intent[] = ['greeting', 'thanks', 'goodbye', 'none'];

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
  if (orderIds.some((e) => MARKETPLACE_ORDER_ID.test(e.value))) return d;
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
const TALK_TO_PERSON =
  /\b(?:talk|speak|chat)(?:ing)? (?:to|with) (?:a |an |some |one of )?(?:actual |real |live |human )?(?:person|human|agent|representative|rep|someone|somebody|staff|people|manager)\b|\b(?:real|actual|live) (?:person|human|agent)\b|转人工|人工客服|找人工|真人客服|找(?:个|一个)?真人/;
/** The score a person asked for in so many words gets: sure enough to leave any flow for one. */
const PERSON_SURE = 0.9;

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
export function outOfScope(d: Decision, spelt: string, lang: Lang, entities: readonly Entity[], gate: ScopeGate | undefined, floor: number): Decision {
  if (!gate || !AFTER_SALES_INTENTS.includes(d.intent) || entities.some((e) => e.type === 'orderId')) return d;
  return gate.inScope(spelt) < floor ? { intent: 'none', score: 0.6, rule: 'none' } : d;
}

/**
 * A message the intent model cannot place but that is clearly this shop's business is kept in scope as a shop
 * question (`faq`: the bot answers from the knowledge base or says it does not know and offers a person) instead of
 * being told "I can only help with orders from this shop": it names the shop, an order or a product, the scope gate
 * rates it in scope at `floor` or more, and it names no other business. Real buyers' messages were lost this way
 * ("do you guys do gift wrapping", a set that arrived with plates smashed: 15 % of an in-scope check set).
 * `faq` starts no flow, so this cannot add a false trigger.
 */
function shopMatter(d: Decision, text: string, spelt: string, lang: Lang, gate: ScopeGate | undefined, t: Pick<NluThresholds, 'keepFloor' | 'keepFloorOurs'>): Decision {
  if (d.intent !== 'none' || d.rule === 'elsewhere' || !gate || !/\p{L}{2}/u.test(text)) return d;
  // Chinese is also read as typed: the homophone layer may respell a word of another kind (就业).
  // Said outright to be the shop's ("from your shop on ebay", 你们天猫店发的) wins over the brand named.
  const typed = normaliseText(text);
  if (ownShippingOrPitch(typed, lang) || marketingMail(typed, lang)) return d;
  const ours = ownedByUs(text, lang);
  const reference = ours ? 'ours' : lang === 'zh' && spelt !== text && shopReference(typed, lang) === 'none' ? 'none' : shopReference(normaliseText(spelt), lang);
  if (reference === 'none' || (mentionsElsewhere(typed, lang) && !ours)) return d;
  const p = gate.inScope(spelt);
  if (p < (reference === 'ours' ? t.keepFloorOurs : t.keepFloor)) return d;
  return { intent: 'faq', score: Math.round(p * 1000) / 1000, rule: 'none' };
}

export interface NluOptions {
  /** Clock for relative dates; injectable so tests and replays are deterministic. */
  now?: () => Date;
  /** IANA time zone for "yesterday" etc.; defaults to UTC. */
  timeZone?: string;
  /** Folder holding nlu/ and faq/ (defaults to the repository's data/). */
  dataDir?: string;
  /** Override the training corpus (tests); otherwise read from dataDir. */
  corpus?: Partial<Record<Lang, TrainingUtterance[]>>;
  /** Override the FAQ entries (tests); otherwise read from dataDir. */
  faqEntries?: FaqEntry[];
  thresholds?: Partial<NluThresholds>;
  /**
   * The seller's products as they are now (the pre-sales service's, which reloads on change): which goods are
   * the shop's (goods.ts). Default: the catalog files under `dataDir`, read once.
   */
  catalog?: () => readonly unknown[];
}

export class NluEngine implements Nlu {
  constructor(
    private readonly classifiers: Record<Lang, IntentClassifier>,
    readonly faq: FaqRetriever,
    private readonly now: () => Date,
    private readonly timeZone: string,
    private readonly thresholds: NluThresholds,
    /** English typos corrected before features are made (spelling.ts); absent: text read as typed. */
    private readonly spelling?: SpellingCorrector,
    /** Chinese input-method slips (homophones.ts). */
    private readonly homophones?: HomophoneCorrector,
    /** In-scope / out-of-scope decision per language (scope-gate.ts); absent: no veto. */
    private readonly gates?: Record<Lang, ScopeGate>,
    /** The seller's products now (goods.ts reads their words); none: every good may be the shop's. */
    private readonly catalog: () => readonly unknown[] = () => [],
  ) {}

  private goodsOf?: { products: readonly unknown[]; reader: GoodsReader };
  /** What the seller sells, rebuilt when the catalog is reloaded. */
  private goods(): GoodsReader {
    const products = this.catalog();
    if (this.goodsOf?.products !== products) this.goodsOf = { products, reader: new GoodsReader(catalogWordsOf(products)) };
    return this.goodsOf.reader;
  }

  /** Raw classifier output, for the benchmark and for debugging thresholds. */
  classify(text: string, lang: Lang): Classification {
    return this.classifiers[lang].classify(text);
  }

  /** The text as the model reads it: English typos corrected. */
  private spelt(text: string, lang: Lang): string {
    if (lang === 'zh') {
      const expanded = expandPinyinAbbreviations(text);
      return this.homophones ? this.homophones.correct(expanded) : expanded;
    }
    return this.spelling ? this.spelling.correct(text) : text;
  }

  /** One model's reading; `thresholds` defaults to the engine's (the calibration passes others). */
  read(text: string, lang: Lang, thresholds: NluThresholds = this.thresholds): Reading {
    const spelt = this.spelt(text, lang);
    const c = this.classify(spelt, lang);
    const faqMatch = this.faq.best(spelt, lang);
    return { lang, c, faqMatch, d: decide(c, faqMatch, thresholds) };
  }

  /**
   * The model of the message's language decides; a message mixing Han characters and Latin words is
   * also read by the other language's model, and the reading that claims more wins ("人工 please" in an
   * English conversation is a request for an agent). Only the intent changes: `lang` (the reply
   * language) stays as given.
   */
  understandSync(text: string, lang: Lang): NluResult {
    const entities = extractEntities(text, lang, this.now(), { timeZone: this.timeZone });
    const result = this.intentOf(text, lang, entities);
    // "where's my mat?? order …, postcode M3 2ER": a postcode given to verify never makes the message an address change.
    const verifying = result.intent === 'change_address' ? withoutVerifyingPostcode(text) : undefined;
    const read = verifying === undefined ? result : { ...this.intentOf(verifying, lang, entities), text };
    // "could I talk to an actual person about a bulk order?": the classifier's own guess, made sure by the words.
    return read.intent === 'human_agent' && read.score < PERSON_SURE && TALK_TO_PERSON.test(normaliseText(text).toLowerCase()) ? { ...read, score: PERSON_SURE } : read;
  }

  private intentOf(text: string, lang: Lang, entities: Entity[]): NluResult {
    const base: NluResult = { text, lang, intent: 'none', score: 0, entities };
    if (text.trim() === '') return base;
    const { c, faqMatch, d } = this.readRequest(text, lang);
    const spelt = this.spelt(text, lang);
    const goods = this.goods();
    const scoped = outOfScope(
      offTopic(noPerson(elsewhere(stated(d, c, withoutGreeting(text) ?? text, lang), text, spelt, lang, entities, goods), spelt), spelt, lang, entities),
      spelt,
      lang,
      entities,
      this.gates?.[lang],
      this.thresholds.scopeFloor,
    );
    // The symptom as typed counts too: the spelling layer may respell a word it does not know ("burning" → "turning").
    const { intent, score } = shopMatter(toldLate(statement(scoped, spelt, lang, goods, text), text, lang), text, spelt, lang, this.gates?.[lang], this.thresholds);
    const top = c.ranked[0];
    const second = c.ranked[1];
    const { alternativeRatio } = this.thresholds;
    const result: NluResult = { ...base, intent, score: Math.round(score * 1000) / 1000 };
    if (intent === 'faq' && faqMatch) result.faq = faqMatch;
    // Nothing understood with a shop question close behind is no choice to offer: the pre-sales layer answers or says it cannot.
    const noChoice = intent === 'none' && second?.intent === 'faq';
    if (intent === top?.intent && second && second.intent !== 'none' && !noChoice && second.score >= top.score * alternativeRatio) {
      result.alternative = { intent: second.intent, score: Math.round(second.score * 1000) / 1000 };
    }
    return result;
  }

  /**
   * The reading of the whole message, or of what follows an opening greeting when that reads as a
   * request: "A message that greets and then asks for something gets the label of the request".
   */
  private readRequest(text: string, lang: Lang): Reading {
    const whole = this.readBoth(text, lang);
    const rest = withoutGreeting(text);
    if (rest === undefined) return whole.d.intent === 'none' ? this.afterFiller(text, lang, whole) : whole;
    const request = this.readBoth(rest, lang);
    return isRequest(request.d.intent, rest, lang) ? request : whole;
  }

  /**
   * A message read as nothing after an opening filler (嗯嗯, 好的, ok, um): the rest alone, when that reads as something
   * ("嗯嗯 拜拜啦", "ok cheerio then"). Only a `none` reading is re-read, so a filler never changes a reading.
   */
  private afterFiller(text: string, lang: Lang, whole: Reading): Reading {
    const m = FILLER_OPENING.exec(text);
    const rest = m ? text.slice(m[0].length).trim() : '';
    if (!/\p{L}/u.test(rest)) return whole;
    const reading = this.readBoth(rest, lang);
    return reading.d.intent === 'none' ? whole : reading;
  }

  private readBoth(text: string, lang: Lang): Reading {
    return preferReading(this.read(text, lang), isMixedScript(text) && otherScriptWeighs(text, lang) ? this.read(text, lang === 'en' ? 'zh' : 'en') : undefined);
  }

  understand(text: string, lang: Lang): Promise<NluResult> {
    return Promise.resolve(this.understandSync(text, lang));
  }
}

/**
 * Below this share of its own training sentences recognised, a trained model is broken, not merely
 * imperfect (a healthy corpus fits ~97–99 %).
 */
export const MIN_TRAINING_FIT = 0.85;

/** The corpus one intent at a time in turn (a, b, c, a, b, c …), each intent's sentences in file order. */
function interleaved(utterances: readonly TrainingUtterance[]): TrainingUtterance[] {
  const byIntent = new Map<string, TrainingUtterance[]>();
  for (const u of utterances) {
    const queue = byIntent.get(u.intent);
    if (queue) queue.push(u);
    else byIntent.set(u.intent, [u]);
  }
  const queues = [...byIntent.values()];
  const out: TrainingUtterance[] = [];
  for (let i = 0; out.length < utterances.length; i++) {
    for (const q of queues) {
      const u = q[i];
      if (u) out.push(u);
    }
  }
  return out;
}

/**
 * Trains and checks the model against its own corpus. The perceptrons learn online, so a corpus can
 * (rarely) train into a collapsed model that says one intent for everything, depending only on the
 * order of its sentences: that would silently misroute every buyer after a seller's edit. Then the
 * same sentences are trained again in interleaved order; a model that still does not fit is refused
 * at start-up with a message naming the language, instead of answering wrongly.
 */
function trainChecked(classifier: IntentClassifier, lang: Lang, corpus: readonly TrainingUtterance[]): void {
  // Checked on ~150 evenly spread sentences: a collapsed model fits ~10–30 %, a healthy one 97–99 %, so a small
  // sample tells them apart (~40 ms a language at start-up instead of ~110).
  const step = Math.max(1, Math.floor(corpus.length / 150));
  const sample = corpus.filter((_, i) => i % step === 0);
  classifier.train(corpus);
  const first = classifier.fit(sample);
  if (first >= MIN_TRAINING_FIT) return;
  classifier.train(interleaved(corpus));
  const second = classifier.fit(sample);
  if (second >= MIN_TRAINING_FIT) return;
  throw new Error(
    `NLU (${lang}): the intent classifier recognises only ${Math.round(second * 100)} % of its own training sentences (${Math.round(first * 100)} % before retraining); check data/nlu/train.${lang}.json for sentences filed under two intents`,
  );
}

/** Trains both languages and loads the FAQ; resolves when the engine can answer. */
export async function createNlu(options: NluOptions = {}): Promise<NluEngine> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const classifiers: Record<Lang, IntentClassifier> = { en: new IntentClassifier('en'), zh: new IntentClassifier('zh') };
  // Each corpus is read and validated once (it feeds the classifier, the scope gate and the spelling layers).
  const corpus: Record<Lang, readonly TrainingUtterance[]> = {
    en: options.corpus?.en ?? loadTrainingCorpus('en', dataDir),
    zh: options.corpus?.zh ?? loadTrainingCorpus('zh', dataDir),
  };
  for (const lang of ['en', 'zh'] as const) {
    trainChecked(classifiers[lang], lang, corpus[lang]);
    // Let other start-up work interleave between the two trainings.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const faqEntries = options.faqEntries ?? loadFaqEntries(dataDir);
  const gates = {
    en: trainScopeGate('en', corpus.en, faqEntries.flatMap((e) => e.questions.en), loadGeneralOutOfScope('en', dataDir)),
    zh: trainScopeGate('zh', corpus.zh, faqEntries.flatMap((e) => e.questions.zh), loadGeneralOutOfScope('zh', dataDir)),
  };
  const faq = new FaqRetriever(faqEntries);
  const enCorpus = [...corpus.en.map((u) => u.text), ...faqEntries.flatMap((e) => e.questions.en)];
  const lexicon = lexiconWords('en');
  const spelling = new SpellingCorrector([...enCorpus, ...lexicon], new Set([...loadOrdinaryWords(dataDir), ...lexicon]), (w, fix) => {
    const kept = conceptFeatures(fix, 'en');
    return conceptFeatures(w, 'en').some((k) => !kept.includes(k));
  });
  return new NluEngine(
    classifiers,
    faq,
    options.now ?? (() => new Date()),
    options.timeZone ?? 'UTC',
    { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    spelling,
    new HomophoneCorrector([...corpus.zh.map((u) => u.text), ...faqEntries.flatMap((e) => e.questions.zh), ...lexiconWords('zh')], loadPinyinTable(dataDir), lexiconWords('zh')),
    gates,
    options.catalog ?? constant(loadCatalogProducts(dataDir)),
  );
}

const constant =
  <T,>(value: T) =>
  (): T =>
    value;
