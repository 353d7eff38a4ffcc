/**
 * The root dialog: understands what the buyer wants this turn and either answers at once (greeting,
 * help, thanks, FAQ, out-of-scope) or starts the flow machine for it. No text here: reply keys only.
 */
import { assign, emit, setup } from 'xstate';
import { AFTER_SALES_INTENTS, type Intent } from '../src/nlu/types.js';
import type { TurnEvent, UserSaid } from './events.js';
import type { Reply, ReplyEmitted } from './reply.js';
import { effectiveIntent, MENU, suggestion } from './shared.js';

export interface RootContext {
  conversationId: string;
  /** Consecutive turns the bot did not understand; two in a row → offer a person. */
  misunderstood: number;
  /** The message being routed (JSON, persisted between microsteps only). */
  pending?: UserSaid;
}

/** Below this the classifier is guessing: treat as not understood. */
export const MIN_INTENT_SCORE = 0.5;

/** Label of each intent when the bot asks "did you mean ...". */
const INTENT_LABEL: Partial<Record<Intent, string>> = {
  track_order: 'common:menu.track',
  cancel_order: 'common:menu.cancel',
  change_address: 'common:menu.address',
  return_item: 'common:menu.return',
  complaint: 'common:menu.complaint',
  faq: 'common:menu.faq',
  human_agent: 'common:menu.agent',
};

const said = (event: TurnEvent): UserSaid | undefined => (event.type === 'user.said' ? event : undefined);

export const rootMachine = setup({
  types: {
    context: {} as RootContext,
    events: {} as TurnEvent,
    input: {} as { conversationId: string },
    emitted: {} as ReplyEmitted,
  },
  actions: {
    /** Speak: emits one reply key (the bot renders it). */
    say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
    remember: assign({ pending: ({ event }) => said(event) }),
    understood: assign({ misunderstood: 0 }),
    misunderstood: assign({ misunderstood: ({ context }) => context.misunderstood + 1 }),
    clarifyIntent: emit(({ context }) => ({
      type: 'reply' as const,
      reply: {
        key: 'common:clarify',
        suggestions: [context.pending?.nlu.intent, context.pending?.nlu.alternative?.intent].flatMap((intent) => {
          const key = intent ? INTENT_LABEL[intent] : undefined;
          return key && intent ? [suggestion(key, `intent:${intent}`)] : [];
        }),
      },
    })),
    answerFaq: emit(({ context }) => ({
      type: 'reply' as const,
      reply: { key: `faq:answers.${context.pending?.nlu.faq?.id ?? 'none'}` },
    })),
  },
  guards: {
    intentIs: ({ context }, params: { intent: string }) =>
      context.pending !== undefined && effectiveIntent(context.pending) === params.intent,
    isAfterSales: ({ context }) =>
      context.pending !== undefined && AFTER_SALES_INTENTS.includes(effectiveIntent(context.pending)),
    isAbort: ({ context }) => context.pending?.control === 'abort',
    faqAnswered: ({ context }) => context.pending?.nlu.intent === 'faq' && context.pending.nlu.faq !== undefined,
    isAmbiguous: ({ context }) => context.pending?.nlu.alternative !== undefined && !context.pending.choice,
    lowConfidence: ({ context }) => (context.pending?.nlu.score ?? 0) < MIN_INTENT_SCORE && !context.pending?.choice,
    secondMiss: ({ context }) => context.misunderstood >= 1,
  },
}).createMachine({
  id: 'root',
  context: ({ input }) => ({ conversationId: input.conversationId, misunderstood: 0 }),
  initial: 'idle',
  states: {
    idle: {
      tags: 'awaitingUser',
      on: {
        'conversation.started': { actions: { type: 'say', params: { key: 'common:welcome', suggestions: MENU } } },
        'user.said': { target: 'routing', actions: 'remember' },
      },
    },
    routing: {
      always: [
        { guard: 'isAbort', target: 'idle', actions: [{ type: 'say', params: { key: 'common:nothingToStop' } }, 'understood'] },
        { guard: { type: 'intentIs', params: { intent: 'greeting' } }, target: 'idle', actions: ['understood', { type: 'say', params: { key: 'common:greeting', suggestions: MENU } }] },
        { guard: { type: 'intentIs', params: { intent: 'thanks' } }, target: 'idle', actions: ['understood', { type: 'say', params: { key: 'common:thanks' } }] },
        { guard: { type: 'intentIs', params: { intent: 'goodbye' } }, target: 'idle', actions: ['understood', { type: 'say', params: { key: 'common:goodbye' } }] },
        { guard: 'isAmbiguous', target: 'idle', actions: 'clarifyIntent' },
        { guard: 'isAfterSales', target: 'flow' },
        { guard: { type: 'intentIs', params: { intent: 'human_agent' } }, target: 'flow' },
        { guard: 'faqAnswered', target: 'idle', actions: ['understood', 'answerFaq'] },
        { guard: { type: 'intentIs', params: { intent: 'faq' } }, target: 'idle', actions: ['understood', { type: 'say', params: { key: 'faq:noMatch', suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] } }] },
        { guard: 'secondMiss', target: 'idle', actions: ['understood', { type: 'say', params: { key: 'common:offerAgent', suggestions: [suggestion('common:agentYes', 'intent:human_agent'), suggestion('common:agentNo', 'intent:none')] } }] },
        { guard: 'lowConfidence', target: 'idle', actions: ['misunderstood', { type: 'say', params: { key: 'common:fallback', suggestions: MENU } }] },
        { target: 'idle', actions: ['misunderstood', { type: 'say', params: { key: 'common:outOfScope', suggestions: MENU } }] },
      ],
    },
    /** Hook where the after-sales flows plug in (see flows in dialogs/*.machine.ts). */
    flow: {
      always: { target: 'idle', actions: { type: 'say', params: { key: 'common:fallback' } } },
    },
  },
});
