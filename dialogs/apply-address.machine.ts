/**
 * Apply a confirmed address change: in place after re-checking the buyer's email or postal code, or
 * as a carrier redirect recorded on the order. No questions: the change-address flow asked them and
 * re-checked the policy. Every effect carries an idempotency key from the buyer's confirming message.
 */
import { assign, emit, setup } from 'xstate';
import type { Address } from '../src/domain/order.js';
import type { Reply, ReplyEmitted } from './reply.js';
import { effectKey, serviceActors } from './services.js';

export interface ApplyAddressInput {
  conversationId: string;
  /** The buyer message that confirmed the change: the base of the idempotency keys. */
  turnId: string;
  orderId: string;
  address: Address;
  kind: 'update' | 'redirect';
  /** For `update`: the detail the buyer gave for the security re-check. */
  check?: { email?: string; postalCode?: string };
}

export interface ApplyAddressOutput {
  /** `refused`: the order system would not change the address (the flow explains why from the policy). */
  outcome: 'applied' | 'refused' | 'notChanged';
  actions: string[];
}

interface ApplyContext {
  input: ApplyAddressInput;
  outcome: ApplyAddressOutput['outcome'];
  actions: string[];
}

export const applyAddressMachine = setup({
  types: { context: {} as ApplyContext, input: {} as ApplyAddressInput, output: {} as ApplyAddressOutput, emitted: {} as ReplyEmitted },
  actors: { checkBuyer: serviceActors.verifyBuyer, changeAddress: serviceActors.changeAddress, requestRedirect: serviceActors.requestRedirect },
  actions: {
    say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
    note: assign({ actions: ({ context }, params: { action: string }) => [...context.actions, params.action] }),
  },
}).createMachine({
  id: 'applyAddress',
  context: ({ input }) => ({ input, outcome: 'notChanged', actions: [] }),
  initial: 'start',
  states: {
    start: { always: [{ guard: ({ context }) => context.input.kind === 'update', target: 'checkingBuyer' }, { target: 'redirecting' }] },
    checkingBuyer: {
      invoke: {
        src: 'checkBuyer',
        input: ({ context }) => {
          const { email, postalCode } = context.input.check ?? {};
          return {
            conversationId: context.input.conversationId,
            orderId: context.input.orderId,
            ...(email ? { email } : postalCode ? { postalCode } : {}),
          };
        },
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'updating' },
          { target: 'done', actions: { type: 'say', params: { key: 'address:reverifyFailed' } } },
        ],
        onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    updating: {
      invoke: {
        src: 'changeAddress',
        input: ({ context }) => ({
          orderId: context.input.orderId,
          address: context.input.address,
          kind: 'update' as const,
          idempotencyKey: effectKey(context.input.conversationId, context.input.turnId, 'address'),
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: [{ type: 'say', params: { key: 'address:updated' } }, { type: 'note', params: { action: 'address_updated' } }, assign({ outcome: 'applied' })],
          },
          { target: 'done', actions: assign({ outcome: 'refused' }) },
        ],
        onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    redirecting: {
      invoke: {
        src: 'requestRedirect',
        input: ({ context }) => ({
          orderId: context.input.orderId,
          address: context.input.address,
          idempotencyKey: effectKey(context.input.conversationId, context.input.turnId, 'redirect'),
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.accepted,
            target: 'recordingRedirect',
            actions: emit(({ event }) => ({ type: 'reply' as const, reply: { key: 'address:redirectRequested', values: { requestId: event.output.requestId } } })),
          },
          // Declined by the carrier: nothing is recorded on the order (the outcome stays notChanged).
          {
            target: 'done',
            actions: emit(({ event }) => ({ type: 'reply' as const, reply: { key: 'address:redirectDeclined', values: { requestId: event.output.requestId } } })),
          },
        ],
        onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    recordingRedirect: {
      invoke: {
        src: 'changeAddress',
        input: ({ context }) => ({
          orderId: context.input.orderId,
          address: context.input.address,
          kind: 'redirect' as const,
          idempotencyKey: effectKey(context.input.conversationId, context.input.turnId, 'address'),
        }),
        onDone: { target: 'done', actions: [{ type: 'note', params: { action: 'redirect_requested' } }, assign({ outcome: 'applied' })] },
        // The carrier already has the request; only our record of it failed.
        onError: { target: 'done', actions: assign({ outcome: 'applied' }) },
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome, actions: context.actions }),
});
