/**
 * Return / refund / exchange / warranty. An RMA number in the message, or open returns on the
 * verified order, answer "where is my refund"; otherwise the return-offer flow agrees the return
 * (reason → condition → eligibility → options with shipping and refund stated up front → RMA + label,
 * or the warranty path / a clear no outside the window). The order summary card goes with the first
 * reply after verification. A buyer who offers to change a review for a refund is told the rule first,
 * then gets the real remedy: the return itself (a deal offered later hears it too, then the same question).
 */
import { assign, emit, forwardTo, fromPromise, sendParent, sendTo, setup, spawnChild } from 'xstate';
import type { Order, ReturnAuthorization } from '../src/domain/order.js';
import { complaintSeverity, orderTotal, shippedPastLatest, type PolicyConfig } from '../src/policy/index.js';
import { MISUNDERSTOOD, REASK, type FlowEvent, type FlowInput, type FlowOutput, type IssuedReturn } from './flow.js';
import { orderSummaryCard } from './order-summary.js';
import { dateValue, type Reply, type ReplyEmitted } from './reply.js';
import { createReturnOfferMachine } from './return-offer.machine.js';
import { namedItem, readReason } from '../src/nlu/answers.js';
import { isReason } from './return-terms.js';
import { effectKey, serviceActors } from './services.js';
import { effectiveIntent, entity, isNo, suggestion } from './shared.js';
import { verifyBuyerMachine } from './verify-buyer.machine.js';
import { verifyingState } from './verifying.js';

const OPEN_STATUSES: ReturnAuthorization['status'][] = ['authorized', 'in_transit', 'received', 'refunded'];

interface ReturnContext {
  input: FlowInput;
  now: string;
  turnId: string;
  order?: Order;
  /** Photos sent before the offer starts (with the first message or while verifying). */
  photos: string[];
  /** The order summary card was shown (it goes with the first reply after verification). */
  summaryShown: boolean;
  /** The open return just reported, asked about again when the answer is not understood. */
  existing?: ReturnAuthorization;
  outcome: FlowOutput['outcome'];
  actions: string[];
  issued?: IssuedReturn;
  /** The buyer's words so far in this flow: the return offer fills its slots from them. */
  said?: string[];
  /** The request is the track flow's (a late parcel's refund): the root hands it on. */
  handOn?: 'track_order';
}

/**
 * A step that only lets this machine's reply go out before a child machine's first one: XState runs a
 * new actor's first actions after starting the children it invokes, so without it the verification
 * question would come before the reply that must precede it.
 */
const replyFirst = fromPromise<void>(async () => undefined);

function statusReply(r: ReturnAuthorization): Reply {
  return {
    key: `returns:status.${r.status}`,
    values: { rma: r.rma, refund: r.refundAmount, ...(r.refundedAt ? { refundedAt: dateValue(r.refundedAt) } : {}) },
  };
}

/** The buyer's latest words name one item of the order that no open return covers. */
function namesItemNotReturned(context: ReturnContext, returns: readonly ReturnAuthorization[]): boolean {
  const order = context.order;
  const latest = context.said?.at(-1);
  if (!order || !latest || order.items.length < 2) return false;
  const i = namedItem(latest, order.items.map((x) => x.title));
  const sku = i !== undefined ? order.items[i]?.sku : undefined;
  return sku !== undefined && !returns.some((r) => OPEN_STATUSES.includes(r.status) && r.skus.includes(sku));
}

/** The buyer's messages since the last one that named a different item than the latest item named. */
function aboutLatestItem(said: readonly string[], order: Order): string[] {
  if (order.items.length < 2) return [...said];
  const titles = order.items.map((i) => i.title);
  const named = said.map((t) => namedItem(t, titles));
  const latest = named.findLast((i) => i !== undefined);
  const other = named.findLastIndex((i) => i !== undefined && i !== latest);
  return said.slice(other + 1);
}

/** An open return's status, then "another return, or is that all?". */
const existingReply = (r: ReturnAuthorization | undefined): Reply => ({
  ...(r ? statusReply(r) : { key: 'returns:rmaUnknown' }),
  suggestions: [suggestion('returns:anotherReturn', 'newReturn'), suggestion('returns:thatsAll', 'no')],
});

