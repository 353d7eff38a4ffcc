/**
 * Answers from one product's own facts: price, variants and stock, and the static facts (size,
 * materials, care, attributes …) scored by the question's words. Every content word must be
 * accounted for by the facts answered, and a size, weight, count or unit asked must be in them;
 * otherwise the answer is an abstention, never a neighbouring fact.
 */
import type { Lang } from '../../domain/lang.js';
import { listIn, textIn, type Currency, type Product, type Variant } from './catalog.js';
import { displayName, formatPrices, type Fact } from './facts.js';
import { COLOURS, COLOUR_WORD, OPTION_KINDS, STOCK_GENERIC, DEICTIC, FACET_SYNONYMS, FACET_TRIGGERS, QUANTITY, RESTOCK, RESTOCK_ASKED, UNIT_ASKED, unitIn, statesUnit, RESTOCK_QUESTION, type Facet } from './lexicon.js';
import { mentionedOptions, variantsMatching, type OptionMention } from './product-finder.js';
import { latinWords, normalise, stem, strip, terms } from './text.js';
import { adjacentPairs, contentWords, explained, FRAME_CHARS, surfaceWords, type ZhWords } from './coverage.js';
import { priceText, stockText, variantLabel, type Phrase } from './stock-text.js';
import { AMBIGUOUS_SIZE, JACK, COLOUR_NAME, COUNT_LEFT, GLOBAL_COLOURS, GLOBAL_KINDS_ZH, GLOBAL_TRIGGERS, MEASURE_UNIT, MODEL_WORDS, siblingCode, VERSION_NUMBER } from './question-shape.js';
import { fromKb, type LangIndex } from './kb-answer.js';
import { namesOrigin } from './destinations.js';
import { abstain, type PresalesAnswer, type PresalesReply } from './answer-types.js';
import { uncountedThing, unstatedMeasures } from './asked-concepts.js';

/** "Where is it made / 哪里产的": the place it comes from is asked. */
const ORIGIN: Record<Lang, RegExp> = {
  en: /\bwhere (?:is|are|was|were) (?:it|they|this|these|that|those|the [a-z0-9 -]+?) (?:made|produced|manufactured|from|sourced)\b|\bmade where\b|\b(?:country|place) of (?:origin|manufacture)\b|\bwhere (?:does|do|did) (?:it|they|this|the [a-z0-9 -]+?) come from\b/,
  zh: /哪里?产的|哪儿产的|哪里生产|哪里制造|哪国产|哪个国家产|产自哪|产地|哪里做的|哪儿做的|原产/,
};

/** The word a size is of ("drop height", 防摔高度): its stem, or its Han characters. */
function measureOf(q: string, lang: Lang): string | undefined {
  const m = lang === 'en' ? /\b([a-z]{3,})\s+(?:height|length|width|depth|thickness|diameter)\b/.exec(q) : /(\p{Script=Han}{1,2})(?:高度|长度|宽度|厚度|直径)/u.exec(q);
  return m?.[1] ? (lang === 'en' ? stem(m[1]) : m[1]) : undefined;
}

/** The word a trip abroad is asked by (its synonyms name the facts that say where a product works). */
const ABROAD: Record<Lang, string> = { en: 'travel', zh: '出国' };

export class ProductAnswerer {
  private readonly own = new Map<string, Set<string>>();
  private readonly shapes = new Map<string, { kinds: Set<string>; colourFact: boolean }>();
  /** Han character → how many distinct Chinese attribute names of the catalog hold it. */
  private readonly nameChars = new Map<string, number>();

  constructor(
    private readonly facts: ReadonlyMap<string, Record<Lang, Fact[]>>,
    private readonly index: Record<Lang, LangIndex>,
    private readonly zh: ZhWords,
    private readonly phrase: Phrase,
  ) {
    const names = new Set([...facts.values()].flatMap((f) => f.zh.flatMap((x) => (x.nameHaystack ? [x.nameHaystack] : []))));
    for (const n of names) for (const ch of new Set(n.match(/\p{Script=Han}/gu) ?? [])) this.nameChars.set(ch, (this.nameChars.get(ch) ?? 0) + 1);
  }

  /**
   * 漏水 asked of a bottle whose attribute is named 防漏: a Chinese word one of whose characters is
   * rare among the catalog's attribute names (one name holds it) and in this fact's name asks about
   * that fact, whichever way the buyer worded the rest.
   */
  private namedByRareChar(w: string, f: Fact, lang: Lang): boolean {
    if (lang !== 'zh' || !f.nameHaystack || !/^\p{Script=Han}{2,4}$/u.test(w)) return false;
    const name = f.nameHaystack;
    return [...w].some((ch) => !FRAME_CHARS.has(ch) && this.nameChars.get(ch) === 1 && name.includes(ch));
  }

