/** What every after-sales flow gets from the root and gives back. Plain JSON. */
import type { Intent } from '../src/nlu/types.js';
import type { Lang } from '../src/nlu/types.js';
import type { UserSaid } from './events.js';
import type { VerifyInput } from './verify-buyer.machine.js';

export interface FlowInput {
  conversationId: string;
  /** The message that started the flow: its entities are used without asking again. */
  first: UserSaid;
  lang: Lang;
  verifiedOrderId?: string;
  verifiedEmail?: string;
}

export interface FlowOutput {
  outcome: 'done' | 'locked' | 'handoff';
  verifiedOrderId?: string;
  handoffReason?: 'asked' | 'severe_complaint' | 'misunderstood' | 'policy_exception';
  /** Effects the flow caused, for the agent summary (e.g. "cancelled", "rma:RMA-..."). */
  actions: string[];
  intent: Intent;
}

export const FLOW_TIMEOUT_MINUTES = 60;

/** Every flow verifies the buyer the same way: with what the first message and the root already know. */
export function verifyInput({ context }: { context: { input: FlowInput } }): VerifyInput {
  const { input } = context;
  return {
    conversationId: input.conversationId,
    first: input.first,
    ...(input.verifiedOrderId ? { verifiedOrderId: input.verifiedOrderId } : {}),
    ...(input.verifiedEmail ? { verifiedEmail: input.verifiedEmail } : {}),
  };
}
