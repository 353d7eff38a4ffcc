/**
 * The root dialog: understands what the buyer wants this turn and either answers at once (greeting,
 * help, thanks, FAQ, out-of-scope) or runs the flow machine for it. While a flow runs it routes each
 * message: "never mind" stops it, a clear new topic switches flows, a FAQ question is answered in
 * passing, a stale flow (buyer came back much later) is dropped. "Help" shows the menu anywhere (in a
 * flow it then repeats the flow's question). Misunderstood messages are counted here for root and
 * flows alike (see `notUnderstood` in flow.ts). No text here: reply keys only.
 */
import { assign, emit, enqueueActions, sendTo, setup } from 'xstate';
import { type Intent } from '../src/nlu/types.js';
import type { TurnEvent, UserSaid } from './events.js';
import { REASK, type FlowInput, type FlowOutput, type FlowSignal } from './flow.js';
import type { Reply, ReplyEmitted, Suggestion } from './reply.js';
import { effectiveIntent, entity, MENU, suggestion } from './shared.js';
import { asksForReturn, readReason } from '../src/nlu/answers.js';
import { acceptedOffer, factsOf, followUp, onlyOrderFacts } from './conversation-context.js';
import {
  DECLINE_AGENT,
  FLOW_INTENTS,
  MIN_INTENT_SCORE,
  negatesTopic,
  offersReviewDeal,
  routedIntent,
  routeInFlow,
  SWITCH_SCORE,
  type FlowView,
} from './interruptions.js';

export { SWITCH_SCORE } from './interruptions.js';
import type { Flows } from './flows.js';

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
}

type RootInternal =
  | { type: 'flow.abort' }
  | { type: 'flow.reroute'; said: UserSaid; expired: boolean }
  | FlowSignal;

const INTENT_LABEL: Partial<Record<Intent, string>> = {
  track_order: 'common:menu.track',
  cancel_order: 'common:menu.cancel',
  change_address: 'common:menu.address',
  return_item: 'common:menu.return',
  complaint: 'common:menu.complaint',
  faq: 'common:menu.faq',
  human_agent: 'common:menu.agent',
};

const AGENT_OFFER: Reply = {
  key: 'common:offerAgent',
  suggestions: [suggestion('common:agentYes', 'intent:human_agent'), suggestion('common:agentNo', DECLINE_AGENT)],
};

/** The menu without the topic already in progress (choosing that again would answer nothing). */
const menuWithout = (intent: Intent | undefined): Suggestion[] => MENU.filter((s) => s.choice !== `intent:${intent ?? ''}`);

/** A shop question the knowledge base cannot answer: say so and offer a person. */
const NO_ANSWER: Reply = { key: 'faq:noMatch', suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] };
/**
 * What a pre-sales lookup says: its answer, or, when it has none, its own reason why (e.g. "we don't
 * ship to Singapore yet; here is where we do") or the plain "I don't know", always with a person offered.
 */
function presalesReplies(presales: { answered: boolean; replies: readonly Reply[] } | undefined): readonly Reply[] {
  if (presales?.answered) return presales.replies;
  const why = presales?.replies.filter((r) => r.key !== NO_ANSWER.key) ?? [];
  return why.length > 0 ? why.map((r, i) => (i === why.length - 1 ? { ...r, suggestions: [...(r.suggestions ?? []), ...(NO_ANSWER.suggestions ?? [])] } : r)) : [NO_ANSWER];
}

function flowInput({ context }: { context: RootContext }): FlowInput {
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
  };
}

interface TaggedSnapshot {
  hasTag(tag: string): boolean;
  children?: Record<string, { getSnapshot(): unknown } | undefined>;
}
const isTagged = (s: unknown): s is TaggedSnapshot => typeof s === 'object' && s !== null && 'hasTag' in s && typeof s.hasTag === 'function';

/** The question waiting may be a flow's own child's (return-item's offer): its tags count as the flow's. */
function hasTagDeep(snapshot: unknown, tag: string, depth = 0): boolean {
  if (!isTagged(snapshot)) return false;
  if (snapshot.hasTag(tag)) return true;
  return depth < 2 && Object.values(snapshot.children ?? {}).some((c) => c !== undefined && hasTagDeep(c.getSnapshot(), tag, depth + 1));
}

/** The buyer's last few messages (trimmed), for the slots and stories of flows started later. */
const remembered = (context: RootContext, event: UserSaid): string[] => [...(context.recent ?? []), event.text.slice(0, 200)].slice(-4);