  /** The answer from `p`'s own facts (price, stock, attributes …), or an abstention. */
  answer(p: Product, spans: readonly string[], q: string, lang: Lang, currency: Currency | undefined, countrySpan?: string): PresalesAnswer {
    const name = displayName(p, lang);
    if (ORIGIN[lang].test(q)) return this.origin(p, name, spans, q, lang);
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
    let rest = strip(strip(q, spans), options.flatMap((o) => o.keys.filter((k) => /\p{Script=Han}/u.test(k)).flatMap((k) => [`${k}味`, `${k}色`, `${k}款`, `${k}码`, `${k}号`, k])));
    for (const f of triggered) rest = rest.replace(GLOBAL_TRIGGERS[lang][f], ' ');
    rest = rest.replace(DEICTIC[lang], ' ');
    // 颜色 is a frame word in a stock question; of a product not sold in colours it is the fact asked.
    if (lang === 'zh' && !triggered.has('stock')) for (const [re, k] of GLOBAL_KINDS_ZH) if (!kinds.has(k)) rest = rest.replace(re, ` ${k} `);
    if (wantsStock && kinds.has('colour')) rest = rest.replace(GLOBAL_COLOURS[lang], ' ');
    // "Does it come in black?" of a jacket made in navy only: its Colour attribute answers.
    else if (!kinds.has('colour') && colourFact) rest = rest.replace(GLOBAL_COLOURS[lang], ` ${COLOUR_WORD[lang]} `);
    // The option values named (英标 of 英标插头) are the variant asked, not facts to answer.
    rest = strip(rest, options.flatMap((o) => o.keys.filter((k) => /\p{Script=Han}/u.test(k))));
    // "L码 / XL号": the size word after a variant named is that variant, not a fact asked.
    if (lang === 'zh' && options.length > 0) rest = rest.replace(/(?<=[a-z0-9]\s*)[码号]/g, ' ');
    const optionKeys = new Set(options.flatMap((o) => o.keys.flatMap((k) => [k, stem(k)])));
    let countryWords = countrySpan && !wantsPrice ? latinWords(countrySpan).map(stem) : [];
    if (countrySpan) rest = strip(rest, [countrySpan]);
    // A country no fact names ("take it to Japan", "travel to the states") is a trip abroad: the facts
    // that say where it works answer it (100-240 V, worldwide); a country a fact names (UK plug) stays.
    const placeWords = countrySpan && !wantsPrice ? [...countryWords, ...contentWords(countrySpan.replace(/[a-z]+/g, ' '), lang, this.zh)] : [];
    if (placeWords.length > 0 && !facts.some((f) => placeWords.every((w) => explained(w, f.haystack, f.terms, lang)))) countryWords = [ABROAD[lang]];
    else countryWords = placeWords;
    const all = [...new Set([...contentWords(rest, lang, this.zh), ...countryWords])].filter((w) => !optionKeys.has(w));
    const words = all.filter((w) => !own.has(w));
    const ownAsked = contentWords(q.replace(DEICTIC[lang], ' '), lang, this.zh).filter((w) => own.has(w));

    // Score every static fact by the question's words it holds (rarer weigh more; a word in an
    // attribute's name more than in a value) and by its facet being the one asked for.
    const df = new Map<string, number>();
    const surfaces = surfaceWords(q, lang);
    for (const w of words) df.set(w, facts.filter((f) => explained(w, f.haystack, f.terms, lang, surfaces.has(w))).length);
    // Facet words find attributes named like them ("how high" → Height); for stock only the kinds of
    // option the variants do not cover ("what colours" of a jacket sold in sizes → its Colour attribute).
    const optionNames = new Set(p.variants.flatMap((v) => Object.keys(v.options)));
    const facetWords = [...triggered].flatMap((f) => (FACET_SYNONYMS[lang][f] ?? []).filter((w) => f !== 'stock' || ![...optionNames].some((o) => normalise(o).startsWith(w))));
    const unit = UNIT_ASKED[lang].exec(q);
    const scored = facts
      .map((f) => {
        const hit = words.filter((w) => explained(w, f.haystack, f.terms, lang, surfaces.has(w)) || this.namedByRareChar(w, f, lang));
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
      // ("What drop height is it rated for", 防摔高度: a fact on the word the measure is of that states one answers it, "drops from 2 metres".)
      const of = f === 'dimensions' ? measureOf(q, lang) : undefined;
      const answered = chosen.some((x) => x.f.facet === f || (x.f.nameHaystack !== undefined && syn.some((w) => explained(w, x.f.nameHaystack ?? '', x.f.nameTerms ?? new Set(), lang))) || (of !== undefined && x.hit.some((w) => of.includes(w)) && MEASURE_UNIT[f].test(normalise(x.f.value).replace(JACK, ' '))));
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
    if (lang === 'en' && !unit && !wantsPrice && !wantsStock && kindsAsked.length === 0 && uncountedThing(q, chosen.map((x) => x.f.value))) return abstain('no-count');
    // "Is it 6 litres?": a measure stated in the question is answered by a measure of that kind.
    const unstated = unstatedMeasures(q, chosen.map((x) => x.f.value), this.ownNumbers(p, lang));
    if (unstated.length > 0 && chosen.length > 0) return abstain(`no-measure:${unstated.join(',')}`);
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
    if (wantsStock) replies.push(...this.stockReplies(p, name, options, lang, RESTOCK_ASKED[lang].test(q), COUNT_LEFT[lang].test(q), wantsPrice ? { currency } : undefined));
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
   * "Where is it made / 哪里产的": the facts that name where it comes from (a city, or a country it is
   * made in: read in the English facts, said in the buyer's language), or an abstention. Nothing else
   * may be asked beside it.
   */
  private origin(p: Product, name: string, spans: readonly string[], q: string, lang: Lang): PresalesAnswer {
    const rest = contentWords(strip(q, spans).replace(new RegExp(ORIGIN[lang].source, 'g'), ' ').replace(DEICTIC[lang], ' '), lang, this.zh).filter((w) => !this.ownTerms(p, lang).has(w));
    if (rest.length > 0) return abstain(`origin-uncovered:${rest.join(',')}`);
    const en = this.facts.get(p.id)?.en ?? [];
    const own = this.facts.get(p.id)?.[lang] ?? [];
    if (en.length !== own.length) return abstain('no-origin');
    const replies = own.filter((f, i) => f.facet !== 'compatibility' && namesOrigin(en[i]?.value ?? '')).slice(0, 2).map((f): PresalesReply => (f.facet === 'attribute' ? { key: 'presales:attribute', values: { product: name, name: f.name ?? '', value: f.value } } : { key: `presales:fact.${f.facet}`, values: { product: name, value: f.value } }));
    return replies.length > 0 ? { answered: true, replies, source: `product:${p.id}:origin` } : abstain('no-origin');
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

  /** Numbers of the product's own title and keywords (26 of "skillet, 26 cm"). */
  private ownNumbers(p: Product, lang: Lang): Set<string> {
    return new Set([...this.ownTerms(p, lang)].flatMap((t) => t.match(/\d+(?:\.\d+)?/g) ?? []));
  }

  /** Words of the product's own title, keywords and category: naming it is not asking a fact. */
  ownTerms(p: Product, lang: Lang): Set<string> {
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

  /**
   * The asked variants' stock; when one is out, what else is in stock and when it comes back.
   * @param priced the price was asked too: a variant offered instead is given with its own price
   * ("the 2 m one, how much?" of a sold-out 2 m cable: the 1 m one in stock at $7.99).
   */
  private stockReplies(p: Product, name: string, options: readonly OptionMention[], lang: Lang, restockAsked: boolean, countAsked = false, priced?: { currency: Currency | undefined }): PresalesReply[] {
    const out: PresalesReply[] = [{ key: 'presales:stock', values: { product: name, list: stockText(p, options, lang, this.phrase, countAsked) } }];
    const named = options.length > 0 ? variantsMatching(p, options, lang) : p.variants;
    if (named.length > 0 && named.every((v) => v.stock > 0)) return out;
    if (options.length === 0 && !restockAsked && named.some((v) => v.stock > 0)) return out;
    if (options.length > 0 || named.length === 0) {
      const ownPrices = p.variants.some((v) => v.price);
      const label = (v: Variant) => (priced && ownPrices ? `${variantLabel(v, lang)} ${formatPrices(v.price ?? p.price, lang, priced.currency)}` : variantLabel(v, lang));
      const others = p.variants.filter((v) => v.stock > 0 && !named.includes(v)).map(label);
      if (others.length > 0) out.push({ key: 'presales:stockOthers', values: { list: [...new Set(others)].join(lang === 'en' ? ', ' : '、') } });
    }
    const restock = (this.facts.get(p.id)?.[lang] ?? []).find((f) => f.name && RESTOCK[lang].test(normalise(f.name)));
    if (restock) out.push({ key: 'presales:attribute', values: { product: name, name: restock.name ?? '', value: restock.value } });
    else {
      const kb = fromKb(normalise(RESTOCK_QUESTION[lang]), lang, this.index[lang], []);
      if (kb.answered) out.push(...kb.replies);
    }
    return out;
  }
}
