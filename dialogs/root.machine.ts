/**
 * The root dialog: understands what the buyer wants this turn and either answers at once (greeting,
 * help, thanks, FAQ, out-of-scope) or runs the flow machine for it. While a flow runs it routes each
 * message: "never mind" stops it, a clear new topic switches flows, a FAQ question is answered in
 * passing, a stale flow (buyer came back much later) is dropped. "Help" shows the menu anywhere (in a
 * flow it then repeats the flow's question). Misunderstood messages are counted here for root and
 * flows alike (see `notUnderstood` in flow.ts). No text here: reply keys only.
 */
import { assign, emit, enqueueActions, sendTo, setup } from 'xstate';
import type { TurnEvent, UserSaid } from './events.js';
import { REASK, type FlowSignal } from './flow.js';
import type { Reply, ReplyEmitted } from './reply.js';
import { MENU } from './shared.js';
import { acceptedOffer, factsOf, followUp } from './conversation-context.js';
import { dealForRemedy, routedIntent, routeInFlow, type FlowView } from './interruptions.js';
import {
  afterFlow,
  AGENT_OFFER,
  amendInput,
  clarified,
  clarifyOptions,
  flowInput,
  hasTagDeep,
  menuWithout,
  offeredStep,
  NO_ANSWER,
  presalesReplies,
  remembered,
  verifiedOrderOf,
  type RootContext,
} from './root-context.js';
import { routingGuards } from './root-guards.js';
import type { Flows } from './flows.js';

export { SWITCH_SCORE } from './interruptions.js';