/** A flow that is cut short keeps its verification: the next flow does not ask again. */
function verifiedOrderOf(flowContext: unknown): string | undefined {
  if (typeof flowContext !== 'object' || flowContext === null || !('order' in flowContext)) return undefined;
  const order = flowContext.order;
  return typeof order === 'object' && order !== null && 'id' in order && typeof order.id === 'string' ? order.id : undefined;
}

/** A quick-reply pick right after a clarifying question routes the message it was about, not its label. */
function clarified(context: RootContext, event: UserSaid): UserSaid {
  const original = context.clarifying;
  if (!original || !event.choice?.startsWith('intent:') || event.choice === DECLINE_AGENT) return event;
  return { ...original, turnId: event.turnId, now: event.now, lang: event.lang, choice: event.choice };
}

/** Labelled topics the buyer can be asked to choose between. */
const clarifyOptions = (said: UserSaid): Suggestion[] =>
  [said.nlu.intent, said.nlu.alternative?.intent].flatMap((intent) => {
    const key = intent ? INTENT_LABEL[intent] : undefined;
    return key && intent ? [suggestion(key, `intent:${intent}`)] : [];
  });

/** What the root keeps when a flow ends. */
function afterFlow(context: RootContext, output: FlowOutput): Partial<RootContext> {
  return {
    verifiedOrderId: output.verifiedOrderId ?? context.verifiedOrderId,
    actions: [...context.actions, ...output.actions].slice(-20),
    handoffReason: output.outcome === 'handoff' ? (output.handoffReason ?? 'asked') : undefined,
    pendingAction: output.outcome === 'handoff' ? output.pendingAction : undefined,
    currentIntent: output.intent,
    offered: output.next,
    interrupted: undefined,
    misunderstood: 0,
  };
}

