/**
 * The interruption rules of a flow in progress, as named, ordered, guarded routes: the first rule whose
 * guard holds decides what one buyer message is. An answer goes to the flow (answer first: buttons,
 * typed yes/no, anything that is not clearly something else); a digression (a shop question) is answered
 * and the flow's question asked again; a clear new topic switches flows; "never mind" or a negated
 * action cancels the flow, nothing done. Pure: the root machine applies the route (root.machine.ts).
 */
import { afterOwnQuestion, asksForCallback, asksForPersonInWords, negatedAction, readOrdinal, readReason, readRemedy, readReturnOption, readYesNo, type Action } from '../src/nlu/answers.js';
import { AFTER_SALES_INTENTS, type Intent } from '../src/nlu/types.js';
import type { UserSaid } from './events.js';
import { FLOW_TIMEOUT_MINUTES } from './flow.js';
import { effectiveIntent, entity } from './shared.js';

/** Ordinals up to this many are read at the items question (the flow checks the order's real count). */
const MAX_ITEMS_LISTED = 5;
/** Below this the classifier is guessing: treat as not understood. */
export const MIN_INTENT_SCORE = 0.5;
/** A message this sure of another after-sales topic switches flows mid-way. */
export const SWITCH_SCORE = 0.85;
/** The "no" of the offer of a person: carry on (root: rephrase, flow: its question again). */
export const DECLINE_AGENT = 'intent:none';

export const FLOW_INTENTS: readonly Intent[] = [...AFTER_SALES_INTENTS, 'human_agent'];

/**
 * seed 003/004: a review offered in exchange for something goes to the complaint flow, which states the
 * rule, however the message was classified. The return flow states it too, and a buyer asking for a
 * person gets one.
 */
const STATES_REVIEW_RULE: readonly Intent[] = ['return_item', 'human_agent'];
export const offersReviewDeal = (said: UserSaid): boolean =>
  entity(said.nlu.entities, 'reviewBargain') !== undefined && !STATES_REVIEW_RULE.includes(effectiveIntent(said));

/** Flows that state the review rule themselves (the complaint, the return). */
const OWN_RULE: readonly Intent[] = ['complaint', 'return_item'];
/** A review offered in a message another flow answers ("refund me and I'll change it to 5 stars" at refund-or-reship). */
export const dealForRemedy = (said: UserSaid, currentIntent: Intent | undefined): boolean =>
  !said.choice && entity(said.nlu.entities, 'reviewBargain') !== undefined && currentIntent !== undefined && !OWN_RULE.includes(currentIntent);

/** The topic a message is routed to. */
export const routedIntent = (said: UserSaid): Intent => (offersReviewDeal(said) ? 'complaint' : effectiveIntent(said));

/** The action each flow takes: a message negating it never starts or continues that flow. */
const ACTION_OF: Partial<Record<Intent, Action>> = {
  cancel_order: 'cancel',
  change_address: 'change_address',
  return_item: 'return',
  complaint: 'complaint',
  human_agent: 'handoff',
};

/** "Don't cancel it", "先别取消了": the message refuses the very action its topic would take. */
export const negatesTopic = (said: UserSaid, intent: Intent | undefined): boolean => {
  const action = intent ? ACTION_OF[intent] : undefined;
  return !said.choice && action !== undefined && negatedAction(said.text, said.lang) === action;
};

const afterLastQuestion = (text: string) => text.slice(Math.max(text.lastIndexOf('?'), text.lastIndexOf('？')) + 1);
const isQuestion = (text: string) => /[?？]|吗|呢|\b(?:when|where|how|what|why|which)\b/i.test(text);
/** "不能直接改吗…好吧 那你取消吧": the buyer's question, then agreement: the words after it answer ours. */
const agreesAfterAsking = (said: UserSaid) => {
  const tail = afterOwnQuestion(said.text);
  return tail !== undefined && readYesNo(tail, said.lang) === 'yes';
};
/** Asks what the order holds, not where it is: "which things were on that order?", "我买了啥来着". */
const asksWhatWasOrdered = (text: string) =>
  /\b(?:what|which)\b.{0,30}\b(?:order(?:ed)?|bought|buy|purchased?|items?|things?|in (?:it|the box))\b|买了(?:啥|什么|哪些)|(?:订单|那单|这单)(?:里)?(?:有|是)(?:啥|什么|哪些)|都有(?:啥|什么|哪些)/i.test(text) &&
  !/\b(?:where|when|arriv\w*|track\w*|ship(?:ped|ping)?|deliver\w*)\b|到哪|物流|快递|发货/i.test(text);
