/**
 * The return flow's pure parts: the reasons and conditions a buyer picks from, what the policy's
 * eligibility means for the RMA, and the replies (keys and values, no text) that state it.
 */
import type { Money } from '../src/domain/money.js';
import type { Order, ReturnReason, ReturnResolution } from '../src/domain/order.js';
import { returnEligibility, type ItemCondition, type PolicyConfig, type ReturnEligibility, type ReturnOption } from '../src/policy/index.js';
import { dateValue, type Reply, type Suggestion } from './reply.js';
import { itemTitleValue } from '../src/domain/reply.js';
import { suggestion } from './shared.js';

export const REASONS: readonly ReturnReason[] = [
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'missing_parts',
  'wrong_size_or_colour',
  'no_longer_needed',
  'ordered_by_mistake',
];
/** "Some parts are missing" is an opened, incomplete item (seed 001 §3 (3)). */
export const CONDITIONS = {
  unopened: { condition: 'unopened', complete: true },
  opened: { condition: 'opened', complete: true },
  used: { condition: 'used', complete: true },
  incomplete: { condition: 'opened', complete: false },
} as const satisfies Record<string, { condition: ItemCondition; complete: boolean }>;
export type ConditionChoice = keyof typeof CONDITIONS;

const OPTIONS: readonly ReturnOption[] = ['refund', 'replacement', 'returnless_refund'];
export const asOption = (v: string | undefined): ReturnOption => OPTIONS.find((o) => o === v) ?? 'refund';
export const isReason = (v: string | undefined): v is ReturnReason => v !== undefined && (REASONS as readonly string[]).includes(v);
export const isCondition = (v: string | undefined): v is ConditionChoice => v !== undefined && v in CONDITIONS;

const REASON_SUGGESTIONS: Suggestion[] = REASONS.map((r) => suggestion(`returns:reasons.${r}`, `reason:${r}`));
/** At an offer made before the condition is known: the conditions that would lower the refund. */
const WORSE_CONDITIONS: Suggestion[] = [suggestion('returns:conditionUsed', 'cond:used'), suggestion('returns:conditionIncomplete', 'cond:incomplete')];

/** What the flow knows so far about the return being agreed. */
export interface ReturnDraft {
  now: string;
  order: Order;
  reason?: ReturnReason;
  /** Items chosen for return; all items when absent. */
  skus?: string[];
  condition?: ConditionChoice;
  resolution?: ReturnResolution;
}

/** The questions and answers of the return offer; questions are asked again after a photo. */
export type Question = 'askItems' | 'itemNotRecognised' | 'askReason' | 'reasonNotRecognised' | 'offer' | 'explain';
export type Said = Question | 'noReturn';

export function eligibilityOf(d: ReturnDraft, policy: PolicyConfig): ReturnEligibility {
  const cond = d.condition ? CONDITIONS[d.condition] : undefined;
  return returnEligibility(
    d.order,
    { reason: d.reason ?? 'defective', ...(d.skus ? { skus: d.skus } : {}), ...(cond ? { condition: cond.condition, complete: cond.complete } : {}) },
    new Date(d.now),
    policy,
  );
}

const zero = (d: ReturnDraft): Money => ({ amount: 0, currency: d.order.items[0]?.unitPrice.currency ?? 'USD' });

/** What the RMA promises for the chosen resolution. */
export function termsOf(d: ReturnDraft, policy: PolicyConfig): { paidBy: 'buyer' | 'seller'; refund: Money } {
  const e = eligibilityOf(d, policy);
  if (e.kind !== 'eligible') return { paidBy: 'seller', refund: zero(d) };
  if (d.resolution === 'returnless_refund') return { paidBy: 'seller', refund: e.returnlessRefund ?? e.refund };
  if (d.resolution === 'replacement') return { paidBy: e.returnShippingPaidBy, refund: zero(d) };
  return { paidBy: e.returnShippingPaidBy, refund: e.refund };
}

