/**
 * Amend the return just issued, on the buyer's next words: another remedy the policy offers for it
 * ("a replacement instead", "还是退款吧": the same RMA and label, the new remedy and refund), or calling
 * it off ("never mind, I'll keep it", "算了不退了"). The order store re-checks both (nothing sent yet,
 * the remedy offered). No questions: the words were clear, and nothing here costs the buyer.
 */
import { assign, emit, setup } from 'xstate';
import type { Lang } from '../src/domain/lang.js';
import type { FlowOutput, IssuedReturn } from './flow.js';
import type { Reply, ReplyEmitted } from './reply.js';
import { effectKey, serviceActors } from './services.js';

/** What the buyer's words ask of the issued return. */
export type Amendment = { kind: 'withdraw' } | { kind: 'remedy'; resolution: IssuedReturn['resolution'] };

export interface AmendReturnInput {
  conversationId: string;
  turnId: string;
  lang: Lang;
  issued: IssuedReturn;
  amendment: Amendment;
}

interface AmendContext {
  input: AmendReturnInput;
  /** The return as it stands after this turn; undefined once withdrawn. */
  issued?: IssuedReturn;
  actions: string[];
}

const wanted = (c: AmendContext): IssuedReturn['resolution'] | undefined => (c.input.amendment.kind === 'remedy' ? c.input.amendment.resolution : undefined);

export const amendReturnMachine = setup({
  types: { context: {} as AmendContext, input: {} as AmendReturnInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
  actors: { changeReturnResolution: serviceActors.changeReturnResolution, withdrawReturn: serviceActors.withdrawReturn },
  actions: {
    say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
    sayWithRma: emit(({ context }, params: { key: string }) => ({ type: 'reply' as const, reply: { key: params.key, values: { rma: context.input.issued.rma } } })),
  },
  guards: {
    withdrawing: ({ context }) => context.input.amendment.kind === 'withdraw',
    // seed 001 §3 (5): "not as described" is refunded, never replaced; the remedy must be one the policy offered.
    remedyOffered: ({ context }) => {
      const r = wanted(context);
      return r !== undefined && context.input.issued.remedies.includes(r);
    },
  },
}).createMachine({
  id: 'amendReturn',
  context: ({ input }) => ({ input, issued: input.issued, actions: [] }),
  initial: 'deciding',
  states: {
    deciding: {
      always: [
        { guard: 'withdrawing', target: 'withdrawing' },
        { guard: 'remedyOffered', target: 'changing' },
        { target: 'done', actions: { type: 'sayWithRma', params: { key: 'returns:remedyNotOffered' } } },
      ],
    },
    changing: {
      invoke: {
        src: 'changeReturnResolution',
        input: ({ context }) => {
          const resolution = wanted(context) ?? context.input.issued.resolution;
          const { issued } = context.input;
          return {
            orderId: issued.orderId,
            rma: issued.rma,
            resolution,
            // A replacement refunds nothing; a refund pays what the policy stated when it was issued.
            refundAmount: resolution === 'refund' ? issued.refund : { amount: 0, currency: issued.refund.currency },
            idempotencyKey: effectKey(context.input.conversationId, context.input.turnId, 'return-remedy'),
          };
        },
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: [
              assign(({ context, event }) => {
                const resolution = event.output.ok && (event.output.value.resolution === 'refund' || event.output.value.resolution === 'replacement') ? event.output.value.resolution : context.input.issued.resolution;
                return { issued: { ...context.input.issued, resolution }, actions: [...context.actions, `rma:${context.input.issued.rma}:${resolution}`] };
              }),
              emit(({ context }) => ({
                type: 'reply' as const,
                reply: { key: `returns:remedyChanged.${context.issued?.resolution ?? 'refund'}`, values: { rma: context.input.issued.rma, refund: context.input.issued.refund } },
              })),
            ],
          },
          { target: 'done', actions: { type: 'sayWithRma', params: { key: 'returns:amendRefused' } } },
        ],
        onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    withdrawing: {
      invoke: {
        src: 'withdrawReturn',
        input: ({ context }) => ({
          orderId: context.input.issued.orderId,
          rma: context.input.issued.rma,
          idempotencyKey: effectKey(context.input.conversationId, context.input.turnId, 'return-withdraw'),
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: [
              assign(({ context }) => ({ issued: undefined, actions: [...context.actions, `rma:${context.input.issued.rma}:withdrawn`] })),
              { type: 'sayWithRma', params: { key: 'returns:withdrawn' } },
            ],
          },
          { target: 'done', actions: { type: 'sayWithRma', params: { key: 'returns:amendRefused' } } },
        ],
        onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({
    outcome: 'done',
    actions: context.actions,
    intent: 'return_item',
    verifiedOrderId: context.input.issued.orderId,
    ...(context.issued ? { issued: context.issued } : {}),
  }),
});
