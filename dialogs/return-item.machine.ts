/**
 * Return / refund / exchange / warranty. Reason (buyer's choice vs. seller's fault) → condition →
 * eligibility → options with who pays shipping and the refund stated up front → RMA + printable label.
 * Outside the window → warranty path or a clear no with alternatives. Existing returns on the order
 * (or an RMA number in the message) answer "where is my refund".
 */
import { assign, emit, sendTo, setup } from 'xstate';
import type { Money, Order, ReturnAuthorization, ReturnReason, ReturnResolution } from '../src/domain/order.js';
import type { ReturnLabel } from '../src/services/ports.js';
import { returnEligibility, type ItemCondition, type PolicyConfig, type ReturnEligibility, type ReturnOption } from '../src/policy/index.js';
import type { TurnEvent } from './events.js';
import { verifyInput, type FlowInput, type FlowOutput } from './flow.js';
import { dateValue, type Reply, type ReplyEmitted, type Suggestion } from './reply.js';
import { serviceActors } from './services.js';
import { choiceValue, entity, isBack, isNo, suggestion } from './shared.js';
import { verifyBuyerMachine } from './verify-buyer.machine.js';
import { issueReturnMachine } from './issue-return.machine.js';

const REASONS: readonly ReturnReason[] = [
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'missing_parts',
  'wrong_size_or_colour',
  'no_longer_needed',
  'ordered_by_mistake',
];
const CONDITIONS = {
  unopened: { condition: 'unopened', complete: true },
  opened: { condition: 'opened', complete: true },
  used: { condition: 'used', complete: true },
  incomplete: { condition: 'opened', complete: false },
} as const satisfies Record<string, { condition: ItemCondition; complete: boolean }>;
type ConditionChoice = keyof typeof CONDITIONS;

const OPTIONS: readonly ReturnOption[] = ['refund', 'replacement', 'returnless_refund'];
const asOption = (v: string | undefined): ReturnOption => OPTIONS.find((o) => o === v) ?? 'refund';
const isReason = (v: string | undefined): v is ReturnReason => v !== undefined && (REASONS as readonly string[]).includes(v);
const isCondition = (v: string | undefined): v is ConditionChoice => v !== undefined && v in CONDITIONS;
const OPEN_STATUSES: ReturnAuthorization['status'][] = ['authorized', 'in_transit', 'received', 'refunded'];

interface ReturnContext {
  input: FlowInput;
  now: string;
  turnId: string;
  order?: Order;
  reason?: ReturnReason;
  /** Items chosen for return; all items when the order has only one line. */
  skus?: string[];
  condition?: ConditionChoice;
  resolution?: ReturnResolution;
  existing?: ReturnAuthorization;
  rma?: ReturnAuthorization;
  label?: ReturnLabel;
  outcome: FlowOutput['outcome'];
  actions: string[];
}

const REASON_SUGGESTIONS: Suggestion[] = REASONS.map((r) => suggestion(`returns:reasons.${r}`, `reason:${r}`));
const CONDITION_SUGGESTIONS: Suggestion[] = (Object.keys(CONDITIONS) as ConditionChoice[]).map((c) => suggestion(`returns:conditions.${c}`, `cond:${c}`));

function statusReply(r: ReturnAuthorization): Reply {
  return {
    key: `returns:status.${r.status}`,
    values: { rma: r.rma, refund: r.refundAmount, ...(r.refundedAt ? { refundedAt: dateValue(r.refundedAt) } : {}) },
  };
}

