/**
 * What the root machine keeps between buyer messages (RootContext) and the pure helpers its routing
 * uses: the input a flow starts with, what is kept when a flow ends, clarifying options, the tags of
 * the question a flow waits on. No text here: reply keys only.
 */
import type { Intent } from '../src/nlu/types.js';
import type { UserSaid } from './events.js';
import { FLOW_TIMEOUT_MINUTES, type FlowInput, type FlowOutput, type IssuedReturn } from './flow.js';
import type { Amendment, AmendReturnInput } from './amend-return.machine.js';
import { readRemedyChange, readsWithdrawal } from '../src/nlu/answers.js';
import { entity } from './shared.js';
import type { Reply, Suggestion } from './reply.js';
import { MENU, suggestion } from './shared.js';
import { DECLINE_AGENT, FLOW_INTENTS } from './interruptions.js';
import { onlyOrderFacts } from './conversation-context.js';

export interface RootContext {
  conversationId: string;
  /** Consecutive buyer messages not understood, up to the last one (root or flow); two → offer a person. */
  misunderstood: number;
  /** `misunderstood` before the message being handled (absent in snapshots saved before it existed). */
  missesBefore?: number;
  /** The message being routed. */
  pending?: UserSaid;
  /** The ambiguous message the last clarifying question was about: picking an option routes it. */
  clarifying?: UserSaid;
  /** Verified in this conversation: later flows reuse it without asking again. */
  verifiedOrderId?: string;
  verifiedEmail?: string;
  currentIntent?: Intent;
  /** The flow a request for a person just switched away from: the handoff tells the agent what the buyer was doing. */
  interrupted?: Intent;
  /** Last buyer message time (ISO): a flow idle longer than FLOW_TIMEOUT_MINUTES is dropped. */
  lastAt?: string;
  /** Effects caused so far, for the agent summary. */
  actions: string[];
  /** The next step the last flow offered ("would you like to start a return?"): a typed yes takes it. */
  offered?: Intent;
  /** The buyer's last few messages: a flow fills its slots from what was already said. */
  recent?: string[];
  /** Order number, email and postal code named so far (any message): flows use them instead of asking. */
  known?: { orderId?: string; email?: string; postalCode?: string };
  /** The buyer's last pre-sales questions, for the agent summary. */
  presalesAsked?: string[];
  handoffReason?: FlowOutput['handoffReason'];
  /** The exception the handoff asks an agent to approve (from the flow that met it). */
  pendingAction?: FlowOutput['pendingAction'];
  /** The return the last flow issued: until another flow starts, the buyer's words may amend it. */
  issued?: IssuedReturn;
  /**
   * A review offered for the remedy the flow was offering ("refund me and I'll change it to 5 stars"): the flow
   * answers the remedy it owes anyway, then the complaint flow states the rule and records the review.
   */
  dealHeard?: UserSaid;
  /** The complaint flow about to start follows a remedy given as owed (set with `dealHeard`'s turn). */
  remedyOwed?: boolean;
  /** The flow that just ended found the request another flow's (FlowOutput.handOn): started next with the same message. */
  handOn?: Intent;
}


export const INTENT_LABEL: Partial<Record<Intent, string>> = {
  track_order: 'common:menu.track',
  cancel_order: 'common:menu.cancel',
  change_address: 'common:menu.address',
  return_item: 'common:menu.return',
  complaint: 'common:menu.complaint',
  faq: 'common:menu.faq',
  human_agent: 'common:menu.agent',
};

export const AGENT_OFFER: Reply = {
  key: 'common:offerAgent',
  suggestions: [suggestion('common:agentYes', 'intent:human_agent'), suggestion('common:agentNo', DECLINE_AGENT)],
};

/** The menu without the topic already in progress (choosing that again would answer nothing). */
export const menuWithout = (intent: Intent | undefined): Suggestion[] => MENU.filter((s) => s.choice !== `intent:${intent ?? ''}`);

/** A shop question the knowledge base cannot answer: say so and offer a person. */
export const NO_ANSWER: Reply = { key: 'faq:noMatch', suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] };
/**
 * What a pre-sales lookup says: its answer, or, when it has none, its own reason why (e.g. "we don't
 * ship to Singapore yet; here is where we do") or the plain "I don't know", always with a person offered.
 */
export function presalesReplies(presales: { answered: boolean; replies: readonly Reply[] } | undefined): readonly Reply[] {
  if (presales?.answered) return presales.replies;
  const why = presales?.replies.filter((r) => r.key !== NO_ANSWER.key) ?? [];
  return why.length > 0 ? why.map((r, i) => (i === why.length - 1 ? { ...r, suggestions: [...(r.suggestions ?? []), ...(NO_ANSWER.suggestions ?? [])] } : r)) : [NO_ANSWER];
}

export function flowInput({ context }: { context: RootContext }): FlowInput {
  const first = context.pending;
  if (!first) throw new Error('flow started without a message');
  return {
    conversationId: context.conversationId,
    first,
    lang: first.lang,
    ...(context.verifiedOrderId ? { verifiedOrderId: context.verifiedOrderId } : {}),
    ...(context.verifiedEmail ? { verifiedEmail: context.verifiedEmail } : {}),
    ...(context.known ? { known: context.known } : {}),
    // The message that starts the flow is `first`; the ones before it may still name the item or the reason.
    ...(context.recent && context.recent.length > 1 ? { said: context.recent.slice(0, -1) } : {}),
    ...(context.remedyOwed ? { remedyOwed: true as const } : {}),
  };
}

interface TaggedSnapshot {
  hasTag(tag: string): boolean;
  children?: Record<string, { getSnapshot(): unknown } | undefined>;
}
const isTagged = (s: unknown): s is TaggedSnapshot => typeof s === 'object' && s !== null && 'hasTag' in s && typeof s.hasTag === 'function';

