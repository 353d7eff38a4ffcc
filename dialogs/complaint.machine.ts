/**
 * Complaints and negative reviews: listen, classify, apologise, offer what the policy allows (often
 * the return flow), record it with a summary for agents, and hand off when severe. Never offers
 * anything in exchange for changing or removing a review (seed 003/004): the reply explains the rule.
 */
import { assign, emit, setup } from 'xstate';
import type { ComplaintCategory, ComplaintRecord } from '../src/services/ports.js';
import { complaintSeverity, type PolicyConfig } from '../src/policy/index.js';
import type { TurnEvent } from './events.js';
import type { FlowInput, FlowOutput } from './flow.js';
import type { Reply, ReplyEmitted, Suggestion } from './reply.js';
import { effectKey, serviceActors } from './services.js';
import { choiceValue, entity, suggestion } from './shared.js';

const CATEGORIES: readonly ComplaintCategory[] = ['product_quality', 'delivery', 'service', 'description_mismatch', 'negative_review', 'other'];
const isCategory = (v: string | undefined): v is ComplaintCategory => CATEGORIES.some((c) => c === v);
const CATEGORY_SUGGESTIONS: Suggestion[] = CATEGORIES.map((c) => suggestion(`complaint:categories.${c}`, `cat:${c}`));

/** A first message this long already tells the story; shorter ones ("I want to complain") get asked. */
const ENOUGH_DETAIL = 30;
/** A Chinese character carries about as much as three Latin letters. */
const detailOf = (texts: string[]) => texts.join(' ').replace(/\p{Script=Han}/gu, 'xxx').length;

interface ComplaintContext {
  input: FlowInput;
  now: string;
  turnId: string;
  buyerText: string[];
  photos: string[];
  category?: ComplaintCategory;
  record?: ComplaintRecord;
  outcome: FlowOutput['outcome'];
  actions: string[];
}

/** Reason entities already say what kind of problem it is. */
function categoryFromReason(reason: string | undefined): ComplaintCategory | undefined {
  if (reason === 'damaged' || reason === 'defective' || reason === 'missing_parts') return 'product_quality';
  if (reason === 'not_as_described' || reason === 'wrong_item') return 'description_mismatch';
  return undefined;
}

const REMEDY_REPLY: Record<ComplaintCategory, Reply> = {
  product_quality: { key: 'complaint:recorded.product_quality', suggestions: [suggestion('common:menu.return', 'intent:return_item'), suggestion('common:menu.agent', 'intent:human_agent')] },
  description_mismatch: { key: 'complaint:recorded.description_mismatch', suggestions: [suggestion('common:menu.return', 'intent:return_item'), suggestion('common:menu.agent', 'intent:human_agent')] },
  delivery: { key: 'complaint:recorded.delivery', suggestions: [suggestion('common:menu.track', 'intent:track_order'), suggestion('common:menu.agent', 'intent:human_agent')] },
  service: { key: 'complaint:recorded.service', suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] },
  negative_review: { key: 'complaint:recorded.negative_review', suggestions: [suggestion('common:menu.return', 'intent:return_item'), suggestion('common:menu.agent', 'intent:human_agent')] },
  other: { key: 'complaint:recorded.other', suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] },
};