const itemSuggestions = (d: ReturnDraft): Suggestion[] => [
  ...d.order.items.map((i) => suggestion('returns:itemChoice', `item:${i.sku}`, { title: itemTitleValue(i), quantity: i.quantity })),
  suggestion('returns:allItems', 'item:all'),
];

/**
 * The options with who pays return shipping and the refund, stated before the buyer agrees. A buyer's
 * choice return is offered without asking the item's condition first: the refund is stated for an
 * unused, complete item, with what a used or incomplete one gets, and those conditions as buttons
 * (saying or pressing one states the lower refund before anything is issued).
 */
function offer(d: ReturnDraft, e: ReturnEligibility): Reply {
  if (e.kind !== 'eligible') return { key: 'common:errors.serviceUnavailable' };
  const deducted = e.deductions.reduce((sum, x) => sum + x.amount.amount, 0);
  const conditionOpen = e.returnShippingPaidBy === 'buyer' && d.condition === undefined;
  const suffix = deducted > 0 ? 'Deducted' : conditionOpen ? 'IfUnused' : '';
  return {
    key: `returns:${e.returnShippingPaidBy === 'seller' ? 'offerSellerPays' : 'offerBuyerPays'}${suffix}`,
    values: {
      orderId: d.order.id,
      deadline: dateValue(e.deadline),
      refund: e.refund,
      deducted: { amount: deducted, currency: e.refund.currency },
      shipping: { t: e.refundsShipping ? 'returns:shippingRefunded' : 'returns:shippingNotRefunded' },
    },
    suggestions: [
      ...e.options.map((o: ReturnOption) =>
        suggestion(`returns:options.${o}`, `opt:${o}`, o === 'returnless_refund' && e.returnlessRefund ? { amount: e.returnlessRefund } : { amount: e.refund }),
      ),
      ...(conditionOpen ? WORSE_CONDITIONS : []),
    ],
  };
}

/** Why there is no ordinary return: warranty instead, too late, not delivered, cancelled, returned. */
function explain(d: ReturnDraft, e: ReturnEligibility): Reply {
  const orderId = d.order.id;
  switch (e.kind) {
    case 'outside_window_warranty':
      return {
        key: `returns:warranty.${e.coverage}`,
        values: { orderId, until: dateValue(e.until), windowEndedAt: dateValue(e.windowEndedAt) },
        suggestions: [suggestion('returns:startWarranty', 'warranty'), suggestion('common:menu.agent', 'intent:human_agent')],
      };
    case 'outside_window_no_warranty':
      return { key: 'returns:noWarranty', values: { orderId, windowEndedAt: dateValue(e.windowEndedAt) }, suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] };
    case 'not_delivered':
      return { key: 'returns:notDelivered', values: { orderId }, suggestions: [suggestion('common:menu.track', 'intent:track_order'), suggestion('common:menu.cancel', 'intent:cancel_order')] };
    case 'cancelled':
      return { key: 'returns:cancelled', values: { orderId } };
    default:
      return { key: 'returns:alreadyReturned', values: { orderId } };
  }
}

export function returnReply(said: Said, d: ReturnDraft, policy: PolicyConfig): Reply {
  switch (said) {
    case 'askItems':
      return { key: 'returns:askItems', values: { orderId: d.order.id }, suggestions: itemSuggestions(d) };
    case 'itemNotRecognised':
      return { key: 'returns:itemNotRecognised', suggestions: itemSuggestions(d) };
    case 'askReason':
      return { key: 'returns:askReason', suggestions: REASON_SUGGESTIONS };
    case 'reasonNotRecognised':
      return { key: 'returns:reasonNotRecognised', suggestions: REASON_SUGGESTIONS };
    case 'offer':
      return offer(d, eligibilityOf(d, policy));
    case 'explain':
      return explain(d, eligibilityOf(d, policy));
    case 'noReturn':
      return { key: 'returns:noReturn' };
  }
}