const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** What the flow in progress shows the root (its tags). */
export interface FlowView {
  /** Queued for or talking to a person. */
  withPerson: boolean;
  /** Takes any words (a story, an address). */
  freeText: boolean;
  /** Waits for a yes or a no. */
  yesNo: boolean;
  /** Asks for the order number / email / postal code. */
  verifying: boolean;
  /** Offers a refund or a reshipment (late or lost parcel). */
  remedy?: boolean;
  /** Offers the return's options (refund, exchange, keep it and get a refund). */
  options?: boolean;
  /** Asks why the item goes back. */
  reason?: boolean;
  /** Asks which of the order's items. */
  items?: boolean;
}

export interface InFlowFacts {
  said: UserSaid;
  view: FlowView;
  currentIntent?: Intent;
  /** The previous buyer message's time (ISO). */
  lastAt?: string;
}

export type InFlowRoute = 'toPerson' | 'personAsked' | 'cancelFlow' | 'expired' | 'help' | 'carryOn' | 'answer' | 'digression' | 'switchTopic';

interface Rule {
  name: string;
  route: InFlowRoute;
  when: (f: InFlowFacts) => boolean;
}

const typed = (said: UserSaid) => !said.choice;
/** While the flow asks for the order number / email, a message carrying them answers that question. */
const answersVerification = ({ said, view }: InFlowFacts) =>
  view.verifying && said.nlu.entities.some((e) => ['orderId', 'email', 'postalCode', 'rma'].includes(e.type));
const confident = (f: InFlowFacts) => f.said.nlu.score >= SWITCH_SCORE && !f.said.control && !answersVerification(f);
const otherFlowTopic = ({ said, currentIntent }: InFlowFacts) => {
  const intent = routedIntent(said);
  return FLOW_INTENTS.includes(intent) && intent !== currentIntent;
};

/**
 * "ok whatever, just file a complaint" at "shall I return it?" is not consent: a confident request for a
 * topic no yes/no question offers (a complaint), or a question about another topic, is that topic.
 */
const NEVER_OFFERED_BY_YES: readonly Intent[] = ['complaint', 'human_agent'];
const asksForSomethingElse = (f: InFlowFacts) =>
  (otherFlowTopic(f) && f.said.nlu.score >= SWITCH_SCORE && ((isQuestion(f.said.text) && !agreesAfterAsking(f.said)) || NEVER_OFFERED_BY_YES.includes(routedIntent(f.said)))) ||
  // "ok but does it work with a mac?": a shop question the knowledge base answers is no consent either.
  // ("运费我出是吧？行吧" asks, then agrees: the words after the last question are the answer.)
  (routedIntent(f.said) === 'faq' && f.said.presales?.answered === true && isQuestion(f.said.text) && readYesNo(afterLastQuestion(f.said.text), f.said.lang) !== 'yes');

/** "退", "exchange it": one of the return's options named in words (a plain yes is the yes/no rule's). */
const ALL_OPTIONS = ['refund', 'replacement', 'returnless_refund'] as const;
const namesOption = ({ said, view }: InFlowFacts) =>
  view.options === true && typed(said) && readYesNo(said.text, said.lang) === undefined && readReturnOption(said.text, said.lang, ALL_OPTIONS) !== undefined;

/**
 * A question about the flow's own topic that the knowledge base also answers ("can I send the spatula
 * back too?" during a return): the classifier read it as this topic, so it is for the flow.
 */
const asksThisTopic = ({ said, currentIntent }: InFlowFacts) => currentIntent !== undefined && said.presales?.readAs === currentIntent;

