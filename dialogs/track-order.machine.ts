/**
 * Where is my order: carrier, tracking number, timeline and the promised window. Slow → explain the
 * window; past the latest delivery date → offer refund or reship; lost → open a carrier claim and
 * offer refund or reship; "delivered but not received" → the usual checks first, then a claim.
 * "Back" from the checks returns to "did you receive it?".
 */
import { and, assign, emit, forwardTo, sendParent, sendTo, setup } from 'xstate';
import type { Order } from '../src/domain/order.js';
import type { TrackingInfo } from '../src/domain/tracking.js';
import { deliveryAssessment, orderTotal, type DeliveryAssessment, type PolicyConfig } from '../src/policy/index.js';
import type { UserSaid } from './events.js';
import { MISUNDERSTOOD, type FlowEvent, type FlowInput, type FlowOutput } from './flow.js';
import { dateValue, type Reply, type ReplyEmitted, type ReplyValue } from './reply.js';
import { effectKey, serviceActors } from './services.js';
import { isBack, suggestion } from './shared.js';
import { asksAboutParcel, readRemedy, type Remedy } from '../src/nlu/answers.js';
import { verifyBuyerMachine } from './verify-buyer.machine.js';
import { verifyingState } from './verifying.js';

interface TrackContext {
  input: FlowInput;
  now: string;
  turnId: string;
  order?: Order;
  tracking?: TrackingInfo;
  claimId?: string;
  outcome: FlowOutput['outcome'];
  actions: string[];
}

/** A typed answer (no button): "yes" / "no" read against the question asked. */
const typed = (event: UserSaid, control: 'yes' | 'no') => !event.choice && event.control === control;

const REMEDY = [suggestion('track:remedyRefund', 'remedy:refund'), suggestion('track:remedyReship', 'remedy:reship')];

/** The reply that states where the parcel is, with the timeline card. */
function statusReply(a: DeliveryAssessment, c: TrackContext): Reply {
  const orderId = c.order?.id ?? '';
  const carrier = c.tracking?.carrier ?? c.order?.carrier ?? '';
  const ref = { carrier: { carrier }, trackingNumber: c.tracking?.trackingNumber ?? c.order?.trackingNumber ?? '' };
  const card = c.tracking ? { card: { kind: 'trackingTimeline' as const, orderId, carrier, trackingNumber: ref.trackingNumber, events: c.tracking.events } } : {};
  const last = c.tracking?.events.at(-1);
  const lastValues: Record<string, ReplyValue> = last
    ? { lastEvent: { t: `track:events.${last.code}` }, lastAt: dateValue(last.at, 'datetime'), lastPlace: { text: last.location ?? '', ...(last.locations ? { byLang: last.locations } : {}) } }
    : { lastEvent: { t: 'track:events.unknown' }, lastAt: dateValue(c.order?.shippedAt ?? c.now, 'datetime'), lastPlace: '' };
  switch (a.kind) {
    case 'not_shipped':
      return a.pastLatest
        ? { key: 'track:notShippedLate', values: { orderId, latest: dateValue(a.window.latest) }, suggestions: [suggestion('common:menu.cancel', 'intent:cancel_order'), suggestion('common:menu.agent', 'intent:human_agent')] }
        : { key: 'track:notShipped', values: { orderId, earliest: dateValue(a.window.earliest), latest: dateValue(a.window.latest) } };
    case 'on_time':
      return { key: 'track:onTime', values: { orderId, ...ref, ...lastValues, earliest: dateValue(a.window.earliest), latest: dateValue(a.window.latest) }, ...card };
    case 'slow':
      return { key: 'track:slow', values: { orderId, ...ref, ...lastValues, latest: dateValue(a.window.latest) }, ...card };
    case 'late_offer_refund_or_reship':
      return { key: 'track:late', values: { orderId, ...ref, latest: dateValue(a.window.latest), refund: a.refund }, suggestions: REMEDY, ...card };
    case 'lost_claim_and_refund_or_reship':
      return { key: 'track:lost', values: { orderId, ...ref, claimId: c.claimId ?? '', refund: a.refund }, suggestions: REMEDY, ...card };
    case 'delivered':
      return {
        key: 'track:delivered',
        values: { orderId, ...ref, deliveredAt: dateValue(a.deliveredAt ?? c.order?.deliveredAt ?? c.now, 'datetime') },
        suggestions: [suggestion('track:notReceived', 'notReceived'), suggestion('track:gotIt', 'no')],
        ...card,
      };
    case 'returned_to_sender':
      return { key: 'track:returnedToSender', values: { orderId, refund: a.refund }, suggestions: REMEDY, ...card };
    case 'cancelled':
      return { key: 'track:cancelled', values: { orderId } };
  }
}

