/**
 * Complaints and negative reviews: listen, classify, apologise, offer what the policy allows (often
 * the return flow), record it with a summary for agents, and hand off when severe. Never offers
 * anything in exchange for changing or removing a review (seed 003/004): when the buyer proposes such
 * a deal the reply explains the rule and still offers the real remedy.
 *
 * An order id the buyer names is recorded; it counts as the complaint's order (and its value weighs
 * on severity) only when the buyer is verified for it. Nothing about an order is ever said back.
 */
import { assign, emit, enqueueActions, sendParent, setup } from 'xstate';
import type { Money } from '../src/domain/money.js';
import type { ComplaintCategory, ComplaintRecord } from '../src/domain/complaint.js';
import { complaintSeverity, orderTotal, type PolicyConfig } from '../src/policy/index.js';
import { MISUNDERSTOOD, type FlowEvent, type FlowInput, type FlowOutput } from './flow.js';
import type { Reply, ReplyEmitted, Suggestion } from './reply.js';
import { effectKey, serviceActors } from './services.js';
import { readComplaintCategory, readReason, withoutCodes } from '../src/nlu/answers.js';
import type { Intent } from '../src/nlu/types.js';
import { choiceValue, effectiveIntent, entity, suggestion } from './shared.js';
import { SWITCH_SCORE } from './interruptions.js';

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
  /** Latest order id the buyer named in this complaint. */
  mentionedOrderId?: string;
  /** The complaint's order, once the buyer is known to be verified for it. */
  verified?: { orderId: string; total: Money };
  /** The buyer offered a review change for something; the rule was explained once. */
  reviewBargain: boolean;
  ruleExplained: boolean;
  record?: ComplaintRecord;
  /** The buyer asked for a person before the complaint was recorded: recorded first, then handed over. */
  toPerson?: boolean;
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

/** The first button of each category's reply, as the conversation's offered next step. */
const NEXT_STEP: Record<ComplaintCategory, Intent> = {
  product_quality: 'return_item',
  description_mismatch: 'return_item',
  negative_review: 'return_item',
  delivery: 'track_order',
  service: 'human_agent',
  other: 'human_agent',
};

/** A category button, or typed words that name the kind of problem ("it arrived broken"). */
function categoryOf(event: FlowEvent): ComplaintCategory | undefined {
  if (event.type !== 'user.said') return undefined;
  const picked = choiceValue(event, 'cat');
  if (isCategory(picked)) return picked;
  return event.choice ? undefined : (categoryFromReason(entity(event.nlu.entities, 'returnReason')) ?? readComplaintCategory(event.text, { reviewDeal: entity(event.nlu.entities, 'reviewBargain') !== undefined }));
}

/** The order the complaint is about: the one named in it, else the one verified earlier. */
const subjectOf = (c: ComplaintContext): string | undefined => c.mentionedOrderId ?? c.input.verifiedOrderId;
const sameEmail = (a: string, b: string | undefined) => b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The rule and the real remedy; the flow then goes on to record and remedy the actual problem. */
const RULE_REPLY: Reply = { key: 'complaint:reviewBargain' };
/** The rule after the remedy the deal asked for was given as owed (a late order's refund): it was no deal. */
const OWED_RULE_REPLY: Reply = { key: 'complaint:reviewBargainOwed' };

