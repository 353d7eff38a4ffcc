/**
 * The guards of the root's routing state, by name: what one buyer message is when no flow is running
 * (a review deal, a negated request, a bare order number, an order with what is wrong with it, a topic
 * the classifier is unsure of …). Pure reads of the root's context; the machine names them in its
 * ordered `always` transitions (root.machine.ts).
 */
import type { Intent } from '../src/nlu/types.js';
import { asksForCallback, asksForReturn, readReason, speaksOfAddress } from '../src/nlu/answers.js';
import type { RootContext } from './root-context.js';
import { amendmentOf, clarifyOptions } from './root-context.js';
import { onlyOrderFacts, onlyVerificationDetail } from './conversation-context.js';
import { effectiveIntent, entity } from './shared.js';
import { DECLINE_AGENT, FLOW_INTENTS, MIN_INTENT_SCORE, negatesTopic, offersReviewDeal, routedIntent, SWITCH_SCORE } from './interruptions.js';

type Args = { context: RootContext };

/** Readings that start nothing: a fault told with a hello is still a fault told. */
const SOCIAL: readonly Intent[] = ['greeting', 'thanks', 'goodbye'];

export const routingGuards = {
  intentIs: ({ context }: Args, params: { intent: Intent }) => context.pending !== undefined && effectiveIntent(context.pending) === params.intent,
  isAbort: ({ context }: Args) => context.pending?.control === 'abort',
  controlIs: ({ context }: Args, params: { control: 'help' | 'back' }) => context.pending?.control === params.control && !context.pending.choice,
  declinedAgent: ({ context }: Args) => context.pending?.choice === DECLINE_AGENT,
  reviewDeal: ({ context }: Args) => context.pending !== undefined && offersReviewDeal(context.pending),
  photoOnly: ({ context }: Args) => (context.pending?.photos?.length ?? 0) > 0 && !context.pending?.text.trim(),
  faqAnswered: ({ context }: Args) => context.pending?.nlu.intent === 'faq' && context.pending.presales !== undefined,
  // Only worth asking when both readings are topics the buyer can pick.
  isAmbiguous: ({ context }: Args) => context.pending !== undefined && !context.pending.choice && clarifyOptions(context.pending).length === 2,
  lowConfidence: ({ context }: Args) => (context.pending?.nlu.score ?? 0) < MIN_INTENT_SCORE && !context.pending?.choice,
  negatedRequest: ({ context }: Args) => context.pending !== undefined && negatesTopic(context.pending, routedIntent(context.pending)),
  // The classifier's reading of a bare number is noise: look the order up.
  orderOnly: ({ context }: Args) => context.pending !== undefined && onlyOrderFacts(context.pending),
  /** An email or postcode alone, an order named earlier in the conversation: that order's check. */
  detailForNamedOrder: ({ context }: Args) => context.pending !== undefined && context.known?.orderId !== undefined && onlyVerificationDetail(context.pending),
  // "the jacket lets water in, it says waterproof!" (read as nothing), then the order number: the return told.
  orderForToldReturn: ({ context }: Args) => {
    const said = context.pending;
    const before = context.recent?.at(-2);
    if (!said || before === undefined || context.currentIntent !== undefined || !onlyOrderFacts(said)) return false;
    return readReason(before, said.lang) !== undefined || asksForReturn(before, said.lang);
  },
  asksCallback: ({ context }: Args) => context.pending !== undefined && !context.pending.choice && asksForCallback(context.pending.text),
  orderWithReason: ({ context }: Args) => {
    const said = context.pending;
    // A flow's reading wins, unless a return is the close second ("wrong cable … can I return it?" read as an address change).
    // … or the return is asked for in words and the other reading is unsure ("bought the wrong length, need to send it back").
    const returnClose = said?.nlu.alternative?.intent === 'return_item' || (said !== undefined && said.nlu.score < SWITCH_SCORE && asksForReturn(said.text, said.lang));
    // A return read first needs no "which do you mean?" when the reason is told too.
    // An unsure reading of another topic ("my kettle stopped heating" read as tracking at 0.2) is no reading.
    // So is a social reading ("Hello, … the water is coming through at the shoulders" read as a greeting).
    // … and an address change read from a postcode given to verify, the address never spoken of ("too small, need an L … postcode 80802").
    const unsure = said !== undefined && (said.nlu.score < MIN_INTENT_SCORE || SOCIAL.includes(said.nlu.intent) || (said.nlu.intent === 'change_address' && !speaksOfAddress(said.text)));
    if (!said || said.choice || (FLOW_INTENTS.includes(said.nlu.intent) && said.nlu.intent !== 'return_item' && !returnClose && !unsure)) return false;
    const reason = readReason(said.text, said.lang) ?? entity(said.nlu.entities, 'returnReason');
    if (entity(said.nlu.entities, 'orderId') !== undefined) return reason !== undefined;
    // Without an order number only a fault told to nobody else ("my kettle stopped working", read as nothing) starts one.
    return (said.nlu.intent === 'none' || unsure) && (reason === 'damaged' || reason === 'defective');
  },
  // "need to send something back, order 111-…" read as a shop question: a question about the rule names no order.
  orderReturnAsked: ({ context }: Args) => {
    const said = context.pending;
    if (!said || said.choice || entity(said.nlu.entities, 'orderId') === undefined || !asksForReturn(said.text, said.lang)) return false;
    return said.nlu.intent === 'faq' || said.nlu.intent === 'none' || SOCIAL.includes(said.nlu.intent) || said.nlu.score < MIN_INTENT_SCORE;
  },
  // "ok then please make the return, the water comes through" with the order named or verified earlier in the
  // conversation: a return asked for with its reason needs no "which do you mean?" (as with the order number in it).
  returnToldForKnownOrder: ({ context }: Args) => {
    const said = context.pending;
    if (!said || said.choice || (context.verifiedOrderId ?? context.known?.orderId) === undefined) return false;
    if (!asksForReturn(said.text, said.lang) || readReason(said.text, said.lang) === undefined) return false;
    const { intent, score, alternative } = said.nlu;
    return intent === 'return_item' || alternative?.intent === 'return_item' || intent === 'faq' || intent === 'none' || score < MIN_INTENT_SCORE;
  },
  orderUnplaced: ({ context }: Args) => {
    const said = context.pending;
    // A shop question the catalog answered stays one; one it could not answer, beside one of our order numbers, is about that order.
    if (!said || said.choice || entity(said.nlu.entities, 'orderId') === undefined || (said.nlu.intent === 'faq' && said.presales?.answered !== false)) return false;
    // A flow's topic, however unsure, still goes to that flow (below).
    return !FLOW_INTENTS.includes(said.nlu.intent);
  },
  // Right after a return was issued: "a replacement instead" / "never mind, I'll keep it" amend it.
  amendsIssuedReturn: ({ context }: Args) => amendmentOf(context) !== undefined,
  secondMiss: ({ context }: Args) => (context.missesBefore ?? 0) >= 1,
  wantsHandoff: ({ context }: Args) => context.handoffReason !== undefined,
};
