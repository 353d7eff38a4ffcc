/**
 * Cancel an order. Inside the buyer's own window → cancel; unshipped → the seller cancels; shipped →
 * explain and offer the return path once delivered. Always confirms before acting, and re-checks the
 * policy at confirmation time (the buyer may answer after the window closed).
 */
import { assign, emit, forwardTo, sendParent, sendTo, setup } from 'xstate';
import type { Order } from '../src/domain/order.js';
import { cancelDecision, orderTotal, type CancelDecision, type PolicyConfig } from '../src/policy/index.js';
import { MISUNDERSTOOD, type FlowEvent, type FlowInput, type FlowOutput } from './flow.js';
import { dateValue, type Reply, type ReplyEmitted } from './reply.js';
import { itemTitleValue } from '../src/domain/reply.js';
import { effectKey, serviceActors } from './services.js';
import { isBack, isNo, isYes, YES_NO } from './shared.js';
import { verifyBuyerMachine } from './verify-buyer.machine.js';
import { verifyingState } from './verifying.js';

interface CancelContext {
  input: FlowInput;
  now: string;
  turnId: string;
  order?: Order;
  outcome: FlowOutput['outcome'];
  actions: string[];
}

export function createCancelOrderMachine(policy: PolicyConfig) {
  const decide = (c: CancelContext): CancelDecision['kind'] | 'none' =>
    c.order ? cancelDecision(c.order, new Date(c.now), policy).kind : 'none';
  return setup({
    types: {
      context: {} as CancelContext,
      events: {} as FlowEvent,
      input: {} as FlowInput,
      output: {} as FlowOutput,
      emitted: {} as ReplyEmitted,
    },
    actors: { verifyBuyer: verifyBuyerMachine, cancelOrder: serviceActors.cancelOrder },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      notUnderstood: sendParent(MISUNDERSTOOD),
      toVerify: sendTo('verify', ({ event }) => event),
      reaskVerify: forwardTo('verify'),
      keepOrder: assign((_, params: { order: Order | undefined }) => ({ order: params.order })),
      locked: assign({ outcome: 'locked' as const }),
      tick: assign(({ event }) => (event.type === 'user.said' ? { now: event.now, turnId: event.turnId } : {})),
      askConfirm: emit(({ context }) => ({
        type: 'reply' as const,
        reply: {
          key: 'cancel:confirm',
          values: { orderId: context.order?.id ?? '', title: itemTitleValue(context.order?.items[0] ?? { title: '' }), total: context.order ? orderTotal(context.order) : { amount: 0, currency: 'USD' } },
          suggestions: YES_NO('cancel:yesCancel', 'cancel:noKeep'),
        },
      })),
      explain: emit(({ context }) => {
        const d = context.order ? cancelDecision(context.order, new Date(context.now), policy) : undefined;
        const orderId = context.order?.id ?? '';
        const reply: Reply =
          d?.kind === 'shipped_offer_return'
            ? { key: 'cancel:shipped', values: { orderId }, suggestions: [{ key: 'common:menu.track', choice: 'intent:track_order' }] }
            : d?.kind === 'delivered_offer_return'
              ? {
                  key: d.returnDeadline ? 'cancel:deliveredOfferReturn' : 'cancel:deliveredOfferReturnNoDate',
                  values: { orderId, ...(d.returnDeadline ? { deadline: dateValue(d.returnDeadline) } : {}) },
                  suggestions: [{ key: 'common:menu.return', choice: 'intent:return_item' }],
                }
              : d?.kind === 'already_cancelled'
                ? { key: 'cancel:alreadyCancelled', values: { orderId } }
                : { key: 'cancel:returned', values: { orderId } };
        return { type: 'reply' as const, reply };
      }),
    },
    guards: {
      verified: (_, params: { order: Order | undefined }) => params.order !== undefined,
      cancellable: ({ context }) => ['buyer_can_cancel', 'seller_can_cancel'].includes(decide(context)),
      needsApproval: ({ context }) => {
        const d = context.order ? cancelDecision(context.order, new Date(context.now), policy) : undefined;
        return d?.kind === 'seller_can_cancel' && d.requiresApproval;
      },
      yes: ({ event }) => event.type === 'user.said' && isYes(event),
      no: ({ event }) => event.type === 'user.said' && isNo(event),
      back: ({ event }) => event.type === 'user.said' && isBack(event),
    },
  }).createMachine({
    id: 'cancelOrder',
    context: ({ input }) => ({ input, now: input.first.now, turnId: input.first.turnId, outcome: 'done', actions: [] }),
    initial: 'verifying',
    states: {
      verifying: verifyingState('deciding'),
      deciding: {
        always: [
          { guard: 'needsApproval', target: 'done', actions: [{ type: 'say', params: { key: 'cancel:needsApproval' } }, assign({ outcome: 'handoff' })] },
          { guard: 'cancellable', target: 'confirming', actions: 'askConfirm' },
          { target: 'done', actions: 'explain' },
        ],
      },
      confirming: {
        tags: ['awaitingUser', 'yesNo'],
        on: {
          'user.said': [
            // The first question after verification: nothing to go back to.
            { guard: 'back', actions: [{ type: 'say', params: { key: 'common:nothingToGoBack' } }, 'askConfirm'] },
            { guard: 'yes', target: 'rechecking', actions: 'tick' },
            { guard: 'no', target: 'done', actions: emit(({ context }) => ({ type: 'reply' as const, reply: { key: 'cancel:kept', values: { orderId: context.order?.id ?? '' } } })) },
            { actions: ['askConfirm', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'askConfirm' },
        },
      },
      rechecking: {
        // The answer may come after the buyer's own window closed: a seller cancel may then need an
        // agent's approval. Shipment meanwhile is the order service's answer (`already_shipped`).
        always: [
          { guard: 'needsApproval', target: 'done', actions: [{ type: 'say', params: { key: 'cancel:needsApproval' } }, assign({ outcome: 'handoff' })] },
          { target: 'cancelling' },
        ],
      },
      cancelling: {
        invoke: {
          src: 'cancelOrder',
          input: ({ context }) => ({
            orderId: context.order?.id ?? '',
            by: decide(context) === 'buyer_can_cancel' ? 'buyer' : 'seller',
            reason: 'buyer_request',
            idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'cancel'),
          }),
          onDone: [
            {
              guard: ({ event }) => event.output.ok,
              target: 'done',
              actions: [
                emit(({ context }) => ({
                  type: 'reply' as const,
                  reply: { key: 'cancel:done', values: { orderId: context.order?.id ?? '', total: context.order ? orderTotal(context.order) : { amount: 0, currency: 'USD' } } },
                })),
                assign({ actions: ({ context }) => [...context.actions, `cancelled:${context.order?.id ?? ''}`] }),
              ],
            },
            {
              guard: ({ event }) => !event.output.ok && event.output.code === 'already_shipped',
              target: 'done',
              actions: { type: 'say', params: { key: 'cancel:shippedMeanwhile' } },
            },
            { target: 'done', actions: 'explain' },
          ],
          onError: { target: 'confirming', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      outcome: context.outcome,
      actions: context.actions,
      intent: 'cancel_order',
      // "It was delivered; would you like to start a return?"
      ...(decide(context) === 'delivered_offer_return' && context.outcome === 'done' && context.actions.length === 0 ? { next: 'return_item' as const } : {}),
      ...(context.order ? { verifiedOrderId: context.order.id } : {}),
      ...(context.outcome === 'handoff' ? { handoffReason: 'policy_exception' as const } : {}),
      // Only `needsApproval` hands off: the seller may cancel once an agent approves.
      ...(context.outcome === 'handoff' && context.order
        ? { pendingAction: { kind: 'cancel' as const, orderId: context.order.id, by: 'seller' as const, reason: 'buyer_request' as const } }
        : {}),
    }),
  });
}
