/**
 * The clause of an English message that asks, without the clauses that only set the scene: a
 * condition or time ("if I forget to charge it before a flight, how much …", "… before they melt"),
 * or a sentence that asks nothing ("had a bad experience with a cheap one"). Used only when the
 * whole message finds no answer; the asking clause must then be answered in full by itself, so a
 * question whose asking clause names a fact the seller does not state still abstains.
 */

/** Words that open a clause setting the scene, not asking. */
const SCENE = /^(?:if|before|after|because|since|while|once|unless|cause|coz|cos|gonna|going to|had|have had|lol|thx|thanks|ty)\b/;
/** Words that open a question. */
const ASKS = /^(?:do|does|did|can|could|is|are|was|were|will|would|should|how|what|whats|what's|when|where|which|who|why|any|have|has)\b/;
/** Where a clause may start inside a sentence: before a scene word, or a question word after one. */
const CUT = /\s+(?=(?:if|before|after|because|since|while|once|unless|gonna|lol|thx)\b)|(?<=\b(?:if|before|after|because|since|while|once|unless)\b[^?]*?)\s+(?=(?:how|what|whats|what's|can|could|does|do|is|are|will|would|which|when)\b)/g;

/**
 * `q` (normalised) without its scene clauses, with the product names they held kept beside what is
 * left ("if I forget to charge the anc headphones …" still names the headphones). `q` itself when
 * nothing is dropped or no asking clause would be left.
 */
export function mainClauses(q: string, names: (clause: string) => string[]): string {
  const clauses = q.split(/[?!;]+|\.(?:\s|$)|,\s*/).flatMap((s) => s.split(CUT)).map((c) => c.trim()).filter((c) => c.length > 0);
  const dropped = clauses.filter((c) => SCENE.test(c));
  const kept = clauses.filter((c) => !SCENE.test(c));
  if (dropped.length === 0 || !kept.some((c) => ASKS.test(c))) return q;
  return [...dropped.flatMap(names), ...kept].join(' , ');
}