export function createReturnItemMachine(policy: PolicyConfig) {
  return setup({
    types: { context: {} as ReturnContext, events: {} as FlowEvent, input: {} as FlowInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
    actors: {
      verifyBuyer: verifyBuyerMachine,
      findReturn: serviceActors.findReturn,
      listReturns: serviceActors.listReturns,
      returnOffer: createReturnOfferMachine(policy),
      replyFirst,
      recordComplaint: serviceActors.recordComplaint,
    },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      notUnderstood: sendParent(MISUNDERSTOOD),
      toVerify: sendTo('verify', ({ event }) => event),
      reaskVerify: forwardTo('verify'),
      askVerifyAgain: sendTo('verify', REASK),
      keepOrder: assign((_, params: { order: Order | undefined }) => ({ order: params.order })),
      locked: assign({ outcome: 'locked' as const }),
      statePolicy: emit({ type: 'reply' as const, reply: { key: 'complaint:reviewBargain' } }),
      /**
       * A review deal offered mid-return is a complaint about a review (seed 003/004): recorded for the
       * team, as the same words would be at the start, while the return goes on (no handoff here).
       */
      recordDeal: spawnChild('recordComplaint', {
        input: ({ context, event }) => {
          // `listen` ran first: the deal's own words are the last of them.
          const buyerText = (context.said ?? []).slice(-6);
          const order = context.order;
          return {
            conversationId: context.input.conversationId,
            ...(order ? { orderId: order.id } : {}),
            category: 'negative_review' as const,
            severity: complaintSeverity({ category: 'negative_review', buyerText, ...(order ? { orderTotal: orderTotal(order) } : {}) }, policy).severity,
            summary: buyerText.join(' ').slice(0, 280),
            buyerText,
            reviewBargain: true,
            idempotencyKey: effectKey(context.input.conversationId, event.type === 'user.said' ? event.turnId : context.turnId, 'complaint'),
          };
        },
      }),
      askExisting: emit(({ context }) => ({ type: 'reply' as const, reply: existingReply(context.existing) })),
      listen: assign(({ context, event }) =>
        event.type === 'user.said'
          ? { now: event.now, turnId: event.turnId, photos: [...context.photos, ...(event.photos ?? [])].slice(-10), said: [...(context.said ?? []), event.text.slice(0, 300)].slice(-4) }
          : {},
      ),
    },
    guards: {
      verified: (_, params: { order: Order | undefined }) => params.order !== undefined,
      offersReviewDeal: ({ context }) => entity(context.input.first.nlu.entities, 'reviewBargain') !== undefined,
      // A review offered for something later on: the rule again, then the pending question (nothing else is read from it).
      dealMidway: ({ event }) => event.type === 'user.said' && !event.choice && entity(event.nlu.entities, 'reviewBargain') !== undefined,
      lateInTransit: ({ context }) => context.order !== undefined && shippedPastLatest(context.order, new Date(context.now), policy),
      hasRmaEntity: ({ context }) => entity(context.input.first.nlu.entities, 'rma') !== undefined,
      // The button, or typing that another return is wanted.
      wantsAnother: ({ event }) => event.type === 'user.said' && (event.choice === 'newReturn' || (!event.choice && effectiveIntent(event) === 'return_item')),
      // The button, a typed no, thanks or goodbye.
      thatsAll: ({ event }) => event.type === 'user.said' && (isNo(event) || (!event.choice && ['thanks', 'goodbye'].includes(event.nlu.intent))),
    },
  }).createMachine({
    id: 'returnItem',
    context: ({ input }) => ({
      input,
      now: input.first.now,
      turnId: input.first.turnId,
      photos: input.first.photos ?? [],
      summaryShown: false,
      said: [...(input.said ?? []), input.first.text],
      outcome: 'done',
      actions: [],
    }),
    initial: 'start',
    states: {
      start: {
        always: [{ guard: 'offersReviewDeal', target: 'explainingRule' }, { guard: 'hasRmaEntity', target: 'lookingUpRma' }, { target: 'verifying' }],
      },
      // seed 003/004: nothing is offered for a review; the buyer hears the rule before anything else.
      // The deal is a review complaint for the team too, as it is when offered later in the return.
      explainingRule: {
        entry: ['statePolicy', 'recordDeal'],
        invoke: { src: 'replyFirst', onDone: [{ guard: 'hasRmaEntity', target: 'lookingUpRma' }, { target: 'verifying' }] },
      },
      lookingUpRma: {
        invoke: {
          src: 'findReturn',
          input: ({ context }) => ({ rma: (entity(context.input.first.nlu.entities, 'rma') ?? '').toUpperCase() }),
          onDone: [
            // Status only, nothing about the order: the buyer is not verified on this path.
            { guard: ({ event }) => event.output !== undefined, target: 'done', actions: emit(({ event }) => ({ type: 'reply' as const, reply: event.output ? statusReply(event.output) : { key: 'returns:rmaUnknown' } })) },
            { target: 'verifying', actions: { type: 'say', params: { key: 'returns:rmaUnknown' } } },
          ],
          onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
        },
      },
      verifying: {
        ...verifyingState('inTransit'),
        on: {
          ...verifyingState('inTransit').on,
          'user.said': [
            { guard: 'dealMidway', actions: ['listen', 'statePolicy', 'askVerifyAgain'] },
            { actions: ['listen', 'toVerify'] },
          ],
        },
      },
      // "i dont want to wait anymore just refund me" for a late parcel: the late order's refund (track flow), not "can't be returned".
      inTransit: {
        always: [{ guard: 'lateInTransit', target: 'done', actions: assign({ handOn: 'track_order' as const }) }, { target: 'checkingExisting' }],
      },
      checkingExisting: {
        invoke: {
          src: 'listReturns',
          input: ({ context }) => ({ orderId: context.order?.id ?? '' }),
          onDone: [
            // "can I send the spatula back too?": an item no open return covers is a new return, no status first.
            { guard: ({ context, event }) => namesItemNotReturned(context, event.output), target: 'offering' },
            {
              guard: ({ event }) => event.output.some((r) => OPEN_STATUSES.includes(r.status)),
              target: 'existingChoice',
              actions: [
                assign({ existing: ({ event }) => event.output.filter((x) => OPEN_STATUSES.includes(x.status)).at(-1) }),
                emit(({ context }) => {
                  const card = context.order ? { card: orderSummaryCard(context.order) } : {};
                  return { type: 'reply' as const, reply: { ...existingReply(context.existing), ...card } };
                }),
                assign({ summaryShown: true }),
              ],
            },
            { target: 'offering' },
          ],
          onError: { target: 'offering' },
        },
      },
      existingChoice: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'dealMidway', actions: ['statePolicy', 'askExisting'] },
            { guard: 'wantsAnother', target: 'offering', actions: 'listen' },
            { guard: 'thatsAll', target: 'done', actions: { type: 'say', params: { key: 'common:thanks' } } },
            { actions: ['listen', 'askExisting', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'askExisting' },
        },
      },
      offering: {
        tags: 'awaitingUser',
        invoke: {
          id: 'offer',
          src: 'returnOffer',
          input: ({ context }) => {
            const order = context.order;
            if (!order) throw new Error('return offer without a verified order');
            const said = context.said ?? [];
            // A reason told about another item earlier ("the mitts are torn" … "the spatula too?") is not this item's.
            const typedReason = aboutLatestItem(said, order).reverse().map((t) => readReason(t, context.input.lang)).find((r) => r !== undefined);
            const reason = typedReason ?? entity(context.input.first.nlu.entities, 'returnReason');
            return {
              conversationId: context.input.conversationId,
              lang: context.input.lang,
              now: context.now,
              turnId: context.turnId,
              order,
              photos: context.photos,
              showSummary: !context.summaryShown,
              said: context.said ?? [],
              ...(isReason(reason) ? { reason } : {}),
            };
          },
          onDone: { target: 'done', actions: assign({ actions: ({ context, event }) => [...context.actions, ...event.output.actions], issued: ({ event }) => event.output.issued }) },
        },
        on: {
          'user.said': [{ guard: 'dealMidway', actions: ['listen', 'recordDeal', 'statePolicy', sendTo('offer', REASK)] }, { actions: sendTo('offer', ({ event }) => event) }],
          'flow.misunderstood': { actions: 'notUnderstood' },
          'flow.reask': { actions: forwardTo('offer') },
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      outcome: context.outcome,
      actions: context.actions,
      intent: 'return_item',
      ...(context.order ? { verifiedOrderId: context.order.id } : {}),
      ...(context.issued ? { issued: context.issued } : {}),
      ...(context.handOn ? { handOn: context.handOn } : {}),
    }),
  });
}