type RootInternal =
  | { type: 'flow.abort' }
  /** A review offered in a message the flow answers (dealForRemedy): the complaint flow follows the flow. */
  | { type: 'review.dealHeard'; said: UserSaid }
  | { type: 'flow.reroute'; said: UserSaid; expired: boolean }
  | FlowSignal;

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
      amendReturnFlow: flows.amendReturn,
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
        // Another flow: the return issued before is no longer the one the buyer's words are about.
        return {
          currentIntent: intent,
          handoffReason: undefined,
          pendingAction: undefined,
          interrupted: intent === 'human_agent' ? context.interrupted : undefined,
          issued: undefined,
          dealHeard: undefined,
          remedyOwed: undefined,
        };
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
        const replies = presalesReplies(said?.presales);
        for (const reply of replies) enqueue.emit({ type: 'reply' as const, reply });
        if (said) enqueue.assign({ presalesAsked: [...(context.presalesAsked ?? []), said.text].slice(-5) });
        // The return rule's "start a return" button is the offered next step: a yes or the order number takes it.
        const offered = offeredStep(replies);
        if (offered) enqueue.assign({ offered });
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
          items: hasTagDeep(child, 'items'),
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
            enqueue.sendTo('flow', event);
            return;
          case 'answer':
            // A review offered for what the flow offers: the flow answers, the complaint flow then states the rule.
            if (dealForRemedy(event, context.currentIntent)) enqueue.raise({ type: 'review.dealHeard', said: event });
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
          case 'personAsked': {
            // Read as a request for a person whatever the classifier made of it; the agent hears what the buyer was doing.
            const verified = verifiedOrderOf(child?.context);
            if (verified) enqueue.assign({ verifiedOrderId: verified });
            enqueue.assign({ interrupted: context.currentIntent });
            enqueue.raise({ type: 'flow.reroute', said: { ...event, choice: 'intent:human_agent' }, expired: false });
            return;
          }
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
      ...routingGuards,
      expired: ({ event }) => event.type === 'flow.reroute' && event.expired,
      dealHeard: ({ context }) => context.dealHeard !== undefined,
      handedOnToTrack: ({ context }) => context.handOn === 'track_order',
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
          // Before "never mind" stops nothing: right after a return was issued it withdraws that return.
          { guard: 'amendsIssuedReturn', target: 'inFlow.amendReturn', actions: assign({ currentIntent: 'return_item', handoffReason: undefined, pendingAction: undefined }) },
          { guard: 'isAbort', target: 'idle', actions: { type: 'say', params: { key: 'common:nothingToStop' } } },
          { guard: { type: 'controlIs', params: { control: 'help' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:help', suggestions: MENU } } },
          { guard: { type: 'controlIs', params: { control: 'back' } }, target: 'idle', actions: { type: 'say', params: { key: 'common:nothingInProgressToGoBack', suggestions: MENU } } },
          { guard: 'declinedAgent', target: 'idle', actions: { type: 'say', params: { key: 'common:rephrase', suggestions: MENU } } },
          { guard: 'photoOnly', target: 'idle', actions: { type: 'say', params: { key: 'common:photoWithoutContext', suggestions: MENU } } },
          // Before greetings and clarifying questions: a review deal hears the rule whatever else the message reads like.
          { guard: 'reviewDeal', target: 'inFlow.complaint', actions: 'startFlow' },
          // "don't cancel my order": nothing is started, nothing changes.
          { guard: 'negatedRequest', target: 'idle', actions: { type: 'say', params: { key: 'common:nothingChanged', suggestions: MENU } } },
          // "could someone ring me about it?": a person, however the classifier read it.
          { guard: 'asksCallback', target: 'inFlow.handoff', actions: ['startFlow', assign({ currentIntent: 'human_agent', handoffReason: 'asked' })] },
          // A bare order number right after a return was told (no flow yet): that return, for this order.
          { guard: 'orderForToldReturn', target: 'inFlow.returnItem', actions: ['startFlow', assign({ currentIntent: 'return_item' })] },
          // A bare order number: look the order up (read-only), whatever the classifier made of it.
          { guard: 'orderOnly', target: 'inFlow.trackOrder', actions: ['startFlow', assign({ currentIntent: 'track_order' })] },
          // An email or postcode alone after an order was named ("…order 114-…" then "sofia@…"): that order, looked up.
          { guard: 'detailForNamedOrder', target: 'inFlow.trackOrder', actions: ['startFlow', assign({ currentIntent: 'track_order' })] },
          // An order and what is wrong with its item, however the classifier read it: a return.
          { guard: 'orderWithReason', target: 'inFlow.returnItem', actions: ['startFlow', assign({ currentIntent: 'return_item' })] },
          // An order number and a return asked for in words, read as a shop question or nothing: that return.
          { guard: 'orderReturnAsked', target: 'inFlow.returnItem', actions: ['startFlow', assign({ currentIntent: 'return_item' })] },
          // A return asked for with its reason, the order named or verified earlier: that return.
          { guard: 'returnToldForKnownOrder', target: 'inFlow.returnItem', actions: ['startFlow', assign({ currentIntent: 'return_item' })] },
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
          'review.dealHeard': { actions: assign({ dealHeard: ({ event }) => event.said }) },
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
          amendReturn: { invoke: { id: 'flow', src: 'amendReturnFlow', input: amendInput, onDone: { target: '#root.afterFlow', actions: assign(({ context, event }) => afterFlow(context, event.output)) } } },
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
        always: [
          { guard: 'wantsHandoff', target: 'inFlow.handoff' },
          // "just refund me" for a late parcel: the return flow hands it to the late order's remedies.
          { guard: 'handedOnToTrack', target: 'inFlow.trackOrder', actions: assign({ currentIntent: 'track_order' as const, handOn: undefined }) },
          // The remedy owed was given; the review offered for it hears the rule and is recorded (seed 003/004).
          {
            guard: 'dealHeard',
            target: 'inFlow.complaint',
            actions: assign(({ context }) => ({ pending: context.dealHeard, dealHeard: undefined, currentIntent: 'complaint' as const, issued: undefined })),
          },
          { target: 'idle' },
        ],
      },
    },
  });
}