export function createTrackOrderMachine(policy: PolicyConfig) {
  const assess = (c: TrackContext): DeliveryAssessment | undefined =>
    c.order ? deliveryAssessment(c.order, c.tracking, new Date(c.now), policy) : undefined;
  const refundOf = (c: TrackContext) => {
    const a = assess(c);
    return a && 'refund' in a ? a.refund : c.order ? orderTotal(c.order) : { amount: 0, currency: 'USD' };
  };
  return setup({
    types: { context: {} as TrackContext, events: {} as FlowEvent, input: {} as FlowInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
    actors: { verifyBuyer: verifyBuyerMachine, track: serviceActors.track, openClaim: serviceActors.openClaim, recordRefund: serviceActors.recordRefund },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      notUnderstood: sendParent(MISUNDERSTOOD),
      toVerify: sendTo('verify', ({ event }) => event),
      reaskVerify: forwardTo('verify'),
      keepOrder: assign((_, params: { order: Order | undefined }) => ({ order: params.order })),
      locked: assign({ outcome: 'locked' as const }),
      nothingToGoBack: emit({ type: 'reply' as const, reply: { key: 'common:nothingToGoBack' } }),
      askChecks: emit({ type: 'reply' as const, reply: { key: 'track:notReceivedChecks', suggestions: [suggestion('track:stillMissing', 'stillMissing'), suggestion('track:foundIt', 'foundIt')] } }),
      askRemedy: emit(({ context }) => ({ type: 'reply' as const, reply: { key: 'track:chooseRemedy', values: { refund: refundOf(context) }, suggestions: REMEDY } })),
      tick: assign(({ event }) => (event.type === 'user.said' ? { now: event.now, turnId: event.turnId } : {})),
      tellStatus: emit(({ context }) => {
        const a = assess(context);
        return { type: 'reply' as const, reply: a ? statusReply(a, context) : { key: 'common:errors.serviceUnavailable' } };
      }),
      note: assign({ actions: ({ context }, params: { action: string }) => [...context.actions, params.action] }),
    },
    guards: {
      verified: (_, params: { order: Order | undefined }) => params.order !== undefined,
      isLost: ({ context }) => assess(context)?.kind === 'lost_claim_and_refund_or_reship',
      offersRemedy: ({ context }) => ['late_offer_refund_or_reship', 'lost_claim_and_refund_or_reship', 'returned_to_sender'].includes(assess(context)?.kind ?? ''),
      isDelivered: ({ context }) => assess(context)?.kind === 'delivered',
      picked: ({ event }, params: { choice: string }) => event.type === 'user.said' && event.choice === params.choice,
      // Refund or reship: the button, or typed ("直接退款吧", "just send it again").
      chose: ({ event }, params: { remedy: Remedy }) =>
        event.type === 'user.said' && (event.choice === `remedy:${params.remedy}` || (!event.choice && readRemedy(event.text) === params.remedy)),
      back: ({ event }) => event.type === 'user.said' && isBack(event),
      refundAsked: ({ context }) => !context.input.first.choice && readRemedy(context.input.first.text) === 'refund',
      asksAboutParcel: ({ event }) => event.type === 'user.said' && !event.choice && asksAboutParcel(event.text),
      // "Did you receive it?": the "Yes, I have it" button sends `no` (no problem), a typed "yes" means received.
      received: ({ event }) => event.type === 'user.said' && (event.choice === 'no' || typed(event, 'yes')),
      notReceived: ({ event }) => event.type === 'user.said' && (event.choice === 'notReceived' || typed(event, 'no')),
      // "Still missing?": typed "yes" = still missing, "no" = found it.
      stillMissing: ({ event }) => event.type === 'user.said' && (event.choice === 'stillMissing' || typed(event, 'yes')),
      foundIt: ({ event }) => event.type === 'user.said' && (event.choice === 'foundIt' || typed(event, 'no')),
    },
  }).createMachine({
    id: 'trackOrder',
    context: ({ input }) => ({ input, now: input.first.now, turnId: input.first.turnId, outcome: 'done', actions: [] }),
    initial: 'verifying',
    states: {
      verifying: verifyingState('tracking'),
      tracking: {
        invoke: {
          src: 'track',
          input: ({ context }) => ({ orderId: context.order?.id ?? '' }),
          onDone: { target: 'assessing', actions: assign({ tracking: ({ event }) => event.output }) },
          // Without the carrier we still know the promised window from the order itself.
          onError: { target: 'assessing' },
        },
      },
      assessing: {
        always: [
          { guard: 'isLost', target: 'claiming' },
          // "just refund me" said with it (or handed on from a return): the status, then the refund it asked for.
          { guard: and(['offersRemedy', 'refundAsked']), target: 'refunding', actions: 'tellStatus' },
          { guard: 'offersRemedy', target: 'choosingRemedy', actions: 'tellStatus' },
          { guard: 'isDelivered', target: 'deliveredCheck', actions: 'tellStatus' },
          { target: 'done', actions: 'tellStatus' },
        ],
      },
      claiming: {
        invoke: {
          src: 'openClaim',
          input: ({ context }) => ({ orderId: context.order?.id ?? '', idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'claim') }),
          onDone: {
            target: 'choosingRemedy',
            actions: [assign({ claimId: ({ event }) => event.output.claimId }), { type: 'note', params: { action: 'carrier_claim' } }, 'tellStatus'],
          },
          onError: { target: 'choosingRemedy', actions: 'tellStatus' },
        },
      },
      deliveredCheck: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'back', actions: ['nothingToGoBack', 'tellStatus'] },
            { guard: 'notReceived', target: 'notReceivedChecks', actions: 'tick' },
            { guard: 'received', target: 'done', actions: { type: 'say', params: { key: 'track:glad' } } },
            { actions: ['tellStatus', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'tellStatus' },
        },
      },
      notReceivedChecks: {
        tags: 'awaitingUser',
        entry: 'askChecks',
        on: {
          'user.said': [
            { guard: 'back', target: 'deliveredCheck', actions: 'tellStatus' },
            { guard: 'foundIt', target: 'done', actions: { type: 'say', params: { key: 'track:glad' } } },
            // Opens a carrier claim: only on a clear answer, never on something unrecognised.
            { guard: 'stillMissing', target: 'missingClaim', actions: 'tick' },
            { actions: ['askChecks', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'askChecks' },
        },
      },
      missingClaim: {
        invoke: {
          src: 'openClaim',
          input: ({ context }) => ({ orderId: context.order?.id ?? '', idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'claim') }),
          onDone: {
            target: 'choosingRemedy',
            actions: [
              assign({ claimId: ({ event }) => event.output.claimId }),
              { type: 'note', params: { action: 'carrier_claim' } },
              emit(({ context, event }) => ({
                type: 'reply' as const,
                reply: { key: 'track:claimOpened', values: { claimId: event.output.claimId, refund: refundOf(context) }, suggestions: REMEDY },
              })),
            ],
          },
          onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
        },
      },
      choosingRemedy: {
        tags: ['awaitingUser', 'remedy'],
        on: {
          'user.said': [
            // Reached right after the status or after a claim was opened: no earlier question to return to.
            { guard: 'back', actions: ['nothingToGoBack', 'askRemedy'] },
            { guard: { type: 'chose', params: { remedy: 'refund' } }, target: 'refunding', actions: 'tick' },
            // "so its late right? whats going on with usps": the parcel's status again (with the offer), not a miss.
            { guard: 'asksAboutParcel', actions: 'tellStatus' },
            {
              guard: { type: 'chose', params: { remedy: 'reship' } },
              target: 'done',
              // A replacement parcel is arranged by a person (stock, carrier, address check).
              actions: [{ type: 'say', params: { key: 'track:reshipHandoff' } }, { type: 'note', params: { action: 'reship_requested' } }, assign({ outcome: 'handoff' })],
            },
            { actions: ['askRemedy', 'notUnderstood'] },
          ],
          // Asked again (after a language switch, help or "no" to a person): the status it is about comes with it.
          'flow.reask': [{ guard: 'offersRemedy', actions: 'tellStatus' }, { actions: 'askRemedy' }],
        },
      },
      refunding: {
        invoke: {
          src: 'recordRefund',
          input: ({ context }) => ({ orderId: context.order?.id ?? '', amount: refundOf(context), idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'refund') }),
          onDone: [
            {
              guard: ({ event }) => event.output.ok,
              target: 'done',
              actions: [emit(({ context }) => ({ type: 'reply' as const, reply: { key: 'track:refunded', values: { refund: refundOf(context), orderId: context.order?.id ?? '' } } })), { type: 'note', params: { action: 'refunded' } }],
            },
            { target: 'done', actions: [{ type: 'say', params: { key: 'track:refundNeedsAgent' } }, assign({ outcome: 'handoff' })] },
          ],
          onError: { target: 'choosingRemedy', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      outcome: context.outcome,
      actions: context.actions,
      intent: 'track_order',
      ...(context.order ? { verifiedOrderId: context.order.id } : {}),
      ...(context.outcome === 'handoff' ? { handoffReason: 'policy_exception' as const } : {}),
    }),
  });
}
