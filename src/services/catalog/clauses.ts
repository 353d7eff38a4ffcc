import type { Lang } from '../../domain/lang.js';

/**
 * The clause of a message that asks, without the clauses that only set the scene: a
 * condition or time ("if I forget to charge it before a flight, how much …", "… before they melt"),
 * or a sentence that asks nothing ("had a bad experience with a cheap one"). Used only when the
 * whole message finds no answer; the asking clause must then be answered in full by itself, so a
 * question whose asking clause names a fact the seller does not state still abstains.
 */

/** Words that open a clause setting the scene, not asking (想买…送长辈, 想横着放包里, 要是…). */
const SCENE: Record<Lang, RegExp> = {
  en: /^(?:if|before|after|because|since|while|once|unless|cause|coz|cos|gonna|going to|had|have had|lol|thx|thanks|ty)\b/,
  zh: /^(?:想(?!问|知道|了解|咨询|确认)|打算|准备|因为|如果|要是|假如|万一)(?!.*(?:吗|呢|么|多少|几|什么|啥|咋|怎么|如何|哪|能不能|会不会|是不是|有没有|可不可以))/,
};
/** Words that open (or mark) a question. */
const ASKS: Record<Lang, RegExp> = {
  en: /^(?:do|does|did|can|could|is|are|was|were|will|would|should|how|what|whats|what's|when|where|which|who|why|any|have|has)\b/,
  zh: /吗|呢|么|多少|几|什么|啥|咋|怎么|如何|哪|多[大高长重宽厚久远快]|能不能|会不会|是不是|有没有|可不可以|(\p{Script=Han})不\1/u,
};
/** A question asked inside a clause (verb before its subject). */
const INVERTED = /\s(?:am i|will i|would i|do i|can i|could i|should i|is it|is there|are there|does it|do you|can you|will you|would you|are they|will they|will it|would it|do they|does that|is that)\b/;
/** Where a clause may start inside a sentence: before a scene word, or a question word after one. */
const CUT = /\s+(?=(?:if|before|after|because|since|while|once|unless|gonna|lol|thx)\b)|(?<=\b(?:if|before|after|because|since|while|once|unless)\b[^?]*?)\s+(?=(?:how|what|whats|what's|can|could|does|do|is|are|will|would|which|when)\b)/g;

/**
 * `q` (normalised) without its scene clauses, with the product names they held kept beside what is
 * left ("if I forget to charge the anc headphones …" still names the headphones). `q` itself when
 * nothing is dropped or no asking clause would be left.
 */
export function mainClauses(q: string, lang: Lang, names: (clause: string) => string[]): string {
  const sentences = lang === 'en' ? q.split(/[?!;]+|\.(?:\s|$)|,\s*/).flatMap((s) => s.split(CUT)) : q.split(/[\s,，。.!！;；~～?？]+/);
  const clauses = sentences.map((c) => c.trim()).filter((c) => c.length > 0);
  // "if I order from Toronto am I going to get hit with customs fees …": a scene word before a question
  // of its own (an inverted "am I", "will it") opens the asking clause itself, which is never dropped.
  const scene = (c: string) => SCENE[lang].test(c) && !(lang === 'en' && INVERTED.test(c));
  const dropped = clauses.filter(scene);
  const kept = clauses.filter((c) => !scene(c));
  if (dropped.length === 0 || !kept.some((c) => ASKS[lang].test(c))) return q;
  return [...dropped.flatMap(names), ...kept].join(' , ');
}
