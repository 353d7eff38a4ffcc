/**
 * Conversation context the root keeps between flows: facts named in any message (order number, email,
 * postal code) for later verification, a next step a finished flow offered, and the verified order as
 * the subject of follow-ups. Pure functions over the root's context.
 */
import { asksForReturn, negatedAction, readFollowUp, readYesNo } from '../src/nlu/answers.js';
import type { Intent } from '../src/nlu/types.js';
import type { UserSaid } from './events.js';
import { FLOW_INTENTS, MIN_INTENT_SCORE, SWITCH_SCORE } from './interruptions.js';
import { entity } from './shared.js';

/** Order number / email / postal code named so far. */
export type Known = { orderId?: string; email?: string; postalCode?: string } | undefined;

/** The part of the root's context these rules read. */
export interface ConversationFacts {
  verifiedOrderId?: string;
  currentIntent?: Intent;
  offered?: Intent;
}

/** A bare order number (with the odd filler word): the buyer wants that order looked at. */
export function onlyOrderFacts(said: UserSaid): boolean {
  if (said.choice || entity(said.nlu.entities, 'orderId') === undefined) return false;
  return onlyFacts(said);
}

/**
 * A bare email or postcode with no order number ("sofia.martinez@example.org", "77098") once an order was named:
 * the check of that order (the buyer answers the look-up a complaint or a refused cancel offered).
 */
export function onlyVerificationDetail(said: UserSaid): boolean {
  if (said.choice || entity(said.nlu.entities, 'orderId') !== undefined) return false;
  if (entity(said.nlu.entities, 'email') === undefined && entity(said.nlu.entities, 'postalCode') === undefined) return false;
  return onlyFacts(said);
}

/** Nothing but order facts and filler words in the message. */
function onlyFacts(said: UserSaid): boolean {
  const postal = entity(said.nlu.entities, 'postalCode');
  const rest = (postal ? said.text.replace(postal, ' ') : said.text)
    .replace(/\d[\d\s-]{4,}\d/g, ' ')
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/g, ' ')
    .replace(/\b(?:my|the|order|ordr|oder|num|number|no|is|it'?s|its|here|id|#|zip|postcode|postal|code|email|and|hi|hello|hey|pls|please|thanks?)\b|订单号?|单号|是|邮编|邮箱|你好|您好|我的|这个|的/gi, ' ')
    .replace(/[\s\p{P}]+/gu, '');
  // A Chinese character left is a word ("取消订单 …" asks to cancel); a few Latin letters are noise.
  return !/\p{Script=Han}/u.test(rest) && rest.length <= 3;
}

/** Facts named in any message: later flows verify with them without asking again. */
export function factsOf(said: UserSaid, known: Known): Known {
  const orderId = entity(said.nlu.entities, 'orderId');
  const email = entity(said.nlu.entities, 'email');
  const postalCode = entity(said.nlu.entities, 'postalCode');
  if (!orderId && !email && !postalCode) return known;
  // A new order number makes the old email/postal code someone else's answer.
  const base = orderId && orderId !== known?.orderId ? {} : { ...known };
  return { ...base, ...(orderId ? { orderId } : {}), ...(email ? { email } : {}), ...(postalCode ? { postalCode } : {}) };
}

/**
 * A typed yes right after a flow offered a next step takes that step (as if its button was pressed);
 * so does a message that only brings the order number the step needs.
 */
export function acceptedOffer(context: ConversationFacts, said: UserSaid): UserSaid {
  const offered = context.offered;
  if (!offered || said.choice) return said;
  const intent = said.nlu.intent;
  // Sending the order number the offered step needs ("it says order number 126-…") takes that step too.
  const givesOrder = entity(said.nlu.entities, 'orderId') !== undefined && (!FLOW_INTENTS.includes(intent) || said.nlu.score < SWITCH_SCORE);
  if (givesOrder) return { ...said, choice: `intent:${offered}` };
  if (readYesNo(said.text, said.lang) !== 'yes') return said;
  if (FLOW_INTENTS.includes(intent) && intent !== offered && said.nlu.score >= SWITCH_SCORE) return said;
  return { ...said, choice: `intent:${offered}` };
}

/**
 * The verified order stays the subject: a follow-up the classifier cannot place ("when is it going to
 * get here then?", "and the other one?") is about that order and the conversation's last topic.
 */
export function followUp(context: ConversationFacts, said: UserSaid): UserSaid {
  if (said.choice || !context.verifiedOrderId) return said;
  // "能退不" / "can I send it back too?" answered by the shop's rule is, with an order verified, about that order.
  const readAs = said.presales?.readAs;
  if (readAs !== undefined && FLOW_INTENTS.includes(readAs) && negatedAction(said.text, said.lang) === undefined) return { ...said, choice: `intent:${readAs}` };
  // "could I send the spatula back as well?" that no topic reads: a return of the order discussed.
  const unread = said.nlu.intent === 'none' || said.nlu.intent === 'faq' || said.nlu.score < MIN_INTENT_SCORE;
  if (unread && readAs === undefined && asksForReturn(said.text, said.lang)) return { ...said, choice: 'intent:return_item' };
  const kind = readFollowUp(said.text);
  // "and the other one? I'll keep it, don't send it back", 那另一件呢 我留着 不用退: the other item is kept, nothing is asked of it.
  if (kind === 'another' && negatedAction(said.text, said.lang) !== undefined) return said;
  const topic = kind === 'arrival' ? 'track_order' : kind === 'another' ? context.currentIntent : undefined;
  if (!topic || !FLOW_INTENTS.includes(topic)) return said;
  // The classifier's own sure reading of another topic wins; its reading of this one is no reason to ask "which do you mean?".
  if (FLOW_INTENTS.includes(said.nlu.intent) && said.nlu.score >= MIN_INTENT_SCORE && said.nlu.intent !== topic) return said;
  if (said.nlu.intent === 'faq' && said.presales?.answered && said.nlu.score >= MIN_INTENT_SCORE && kind !== 'arrival') return said;
  return { ...said, choice: `intent:${topic}` };
}
