/**
 * The verification step every order flow starts with (cancel, change address, track, return): the
 * input the verify-buyer child gets from what the root and the first message already know. Kept out
 * of flow.ts so the flow contract does not import a machine (no import loop in dialogs/).
 */
import type { FlowInput } from './flow.js';
import type { VerifyInput, VerifyOutput } from './verify-buyer.machine.js';

/** Every flow verifies the buyer the same way: with what the first message and the root already know. */
function verifyInput({ context }: { context: { input: FlowInput } }): VerifyInput {
  const { input } = context;
  return {
    conversationId: input.conversationId,
    first: input.first,
    ...(input.verifiedOrderId ? { verifiedOrderId: input.verifiedOrderId } : {}),
    ...(input.verifiedEmail ? { verifiedEmail: input.verifiedEmail } : {}),
    ...(input.known ? { known: input.known } : {}),
  };
}

/** The verify-buyer child's order, as the params of the flow's `verified` guard and `keepOrder` action. */
const verifiedOrder = ({ event }: { event: { output: VerifyOutput } }) => ({ order: event.output.order });

/**
 * The `verifying` state every order flow starts in, as one building block: the verify-buyer child runs
 * with {@link verifyInput}; a verified order goes to `next` (kept by the flow's `keepOrder` action); a
 * locked verification ends the flow (`locked`). While it runs, buyer messages go to the child after the
 * flow's `tick`, `flow.reask` is the child's question again, and the child's misunderstandings go up
 * (`notUnderstood`). A flow that listens for more overrides `on['user.said']` (return-item hears a review
 * deal mid-way).
 */
export function verifyingState<const Next extends string>(next: Next) {
  return {
    tags: ['awaitingUser', 'verifying'],
    invoke: {
      id: 'verify',
      src: 'verifyBuyer',
      input: verifyInput,
      onDone: [
        { guard: { type: 'verified', params: verifiedOrder }, target: next, actions: { type: 'keepOrder', params: verifiedOrder } },
        { target: 'done', actions: 'locked' },
      ],
    },
    on: {
      'user.said': { actions: ['tick', 'toVerify'] },
      'flow.misunderstood': { actions: 'notUnderstood' },
      'flow.reask': { actions: 'reaskVerify' },
    },
  } as const;
}