export function createComplaintMachine(policy: PolicyConfig) {
  const severity = (c: ComplaintContext) =>
    complaintSeverity({ category: c.category ?? 'other', buyerText: c.buyerText, ...(c.verified ? { orderTotal: c.verified.total } : {}) }, policy);
  return setup({
    types: { context: {} as ComplaintContext, events: {} as FlowEvent, input: {} as FlowInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
    actors: { recordComplaint: serviceActors.recordComplaint, loadOrder: serviceActors.loadOrder },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      listen: assign(({ context, event }) => {
        if (event.type !== 'user.said' || event.choice) return {};
        const orderId = entity(event.nlu.entities, 'orderId');
        return {
          buyerText: event.text ? [...context.buyerText, event.text].slice(-20) : context.buyerText,
          photos: [...context.photos, ...(event.photos ?? [])].slice(-10),
          now: event.now,
          turnId: event.turnId,
          ...(orderId ? { mentionedOrderId: orderId } : {}),
          ...(entity(event.nlu.entities, 'reviewBargain') ? { reviewBargain: true } : {}),
        };
      }),
      /** The review rule, once, as soon as the buyer proposes a deal; otherwise the plain apology. */
      acknowledge: enqueueActions(({ context, enqueue }, params: { apology: boolean }) => {
        if (context.reviewBargain && !context.ruleExplained) {
          enqueue.emit({ type: 'reply', reply: context.input.remedyOwed ? OWED_RULE_REPLY : RULE_REPLY });
          enqueue.assign({ ruleExplained: true });
        } else if (params.apology) {
          enqueue.emit({ type: 'reply', reply: { key: 'complaint:sorry' } });
        }
      }),
      otherUnlessKnown: assign(({ context }) => ({ category: context.category ?? 'other' })),
      takeCategory: assign(({ event }) => {
        const c = categoryOf(event);
        return c ? { category: c } : {};
      }),
      askCategory: emit({ type: 'reply' as const, reply: { key: 'complaint:askCategory', suggestions: CATEGORY_SUGGESTIONS } }),
      /** The category question was not answered: the root counts it (see flow.ts). Story text is kept by `listen`. */
      notUnderstood: sendParent(MISUNDERSTOOD),
      respond: emit(({ context }) => ({
        type: 'reply' as const,
        reply: { ...REMEDY_REPLY[context.category ?? 'other'], values: { ref: context.record?.id ?? '', hours: severity(context).respondWithinHours } },
      })),
    },
    guards: {
      detailed: ({ context }) => detailOf(context.buyerText) >= ENOUGH_DETAIL,
      // What was said before, without the codes that only identified the order ("where is order 111-…?" tells nothing).
      // A kind already named ("必须给差评") about the verified order the conversation was about is enough too.
      storyKnown: ({ context }) => {
        const said = context.input.said ?? [];
        if (context.input.verifiedOrderId === undefined || said.length === 0) return false;
        return context.category !== undefined || detailOf(said.map(withoutCodes)) >= ENOUGH_DETAIL;
      },
      // Verified for this order: earlier in the conversation, or by a signed buyer token (checked on load).
      canCheckOrder: ({ context }) => {
        const subject = subjectOf(context);
        return subject !== undefined && (subject === context.input.verifiedOrderId || context.input.verifiedEmail !== undefined);
      },
      hasCategory: ({ context }) => context.category !== undefined,
      gaveCategory: ({ event }) => categoryOf(event) !== undefined,
      photoOnly: ({ event }) => event.type === 'user.said' && (event.photos?.length ?? 0) > 0 && !event.text.trim() && !event.choice,
      severe: ({ context }) => severity(context).severity === 'severe',
      toPerson: ({ context }) => context.toPerson === true,
      // "no more bot answers, get me a real person": the root routes it here only when it is one (interruptions.ts).
      asksPerson: ({ event }) => event.type === 'user.said' && !event.choice && effectiveIntent(event) === 'human_agent' && event.nlu.score >= SWITCH_SCORE,
    },
  }).createMachine({
    id: 'complaint',
    context: ({ input }) => {
      const entities = input.first.nlu.entities;
      const reviewDeal = entity(entities, 'reviewBargain') !== undefined;
      // "我要投诉" after "the headset still hasn't arrived": the earlier messages say what kind of problem it is.
      const fromReason =
        categoryFromReason(entity(entities, 'returnReason')) ??
        readComplaintCategory(input.first.text, { reviewDeal }) ??
        [...(input.said ?? [])].reverse().map((t) => readComplaintCategory(t, { reviewDeal })).find((c) => c !== undefined && c !== 'other') ??
        // A fault told before ("the mitts arrived damaged", then a review deal): that is the kind of problem.
        [...(input.said ?? [])].reverse().map((t) => categoryFromReason(readReason(t, input.lang))).find((c) => c !== undefined);
      const orderId = entity(entities, 'orderId');
      return {
        input,
        now: input.first.now,
        turnId: input.first.turnId,
        buyerText: input.first.text ? [input.first.text] : [],
        photos: input.first.photos ?? [],
        reviewBargain: entity(entities, 'reviewBargain') !== undefined,
        ruleExplained: false,
        outcome: 'done',
        actions: [],
        ...(fromReason ? { category: fromReason } : {}),
        ...(orderId ? { mentionedOrderId: orderId } : {}),
      };
    },
    initial: 'start',
    states: {
      start: {
        always: [
          { guard: 'detailed', target: 'classifying', actions: { type: 'acknowledge', params: { apology: true } } },
          // "太差了 必须给差评" after the slow parcel was tracked: the verified order and what was said about it are the story.
          { guard: 'storyKnown', target: 'classifying', actions: { type: 'acknowledge', params: { apology: true } } },
          { target: 'listening', actions: [{ type: 'acknowledge', params: { apology: false } }, { type: 'say', params: { key: 'complaint:askDetails' } }] },
        ],
      },
      // Free text: whatever the buyer writes is the story, so nothing here counts as misunderstood.
      listening: {
        tags: ['awaitingUser', 'freeText'],
        on: {
          'user.said': [
            { guard: 'asksPerson', target: 'checkingOrder', actions: [assign({ toPerson: true }), 'otherUnlessKnown'] },
            { target: 'classifying', actions: ['listen', { type: 'acknowledge', params: { apology: true } }] },
          ],
          'flow.reask': { actions: { type: 'say', params: { key: 'complaint:askDetails' } } },
        },
      },
      classifying: {
        always: [
          { guard: 'hasCategory', target: 'checkingOrder' },
          // Told in the conversation about a verified order: recorded now (the buyer may add to it), never asked again.
          { guard: 'storyKnown', target: 'checkingOrder', actions: 'otherUnlessKnown' },
          { target: 'choosingCategory', actions: 'askCategory' },
        ],
      },
      choosingCategory: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'asksPerson', target: 'checkingOrder', actions: [assign({ toPerson: true }), 'otherUnlessKnown'] },
            { guard: 'gaveCategory', target: 'checkingOrder', actions: ['listen', { type: 'acknowledge', params: { apology: false } }, 'takeCategory'] },
            { guard: 'photoOnly', actions: ['listen', { type: 'say', params: { key: 'returns:photoReceived' } }, 'askCategory'] },
            // Other words instead of a pick: the options are a convenience, never a gate. The words are kept
            // (nothing the buyer writes is lost) and the complaint is recorded as "something else".
            { target: 'checkingOrder', actions: ['listen', { type: 'acknowledge', params: { apology: false } }, assign({ category: 'other' as const })] },
          ],
          'flow.reask': { actions: 'askCategory' },
        },
      },
      checkingOrder: {
        always: [{ guard: 'canCheckOrder', target: 'loadingOrder' }, { target: 'recording' }],
      },
      loadingOrder: {
        invoke: {
          src: 'loadOrder',
          input: ({ context }) => ({ orderId: subjectOf(context) ?? '' }),
          onDone: {
            target: 'recording',
            actions: assign(({ context, event }) => {
              const order = event.output;
              const verified = order !== undefined && (order.id === context.input.verifiedOrderId || sameEmail(order.buyerEmail, context.input.verifiedEmail));
              return verified ? { verified: { orderId: order.id, total: orderTotal(order) } } : {};
            }),
          },
          // The complaint matters more than its order's value: record it without.
          onError: { target: 'recording' },
        },
      },
      recording: {
        invoke: {
          src: 'recordComplaint',
          input: ({ context }) => {
            const subject = subjectOf(context);
            return {
              conversationId: context.input.conversationId,
              // An order verified earlier in the conversation stays the complaint's order even if it could not be read now.
              ...(context.verified
                ? { orderId: context.verified.orderId }
                : subject && subject === context.input.verifiedOrderId
                  ? { orderId: subject }
                  : subject
                    ? { mentionedOrderId: subject }
                    : {}),
              category: context.category ?? 'other',
              severity: severity(context).severity,
              summary: context.buyerText.join(' ').slice(0, 280),
              buyerText: context.buyerText,
              ...(context.photos.length > 0 ? { photos: context.photos } : {}),
              ...(context.reviewBargain ? { reviewBargain: true } : {}),
              idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'complaint'),
            };
          },
          onDone: [
            {
              guard: 'toPerson',
              target: 'done',
              actions: [
                assign({ record: ({ event }) => event.output, outcome: 'handoff', actions: ({ context, event }) => [...context.actions, `complaint:${event.output.id}`] }),
                emit(({ event }) => ({ type: 'reply' as const, reply: { key: 'complaint:recordedForPerson', values: { ref: event.output.id } } })),
              ],
            },
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
    output: ({ context }) => {
      const verifiedOrderId = context.verified?.orderId ?? context.input.verifiedOrderId;
      return {
        outcome: context.outcome,
        actions: context.actions,
        intent: 'complaint',
        ...(verifiedOrderId ? { verifiedOrderId } : {}),
        ...(context.outcome === 'handoff' ? { handoffReason: context.toPerson ? ('asked' as const) : ('severe_complaint' as const) } : {}),
        // The remedy the reply offered first: a typed yes, or the order number it needs, takes it.
        ...(context.outcome === 'done' && context.record ? { next: NEXT_STEP[context.category ?? 'other'] } : {}),
      };
    },
  });
}
