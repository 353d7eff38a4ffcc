/**
 * Issue an agreed return: create the RMA with the terms already stated to the buyer (and the buyer's
 * photos of the fault as evidence), then either refund at once (returnless) or print the label.
 * No questions: the return-offer flow asked them.
 */
import { assign, emit, enqueueActions, setup } from 'xstate';
import type { Money } from '../src/domain/money.js';
import type { ReturnAuthorization, ReturnReason, ReturnResolution } from '../src/domain/order.js';
import type { Lang } from '../src/domain/lang.js';
import { dateValue, type Reply, type ReplyEmitted } from './reply.js';
import { effectKey, serviceActors } from './services.js';

export interface IssueReturnInput {
  conversationId: string;
  turnId: string;
  lang: Lang;
  orderId: string;
  skus: string[];
  reason: ReturnReason;
  resolution: ReturnResolution;
  returnShippingPaidBy: 'buyer' | 'seller';
  refundAmount: Money;
  /** Links to the buyer's photos of the fault. */
  evidence?: string[];
}

export interface IssueReturnOutput {
  /** `failed`: a service was unreachable and nothing may be assumed; the buyer can try again. */
  outcome: 'issued' | 'refused' | 'failed';
  rma?: string;
  refunded: boolean;
}

interface IssueContext {
  input: IssueReturnInput;
  rma?: ReturnAuthorization;
  outcome: IssueReturnOutput['outcome'];
  refunded: boolean;
}

function labelKey(c: IssueContext): string {
  const paidBy = c.rma?.returnShippingPaidBy ?? c.input.returnShippingPaidBy;
  if (c.input.resolution === 'warranty_repair') return 'returns:warrantyLabelReady';
  if (c.input.resolution === 'replacement') return `returns:replacementLabelReady.${paidBy}`;
  return `returns:labelReady.${paidBy}`;
}

export const issueReturnMachine = setup({
  types: { context: {} as IssueContext, input: {} as IssueReturnInput, output: {} as IssueReturnOutput, emitted: {} as ReplyEmitted },
  actors: { createReturn: serviceActors.createReturn, createLabel: serviceActors.createLabel, recordRefund: serviceActors.recordRefund },
  actions: {
    say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
    /** Tell the buyer their photos are on the RMA, once the service confirms it kept them. */
    ackEvidence: enqueueActions(({ context, enqueue }) => {
      const count = context.rma?.evidence?.length ?? 0;
      if (count > 0) enqueue.emit({ type: 'reply', reply: { key: 'returns:evidenceAttached', values: { count, rma: context.rma?.rma ?? '' } } });
    }),
  },
  guards: {
    isReturnless: ({ context }) => context.input.resolution === 'returnless_refund',
  },
}).createMachine({
  id: 'issueReturn',
  context: ({ input }) => ({ input, outcome: 'issued', refunded: false }),
  initial: 'creating',
  states: {
    creating: {
      invoke: {
        src: 'createReturn',
        input: ({ context }) => {
          const { conversationId, turnId, lang: _lang, ...request } = context.input;
          return { ...request, idempotencyKey: effectKey(conversationId, turnId, 'return') };
        },
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'created', actions: assign({ rma: ({ event }) => (event.output.ok ? event.output.value : undefined) }) },
          { target: 'done', actions: [{ type: 'say', params: { key: 'returns:notReturnable' } }, assign({ outcome: 'refused' })] },
        ],
        onError: { target: 'done', actions: [{ type: 'say', params: { key: 'common:errors.serviceUnavailable' } }, assign({ outcome: 'failed' })] },
      },
    },
    created: { always: [{ guard: 'isReturnless', target: 'refunding' }, { target: 'labelling' }] },
    refunding: {
      invoke: {
        src: 'recordRefund',
        input: ({ context }) => ({
          orderId: context.input.orderId,
          ...(context.rma ? { rma: context.rma.rma } : {}),
          amount: context.input.refundAmount,
          idempotencyKey: effectKey(context.input.conversationId, context.input.turnId, 'refund'),
        }),
        onDone: {
          target: 'done',
          actions: [
            assign({ refunded: true }),
            emit(({ context }) => ({
              type: 'reply' as const,
              reply: { key: 'returns:returnlessDone', values: { rma: context.rma?.rma ?? '', refund: context.input.refundAmount } },
            })),
            'ackEvidence',
          ],
        },
        onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    labelling: {
      invoke: {
        src: 'createLabel',
        input: ({ context }) => ({ rma: context.rma?.rma ?? '', lang: context.input.lang }),
        onDone: {
          target: 'done',
          actions: [
            emit(({ context, event }) => ({
              type: 'reply' as const,
              reply: {
                key: labelKey(context),
                values: { rma: event.output.rma, url: event.output.url, expiresAt: dateValue(event.output.expiresAt), refund: context.rma?.refundAmount ?? context.input.refundAmount },
                card: {
                  kind: 'returnLabel' as const,
                  rma: event.output.rma,
                  url: event.output.url,
                  expiresAt: event.output.expiresAt,
                  ...(context.rma?.dropOffCode ? { dropOffCode: context.rma.dropOffCode } : {}),
                },
              },
            })),
            'ackEvidence',
          ],
        },
        onError: {
          target: 'done',
          actions: [emit(({ context }) => ({ type: 'reply' as const, reply: { key: 'returns:labelFailed', values: { rma: context.rma?.rma ?? '' } } })), 'ackEvidence'],
        },
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome, refunded: context.refunded, ...(context.rma ? { rma: context.rma.rma } : {}) }),
});