export function createRootMachine(flows: Flows) {
  return setup({
    types: {
      context: {} as RootContext,
      events: {} as TurnEvent | RootInternal,
      input: {} as { conversationId: string },
      emitted: {} as ReplyEmitted,
    },
    actors: {
      cancelOrderFlow: flows.cancelOrder,
      changeAddressFlow: flows.changeAddress,
      trackOrderFlow: flows.trackOrder,
      returnItemFlow: flows.returnItem,
      complaintFlow: flows.complaint,
      handoffFlow: flows.handoff,
    },
    actions: {
      /** Speak: emits one reply key (the bot renders it). */
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      /** Each buyer message starts as understood; a miss (here or reported by a flow) counts from `missesBefore`. */
      remember: assign(({ context, event }) =>
        event.type === 'user.said'
          ? {
              pending: followUp(context, acceptedOffer(context, clarified(context, event))),
              offered: undefined,
              recent: remembered(context, event),
              clarifying: undefined,
              interrupted: undefined,
              lastAt: event.now,
              known: factsOf(event, context.known),
              missesBefore: context.misunderstood,
              misunderstood: 0,
              ...(event.verifiedEmail ? { verifiedEmail: event.verifiedEmail } : {}),
            }
          : event.type === 'flow.reroute'
            ? { pending: event.said, lastAt: event.said.now }
            : {},
      ),
      startFlow: assign(({ context }) => {
        const intent = context.pending ? routedIntent(context.pending) : undefined;
        // Only a switch to a person keeps the abandoned flow as the topic; any other flow is the topic itself.
        return { currentIntent: intent, handoffReason: undefined, pendingAction: undefined, interrupted: intent === 'human_agent' ? context.interrupted : undefined };
      }),
      misunderstood: assign({ misunderstood: ({ context }) => (context.missesBefore ?? 0) + 1 }),
      offerAgent: emit({ type: 'reply' as const, reply: AGENT_OFFER }),
      clarifyIntent: enqueueActions(({ context, enqueue }) => {
        if (!context.pending) return;
        enqueue.assign({ clarifying: context.pending });
        enqueue.emit({ type: 'reply' as const, reply: { key: 'common:clarify', suggestions: clarifyOptions(context.pending) } });
      }),
      /** A pre-sales answer from the catalog / knowledge base (or "I don't know" with a person offered). */
      answerFaq: enqueueActions(({ context, enqueue }) => {
        const said = context.pending;
        for (const reply of presalesReplies(said?.presales)) enqueue.emit({ type: 'reply' as const, reply });
        if (said) enqueue.assign({ presalesAsked: [...(context.presalesAsked ?? []), said.text].slice(-5) });
      }),
      /**
       * Mid-flow routing of one buyer message: the first of the named rules in interruptions.ts that
       * holds decides (an answer, a digression and coming back, a switch of topic, a cancel of the flow).
       */
      routeInFlow: enqueueActions(({ context, event, enqueue, self }) => {
        if (event.type !== 'user.said') return;
        enqueue.assign({ missesBefore: context.misunderstood, misunderstood: 0 });
        const child = self.getSnapshot().children.flow?.getSnapshot();
        const view: FlowView = {
          withPerson: hasTagDeep(child, 'withPerson'),
          freeText: hasTagDeep(child, 'freeText'),
          yesNo: hasTagDeep(child, 'yesNo'),
          verifying: hasTagDeep(child, 'verifying'),
          remedy: hasTagDeep(child, 'remedy'),
          options: hasTagDeep(child, 'options'),
          reason: hasTagDeep(child, 'reason'),
        };
        const { route } = routeInFlow({ said: event, view, ...(context.currentIntent ? { currentIntent: context.currentIntent } : {}), ...(context.lastAt ? { lastAt: context.lastAt } : {}) });
        /** Carry on: the flow says its question again, if it knows how (see FlowSignal). */
        const reask = () => {
          if (child?.can(REASK)) enqueue.sendTo('flow', REASK);
        };
        // Every message joins the recent ones, in a flow too: a flow started by a switch reads the story told before it.
        if (route !== 'expired') enqueue.assign({ lastAt: event.now, known: factsOf(event, context.known), recent: remembered(context, event) });
        switch (route) {
          case 'toPerson':
          case 'answer':
            enqueue.sendTo('flow', event);
            return;
          case 'cancelFlow':
            enqueue.raise({ type: 'flow.abort' });
            return;
          case 'expired':
            enqueue.raise({ type: 'flow.reroute', said: event, expired: true });
            return;
          case 'help':
            enqueue.emit({ type: 'reply' as const, reply: { key: 'common:helpInFlow', suggestions: menuWithout(context.currentIntent) } });
            reask();
            return;
          case 'carryOn':
            enqueue.emit({ type: 'reply' as const, reply: { key: 'common:carryOn' } });
            reask();
            return;
          case 'digression':
            // A pre-sales question answered in passing; the flow then asks its question again.
            for (const reply of event.presales?.replies ?? []) enqueue.emit({ type: 'reply' as const, reply });
            enqueue.assign({ presalesAsked: [...(context.presalesAsked ?? []), event.text].slice(-5) });
            reask();
            return;
          case 'switchTopic': {
            const verified = verifiedOrderOf(child?.context);
            if (verified) enqueue.assign({ verifiedOrderId: verified });
            // The agent hears what the buyer was doing only when they leave it for a person.
            if (routedIntent(event) === 'human_agent') enqueue.assign({ interrupted: context.currentIntent });
            enqueue.raise({ type: 'flow.reroute', said: event, expired: false });
            return;
          }
        }
      }),
      forwardAgent: sendTo('flow', ({ event }) => event),
      reaskFlow: enqueueActions(({ enqueue, self }) => {
        if (self.getSnapshot().children.flow?.getSnapshot().can(REASK)) enqueue.sendTo('flow', REASK);
      }),
    },
    guards: {
      intentIs: ({ context }, params: { intent: Intent }) => context.pending !== undefined && effectiveIntent(context.pending) === params.intent,
      isAbort: ({ context }) => context.pending?.control === 'abort',
      controlIs: ({ context }, params: { control: 'help' | 'back' }) => context.pending?.control === params.control && !context.pending.choice,
      declinedAgent: ({ context }) => context.pending?.choice === DECLINE_AGENT,
      reviewDeal: ({ context }) => context.pending !== undefined && offersReviewDeal(context.pending),
      photoOnly: ({ context }) => (context.pending?.photos?.length ?? 0) > 0 && !context.pending?.text.trim(),
      faqAnswered: ({ context }) => context.pending?.nlu.intent === 'faq' && context.pending.presales !== undefined,
      // Only worth asking when both readings are topics the buyer can pick.
      isAmbiguous: ({ context }) => context.pending !== undefined && !context.pending.choice && clarifyOptions(context.pending).length === 2,
      lowConfidence: ({ context }) => (context.pending?.nlu.score ?? 0) < MIN_INTENT_SCORE && !context.pending?.choice,
      negatedRequest: ({ context }) => context.pending !== undefined && negatesTopic(context.pending, routedIntent(context.pending)),
      // The classifier's reading of a bare number is noise: look the order up.
      orderOnly: ({ context }) => context.pending !== undefined && onlyOrderFacts(context.pending),
      orderWithReason: ({ context }) => {
        const said = context.pending;
        // A flow's reading wins, unless a return is the close second ("wrong cable … can I return it?" read as an address change).
        // … or the return is asked for in words and the other reading is unsure ("bought the wrong length, need to send it back").
        const returnClose = said?.nlu.alternative?.intent === 'return_item' || (said !== undefined && said.nlu.score < SWITCH_SCORE && asksForReturn(said.text, said.lang));
        // A return read first needs no "which do you mean?" when the reason is told too.
        // An unsure reading of another topic ("my kettle stopped heating" read as tracking at 0.2) is no reading.
        const unsure = said !== undefined && said.nlu.score < MIN_INTENT_SCORE;
        if (!said || said.choice || (FLOW_INTENTS.includes(said.nlu.intent) && said.nlu.intent !== 'return_item' && !returnClose && !unsure)) return false;
        const reason = readReason(said.text, said.lang) ?? entity(said.nlu.entities, 'returnReason');
        if (entity(said.nlu.entities, 'orderId') !== undefined) return reason !== undefined;
        // Without an order number only a fault told to nobody else ("my kettle stopped working", read as nothing) starts one.
        return (said.nlu.intent === 'none' || unsure) && (reason === 'damaged' || reason === 'defective');
      },
      orderUnplaced: ({ context }) => {
        const said = context.pending;
        if (!said || said.choice || entity(said.nlu.entities, 'orderId') === undefined || said.nlu.intent === 'faq') return false;
        // A flow's topic, however unsure, still goes to that flow (below).
        return !FLOW_INTENTS.includes(said.nlu.intent);
      },
      secondMiss: ({ context }) => (context.missesBefore ?? 0) >= 1,
      wantsHandoff: ({ context }) => context.handoffReason !== undefined,
      expired: ({ event }) => event.type === 'flow.reroute' && event.expired,
    },
  }).createMachine({
    id: 'root',
    context: ({ input }) => ({ conversationId: input.conversationId, misunderstood: 0, actions: [] }),
    initial: 'idle',
    states: {
      idle: {
        tags: 'awaitingUser',
        // The routed message is not needed once handled; dropping it keeps the stored snapshot small.
        entry: assign({ pending: undefined }),
        on: {
          'conversation.started': { actions: { type: 'say', params: { key: 'common:welcome', suggestions: MENU } } },
          'user.said': { target: 'routing', actions: 'remember' },
        },
      },
      routing: {
        always: [
          { guard: 'isAbort', target: 'idle', actions: { type: 'say', params: { key: 'common:nothingToStop' } } },
          { guard: { type: 'controlIs', params: { control: 'help' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:help', suggestions: MENU } } },
          { guard: { type: 'controlIs', params: { control: 'back' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:nothingInProgressToGoBack', suggestions: MENU } } },
          { guard: 'declinedAgent', target: 'idle', actions: { type: 'say', params: { key: 'common:rephrase', suggestions: MENU } } },
          { guard: 'photoOnly', target: 'idle', actions: { type: 'say', params: { key: 'common:photoWithoutContext', suggestions: MENU } } },
          // Before greetings and clarifying questions: a review deal hears the rule whatever else the message reads like.
          { guard: 'reviewDeal', target: 'inFlow.complaint', actions: 'startFlow' },
          // "don't cancel my order": nothing is started, nothing changes.
          { guard: 'negatedRequest', target: 'idle', actions: { type: 'say', params: { key: 'common:nothingChanged', suggestions: MENU } } },
          // A bare order number: look the order up (read-only), whatever the classifier made of it.
          { guard: 'orderOnly', target: 'inFlow.trackOrder', actions: ['startFlow', assign({ currentIntent: 'track_order' })] },
          // An order and what is wrong with its item, however the classifier read it: a return.
          { guard: 'orderWithReason', target: 'inFlow.returnItem', actions: ['startFlow', assign({ currentIntent: 'return_item' })] },
          // One of our order numbers with words no topic reads (a greeting, "it says returned to sender??"): look it up.
          { guard: 'orderUnplaced', target: 'inFlow.trackOrder', actions: ['startFlow', assign({ currentIntent: 'track_order' })] },
          { guard: { type: 'intentIs', params: { intent: 'greeting' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:greeting', suggestions: MENU } } },
          { guard: { type: 'intentIs', params: { intent: 'thanks' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:thanks' } } },
          { guard: { type: 'intentIs', params: { intent: 'goodbye' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:goodbye' } } },
          { guard: 'isAmbiguous', target: 'idle', actions: 'clarifyIntent' },
          { guard: { type: 'intentIs', params: { intent: 'cancel_order' } }, target: 'inFlow.cancelOrder', actions: 'startFlow' },
          { guard: { type: 'intentIs', params: { intent: 'change_address' } }, target: 'inFlow.changeAddress', actions: 'startFlow' },
          { guard: { type: 'intentIs', params: { intent: 'track_order' } }, target: 'inFlow.trackOrder', actions: 'startFlow' },
          { guard: { type: 'intentIs', params: { intent: 'return_item' } }, target: 'inFlow.returnItem', actions: 'startFlow' },
          { guard: { type: 'intentIs', params: { intent: 'complaint' } }, target: 'inFlow.complaint', actions: 'startFlow' },
          {
            guard: { type: 'intentIs', params: { intent: 'human_agent' } },
            target: 'inFlow.handoff',
            // Two misses in a row always end in the offer of a person, so a third count means "accepted that offer".
            actions: ['startFlow', assign({ handoffReason: ({ context }) => ((context.missesBefore ?? 0) >= 2 ? 'misunderstood' : 'asked') })],
          },
          { guard: 'faqAnswered', target: 'idle', actions: 'answerFaq' },
          { guard: { type: 'intentIs', params: { intent: 'faq' } }, target: 'idle', actions: { type: 'say', params: NO_ANSWER } },
          { guard: 'secondMiss', target: 'idle', actions: ['misunderstood', 'offerAgent'] },
          { guard: 'lowConfidence', target: 'idle', actions: ['misunderstood', { type: 'say', params: { key: 'common:fallback', suggestions: MENU } }] },
          { target: 'idle', actions: ['misunderstood', { type: 'say', params: { key: 'common:outOfScope', suggestions: MENU } }] },
        ],
      },
      inFlow: {
        tags: 'awaitingUser',
        // Always entered at a named flow; XState still wants a default child.
        initial: 'handoff',
        on: {
          'user.said': { actions: 'routeInFlow' },
          'flow.abort': { target: 'idle', actions: { type: 'say', params: { key: 'common:aborted' } } },
          'flow.reroute': [
            { guard: 'expired', target: 'routing', actions: ['remember', { type: 'say', params: { key: 'common:flowExpired' } }] },
            { target: 'routing', actions: 'remember' },
          ],
          // Switched language, nothing else said: the flow's question again, now in the new language.
          'language.switched': { actions: 'reaskFlow' },
          'flow.misunderstood': [{ guard: 'secondMiss', actions: ['misunderstood', 'offerAgent'] }, { actions: 'misunderstood' }],
          'agent.joined': { actions: 'forwardAgent' },
          'agent.said': { actions: 'forwardAgent' },
          'agent.ended': { actions: 'forwardAgent' },
        },
        states: {
          cancelOrder: { invoke: { id: 'flow', src: 'cancelOrderFlow', input: flowInput, onDone: { target: '#root.afterFlow', actions: assign(({ context, event }) => afterFlow(context, event.output)) } } },
          changeAddress: { invoke: { id: 'flow', src: 'changeAddressFlow', input: flowInput, onDone: { target: '#root.afterFlow', actions: assign(({ context, event }) => afterFlow(context, event.output)) } } },
          trackOrder: { invoke: { id: 'flow', src: 'trackOrderFlow', input: flowInput, onDone: { target: '#root.afterFlow', actions: assign(({ context, event }) => afterFlow(context, event.output)) } } },
          returnItem: { invoke: { id: 'flow', src: 'returnItemFlow', input: flowInput, onDone: { target: '#root.afterFlow', actions: assign(({ context, event }) => afterFlow(context, event.output)) } } },
          complaint: { invoke: { id: 'flow', src: 'complaintFlow', input: flowInput, onDone: { target: '#root.afterFlow', actions: assign(({ context, event }) => afterFlow(context, event.output)) } } },
          handoff: {
            invoke: {
              id: 'flow',
              src: 'handoffFlow',
              input: ({ context }) => ({
                ...flowInput({ context }),
                reason: context.handoffReason ?? 'asked',
                priorIntent: context.interrupted ?? context.currentIntent,
                actions: context.actions,
                ...(context.pendingAction ? { pendingAction: context.pendingAction } : {}),
                ...(context.presalesAsked?.length ? { presalesAsked: context.presalesAsked } : {}),
              }),
              onDone: { target: '#root.idle', actions: assign({ handoffReason: undefined, pendingAction: undefined, misunderstood: 0 }) },
            },
          },
        },
      },
      afterFlow: {
        always: [{ guard: 'wantsHandoff', target: 'inFlow.handoff' }, { target: 'idle' }],
      },
    },
  });
}