export function createComplaintMachine(policy: PolicyConfig) {
  const severity = (c: ComplaintContext) => complaintSeverity({ category: c.category ?? 'other', buyerText: c.buyerText }, policy);
  return setup({
    types: { context: {} as ComplaintContext, events: {} as TurnEvent, input: {} as FlowInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
    actors: { recordComplaint: serviceActors.recordComplaint },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      listen: assign(({ context, event }) =>
        event.type === 'user.said' && !event.choice
          ? {
              buyerText: event.text ? [...context.buyerText, event.text].slice(-20) : context.buyerText,
              photos: [...context.photos, ...(event.photos ?? [])].slice(-10),
              now: event.now,
              turnId: event.turnId,
            }
          : {},
      ),
      takeCategory: assign(({ event }) => {
        const c = choiceValue(event, 'cat');
        return isCategory(c) ? { category: c } : {};
      }),
      respond: emit(({ context }) => ({
        type: 'reply' as const,
        reply: { ...REMEDY_REPLY[context.category ?? 'other'], values: { ref: context.record?.id ?? '', hours: severity(context).respondWithinHours } },
      })),
    },
    guards: {
      detailed: ({ context }) => detailOf(context.buyerText) >= ENOUGH_DETAIL,
      hasCategory: ({ context }) => context.category !== undefined,
      gaveCategory: ({ event }) => isCategory(choiceValue(event, 'cat')),
      severe: ({ context }) => severity(context).severity === 'severe',
    },
  }).createMachine({
    id: 'complaint',
    context: ({ input }) => {
      const fromReason = categoryFromReason(entity(input.first.nlu.entities, 'returnReason'));
      return {
        input,
        now: input.first.now,
        turnId: input.first.turnId,
        buyerText: input.first.text ? [input.first.text] : [],
        photos: input.first.photos ?? [],
        outcome: 'done',
        actions: [],
        ...(fromReason ? { category: fromReason } : {}),
      };
    },
    initial: 'start',
    states: {
      start: {
        always: [
          { guard: 'detailed', target: 'classifying', actions: { type: 'say', params: { key: 'complaint:sorry' } } },
          { target: 'listening', actions: { type: 'say', params: { key: 'complaint:askDetails' } } },
        ],
      },
      listening: {
        tags: ['awaitingUser', 'freeText'],
        on: { 'user.said': { target: 'classifying', actions: ['listen', { type: 'say', params: { key: 'complaint:sorry' } }] } },
      },
      classifying: {
        always: [
          { guard: 'hasCategory', target: 'recording' },
          { target: 'choosingCategory', actions: { type: 'say', params: { key: 'complaint:askCategory', suggestions: CATEGORY_SUGGESTIONS } } },
        ],
      },
      choosingCategory: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'gaveCategory', target: 'recording', actions: 'takeCategory' },
            // More words instead of a pick: keep them (nothing the buyer writes is lost) and ask again.
            { actions: ['listen', { type: 'say', params: { key: 'complaint:askCategory', suggestions: CATEGORY_SUGGESTIONS } }] },
          ],
        },
      },
      recording: {
        invoke: {
          src: 'recordComplaint',
          input: ({ context }) => ({
            conversationId: context.input.conversationId,
            ...(context.input.verifiedOrderId ? { orderId: context.input.verifiedOrderId } : {}),
            category: context.category ?? 'other',
            severity: severity(context).severity,
            summary: context.buyerText.join(' ').slice(0, 280),
            buyerText: context.buyerText,
            ...(context.photos.length > 0 ? { photos: context.photos } : {}),
            idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'complaint'),
          }),
          onDone: [
            {
              guard: 'severe',
              target: 'done',
              actions: [
                assign({ record: ({ event }) => event.output, outcome: 'handoff', actions: ({ context, event }) => [...context.actions, `complaint:${event.output.id}`] }),
                emit(({ event, context }) => ({
                  type: 'reply' as const,
                  reply: { key: context.category === 'negative_review' ? 'complaint:severeReview' : 'complaint:severe', values: { ref: event.output.id } },
                })),
              ],
            },
            {
              target: 'done',
              actions: [assign({ record: ({ event }) => event.output, actions: ({ context, event }) => [...context.actions, `complaint:${event.output.id}`] }), 'respond'],
            },
          ],
          onError: { target: 'done', actions: [{ type: 'say', params: { key: 'common:errors.serviceUnavailable' } }, assign({ outcome: 'handoff' })] },
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      outcome: context.outcome,
      actions: context.actions,
      intent: 'complaint',
      ...(context.input.verifiedOrderId ? { verifiedOrderId: context.input.verifiedOrderId } : {}),
      ...(context.outcome === 'handoff' ? { handoffReason: 'severe_complaint' as const } : {}),
    }),
  });
}