/** The question waiting may be a flow's own child's (return-item's offer): its tags count as the flow's. */
export function hasTagDeep(snapshot: unknown, tag: string, depth = 0): boolean {
  if (!isTagged(snapshot)) return false;
  if (snapshot.hasTag(tag)) return true;
  return depth < 2 && Object.values(snapshot.children ?? {}).some((c) => c !== undefined && hasTagDeep(c.getSnapshot(), tag, depth + 1));
}

/** The buyer's last few messages (trimmed), for the slots and stories of flows started later. */
export const remembered = (context: RootContext, event: UserSaid): string[] => [...(context.recent ?? []), event.text.slice(0, 200)].slice(-4);

/** A flow that is cut short keeps its verification: the next flow does not ask again. */
export function verifiedOrderOf(flowContext: unknown): string | undefined {
  if (typeof flowContext !== 'object' || flowContext === null || !('order' in flowContext)) return undefined;
  const order = flowContext.order;
  return typeof order === 'object' && order !== null && 'id' in order && typeof order.id === 'string' ? order.id : undefined;
}

/**
 * A quick-reply pick right after a clarifying question routes the message it was about, not its label;
 * so does an order number typed there: of the options, it answers the one that acts on an order
 * ("do you mean shipping questions or a return?" → "117-8163920-0572284" is the return).
 */
export function clarified(context: RootContext, event: UserSaid): UserSaid {
  const original = context.clarifying;
  if (!original) return event;
  // A plain "yes please" to "do you mean A or B?" takes A, the reading the message was read as first.
  const choice = event.choice ?? (onlyOrderFacts(event) ? orderOption(original) : event.control === 'yes' ? clarifyOptions(original)[0]?.choice : undefined);
  if (!choice?.startsWith('intent:') || choice === DECLINE_AGENT) return event;
  return { ...original, turnId: event.turnId, now: event.now, lang: event.lang, choice };
}

/** The one clarifying option that is a flow on an order (not a person), if exactly one is. */
function orderOption(said: UserSaid): string | undefined {
  const flows = clarifyOptions(said).filter((s) => s.choice !== undefined && s.choice !== 'intent:human_agent' && FLOW_INTENTS.some((i) => s.choice === `intent:${i}`));
  return flows.length === 1 ? flows[0]?.choice : undefined;
}

/** The flow a reply's button offers as the next step (the return rule's "start a return"), a person aside. */
export function offeredStep(replies: readonly Reply[]): Intent | undefined {
  const choices = replies.flatMap((r) => r.suggestions ?? []).map((s) => s.choice);
  return FLOW_INTENTS.find((i) => i !== 'human_agent' && choices.includes(`intent:${i}`));
}

/** Labelled topics the buyer can be asked to choose between. */
export const clarifyOptions = (said: UserSaid): Suggestion[] =>
  [said.nlu.intent, said.nlu.alternative?.intent].flatMap((intent) => {
    const key = intent ? INTENT_LABEL[intent] : undefined;
    return key && intent ? [suggestion(key, `intent:${intent}`)] : [];
  });

/** What the root keeps when a flow ends. */
export function afterFlow(context: RootContext, output: FlowOutput): Partial<RootContext> {
  return {
    verifiedOrderId: output.verifiedOrderId ?? context.verifiedOrderId,
    actions: [...context.actions, ...output.actions].slice(-20),
    handoffReason: output.outcome === 'handoff' ? (output.handoffReason ?? 'asked') : undefined,
    pendingAction: output.outcome === 'handoff' ? output.pendingAction : undefined,
    currentIntent: output.intent,
    offered: output.next,
    issued: output.issued,
    interrupted: undefined,
    misunderstood: 0,
    remedyOwed: context.dealHeard !== undefined && output.actions.length > 0,
    handOn: output.handOn,
  };
}

/**
 * What the message being routed asks of the return just issued: to withdraw it ("never mind, I'll keep
 * it", "算了不退了") or another remedy ("a replacement instead", "换货吧"). Nothing when no return was
 * issued, when it was issued long ago, when the message is a button or names another order, or when
 * it asks for the remedy the return already has ("ok", "thanks", "yes" ask nothing).
 */
export function amendmentOf(context: RootContext): Amendment | undefined {
  const said = context.pending;
  const issued = context.issued;
  // "let me keep it and I'll change my review" is a review deal (the rule is stated), never a withdrawal.
  if (!said || !issued || said.choice || entity(said.nlu.entities, 'reviewBargain') !== undefined) return undefined;
  if (Date.parse(said.now) - Date.parse(issued.at) > FLOW_TIMEOUT_MINUTES * 60_000) return undefined;
  const orderId = entity(said.nlu.entities, 'orderId');
  if (orderId !== undefined && orderId !== issued.orderId) return undefined;
  // A remedy named wins over the opener ("算了 还是退款吧" changes the remedy, it keeps the return).
  const remedy = readRemedyChange(said.text);
  if (remedy !== undefined) return remedy !== issued.resolution ? { kind: 'remedy', resolution: remedy } : undefined;
  return readsWithdrawal(said.text) ? { kind: 'withdraw' } : undefined;
}

/** The amend flow's input: the return and what the buyer's words ask of it. */
export function amendInput({ context }: { context: RootContext }): AmendReturnInput {
  const said = context.pending;
  const issued = context.issued;
  const amendment = amendmentOf(context);
  if (!said || !issued || !amendment) throw new Error('amendment without an issued return');
  return { conversationId: context.conversationId, turnId: said.turnId, lang: said.lang, issued, amendment };
}