/** In order: the first rule that holds decides. */
export const IN_FLOW_RULES: readonly Rule[] = [
  // Their words go to the person (and "never mind" withdraws, handled by the handoff flow).
  { name: 'queued for or talking to a person', route: 'toPerson', when: ({ view }) => view.withPerson },
  { name: 'never mind', route: 'cancelFlow', when: ({ said }) => said.control === 'abort' && typed(said) },
  {
    name: 'back after the flow went stale',
    route: 'expired',
    when: ({ said, lastAt }) => lastAt !== undefined && minutesBetween(lastAt, said.now) > FLOW_TIMEOUT_MINUTES,
  },
  { name: 'help', route: 'help', when: ({ said }) => said.control === 'help' && typed(said) },
  { name: 'no to the offer of a person', route: 'carryOn', when: ({ said }) => said.choice === DECLINE_AGENT },
  // A button pressed inside the flow answers the flow's own question, whatever its label reads like.
  { name: 'a button of the flow', route: 'answer', when: ({ said }) => said.choice !== undefined && !said.choice.startsWith('intent:') },
  // "直接退款吧" at "refund or reship?" picks the refund, however much it reads like a return request.
  { name: 'a typed remedy at the remedy question', route: 'answer', when: ({ said, view }) => view.remedy === true && typed(said) && readRemedy(said.text) !== undefined },
  // "No, don't cancel it" at "shall I cancel?" is the answer no; anywhere else it stops the flow.
  { name: 'a negated action at a yes/no question', route: 'answer', when: ({ said, view, currentIntent }) => view.yesNo && negatesTopic(said, currentIntent) },
  { name: 'a negated action', route: 'cancelFlow', when: ({ said, currentIntent }) => negatesTopic(said, currentIntent) },
  // "Would it be possible for a person to telephone me?" at any question but a story: a person, however the classifier read it.
  { name: 'a request to be rung back', route: 'personAsked', when: ({ said, view }) => typed(said) && !view.freeText && asksForCallback(said.text) },
  // "REAL PERSON PLEASE" gets a person wherever the flow is, even where it takes free text.
  // The reason asked for, told in words ("nothing wrong, I just don't need two"), however the classifier read it.
  { name: 'a typed reason at the reason question', route: 'answer', when: ({ said, view }) => view.reason === true && typed(said) && readReason(said.text, said.lang) !== undefined && !asksForPersonInWords(said.text) },
  // "就是不想要了 买多了", "no it's not broken, I ordered the wrong size" at the return's options: the reason told again, not a new topic.
  {
    name: 'a typed reason at the options question',
    route: 'answer',
    when: ({ said, view, currentIntent }) =>
      view.options === true && currentIntent === 'return_item' && typed(said) && readReason(said.text, said.lang) !== undefined && negatedAction(said.text, said.lang) === undefined && !asksForPersonInWords(said.text),
  },
  // A complaint told is recorded before the person takes over (the complaint flow hands off with it).
  {
    name: 'a request for a person during a complaint',
    route: 'answer',
    when: (f) => f.currentIntent === 'complaint' && typed(f.said) && routedIntent(f.said) === 'human_agent' && confident(f),
  },
  {
    name: 'a request for a person',
    route: 'switchTopic',
    when: (f) => typed(f.said) && confident(f) && routedIntent(f.said) === 'human_agent' && otherFlowTopic(f) && (f.view.freeText || asksForPersonInWords(f.said.text)),
  },
  {
    name: 'a typed yes or no to a yes/no question',
    route: 'answer',
    when: (f) => f.view.yesNo && typed(f.said) && readYesNo(f.said.text, f.said.lang) !== undefined && !asksForSomethingElse(f),
  },
  { name: 'a typed option at the options question', route: 'answer', when: (f) => namesOption(f) && !asksForSomethingElse(f) },
  // The return states the review rule itself and asks its question again (a switch would drop the return).
  // "the second one" at "which item?" picks it, however much the knowledge base would like to answer it.
  { name: 'an ordinal at the items question', route: 'answer', when: ({ said, view }) => view.items === true && typed(said) && readOrdinal(said.text, MAX_ITEMS_LISTED) !== undefined },
  // "what did I order on that one again?" at "which item?": the flow lists the items again, no look-up.
  { name: 'a question about the listed items', route: 'answer', when: ({ said, view }) => view.items === true && typed(said) && isQuestion(said.text) && asksWhatWasOrdered(said.text) },
  { name: 'a review deal during a return', route: 'answer', when: ({ said, currentIntent }) => typed(said) && currentIntent === 'return_item' && offersReviewDeal(said) },
  {
    name: 'a shop question in passing',
    route: 'digression',
    when: (f) => !f.view.freeText && typed(f.said) && confident(f) && routedIntent(f.said) === 'faq' && f.said.presales?.answered === true && !asksThisTopic(f),
  },
  {
    name: 'a clear new topic',
    route: 'switchTopic',
    when: (f) =>
      otherFlowTopic(f) &&
      (f.said.choice?.startsWith('intent:') === true || (!f.view.freeText && (confident(f) || (offersReviewDeal(f.said) && !answersVerification(f))))),
  },
  { name: 'anything else answers the flow', route: 'answer', when: () => true },
];

/** The route of one message in a flow, with the name of the rule that chose it (for tests and logs). */
export function routeInFlow(facts: InFlowFacts): { rule: string; route: InFlowRoute } {
  const rule = IN_FLOW_RULES.find((r) => r.when(facts));
  return rule ? { rule: rule.name, route: rule.route } : { rule: 'none', route: 'answer' };
}
