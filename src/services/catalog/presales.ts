/**
 * Pre-sales answers from the seller's own catalog and knowledge base. A question is read for the
 * product it names (or the page the buyer is on, for "this one"), the kind of fact it asks for, a
 * destination country, and shop topics; the answer is built only from matched facts. Every content
 * word of the question must be accounted for by the facts used: when one is not ("does the lamp
 * have Wi-Fi?"), the answer is an abstention, never a guess. Replies are keys plus values; the
 * sentences come from locales/<lang>/presales.json.
 */
import MiniSearch from 'minisearch';
import type { Lang } from '../../domain/lang.js';
import { listIn, textIn, type Currency, type Product } from './catalog.js';
import { CountryFinder, currencyOfCountry, placeNameWords } from './destinations.js';
import { formatMoney, productFacts, productNames, type Fact } from './facts.js';
import type { Destination, KbEntry, KnowledgeBase } from './knowledge-base.js';
import { COLOURS, COLOUR_WORD, COMPARE, COMPARE_WORDS, OPTION_KINDS, STOCK_GENERIC, DEICTIC, FACET_SYNONYMS, FACET_TRIGGERS, FRAME, QUANTITY, ZH_WHOLE, QUESTION_REWRITES, askingClauses, askingClausesEn, statesUnit, RESTOCK, RESTOCK_ASKED, UNIT_ASKED, unitIn, RESTOCK_QUESTION, SHIPPING, SHIPPING_ASKS, SHOP_TOPICS, type Facet } from './lexicon.js';
import { mentionedOptions, ProductFinder, variantsMatching, type OptionMention, type ProductMention } from './product-finder.js';
import { latinWords, normalise, stem, terms } from './text.js';
import { adjacentPairs, contentWords, explained, hanBigrams, type ZhWords } from './coverage.js';
import { hanVocabulary } from './segment.js';
import { SYNONYMS } from './synonyms.js';
import { Speller } from './spelling.js';
import { expandShorthand } from './buyer-shorthand.js';
import { priceText, stockText, variantLabel, type Phrase } from './stock-text.js';
import { answerInParts } from './parts.js';
import { PartOwners } from './part-owners.js';
import { AMBIGUOUS_SIZE, JACK, COLOUR_NAME, COST_OR_TIME, COUNT_LEFT, GLOBAL_COLOURS, GLOBAL_KINDS_ZH, GLOBAL_SHIPPING, GLOBAL_TRIGGERS, MEASURE_UNIT, MODEL_WORDS, PRODUCT_FACETS, siblingCode, VERSION_NUMBER } from './question-shape.js';
import type { PresalesAnswer, PresalesContext, PresalesReply } from './answer-types.js';


/** Renders a sub-phrase (e.g. "out of stock") for values built from several pieces. */

export const NO_ANSWER_KEY = 'faq:noMatch';
const abstain = (why: string): PresalesAnswer => ({ answered: false, replies: [{ key: NO_ANSWER_KEY }], source: `none:${why}` });

interface KbDoc {
  id: string;
  q: string;
  a: string;
}

interface LangIndex {
  kb: KnowledgeBase;
  entries: Map<string, KbEntry>;
  search: MiniSearch<KbDoc>;
  countries: CountryFinder;
  /** Knowledge-base entries about one product (its name or keyword in the entry): product id → entry ids. */
  about: Map<string, Set<string>>;
  /** The other way round: entry id → the products it is about. */
  subjects: Map<string, Set<string>>;
  /** Normalised entry text (questions + answer) for the coverage check. */
  haystack: Map<string, { text: string; terms: Set<string>; questions: string; questionTerms: Set<string> }>;
}