export function createReturnItemMachine(policy: PolicyConfig) {
  const eligibility = (c: ReturnContext): ReturnEligibility | undefined => {
    if (!c.order || !c.reason) return undefined;
    const cond = c.condition ? CONDITIONS[c.condition] : undefined;
    return returnEligibility(
      c.order,
      { reason: c.reason, ...(c.skus ? { skus: c.skus } : {}), ...(cond ? { condition: cond.condition, complete: cond.complete } : {}) },
      new Date(c.now),
      policy,
    );
  };
  const zero = (c: ReturnContext): Money => ({ amount: 0, currency: c.order?.items[0]?.unitPrice.currency ?? 'USD' });
  /** What the RMA promises for the chosen resolution. */
  const terms = (c: ReturnContext): { paidBy: 'buyer' | 'seller'; refund: Money } => {
    const e = eligibility(c);
    if (e?.kind !== 'eligible') return { paidBy: 'seller', refund: zero(c) };
    if (c.resolution === 'returnless_refund') return { paidBy: 'seller', refund: e.returnlessRefund ?? e.refund };
    if (c.resolution === 'replacement') return { paidBy: e.returnShippingPaidBy, refund: zero(c) };
    return { paidBy: e.returnShippingPaidBy, refund: e.refund };
  };
  const offer = (c: ReturnContext): Reply => {
    const e = eligibility(c);
    if (e?.kind !== 'eligible') return { key: 'common:errors.serviceUnavailable' };
    const deducted = e.deductions.reduce((sum, d) => sum + d.amount.amount, 0);
    return {
      key: `returns:${e.returnShippingPaidBy === 'seller' ? 'offerSellerPays' : 'offerBuyerPays'}${deducted > 0 ? 'Deducted' : ''}`,
      values: {
        orderId: c.order?.id ?? '',
        deadline: dateValue(e.deadline),
        refund: e.refund,
        deducted: { amount: deducted, currency: e.refund.currency },
        shipping: { t: e.refundsShipping ? 'returns:shippingRefunded' : 'returns:shippingNotRefunded' },
      },
      suggestions: e.options.map((o: ReturnOption) =>
        suggestion(`returns:options.${o}`, `opt:${o}`, o === 'returnless_refund' && e.returnlessRefund ? { amount: e.returnlessRefund } : { amount: e.refund }),
      ),
    };
  };
  return setup({
    types: { context: {} as ReturnContext, events: {} as TurnEvent, input: {} as FlowInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
    actors: {
      verifyBuyer: verifyBuyerMachine,
      findReturn: serviceActors.findReturn,
      listReturns: serviceActors.listReturns,
      issueReturn: issueReturnMachine,
    },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      tick: assign(({ event }) => (event.type === 'user.said' ? { now: event.now, turnId: event.turnId } : {})),
      note: assign({ actions: ({ context }, params: { action: string }) => [...context.actions, params.action] }),
      takeReason: assign(({ event }) => {
        if (event.type !== 'user.said') return {};
        const picked = choiceValue(event, 'reason') ?? entity(event.nlu.entities, 'returnReason');
        return isReason(picked) ? { reason: picked } : {};
      }),
      takeCondition: assign(({ event }) => {
        const picked = choiceValue(event, 'cond');
        return isCondition(picked) ? { condition: picked } : {};
      }),
      offer: emit(({ context }) => ({ type: 'reply' as const, reply: offer(context) })),
      explain: emit(({ context }) => {
        const e = eligibility(context);
        const orderId = context.order?.id ?? '';
        const reply: Reply =
          e?.kind === 'outside_window_warranty'
            ? {
                key: `returns:warranty.${e.coverage}`,
                values: { orderId, until: dateValue(e.until), windowEndedAt: dateValue(e.windowEndedAt) },
                suggestions: [suggestion('returns:startWarranty', 'warranty'), suggestion('common:menu.agent', 'intent:human_agent')],
              }
            : e?.kind === 'outside_window_no_warranty'
              ? { key: 'returns:noWarranty', values: { orderId, windowEndedAt: dateValue(e.windowEndedAt) }, suggestions: [suggestion('common:menu.agent', 'intent:human_agent')] }
              : e?.kind === 'not_delivered'
                ? { key: 'returns:notDelivered', values: { orderId }, suggestions: [suggestion('common:menu.track', 'intent:track_order'), suggestion('common:menu.cancel', 'intent:cancel_order')] }
                : e?.kind === 'cancelled'
                  ? { key: 'returns:cancelled', values: { orderId } }
                  : { key: 'returns:alreadyReturned', values: { orderId } };
        return { type: 'reply' as const, reply };
      }),
    },
    guards: {
      hasRmaEntity: ({ context }) => entity(context.input.first.nlu.entities, 'rma') !== undefined,
      hasReason: ({ context }) => context.reason !== undefined,
      mustPickItems: ({ context }) => context.skus === undefined && (context.order?.items.length ?? 0) > 1,
      pickedItem: ({ context, event }) => {
        const sku = choiceValue(event, 'item');
        return sku === 'all' || (context.order?.items.some((i) => i.sku === sku) ?? false);
      },
      buyerChoiceWithoutCondition: ({ context }) =>
        context.reason !== undefined && ['no_longer_needed', 'ordered_by_mistake', 'wrong_size_or_colour', 'better_price_found'].includes(context.reason) && context.condition === undefined,
      eligibilityIs: ({ context }, params: { kind: ReturnEligibility['kind'] }) => eligibility(context)?.kind === params.kind,
      back: ({ event }) => isBack(event),
      no: ({ event }) => isNo(event),
      pickedOption: ({ context, event }) => {
        const o = choiceValue(event, 'opt');
        const e = eligibility(context);
        return e?.kind === 'eligible' && e.options.some((opt) => opt === o);
      },
      picked: ({ event }, params: { choice: string }) => event.type === 'user.said' && event.choice === params.choice,
      gaveReason: ({ event }) => event.type === 'user.said' && isReason(choiceValue(event, 'reason') ?? entity(event.nlu.entities, 'returnReason')),
      gaveCondition: ({ event }) => isCondition(choiceValue(event, 'cond')),
    },
  }).createMachine({
    id: 'returnItem',
    context: ({ input }) => {
      const r = entity(input.first.nlu.entities, 'returnReason');
      return { input, now: input.first.now, turnId: input.first.turnId, outcome: 'done', actions: [], ...(isReason(r) ? { reason: r } : {}) };
    },
    initial: 'start',
    states: {
      start: { always: [{ guard: 'hasRmaEntity', target: 'lookingUpRma' }, { target: 'verifying' }] },
      lookingUpRma: {
        invoke: {
          src: 'findReturn',
          input: ({ context }) => ({ rma: (entity(context.input.first.nlu.entities, 'rma') ?? '').toUpperCase() }),
          onDone: [
            { guard: ({ event }) => event.output !== undefined, target: 'done', actions: emit(({ event }) => ({ type: 'reply' as const, reply: event.output ? statusReply(event.output) : { key: 'returns:rmaUnknown' } })) },
            { target: 'verifying', actions: { type: 'say', params: { key: 'returns:rmaUnknown' } } },
          ],
          onError: { target: 'done', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
        },
      },
      verifying: {
        tags: ['awaitingUser', 'verifying'],
        invoke: {
          id: 'verify',
          src: 'verifyBuyer',
          input: verifyInput,
          onDone: [
            { guard: ({ event }) => event.output.order !== undefined, target: 'checkingExisting', actions: assign({ order: ({ event }) => event.output.order }) },
            { target: 'done', actions: assign({ outcome: 'locked' }) },
          ],
        },
        on: { 'user.said': { actions: ['tick', sendTo('verify', ({ event }) => event)] } },
      },
      checkingExisting: {
        invoke: {
          src: 'listReturns',
          input: ({ context }) => ({ orderId: context.order?.id ?? '' }),
          onDone: [
            {
              guard: ({ event }) => event.output.some((r) => OPEN_STATUSES.includes(r.status)),
              target: 'existingChoice',
              actions: [
                assign({ existing: ({ event }) => event.output.filter((r) => OPEN_STATUSES.includes(r.status)).at(-1) }),
                emit(({ event }) => {
                  const r = event.output.filter((x) => OPEN_STATUSES.includes(x.status)).at(-1);
                  const base = r ? statusReply(r) : { key: 'returns:rmaUnknown' };
                  return { type: 'reply' as const, reply: { ...base, suggestions: [suggestion('returns:anotherReturn', 'newReturn'), suggestion('returns:thatsAll', 'no')] } };
                }),
              ],
            },
            { target: 'reasonKnown?' },
          ],
          onError: { target: 'reasonKnown?' },
        },
      },
      existingChoice: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: { type: 'picked', params: { choice: 'newReturn' } }, target: 'reasonKnown?', actions: 'tick' },
            { target: 'done', actions: { type: 'say', params: { key: 'common:thanks' } } },
          ],
        },
      },
      'reasonKnown?': {
        always: [
          {
            guard: 'mustPickItems',
            target: 'askingItems',
            actions: emit(({ context }) => ({
              type: 'reply' as const,
              reply: {
                key: 'returns:askItems',
                suggestions: [
                  ...(context.order?.items ?? []).map((i) => suggestion('returns:itemChoice', `item:${i.sku}`, { title: i.title, quantity: i.quantity })),
                  suggestion('returns:allItems', 'item:all'),
                ],
              },
            })),
          },
          { guard: 'buyerChoiceWithoutCondition', target: 'askingCondition', actions: { type: 'say', params: { key: 'returns:askCondition', suggestions: CONDITION_SUGGESTIONS } } },
          { guard: 'hasReason', target: 'deciding' },
          { target: 'askingReason', actions: { type: 'say', params: { key: 'returns:askReason', suggestions: REASON_SUGGESTIONS } } },
        ],
      },
      askingItems: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            {
              guard: 'pickedItem',
              target: 'reasonKnown?',
              actions: [
                'tick',
                assign({
                  skus: ({ context, event }) => {
                    const sku = choiceValue(event, 'item');
                    return sku === 'all' || sku === undefined ? (context.order?.items.map((i) => i.sku) ?? []) : [sku];
                  },
                }),
              ],
            },
            { actions: { type: 'say', params: { key: 'returns:itemNotRecognised' } } },
          ],
        },
      },
      askingReason: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'gaveReason', target: 'reasonKnown?', actions: ['tick', 'takeReason', assign({ condition: undefined })] },
            { actions: { type: 'say', params: { key: 'returns:reasonNotRecognised', suggestions: REASON_SUGGESTIONS } } },
          ],
        },
      },
      askingCondition: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'back', target: 'askingReason', actions: [assign({ reason: undefined }), { type: 'say', params: { key: 'returns:askReason', suggestions: REASON_SUGGESTIONS } }] },
            { guard: 'gaveCondition', target: 'deciding', actions: ['tick', 'takeCondition'] },
            { actions: { type: 'say', params: { key: 'returns:askCondition', suggestions: CONDITION_SUGGESTIONS } } },
          ],
        },
      },
      deciding: {
        always: [
          { guard: { type: 'eligibilityIs', params: { kind: 'eligible' } }, target: 'choosingOption', actions: 'offer' },
          { guard: { type: 'eligibilityIs', params: { kind: 'outside_window_warranty' } }, target: 'warrantyChoice', actions: 'explain' },
          { target: 'done', actions: 'explain' },
        ],
      },
      choosingOption: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'back', target: 'askingReason', actions: [assign({ reason: undefined, condition: undefined }), { type: 'say', params: { key: 'returns:askReason', suggestions: REASON_SUGGESTIONS } }] },
            { guard: 'pickedOption', target: 'issuing', actions: ['tick', assign({ resolution: ({ event }) => asOption(choiceValue(event, 'opt')) })] },
            { guard: 'no', target: 'done', actions: { type: 'say', params: { key: 'returns:noReturn' } } },
            { actions: 'offer' },
          ],
        },
      },
      warrantyChoice: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: { type: 'picked', params: { choice: 'warranty' } }, target: 'issuing', actions: ['tick', assign({ resolution: 'warranty_repair' })] },
            { target: 'done', actions: { type: 'say', params: { key: 'returns:noReturn' } } },
          ],
        },
      },
      issuing: {
        invoke: {
          src: 'issueReturn',
          input: ({ context }) => {
            const t = terms(context);
            return {
              conversationId: context.input.conversationId,
              turnId: context.turnId,
              lang: context.input.lang,
              orderId: context.order?.id ?? '',
              skus: context.skus ?? context.order?.items.map((i) => i.sku) ?? [],
              reason: context.reason ?? 'defective',
              resolution: context.resolution ?? 'refund',
              returnShippingPaidBy: t.paidBy,
              refundAmount: t.refund,
            };
          },
          onDone: [
            // Nothing is known to have happened: let the buyer choose again.
            { guard: ({ event }) => event.output.outcome === 'failed', target: 'choosingOption' },
            {
              target: 'done',
              actions: assign({
                actions: ({ context, event }) => [
                  ...context.actions,
                  ...(event.output.rma ? [`rma:${event.output.rma}`] : []),
                  ...(event.output.refunded ? ['refunded'] : []),
                ],
              }),
            },
          ],
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      outcome: context.outcome,
      actions: context.actions,
      intent: 'return_item',
      ...(context.order ? { verifiedOrderId: context.order.id } : {}),
    }),
  });
}
