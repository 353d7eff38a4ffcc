/**
 * The separate questions of one message ("do you ship to Canada and how long? also do you take
 * PayPal"). Strong breaks (sentence ends, "also", 另外) come first; a part still unanswered may be cut
 * again where "and" starts a new question ("… and can I pay with …"). Only parts that ask something
 * count: "it's a gift" or 我脚比较宽 is the buyer's situation, never a question to answer on its own.
 */
import type { Lang } from '../../domain/lang.js';
import { abstain, type PresalesAnswer, type PresalesContext, type PresalesReply } from './answer-types.js';
import { normalise } from './text.js';
import { COST_OR_TIME } from './question-shape.js';
import { DEICTIC } from './lexicon.js';
import { unstatedMeasures } from './asked-concepts.js';

const STRONG: Record<Lang, RegExp> = {
  en: /([?!;。？！；]+|\.\s+|(?:^|\s|,)(?:and also|also|plus|oh and|btw|by the way|another question|one more thing)(?=\s|,|$))/,
  // A question particle and a space end a question as a question mark does (能用微信付吗 下单就扣钱吗).
  zh: /([?!;。？！；]+|(?<=[吗呢么])\s+|另外|还有(?=[,，\s]|[^\s]{0,2}(?:就是|一个|个问题))|顺便问一?下|再问一?下|以及)/,
};
const WEAK: Record<Lang, RegExp> = {
  en: /(,?\s+and\s+(?=(?:do|does|can|could|is|are|will|would|how|what|when|where|which|who)\b))/,
  zh: /([，,\s]+(?=(?:能|可以|支持|有没有|是不是|会不会|要不要|需不需要|多少|多久|几天|怎么|什么时候)))/,
};
/** Checking an answer of the whole: any comma or space may end a Chinese question (parts that ask nothing are left out). */
const WEAK_CHECK: Record<Lang, RegExp> = { en: WEAK.en, zh: /([，,\s]+)/ };
/** A part that asks: a question word or particle (a "?" after it is checked separately). */
const ASKS: Record<Lang, RegExp> = {
  en: /^(?:do|does|did|can|could|is|are|was|were|will|would|should|how|what|whats|what's|when|where|which|who|why|any|have|has)\b/,
  zh: /吗|呢|么|多少|几|什么|啥|咋|谁|怎么|如何|哪|多[大高长重宽厚久远快]|能不能|会不会|是不是|有没有|可不可以|(\p{Script=Han})不\1/u,
};

/** A bare question word and a noun ("which country", "what brand", 哪个国家): a follow-up of the part before. */
const ELLIPTIC: Record<Lang, RegExp> = {
  en: /^(?:and\s+|so\s+)?(?:which|what)\s+[a-z]+\s*[?？]?$/,
  zh: /^(?:那|是)?(?:哪个|哪|什么|啥|几|多少)\p{Script=Han}{1,3}[?？]?$/u,
};

/** Words that open a part without asking anything ("wait, do you price match?", "对了，能开发票吗"). */
const OPENER: Record<Lang, RegExp> = {
  en: /^(?:(?:wait|hold on|hang on|one sec(?:ond)?|just a sec(?:ond)?|one moment|hmm+|oh|ok(?:ay)?|cool|so|well|um+|uh+|hey|hi|btw|by the way|quick question)[,.!:\s]+)+/i,
  zh: /^(?:(?:等一下|等等|对了|哦|噢|嗯+|那个|请问|问一下)[，,。！!：:\s]*)+/,
};

function split(q: string, re: RegExp, lang: Lang): string[] {
  const pieces = q.split(new RegExp(re.source, 'g'));
  const out: string[] = [];
  // split() with a capture group: text, separator, text, separator, …
  for (let i = 0; i < pieces.length; i += 2) {
    const part = (pieces[i] ?? '').trim().replace(/^[,，、\s]+|[,，、\s]+$/g, '').replace(OPENER[lang], '');
    // ("… and how long does delivery take": the joining word before the question word.)
    // ("i wear EU 40, which size do i need", "shipping to australia - how much": the question word
    // after the buyer's situation or the topic asks too.)
    const asked = /[?？]/.test(pieces[i + 1] ?? '') || part.split(/,\s*|\s+-\s+|:\s+/).some((clause) => ASKS[lang].test(clause.replace(/^(?:and|so|but|then)\s+/, '')));
    if ([...part].length >= 2 && asked) out.push(part);
  }
  return out;
}

/** The message's questions at sentence breaks and "also" (parts that ask nothing left out). */
export const strongParts = (q: string, lang: Lang): string[] => split(q, STRONG[lang], lang);
/** A part cut again where "and" / a comma starts a new question. */
export const weakParts = (q: string, lang: Lang): string[] => split(q, WEAK[lang], lang);

/**
 * A message the whole of which `whole` could not answer, answered part by part in one reply: each
 * answered part's replies (the same reply once); an abstention naming the unanswered parts when any
 * part has no answer. `whole` when fewer than two parts ask something or none is answered.
 */
export function answerInParts(question: string, lang: Lang, ctx: PresalesContext, whole: PresalesAnswer, answerOne: (part: string, ctx: PresalesContext) => PresalesAnswer, namesSubject: (part: string) => boolean = () => true, checking = false): PresalesAnswer {
  const parts = strongParts(normalise(question), lang);
  // (Checking an answer of the whole: its parts are each asked, never the whole again.)
  if (checking && parts.length === 1) parts.length = 0;
  // "cool. btw do you take paypal? wanna get 2 more for my brother": the one part that asks is the
  // question; the buyer's situation around it ("wanna get 2 more") must not sink its answer.
  if (parts.length === 1 && parts[0] !== normalise(question).trim()) {
    const only = answerOne(parts[0] ?? '', ctx);
    // ("will it fit on the stand? it's about 2 kg": a measure the situation states must be answered by
    // a measure of its kind, or the answer leaves out what the buyer asked it against.)
    const situation = normalise(question).replace(parts[0] ?? '', ' ');
    const said = only.replies.map((r) => Object.values(r.values ?? {}).join(' '));
    return only.answered && unstatedMeasures(situation, said, new Set()).length === 0 ? only : whole;
  }
  // "Is the lamp dimmable? also does it have Wi-Fi": "it" in a later part is the product answered before.
  let context = ctx;
  let before: { part: string; a: PresalesAnswer } | undefined;
  const ask = (part: string): PresalesAnswer => {
    // "… shipping to Mexico? and what's the price": a part that names nothing (no product, place or
    // shop topic) asks about the part before it, never about the shop at large (price matching).
    // ("where is the pan made? which country": a bare "which country" is the same question again.)
    const followUp = before !== undefined && ((!/^product:/.test(before.a.source) && !namesSubject(part)) || ELLIPTIC[lang].test(part));
    let a = before && followUp ? subjectless(before, part) : answerOne(part, context);
    // "Do you ship to Brazil? how much would it be": after "we don't ship there", its price or time is
    // answered by that same sentence (there is none), never named as a part left unanswered.
    // ("it" there is the parcel, not a product.)
    const notServed = before && /^shipping:([A-Z]+):none$/.exec(before.a.source);
    const sameParcel = followUp || !namesSubject(part.replace(new RegExp(DEICTIC[lang].source, 'g'), ' '));
    if (before && notServed && !a.answered && COST_OR_TIME[lang].test(part) && (sameParcel || a.source === `none:shipping-not-served:${notServed[1] ?? ''}`)) a = before.a;
    before = { part, a };
    const product = /^product:([^:]+):/.exec(a.source)?.[1];
    if (product) context = { ...ctx, pageProductId: product, fromPart: true };
    return a;
  };
  // (After an unanswered part, it is unanswered too.)
  const subjectless = (prev: { part: string; a: PresalesAnswer }, part: string): PresalesAnswer => {
    const a = prev.a.answered ? answerOne(`${prev.part} ${part}`, context) : prev.a;
    return a.answered ? a : { answered: false, replies: a.replies, source: `none:no-subject:${a.source}` };
  };
  const answers = (parts.length >= 2 ? parts : [normalise(question)]).flatMap((part) => {
    const one = parts.length >= 2 ? ask(part) : whole;
    if (one.answered) return [{ part, a: one }];
    const subs = checking ? split(part, WEAK_CHECK[lang], lang) : weakParts(part, lang);
    return subs.length >= 2 ? subs.map((sub) => ({ part: sub, a: ask(sub) })) : [{ part, a: one }];
  });
  if (answers.length < 2 || !answers.some(({ a }) => a.answered)) return whole;
  const source = `parts:${answers.map(({ a }) => a.source).join('+')}`;
  // "Are these itchy? how much merino is in them": one part answered and another not is half an
  // answer, which a buyer reads as the whole. The message abstains and offers a person; the parts
  // left unanswered are logged for the seller.
  const unansweredParts = answers.filter(({ a }) => !a.answered).map(({ part }) => part);
  if (unansweredParts.length > 0) return { ...abstain(source), unansweredParts };
  const seen = new Set<string>();
  const replies: PresalesReply[] = [];
  // The same fact asked twice ("how big … and what size") is said once.
  for (const { a } of answers) for (const r of a.replies) if (!seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r))) replies.push(r);
  return { answered: true, replies: replies.slice(0, 8), source };
}