function indexTerms(text: string, lang: Lang): string[] {
  const t = normalise(text);
  return lang === 'zh' ? [...terms(t, 'zh'), ...hanBigrams(t)] : terms(t, 'en');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text names `name` (a whole word or phrase in Latin script, plural allowed; anywhere in Han). */
const mentions = (text: string, name: string) => (/[a-z0-9]/.test(name) ? new RegExp(`(?<![a-z0-9])${escapeRe(name)}(?:s|es)?(?![a-z0-9])`).test(text) : text.includes(name));

/** The text without the spans (whole words for Latin spans, so "s" never eats "surface"). */
function strip(text: string, spans: readonly string[]): string {
  let t = text;
  for (const raw of spans) {
    const s = raw.trim();
    if (!s) continue;
    t = /[a-z0-9]/.test(s) ? t.replace(new RegExp(`(?<![a-z0-9])${escapeRe(s)}(?![a-z0-9])`, 'g'), ' ') : t.split(s).join(' ');
  }
  return t;
}

/** The product as a sentence names it: the title before its first comma, lower-cased in English ("cast iron skillet"). */
function displayName(p: Product, lang: Lang): string {
  const title = textIn(p.title, lang) ?? p.id;
  if (lang === 'zh') return title;
  const head = title.split(',')[0] ?? title;
  return /^[A-Z][a-z]/.test(head) ? head[0]!.toLowerCase() + head.slice(1) : head;
}


export class PresalesService {
  private readonly finder: ProductFinder;
  private readonly facts = new Map<string, Record<Lang, Fact[]>>();
  private readonly index: Record<Lang, LangIndex>;
  private readonly own = new Map<string, Set<string>>();
  private readonly shapes = new Map<string, { kinds: Set<string>; colourFact: boolean }>();
  /** Parts only one product names (built on first use). */
  private parts?: PartOwners;
  /** The seller's own Chinese words (catalog and knowledge base), for cutting Chinese questions. */
  private readonly zh: ZhWords;
  /** English typos of known words ("mcuh", "wht"). */
  private readonly speller: Speller;

  constructor(readonly products: readonly Product[], kbs: Record<Lang, KnowledgeBase>, private readonly phrase: Phrase) {
    this.finder = new ProductFinder(products);
    for (const p of products) this.facts.set(p.id, { en: productFacts(p, 'en'), zh: productFacts(p, 'zh') });
    const build = (lang: Lang): LangIndex => {
      const kb = kbs[lang];
      const search = new MiniSearch<KbDoc>({ fields: ['q', 'a'], storeFields: [], tokenize: (t) => indexTerms(t, lang), processTerm: (t) => t });
      search.addAll(kb.entries.map((e) => ({ id: e.id, q: e.questions.join(' \n '), a: e.answer })));
      const haystack = new Map(kb.entries.map((e) => {
        const text = normalise(`${e.questions.join(' ')} ${e.answer}`);
        const questions = normalise(e.questions.join(' '));
        return [e.id, { text, terms: new Set(terms(text, lang)), questions, questionTerms: new Set(terms(questions, lang)) }];
      }));
      const about = new Map<string, Set<string>>();
      for (const p of products) {
        const names = productNames(p, lang).filter((n) => [...n].length >= 2);
        const ids = kb.entries.filter((e) => names.some((n) => mentions(haystack.get(e.id)?.text ?? '', n))).map((e) => e.id);
        if (ids.length > 0) about.set(p.id, new Set(ids));
      }
      const subjects = new Map<string, Set<string>>();
      for (const [pid, ids] of about) for (const id of ids) subjects.set(id, (subjects.get(id) ?? new Set<string>()).add(pid));
      return { kb, entries: new Map(kb.entries.map((e) => [e.id, e])), search, countries: new CountryFinder(kb.destinations, lang), haystack, about, subjects };
    };
    this.index = { en: build('en'), zh: build('zh') };
    const zhTexts = [...products.map((p) => normalise(JSON.stringify(p))), ...kbs.zh.entries.map((e) => normalise(`${e.questions.join(' ')} ${e.answer}`))];
    // Not the colours: "range" is a word, not a typo of "orange".
    const lexicon = [...Object.values(FACET_TRIGGERS.en), SHIPPING.en, SHOP_TOPICS.en, DEICTIC.en, QUANTITY.en].flatMap((re) => re.source.match(/[a-z]{3,}/g) ?? []);
    // Codes ("WHT" of a SKU) are not words a buyer writes.
    const enTexts = [...products.map((p) => normalise(JSON.stringify(p, (k, v: unknown) => (k === 'sku' || k === 'id' || k === 'listingId' ? undefined : v)))), ...kbs.en.entries.map((e) => normalise(`${e.questions.join(' ')} ${e.answer}`))];
    // Place names are words too: "paris" is no typo of "pairs".
    this.speller = new Speller([...FRAME.en, ...lexicon], [...Object.keys(SYNONYMS.en), ...Object.values(SYNONYMS.en).flat(), ...enTexts.flatMap((t) => t.match(/[a-z]+/g) ?? []), ...placeNameWords()]);
    this.zh = { vocab: hanVocabulary(zhTexts, [...FRAME.zh, ...Object.keys(SYNONYMS.zh), ...ZH_WHOLE]), whole: new Set(ZH_WHOLE) };
  }

  product(id: string): Product | undefined {
    return this.finder.byProductId(id);
  }

  /**
   * Answer a buyer's pre-sales question in `lang`, or abstain. A message of several questions the
   * whole cannot answer is answered part by part, in one reply; a part without an answer is named.
   */
  answer(question: string, lang: Lang, ctx: PresalesContext = {}): PresalesAnswer {
    const whole = this.answerQuestion(question, lang, ctx);
    if (whole.answered) return whole;
    return answerInParts(question, lang, ctx, whole, (part, c) => this.answerQuestion(part, lang, c));
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
      if (asking === read) return first;
      const whole = this.answerRead(read, read, lang, ctx);
      return whole.answered ? whole : first;
    }
    // Without the buyer's situation ("I cycle to work in the rain"), if that is what kept it unanswered.
    const asked = askingClausesEn(read, triggers);
    if (asked === read) return first;
    const second = this.answerRead(asked, asked, lang, ctx);
    return second.answered ? second : first;
  }

  private answerRead(read: string, q: string, lang: Lang, ctx: PresalesContext): PresalesAnswer {
    const compared = this.compare(q, lang);
    if (compared?.answered) return compared;
    // Not a comparison after all ("我穿37码的鞋 袜子选哪个码": 鞋 is the buyer's size, 哪个 picks a size).
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
    if (!COMPARE[lang].test(q)) return undefined;
    const all = this.finder.findAll(q, lang);
    if (all.length < 2 || all.length > 3) return undefined;
    const asked = COMPARE_WORDS[lang].reduce((t, [re, to]) => t.replace(re, to), q);
    const replies: PresalesReply[] = [];
    const sources: string[] = [];
    for (const m of all) {
      // The other products' names go whole, also where only part of one matched ("noise cancelling … headset").
      const own = this.ownTerms(m.product, lang);
      const otherOwn = new Set(all.filter((o) => o !== m).flatMap((o) => [...this.ownTerms(o.product, lang)]));
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
    // Where the buyer is may be told beside the question ("一般几天能到 我在上海").
    const country = idx.countries.find(q) ?? (q !== read ? idx.countries.find(read) : undefined);
    const shipping = SHIPPING[lang].test(q) || (country !== undefined && /(?:^|\s)to\s|寄到|发到|送到|到/.test(q) && !mention);
    // "键盘包装里有什么": 包装 inside a product fact's words (包装里 = in the box) is not the shop's packaging.
    const shopTopic = SHOP_TOPICS[lang].test(mention ? PRODUCT_FACETS.reduce((t, f) => t.replace(GLOBAL_TRIGGERS[lang][f], ' '), q) : q);
    if (shipping && country && shopTopic) {
      // "do I pay customs to Japan?": the shop topic answers; the shipping table only if it cannot.
      const kb = this.fromKb(strip(q, [country.span]), lang, idx, mention ? mention.spans : []);
      if (kb.answered) return kb;
    }
    if (shipping && country) return this.shippingTo(country.destination, country.code, strip(q, [country.span, ...idx.countries.placesIn(q, country.code)]), lang, idx);
    // "When is the pillow back in stock?": the product's own restock date, not the shop's general one.
    // 枕头什么时候到货 of a pillow sold out: its own restock, though 到货 is also a shipping word.
    const ownRestock = mention !== undefined && !country && RESTOCK[lang].test(q) && mention.product.variants.some((v) => v.stock === 0);
    const shop = (shipping || shopTopic) && !(mention && !shipping && RESTOCK[lang].test(q)) && !ownRestock;
    if (shop || (!mention && !(page && (DEICTIC[lang].test(q) || this.asksFacet(q, lang))))) {
      // A one-character product name (包, 灯) inside a shop question is more likely part of a word (包邮).
      const kb = this.fromKb(q, lang, idx, mention ? mention.spans.filter((sp) => [...sp.trim()].length > 1) : [], undefined, (mention?.product ?? page)?.id);
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
    const onPage = page !== undefined && mention !== undefined && mention.product !== page && DEICTIC[lang].test(q);
    const product = onPage ? page : (mention?.product ?? page);
    if (!product) return abstain('no-product');
    const currency = ctx.currency ?? this.currencyAsked(q, lang, country?.code);
    // The seller's own entry about this product (its size chart) answers before its listing's facts.
    const about = idx.about.get(product.id);
    if (about) {
      const kb = this.fromKb(q, lang, idx, onPage ? [] : (mention?.spans ?? []), about);
      if (kb.answered) return kb;
    }
    return this.fromProduct(product, onPage ? [] : (mention?.spans ?? []), q, lang, currency, country?.span);
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

  private asksFacet(q: string, lang: Lang): boolean {
    return Object.values(FACET_TRIGGERS[lang]).some((re) => re.test(q));
  }

  private currencyAsked(q: string, lang: Lang, countryCode: string | undefined): Currency | undefined {
    if (/\$|dollar|usd|美元|美金/.test(q)) return 'USD';
    if (/£|pound|gbp|英镑/.test(q)) return 'GBP';
    if (/€|euro|eur\b|欧元/.test(q)) return 'EUR';
    if (/¥|yuan|rmb|cny|人民币|块钱|元/.test(q)) return 'CNY';
    return countryCode ? currencyOfCountry(countryCode) : lang === 'zh' && /国内/.test(q) ? 'CNY' : undefined;
  }

  // ---------- shipping ----------

  private shippingTo(d: Destination | undefined, code: string, q: string, lang: Lang, idx: LangIndex): PresalesAnswer {
    if (!d) {
      const list = idx.kb.destinations.map((x) => x.country).join(lang === 'en' ? ', ' : '、');
      const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
      // "How much to ship to Singapore?": there is no such price. Say we don't ship there and offer a
      // person (the seller may make an exception), logged as unanswered; "do you ship to …?" is answered.
      if (COST_OR_TIME[lang].test(q)) return { answered: false, replies: [{ key: 'presales:shipping.notServedAsk', values: { country: name, list } }], source: `none:shipping-not-served:${code}` };
      return { answered: true, replies: [{ key: 'presales:shipping.notServed', values: { country: name, list } }], source: `shipping:${code}:none` };
    }
    const std = formatMoney(d.standard.cost.amount, d.standard.cost.currency, lang);
    const free = d.freeOver ? this.phrase(lang, 'presales:shipping.freeOver', { amount: formatMoney(d.freeOver.amount, d.freeOver.currency, lang) }) : this.phrase(lang, 'presales:shipping.noFree');
    const express = d.express
      ? this.phrase(lang, 'presales:shipping.express', { cost: formatMoney(d.express.cost.amount, d.express.cost.currency, lang), time: d.express.time })
      : this.phrase(lang, 'presales:shipping.noExpress');
    const values = { country: d.country, cost: std, time: d.standard.time, free, express };
    // "Do you deliver on Saturdays in the UK?": every word beyond cost, time and speed must be in the answer.
    const said = normalise(this.phrase(lang, 'presales:shipping.to', values));
    const saidTerms = new Set(terms(said, lang));
    const missing = contentWords(q.replace(GLOBAL_SHIPPING[lang], ' '), lang, this.zh).filter((w) => !SHIPPING_ASKS[lang].has(w) && !/^\d/.test(w) && !explained(w, said, saidTerms, lang));
    if (missing.length > 0) {
      const kb = this.fromKb(q, lang, idx, []);
      return kb.answered ? kb : abstain(`shipping-uncovered:${missing.join(',')}`);
    }
    return { answered: true, replies: [{ key: 'presales:shipping.to', values }], source: `shipping:${d.code}` };
  }

  // ---------- knowledge base ----------

  /**
   * @param only entries to consider (those about one product); else the best three found.
   * @param askedAbout the product the question names: an entry about one other product (the socks'
   *   size chart) is no answer for it ("what size is the blanket").
   */
  private fromKb(q: string, lang: Lang, idx: LangIndex, productSpans: readonly string[], only?: ReadonlySet<string>, askedAbout?: string): PresalesAnswer {
    // The few entries about one product are all checked as they are: no search needed.
    const hits = only ? [...only].map((id) => ({ id })) : idx.search.search(indexTerms(q, lang).join(' '), { boost: { q: 2 }, combineWith: 'OR', tokenize: (t) => t.split(' '), processTerm: (t) => t }).slice(0, 3);
    const words = contentWords(strip(q, productSpans), lang, this.zh);
    for (const hit of hits) {
      const subjects = idx.subjects.get(String(hit.id));
      if (askedAbout && subjects?.size === 1 && !subjects.has(askedAbout)) continue;
      const hay = idx.haystack.get(String(hit.id));
      const entry = idx.entries.get(String(hit.id));
      if (!hay || !entry) continue;
      const missing = words.filter((w) => !explained(w, hay.text, hay.terms, lang));
      // The entry's own questions must share a real word with the buyer's (not one Chinese character).
      // (Of the few entries about one product, the product is the shared subject: one character will do.)
      const inQuestions = words.filter((w) => explained(w, hay.questions, hay.questionTerms, lang));
      // (Two single characters of its questions will do too: 扣…钱 of "什么时候扣钱".)
      // (Of the entries about the product named, a shop topic asked (选哪个码) is the shared subject too.)
      const aboutAsked = only !== undefined && !STOCK_GENERIC[lang].test(q);
      const asked = inQuestions.some((w) => lang === 'en' || aboutAsked || [...w].length >= 2) || inQuestions.length >= 2 || (aboutAsked && SHOP_TOPICS[lang].test(q));
      if (missing.length === 0 && asked && words.length > 0) return { answered: true, replies: [{ key: 'presales:kb', values: { answer: entry.answer } }], source: `kb:${entry.id}` };
    }
    return abstain(hits.length > 0 ? `kb-uncovered:${String(hits[0]?.id)}` : 'kb-nothing');
  }

  // ---------- product facts ----------

  private fromProduct(p: Product, spans: readonly string[], q: string, lang: Lang, currency: Currency | undefined, countrySpan?: string): PresalesAnswer {
    const name = displayName(p, lang);
    const triggers = FACET_TRIGGERS[lang];
    const triggered = new Set<Facet>((Object.keys(triggers) as Facet[]).filter((f) => triggers[f].test(q)));
    const options = mentionedOptions(p, q, lang);
    // Kinds of option the product is sold in ("colour", "size"); a kind it is not sold in is a fact asked.
    const facts = this.facts.get(p.id)?.[lang] ?? [];
    const { kinds, colourFact } = this.shape(p, lang, facts);
    const kindsAsked = OPTION_KINDS[lang].filter(([re]) => re.test(q)).map(([, k]) => k);
    if (triggered.has('stock') && !STOCK_GENERIC[lang].test(q) && kindsAsked.length > 0 && kindsAsked.every((k) => !kinds.has(k))) triggered.delete('stock');
    // "What does it smell like / 有什么味道" of a candle sold in scents: the scents are the answer;
    // of the fig one (a value named), the kind is not asked again.
    const namedKinds = new Set(options.map((o) => normalise(o.option)));
    if (!triggered.has('stock') && kindsAsked.some((k) => kinds.has(k) && !namedKinds.has(k))) triggered.add('stock');
    const colourAsked = kinds.has('colour') && COLOURS[lang].test(q);
    const wantsStock = triggered.has('stock') || options.length > 0 || colourAsked;
    const wantsPrice = triggered.has('price');
    const own = this.ownTerms(p, lang);

    // Fact words first: "when is it back" must go whole before "it" is taken as "this one".
    // The option values named (檀香 of 檀香味) go before the fact words (香味 would split 檀香).
    let rest = strip(strip(q, spans), options.flatMap((o) => o.keys.filter((k) => /\p{Script=Han}/u.test(k)).flatMap((k) => [`${k}味`, `${k}色`, `${k}款`, k])));
    for (const f of triggered) rest = rest.replace(GLOBAL_TRIGGERS[lang][f], ' ');
    rest = rest.replace(DEICTIC[lang], ' ');
    // 颜色 is a frame word in a stock question; of a product not sold in colours it is the fact asked.
    if (lang === 'zh' && !triggered.has('stock')) for (const [re, k] of GLOBAL_KINDS_ZH) if (!kinds.has(k)) rest = rest.replace(re, ` ${k} `);
    if (wantsStock && kinds.has('colour')) rest = rest.replace(GLOBAL_COLOURS[lang], ' ');
    // "Does it come in black?" of a jacket made in navy only: its Colour attribute answers.
    else if (!kinds.has('colour') && colourFact) rest = rest.replace(GLOBAL_COLOURS[lang], ` ${COLOUR_WORD[lang]} `);
    // The option values named (英标 of 英标插头) are the variant asked, not facts to answer.
    rest = strip(rest, options.flatMap((o) => o.keys.filter((k) => /\p{Script=Han}/u.test(k))));
    const optionKeys = new Set(options.flatMap((o) => o.keys.flatMap((k) => [k, stem(k)])));
    const countryWords = countrySpan && !wantsPrice ? latinWords(countrySpan).map(stem) : [];
    if (countrySpan && wantsPrice) rest = strip(rest, [countrySpan]);
    const all = [...new Set([...contentWords(rest, lang, this.zh), ...countryWords])].filter((w) => !optionKeys.has(w));
    const words = all.filter((w) => !own.has(w));
    const ownAsked = contentWords(q.replace(DEICTIC[lang], ' '), lang, this.zh).filter((w) => own.has(w));

    // Score every static fact by the question's words it holds (rarer weigh more; a word in an
    // attribute's name more than in a value) and by its facet being the one asked for.
    const df = new Map<string, number>();
    for (const w of words) df.set(w, facts.filter((f) => explained(w, f.haystack, f.terms, lang)).length);
    // Facet words find attributes named like them ("how high" → Height); for stock only the kinds of
    // option the variants do not cover ("what colours" of a jacket sold in sizes → its Colour attribute).
    const optionNames = new Set(p.variants.flatMap((v) => Object.keys(v.options)));
    const facetWords = [...triggered].flatMap((f) => (FACET_SYNONYMS[lang][f] ?? []).filter((w) => f !== 'stock' || ![...optionNames].some((o) => normalise(o).startsWith(w))));
    const unit = UNIT_ASKED[lang].exec(q);
    const scored = facts
      .map((f) => {
        const hit = words.filter((w) => explained(w, f.haystack, f.terms, lang));
        const ownHit = f.nameHaystack && f.nameTerms ? ownAsked.filter((w) => explained(w, f.nameHaystack ?? '', f.nameTerms ?? new Set(), lang)).length : 0;
        const nameHit = f.nameHaystack && f.nameTerms ? [...hit, ...facetWords].filter((w) => explained(w, f.nameHaystack ?? '', f.nameTerms ?? new Set(), lang)).length : 0;
        // "多少升": the fact stated in the unit asked is about what was asked.
        const facetHit = (f.facet !== 'attribute' && triggered.has(f.facet)) || (unit !== null && statesUnit(unit, f.value));
        const score = hit.reduce((sum, w) => sum + Math.log(1 + facts.length / (df.get(w) ?? 1)), 0) + (facetHit ? 2 : 0) + nameHit * 2.5 + ownHit * 2;
        return { f, score, hit, facetHit };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    const top = scored[0]?.score ?? 0;
    const chosen = scored.filter((x) => x.facetHit || x.score >= Math.max(0.5, 0.35 * top)).slice(0, 4);
    // A word no chosen fact holds: the best fact that does is answered too (up to four facts).
    for (const w of words) if (chosen.length < 4 && !chosen.some((x) => x.hit.includes(w))) chosen.push(...scored.filter((x) => x.hit.includes(w)).slice(0, 1));
    const covered = new Set(chosen.flatMap((x) => x.hit));
    // "How thick … and how heavy": a size or weight asked for must be in what is answered.
    for (const f of ['dimensions', 'weight'] as const) {
      const syn = FACET_SYNONYMS[lang][f] ?? [];
      const answered = chosen.some((x) => x.f.facet === f || (x.f.nameHaystack !== undefined && syn.some((w) => explained(w, x.f.nameHaystack ?? '', x.f.nameTerms ?? new Set(), lang))));
      if (triggered.has(f) && !answered) return abstain(`unanswered:${f}`);
    }
    const missing = words.filter((w) => !covered.has(w));
    // "Do you have it for the iPhone 16 / 15 Plus?" of a case sold by model: the models we sell, and their stock.
    if (missing.length > 0 && kinds.has('model') && options.length === 0 && !wantsPrice && missing.every((w) => /^\d+$/.test(w) || MODEL_WORDS.has(w)) && missing.some((w) => /^\d+$/.test(w) || MODEL_WORDS.has(w))) {
      return { answered: true, replies: this.stockReplies(p, name, [], lang, false), source: `product:${p.id}:models` };
    }
    if (missing.length > 0) return abstain(`uncovered:${missing.join(',')}`);
    const split = adjacentPairs(rest, lang, this.zh).find(([a, b]) => words.includes(a) && words.includes(b) && !chosen.some((x) => x.hit.includes(a) && x.hit.includes(b)));
    if (split) return abstain(`split:${split.join(' ')}`);
    // "How many / how far / 多少": the answer must hold a number, or it does not answer.
    if (QUANTITY[lang].test(q) && !wantsPrice && !wantsStock && kindsAsked.length === 0 && !chosen.some((x) => /\d|终身|永久|lifetime/.test(x.f.value.replace(VERSION_NUMBER, ' ')))) return abstain('no-quantity');
    if (unit && !chosen.some((x) => unitIn(unit, x.f.value))) return abstain('no-unit');
    // "How heavy is the mouse's battery", "键盘的线多重": a size or weight of a part. The product's own
    // size or weight is no answer; only a fact holding the part and a number is.
    // (多大 / "how big" may ask any quantity: 功率多大 is the power; only unambiguous measure words count.)
    const measured = (['dimensions', 'weight'] as const).filter((f) => triggered.has(f) && (f === 'weight' || triggers.dimensions.test(q.replace(AMBIGUOUS_SIZE[lang], ' '))));
    if (measured.length > 0 && words.length > 0 && !/[,，;；]|\band\b|\s和|还有|以及|[?？].+|\p{Script=Han}\s+\S/u.test(q.trim()) && !chosen.some((x) => measured.some((f) => x.f.facet === f || this.measures(x.f, f, words, lang)) && words.every((w) => x.hit.includes(w)))) return abstain(`measure-of-part:${words.join(',')}`);
    const sibling = siblingCode(q, chosen.filter((x) => x.facetHit).map((x) => x.f.value));
    if (sibling) return abstain(`other-kind:${sibling}`);
    // "几台设备 / 几个手机": a count, so a number with that counter ("3 台"), not "5.3" or "3.5 毫米".
    const counter = /几\s*([个台部只件张双本套把根口档人])(?!小时|月|星期|钟头|礼拜)/.exec(q);
    if (counter && !wantsPrice && !wantsStock && kindsAsked.length === 0 && !chosen.some((x) => new RegExp(`\\d\\s*${counter[1] ?? ''}`).test(x.f.value))) return abstain('no-count');

    const replies: PresalesReply[] = [];
    if (wantsPrice) replies.push({ key: 'presales:price', values: { product: name, price: priceText(p, options, lang, currency) } });
    if (wantsStock) replies.push(...this.stockReplies(p, name, options, lang, RESTOCK_ASKED[lang].test(q), COUNT_LEFT[lang].test(q)));
    for (const { f } of chosen) {
      if (f.facet === 'attribute') replies.push({ key: 'presales:attribute', values: { product: name, name: f.name ?? '', value: f.value } });
      else replies.push({ key: `presales:fact.${f.facet}`, values: { product: name, value: f.value } });
    }
    if (replies.length === 0) {
      const d = facts.find((f) => f.facet === 'description');
      if (words.length === 0 && triggered.has('description') && d) return { answered: true, replies: [{ key: 'presales:fact.description', values: { product: name, value: d.value } }], source: `product:${p.id}:description` };
      return abstain(`no-fact:${[...triggered].join(',')}`);
    }
    const used = [...(wantsPrice ? ['price'] : []), ...(wantsStock ? ['stock'] : []), ...chosen.map((x) => x.f.facet)];
    return { answered: true, replies: replies.slice(0, 5), source: `product:${p.id}:${used.join(',')}` };
  }

  /**
   * The fact states a `facet` measure of what `words` name: in a list ("in the box") one item must hold
   * them and the unit ("USB-C to USB-A cable (1.5 m)"; not "3.5 mm audio cable" for the USB cable's
   * length — a 3.5 mm jack is no length).
   */
  private measures(f: Fact, facet: 'dimensions' | 'weight', words: readonly string[], lang: Lang): boolean {
    const pieces = f.facet === 'inTheBox' ? f.value.split(/[,，、;；]/) : [f.value];
    return pieces.some((piece) => {
      const t = normalise(piece);
      return MEASURE_UNIT[facet].test(t.replace(JACK, ' ')) && (pieces.length === 1 || words.every((w) => explained(w, t, new Set(terms(t, lang)), lang)));
    });
  }

  /** The kinds of option a product is sold in, and whether it states a colour (cached per product). */
  private shape(p: Product, lang: Lang, facts: readonly Fact[]): { kinds: Set<string>; colourFact: boolean } {
    const key = `${p.id}\u0000${lang}`;
    let out = this.shapes.get(key);
    if (!out) {
      out = { kinds: new Set(p.variants.flatMap((v) => Object.keys(v.options).map((o) => normalise(o)))), colourFact: facts.some((f) => f.name !== undefined && COLOUR_NAME[lang].test(normalise(f.name))) };
      this.shapes.set(key, out);
    }
    return out;
  }

  /** Words of the product's own title, keywords and category: naming it is not asking a fact. */
  private ownTerms(p: Product, lang: Lang): Set<string> {
    const key = `${p.id}\u0000${lang}`;
    let set = this.own.get(key);
    if (!set) {
      // The SKU's words count too: buyers copy them from order cards ("the mini speaker" of SPK-BT-MINI).
      const text = normalise([textIn(p.title, lang), ...listIn(p.keywords, lang), textIn(p.category, lang), p.id.replace(/-/g, ' ')].join(' '));
      set = new Set([...contentWords(text, lang, this.zh), ...terms(text, lang)]);
      this.own.set(key, set);
    }
    return set;
  }

  /** The asked variants' stock; when one is out, what else is in stock and when it comes back. */
  private stockReplies(p: Product, name: string, options: readonly OptionMention[], lang: Lang, restockAsked: boolean, countAsked = false): PresalesReply[] {
    const out: PresalesReply[] = [{ key: 'presales:stock', values: { product: name, list: stockText(p, options, lang, this.phrase, countAsked) } }];
    const named = options.length > 0 ? variantsMatching(p, options, lang) : p.variants;
    if (named.length > 0 && named.every((v) => v.stock > 0)) return out;
    if (options.length === 0 && !restockAsked && named.some((v) => v.stock > 0)) return out;
    if (options.length > 0 || named.length === 0) {
      const others = p.variants.filter((v) => v.stock > 0 && !named.includes(v)).map((v) => variantLabel(v, lang));
      if (others.length > 0) out.push({ key: 'presales:stockOthers', values: { list: [...new Set(others)].join(lang === 'en' ? ', ' : '、') } });
    }
    const restock = (this.facts.get(p.id)?.[lang] ?? []).find((f) => f.name && RESTOCK[lang].test(normalise(f.name)));
    if (restock) out.push({ key: 'presales:attribute', values: { product: name, name: restock.name ?? '', value: restock.value } });
    else {
      const kb = this.fromKb(normalise(RESTOCK_QUESTION[lang]), lang, this.index[lang], []);
      if (kb.answered) out.push(...kb.replies);
    }
    return out;
  }
}
