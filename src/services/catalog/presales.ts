/**
 * Pre-sales answers from the seller's own catalog and knowledge base. A question is read for the
 * product it names (or the page the buyer is on, for "this one"), the kind of fact it asks for, a
 * destination country, and shop topics; the answer is built only from matched facts. Every content
 * word of the question must be accounted for by the facts used: when one is not ("does the lamp
 * have Wi-Fi?"), the answer is an abstention, never a guess. Replies are keys plus values; the
 * sentences come from locales/<lang>/presales.json.
 *
 * This module reads the question and routes it: a comparison, a product's facts (product-answer.ts),
 * shipping to a place (shipping-answer.ts) or the seller's knowledge base (kb-answer.ts).
 */
import type { Lang } from '../../domain/lang.js';
import type { Currency, Product } from './catalog.js';
import { currencyOfCountry, inEu, placeNameWords } from './destinations.js';
import { productFacts, type Fact } from './facts.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { COMPARE, COMPARE_WORDS, DEICTIC, FACET_TRIGGERS, FRAME, QUANTITY, ZH_WHOLE, QUESTION_REWRITES, askingClauses, askingClausesEn, RESTOCK, SHIPPING, SHOP_TOPICS } from './lexicon.js';
import { mentionedOptions, ProductFinder, type ProductMention } from './product-finder.js';
import { normalise, stem, strip } from './text.js';
import { contentWords, explained, type ZhWords } from './coverage.js';
import { hanVocabulary } from './segment.js';
import { SYNONYMS } from './synonyms.js';
import { Speller } from './spelling.js';
import { expandShorthand } from './buyer-shorthand.js';
import type { Phrase } from './stock-text.js';
import { answerInParts } from './parts.js';
import { unaddressed } from './asked-concepts.js';
import { mainClauses } from './clauses.js';
import { PartOwners } from './part-owners.js';
import { GLOBAL_TRIGGERS, PRODUCT_FACETS } from './question-shape.js';
import { buildLangIndex, fromKb, type LangIndex } from './kb-answer.js';
import { shippingTo } from './shipping-answer.js';
import { ProductAnswerer } from './product-answer.js';
import { abstain, type PresalesAnswer, type PresalesContext, type PresalesReply } from './answer-types.js';
import escapeStringRegexp from 'escape-string-regexp';

// (One word of the second name may stand before its span: "the hand coffee grinder".)
// (or a demonstrative and up to three characters before a Chinese one: 和那个蓝牙小音箱.)
const AND = /^\s*(?:,|&|\+|and|plus|as well as|和|跟|与|及|以及|还有|、|，)\s*(?:(?:the|a|an|that|this)\s+|那个|这个|那款|这款)?(?:[a-z]+\s*|\p{Script=Han}{1,3})?$/u;
/** Two products named side by side, joined by "and" ("the french press and the grinder", 台灯和鼠标). */
function namedTogether(q: string, all: readonly ProductMention[]): boolean {
  const spans = all.flatMap((m) => m.spans.map((sp) => ({ at: q.indexOf(sp), end: q.indexOf(sp) + sp.length, m }))).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at);
  return spans.some((a, i) => i > 0 && spans[i - 1]?.m !== a.m && AND.test(q.slice(spans[i - 1]?.end ?? 0, a.at)));
}

