/**
 * The verification step every order flow starts with (cancel, change address, track, return): the
 * input the verify-buyer child gets from what the root and the first message already know. Kept out
 * of flow.ts so the flow contract does not import a machine (no import loop in dialogs/).
 */
import type { FlowInput } from './flow.js';
import type { VerifyInput } from './verify-buyer.machine.js';

/** Every flow verifies the buyer the same way: with what the first message and the root already know. */
export function verifyInput({ context }: { context: { input: FlowInput } }): VerifyInput {
  const { input } = context;
  return {
    conversationId: input.conversationId,
    first: input.first,
    ...(input.verifiedOrderId ? { verifiedOrderId: input.verifiedOrderId } : {}),
    ...(input.verifiedEmail ? { verifiedEmail: input.verifiedEmail } : {}),
    ...(input.known ? { known: input.known } : {}),
  };
}
