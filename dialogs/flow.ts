/** What every after-sales flow gets from the root and gives back. Plain JSON. */
import type { Intent } from '../src/nlu/types.js';
import type { Lang } from '../src/domain/lang.js';
import type { PendingAction } from '../src/domain/handoff.js';
import type { TurnEvent, UserSaid } from './events.js';
import type { Money } from '../src/domain/money.js';

/**
 * A return just issued with a label, kept by the root so the buyer's next words may change its remedy
 * ("a replacement instead") or withdraw it ("never mind, I'll keep it"). Plain JSON.
 */
export interface IssuedReturn {
  rma: string;
  orderId: string;
  resolution: 'refund' | 'replacement';
  /** The remedies the policy offers for it (the one it may be switched to must be among them). */
  remedies: ('refund' | 'replacement')[];
  /** What a refund of it pays (a replacement refunds nothing). */
  refund: Money;
  /** When it was issued (ISO), and the turn. */
  at: string;
  turnId: string;
}

export interface FlowInput {
  conversationId: string;
  /** The message that started the flow: its entities are used without asking again. */
  first: UserSaid;
  lang: Lang;
  verifiedOrderId?: string;
  verifiedEmail?: string;
  /** Order number / email / postal code the buyer named earlier in the conversation. */
  known?: { orderId?: string; email?: string; postalCode?: string };
  /** The buyer's messages just before `first`, oldest first. */
  said?: string[];
  /** `first` offered a review for a remedy the flow before just gave as owed (a late order's refund): never the deal's price. */
  remedyOwed?: true;
}

export interface FlowOutput {
  outcome: 'done' | 'locked' | 'handoff';
  verifiedOrderId?: string;
  handoffReason?: 'asked' | 'severe_complaint' | 'misunderstood' | 'policy_exception';
  /** Effects the flow caused, for the agent summary (e.g. "cancelled", "rma:RMA-..."). */
  actions: string[];
  intent: Intent;
  /** A next step the flow's last reply offered (its button's topic): a typed yes takes it. */
  next?: Intent;
  /** With `policy_exception`: what an agent's approval would do (data only; executed on the agent side). */
  pendingAction?: PendingAction;
  /** The request is another flow's (a refund asked for a late parcel is the late order's): the root starts it with the same message. */
  handOn?: 'track_order';
  /** A return the flow issued (or amended) that the buyer's next message may still amend. */
  issued?: IssuedReturn;
}

export const FLOW_TIMEOUT_MINUTES = 60;

/**
 * What passes between the root and a running flow besides the buyer's messages:
 * - `flow.misunderstood` (flow → root): the buyer's answer matched nothing the flow was waiting for.
 * - `flow.reask` (root → flow): say again the question you are waiting on (after the help menu, or
 *   after the buyer declined a person and wants to carry on).
 */
export type FlowSignal = { type: 'flow.misunderstood' } | { type: 'flow.reask' };

/** The events a flow machine handles. */
export type FlowEvent = TurnEvent | FlowSignal;

/**
 * Misunderstood answers, counted in one place. The root counts consecutive buyer messages nobody
 * understood, in root routing and inside any flow alike; at the second in a row it offers a person,
 * and a handoff accepted from that offer carries reason `misunderstood`. A flow only reports.
 *
 * To adopt it in a flow machine (every flow has):
 * 1. `types.events: {} as FlowEvent`; in `setup({ actions })` add `notUnderstood: sendParent(MISUNDERSTOOD)`.
 * 2. In every `awaitingUser` state, end the catch-all branch (the answer matched nothing) with it,
 *    after the flow's own re-ask: `{ actions: ['askConfirm', 'notUnderstood'] }`.
 * 3. In every `awaitingUser` state, answer `'flow.reask'` by asking the question again:
 *    `'flow.reask': { actions: 'askConfirm' }`.
 * 4. In the state that invokes the verification machine (id `verify`), pass both signals on:
 *    `'flow.misunderstood': { actions: sendParent(MISUNDERSTOOD) }, 'flow.reask': { actions: forwardTo('verify') }`.
 *    Any other child that asks questions (return-item's `offer`) is passed them the same way.
 * Free-text states (tag `freeText`, e.g. the complaint's "what happened?") take any words: they answer
 * `flow.reask` but never report.
 * The root sends `flow.reask` only to a flow that can take it (`snapshot.can`), so a flow without
 * step 3 still works: the buyer just does not see the question repeated.
 */
export const MISUNDERSTOOD: FlowSignal = { type: 'flow.misunderstood' };
export const REASK = { type: 'flow.reask' } as const satisfies FlowSignal;