/** The item's own price asked in a shipping question ("what's the price", 衣服多少钱), not the shipping's. */
const ITEM_PRICE: Record<Lang, RegExp> = {
  en: /\b(?:what'?s the price|what is the price|the item price|how much (?:is|are) (?:it|they|this|these|the (?!shipping|delivery|postage|express|standard)[a-z]+))\b(?!\s+(?:to ship|to send|to deliver|shipping|delivery|postage))/,
  zh: /(?<!运费|邮费|快递费?)(?:价格|卖多少|什么价|多少钱)(?!.{0,2}(?:运费|邮费))/,
};
const PRICE_QUESTION: Record<Lang, string> = { en: 'what is the price', zh: '多少钱' };
const EU_WORD: Record<Lang, string> = { en: 'eu', zh: '欧盟' };
/** A later question about the product of the part before: "are they ok on …", "is there a cable" (in its box). */
const REFERS_BACK: Record<Lang, RegExp> = { en: /\b(?:they|they're|is there|are there)\b/, zh: /它们|有没有|带不带|带.{0,4}吗/ };

/** The place is where the parcel is sent from ("ship from China", 从德国发货): the seller's warehouse, not the buyer's country. */
function shippedFrom(q: string, span: string, lang: Lang): boolean {
  // (国内发货 is shipping within the buyer's own country, never a warehouse abroad.)
  if (span.trim() === '国内') return false;
  const place = escapeStringRegexp(span.trim());
  const re = lang === 'en'
    ? new RegExp(`\\b(?:ship|ships|shipped|shipping|send|sends|sent|dispatch|dispatched|come|comes|coming|deliver|delivered|post|posted|mail|mailed)\\s+(?:[a-z']+\\s+){0,2}?from\\s+(?:the\\s+)?${place}`)
    : new RegExp(`从\\s*${place}\\s*(?:的仓库)?\\s*(?:发|寄|出)|${place}\\s*(?:发货|发出|发的|仓库|仓)`);
  return re.test(q);
}

export class PresalesService {
  private readonly finder: ProductFinder;
  private readonly facts = new Map<string, Record<Lang, Fact[]>>();
  private readonly index: Record<Lang, LangIndex>;
  /** Answers from one product's facts. */
  private readonly productAnswers: ProductAnswerer;
  /** Parts only one product names (built on first use). */
  private parts?: PartOwners;
  /** The seller's own Chinese words (catalog and knowledge base), for cutting Chinese questions. */
  private readonly zh: ZhWords;
  /** English typos of known words ("mcuh", "wht"). */
  private readonly speller: Speller;

  constructor(readonly products: readonly Product[], kbs: Record<Lang, KnowledgeBase>, private readonly phrase: Phrase) {
    this.finder = new ProductFinder(products);
    for (const p of products) this.facts.set(p.id, { en: productFacts(p, 'en'), zh: productFacts(p, 'zh') });
    const zhTexts = [...products.map((p) => normalise(JSON.stringify(p))), ...kbs.zh.entries.map((e) => normalise(`${e.questions.join(' ')} ${e.answer}`))];
    // Not the colours: "range" is a word, not a typo of "orange".
    const lexicon = [...Object.values(FACET_TRIGGERS.en), SHIPPING.en, SHOP_TOPICS.en, DEICTIC.en, QUANTITY.en].flatMap((re) => re.source.match(/[a-z]{3,}/g) ?? []);
    // Codes ("WHT" of a SKU) are not words a buyer writes.
    const enTexts = [...products.map((p) => normalise(JSON.stringify(p, (k, v: unknown) => (k === 'sku' || k === 'id' || k === 'listingId' ? undefined : v)))), ...kbs.en.entries.map((e) => normalise(`${e.questions.join(' ')} ${e.answer}`))];
    // Place names are words too: "paris" is no typo of "pairs".
    this.speller = new Speller([...FRAME.en, ...lexicon], [...Object.keys(SYNONYMS.en), ...Object.values(SYNONYMS.en).flat(), ...enTexts.flatMap((t) => t.match(/[a-z]+/g) ?? []), ...placeNameWords()]);
    this.zh = { vocab: hanVocabulary(zhTexts, [...FRAME.zh, ...Object.keys(SYNONYMS.zh), ...ZH_WHOLE]), whole: new Set(ZH_WHOLE), cuts: new Map() };
    this.index = { en: buildLangIndex(kbs.en, products, 'en', this.zh), zh: buildLangIndex(kbs.zh, products, 'zh', this.zh) };
    this.productAnswers = new ProductAnswerer(this.facts, this.index, this.zh, phrase);
  }

  product(id: string): Product | undefined {
    return this.finder.byProductId(id);
  }

  /**
   * Answer a buyer's pre-sales question in `lang`, or abstain. A message of several questions the
   * whole cannot answer is answered part by part, in one reply; a part without an answer makes the
   * whole an abstention (never half an answer), its parts logged for the seller.
   */
  answer(question: string, lang: Lang, ctx: PresalesContext = {}): PresalesAnswer {
    // A message is read several ways (whole, without context clauses, part by part): each Chinese
    // run is cut and each search run once per message. Nothing is kept from one message to the next.
    this.zh.cuts?.clear();
    this.index[lang].searched.clear();
    const whole = this.answerQuestion(question, lang, ctx);
    const inParts = (fallback: PresalesAnswer, checking = false) => answerInParts(question, lang, { ...ctx, place: normalise(question) }, fallback, (part, c) => this.answerQuestion(part, lang, c), (part) => this.namesSubject(normalise(part), lang), checking);
    if (!whole.answered) return inParts(whole);
    // "How much is it and how much is shipping to Japan?": one shop answer may hold the words of every
    // part and still answer only one. When each part has its own answer, those are given instead.
    if (/^(?:shipping|kb):/.test(whole.source)) {
      const parts = inParts(abstain('whole'), true);
      if (parts.answered && !parts.unansweredParts && parts.source.split('+').some((src) => !src.endsWith(whole.source))) return parts;
    } else if (/^product:/.test(whole.source) && /[?？]./.test(question.trim())) {
      // "键盘有背光吗？数据线多少钱": one product's facts may hold the name of another product a later
      // question asks about (the keyboard's box holds a cable); which one is meant is not known.
      const parts = inParts(abstain('whole'), true);
      if (!parts.answered && parts.source.includes('ambiguous-subject')) return parts;
    }
    return whole;
  }

  private answerQuestion(question: string, lang: Lang, ctx: PresalesContext): PresalesAnswer {
    const plain = expandShorthand(normalise(question), lang);
    const text = lang === 'en' ? this.speller.fix(plain) : plain;
    const read = QUESTION_REWRITES[lang].reduce((t, [re, to]) => t.replace(re, to), text);
    const triggers = [...Object.values(FACET_TRIGGERS[lang]), SHIPPING[lang], SHOP_TOPICS[lang]];
    const asking = askingClauses(read, lang, triggers);
    const first = this.answerRead(read, asking, lang, ctx);
    if (first.answered) return first;
    if (lang !== 'en') {
      // "我穿42的鞋 袜子选哪个码": the clause dropped as context was the measurement the answer needs.
      const whole = asking === read ? first : this.answerRead(read, read, lang, ctx);
      if (whole.answered) return whole;
      // Without the clauses that set the scene (想买套茶具送长辈，有礼盒吗).
      return this.withoutScene(read, lang, ctx, first);
    }
    // Without the buyer's situation ("I cycle to work in the rain"), if that is what kept it unanswered.
    const asked = askingClausesEn(read, triggers);
    const second = asked === read ? first : this.answerRead(asked, asked, lang, ctx);
    if (second.answered) return second;
    // Without the clauses that set the scene ("if I forget to charge it before a flight", "before they melt").
    return this.withoutScene(asked, lang, ctx, first);
  }

  /** The question without its scene-setting clauses (clauses.ts), the product they named kept; else `fallback`. */
  private withoutScene(text: string, lang: Lang, ctx: PresalesContext, fallback: PresalesAnswer): PresalesAnswer {
    const main = mainClauses(text, lang, (c) => this.finder.find(c, lang)?.spans.map((sp) => sp.trim()) ?? []);
    if (main === text) return fallback;
    const answer = this.answerRead(main, main, lang, ctx);
    return answer.answered ? answer : fallback;
  }

  /** The answer to `q`, only when it states a value of every kind asked ("how long" a time; asked-concepts.ts). */
  private answerRead(read: string, q: string, lang: Lang, ctx: PresalesContext): PresalesAnswer {
    const a = this.answerReadUnchecked(read, q, lang, ctx);
    if (!a.answered) return a;
    const missing = unaddressed(q, lang, a.replies);
    return missing.length > 0 ? abstain(`unaddressed:${missing.join(',')}:${a.source}`) : a;
  }

  private answerReadUnchecked(read: string, q: string, lang: Lang, ctx: PresalesContext): PresalesAnswer {
    // (The products may stand in a clause the asking one leaves out: 头戴耳机和那个蓝牙小音箱，哪个续航长.)
    const compared = this.compare(q, lang) ?? (q !== read ? this.compare(read, lang) : undefined);
    if (compared?.answered) return compared;
    // Not a comparison after all ("我穿37码的鞋 袜子选哪个码": 鞋 is the buyer's size, 哪个 picks a size).
    // (Two products joined by "and" / 和 are both asked about: one of them never answers for both,
    // 头戴耳机和蓝牙小音箱哪个续航长 is not the speaker's battery alone.)
    if (compared && !compared.answered && compared.source.startsWith('none:compare:') && (namedTogether(q, this.finder.findAll(q, lang)) || namedTogether(read, this.finder.findAll(read, lang)))) return compared;
    const one = this.answerOne(read, q, lang, ctx);
    if (compared && !one.answered) return compared;
    if (one.answered) return one;
    const subject = this.subject(q, lang);
    if (!subject || one.source.startsWith(`product:${subject.product.id}:`)) return one;
    const other = this.answerOne(read, q, lang, ctx, subject);
    return other.answered ? other : one;
  }

  /** Two or more products compared: each answered on its own, or none (every part must hold). */
  private compare(q: string, lang: Lang): PresalesAnswer | undefined {
    const at = (m: ProductMention) => Math.min(...m.spans.map((sp) => q.indexOf(sp)).filter((i) => i >= 0));
    const all = this.finder.findAll(q, lang).sort((a, b) => at(a) - at(b));
    if (all.length < 2 || all.length > 3) return undefined;
    // "How much are the french press and the grinder?": products joined by "and" / 和 are each asked
    // about, like a comparison (never one answered for both).
    if (!COMPARE[lang].test(q) && !namedTogether(q, all)) return undefined;
    const asked = COMPARE_WORDS[lang].reduce((t, [re, to]) => t.replace(re, to), q);
    const replies: PresalesReply[] = [];
    const sources: string[] = [];
    for (const m of all) {
      // The other products' names go whole, also where only part of one matched ("noise cancelling … headset").
      const own = this.productAnswers.ownTerms(m.product, lang);
      const otherOwn = new Set(all.filter((o) => o !== m).flatMap((o) => [...this.productAnswers.ownTerms(o.product, lang)]));
      const mine = strip(asked, all.filter((o) => o !== m).flatMap((o) => o.spans)).replace(/[a-z]+/g, (w) => (otherOwn.has(stem(w)) && !own.has(stem(w)) ? ' ' : w));
      const one = this.answerOne(mine, mine, lang, {});
      if (!one.answered || !one.source.startsWith(`product:${m.product.id}:`)) return abstain(`compare:${m.product.id}:${one.source}`);
      replies.push(...one.replies);
      sources.push(one.source);
    }
    return { answered: true, replies: replies.slice(0, 6), source: `compare:${sources.join('+')}` };
  }

  /** @param forced the product asked about, when the question names two (see `subject`). */
  private answerOne(read: string, q: string, lang: Lang, ctx: PresalesContext, forced?: ProductMention): PresalesAnswer {
    const idx = this.index[lang];
    const found = forced ?? this.finder.find(q, lang) ?? this.finder.find(read, lang);
    // "can I still cancel?" names no product, however close "cancel" is to "noise cancelling headset".
    let mention = found && found.spans.length > 0 && found.spans.every((sp) => SHOP_TOPICS[lang].test(sp) || SHIPPING[lang].test(sp)) ? undefined : found;
    const page = ctx.pageProductId ? this.finder.byProductId(ctx.pageProductId) : undefined;
    // A typo-guess of a name ("right" ~ "light") never outranks the page the buyer is on.
    if (mention?.fuzzy && page) mention = undefined;
    // A one-character name (包 of 包修, 线 of 送线) on another product's page is more likely part of a
    // word than that product: the page stays the subject and the character a word its facts must cover.
    if (page && mention && mention.product !== page && mention.spans.length > 0 && mention.spans.every((sp) => /^\p{Script=Han}$/u.test(sp.trim()))) mention = undefined;
    // "… pages per notebook, and what colours are the covers": one word that names another product
    // (the phone case) and that the product of the part before holds too (hardcover) may mean either.
    // ("does it come with a cable": "it" or what is in the box makes the part before's product the subject, below.)
    if (ctx.fromPart && page && mention && mention.product !== page && !REFERS_BACK[lang].test(q) && !DEICTIC[lang].test(q) && !FACET_TRIGGERS[lang].inTheBox.test(q) && this.heldBy(page, mention.spans, lang)) return abstain(`ambiguous-subject:${mention.product.id}`);
    // Where the buyer is may be told beside the question ("一般几天能到 我在上海").
    // (or elsewhere in the message: "我在法国 台灯多少欧？寄过来运费咋算" asks the shipping part to France).
    const place = idx.countries.find(q) ?? (q !== read ? idx.countries.find(read) : undefined) ?? (ctx.place && SHIPPING[lang].test(q) ? idx.countries.find(ctx.place) : undefined);
    // "Do you ship from China?": where a parcel leaves from is no destination (another place named may be).
    const country = place && shippedFrom(q, place.span, lang) ? idx.countries.find(strip(q, [place.span])) : place;
    // "Will it work when I travel to the States?" on the charger's page: a fact of "it", not shipping.
    const aboutPage = page !== undefined && DEICTIC[lang].test(q) && this.asksFacet(q, lang);
    // (发新加坡吗: 发 right before the country sends there.)
    const sentTo = country !== undefined && lang === 'zh' && /[发寄]\s*$/.test(q.slice(0, Math.max(0, q.indexOf(country.span))));
    const shipping = SHIPPING[lang].test(q) || sentTo || (country !== undefined && /(?:^|\s)to\s|寄到|发到|送到|到/.test(q) && !mention && !aboutPage);
    // "键盘包装里有什么": 包装 inside a product fact's words (包装里 = in the box) is not the shop's packaging.
    const shopTopic = SHOP_TOPICS[lang].test(mention ? PRODUCT_FACETS.reduce((t, f) => t.replace(GLOBAL_TRIGGERS[lang][f], ' '), q) : q);
    if (shipping && country && shopTopic) {
      // "do I pay customs to Japan?": the shop topic answers; the shipping table only if it cannot.
      const kb = fromKb(strip(q, [country.span]), lang, idx, mention ? mention.spans : []);
      if (kb.answered) return kb;
    }
    if (shipping && country) {
      const places = (c: { code: string; span: string }) => [c.span, ...idx.countries.placesIn(q, c.code)];
      // "寄德国跟寄奥地利运费差多少": two countries, each answered (both, or none).
      const other = idx.countries.find(strip(q, places(country)));
      // ("ship from the UK to France": the UK is where it leaves from, France the one destination.)
      if (other && other.code !== country.code && shippedFrom(q, other.span, lang)) return shippingTo(country.destination, country.code, strip(q, [...places(country), other.span]), lang, idx, this.phrase);
      if (other && other.code !== country.code) {
        const asked = COMPARE_WORDS[lang].reduce((t, [re, to]) => t.replace(re, to), q);
        const each = [country, other].sort((a, b) => q.indexOf(a.span) - q.indexOf(b.span)).map((c) => shippingTo(c.destination, c.code, strip(asked, [...places(country), ...places(other)]), lang, idx, this.phrase));
        if (each.every((a) => a.answered && /^shipping:[A-Z]+$/.test(a.source))) return { answered: true, replies: each.flatMap((a) => a.replies), source: `compare:${each.map((a) => a.source).join('+')}` };
        return abstain(`countries:${each.map((a) => a.source).join('+')}`);
      }
      // "How much to ship the yoga mat to Melbourne?": the table is the same for every product, so the
      // product named is no word to cover; its own price, when asked too ("headset to Austria: what's
      // the price and express cost?"), is answered beside the shipping, or neither is.
      const sent = shippingTo(country.destination, country.code, strip(q, [...places(country), ...(mention?.spans ?? [])]), lang, idx, this.phrase);
      if (!mention || !sent.answered || !ITEM_PRICE[lang].test(q)) return sent;
      const price = this.productAnswers.answer(mention.product, [], PRICE_QUESTION[lang], lang, currencyOfCountry(country.code));
      const priced = price.replies.filter((r) => r.key === 'presales:price');
      return priced.length > 0 ? { answered: true, replies: [...priced, ...sent.replies], source: `product:${mention.product.id}:price+${sent.source}` } : abstain(`shipping-item-price:${price.source}`);
    }
    // "When is the pillow back in stock?": the product's own restock date, not the shop's general one.
    // 枕头什么时候到货 of a pillow sold out: its own restock, though 到货 is also a shipping word.
    const ownRestock = mention !== undefined && !country && RESTOCK[lang].test(q) && mention.product.variants.some((v) => v.stock === 0);
    const shop = (shipping || shopTopic) && !(mention && !shipping && RESTOCK[lang].test(q)) && !ownRestock;
    if (shop || (!mention && !(page && (DEICTIC[lang].test(q) || this.asksFacet(q, lang))))) {
      // "How long is the legal guarantee in France?": an EU country is what an entry about the EU covers.
      const kbQ = country && inEu(country.code) && q.includes(country.span) ? `${strip(q, [country.span])} ${EU_WORD[lang]}` : q;
      // A one-character product name (包, 灯) inside a shop question is more likely part of a word (包邮).
      const kb = fromKb(kbQ, lang, idx, mention ? mention.spans.filter((sp) => [...sp.trim()].length > 1) : [], undefined, (mention?.product ?? page)?.id);
      // "Microwave safe?" on the tea set's page: a bare question the shop's entries do not answer is
      // about the page ("能接电话吗" on the speaker's: its facts, though 电话 is a shop word).
      if (kb.answered) return kb;
      if (!mention && !page) {
        // "磨芯能水洗吗": a part only one product's facts name (the grinder's burrs) names that product.
        this.parts ??= new PartOwners(this.products, (id, l) => this.facts.get(id)?.[l] ?? [], this.zh);
        const owner = shop ? undefined : this.parts.owner(q, lang, (id) => this.finder.byProductId(id));
        if (!owner) return kb;
        mention = { product: owner, spans: [] };
      }
    }
    // "Can this charge my laptop?" on the lamp's page: "this" is the subject; another product named is
    // what it is asked about, a word the facts must answer.
    // ("Is there a plug included?" on the lamp's page: what comes in the page product's box, not the charger.)
    const onPage = page !== undefined && mention !== undefined && mention.product !== page && (DEICTIC[lang].test(q) || FACET_TRIGGERS[lang].inTheBox.test(q));
    const product = onPage ? page : (mention?.product ?? page);
    if (!product) return abstain('no-product');
    const currency = ctx.currency ?? this.currencyAsked(q, lang, country?.code);
    // The seller's own entry about this product (its size chart) answers before its listing's facts.
    const about = idx.about.get(product.id);
    const spans = onPage ? [] : (mention?.spans ?? []);
    // A variant named ("L码有吗") asks for that variant first: its stock, not the size chart that lists it.
    const variantFirst = about !== undefined && mentionedOptions(product, q, lang).length > 0;
    if (variantFirst) {
      const own = this.productAnswers.answer(product, spans, q, lang, currency, country?.span);
      if (own.answered) return own;
    }
    if (about) {
      const kb = fromKb(q, lang, idx, spans, about);
      if (kb.answered) return kb;
    }
    return this.productAnswers.answer(product, spans, q, lang, currency, country?.span);
  }

  /**
   * Two products named outside a comparison ("台灯能给笔记本充电不", "can the stand hold my
   * notebook"): the first named is asked about; the other's name stays a word its facts must
   * account for. Tried only when the longest-named product gives no answer ("headphones … plug"
   * names the headphones, not the charger). Undefined when one product (or a comparison) is named.
   */
  private subject(q: string, lang: Lang): ProductMention | undefined {
    if (COMPARE[lang].test(q)) return undefined;
    const all = this.finder.findAll(q, lang);
    if (all.length !== 2) return undefined;
    const at = (m: ProductMention) => Math.min(...m.spans.map((sp) => q.indexOf(sp)).filter((i) => i >= 0));
    const [a, b] = all as [ProductMention, ProductMention];
    return at(a) <= at(b) ? a : b;
  }

  /** How sure the NLU may be that this is a question for `answer` (0..1), without page context. */
  recognise(question: string, lang: Lang): number {
    const q = normalise(question);
    if (this.answer(question, lang).answered) return 1;
    const productish = this.finder.find(q, lang) !== undefined || DEICTIC[lang].test(q);
    return productish && this.asksFacet(q, lang) ? 0.92 : 0;
  }

  /**
   * The text names what it asks about: a product, "this one", a place, a shop topic, or any content
   * word beyond the kind of fact asked ("what's the price" names nothing; 下单就扣钱吗 does).
   */
  private namesSubject(q: string, lang: Lang): boolean {
    if (this.finder.find(q, lang) !== undefined || DEICTIC[lang].test(q) || SHIPPING[lang].test(q) || SHOP_TOPICS[lang].test(q) || this.index[lang].countries.find(q) !== undefined) return true;
    return contentWords(PRODUCT_FACETS.reduce((t, f) => t.replace(GLOBAL_TRIGGERS[lang][f], ' '), q), lang, this.zh).length > 0;
  }

  /** Every span is one word that one of `p`'s own facts holds. */
  private heldBy(p: Product, spans: readonly string[], lang: Lang): boolean {
    const facts = this.facts.get(p.id)?.[lang] ?? [];
    return spans.length > 0 && spans.every((sp) => {
      const words = contentWords(normalise(sp), lang, this.zh);
      // (Inside a longer word too: the "cover" of "hardcover".)
      return words.length === 1 && facts.some((f) => f.haystack.includes(words[0] ?? '') || explained(words[0] ?? '', f.haystack, f.terms, lang));
    });
  }

  private asksFacet(q: string, lang: Lang): boolean {
    return Object.values(FACET_TRIGGERS[lang]).some((re) => re.test(q));
  }

  private currencyAsked(q: string, lang: Lang, countryCode: string | undefined): Currency | undefined {
    // Currencies by their short and spoken names too (多少镑, 多少欧, 多少刀, quid, bucks).
    if (/\$|dollar|usd|bucks?\b|美元|美金|多少刀/.test(q)) return 'USD';
    if (/£|pound|gbp|quid|英镑|多少镑/.test(q)) return 'GBP';
    if (/€|euro|eur\b|欧元|多少欧(?!洲)/.test(q)) return 'EUR';
    if (/¥|yuan|rmb|cny|人民币|块钱|元/.test(q)) return 'CNY';
    return countryCode ? currencyOfCountry(countryCode) : lang === 'zh' && /国内/.test(q) ? 'CNY' : undefined;
  }
}
