/** What every after-sales flow gets from the root and gives back. Plain JSON. */
import type { Intent } from '../src/nlu/types.js';
import type { Lang } from '../src/nlu/types.js';
import type { UserSaid } from './events.js';

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
