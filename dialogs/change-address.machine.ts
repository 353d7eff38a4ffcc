/**
 * Change the shipping address. Not shipped → the seller's configured rule: cancel and reorder (the
 * marketplace ships only to the order address) or update in place after re-verifying the buyer.
 * Shipped → ask the carrier to redirect, or the current resident forwards/refuses; refund rule if it
 * comes back. "Back" returns to the previous question (new address → shipped options, confirmation →
 * new address, security check → confirmation). The confirmed change is applied by apply-address.
 */
import { and, assign, emit, forwardTo, sendParent, sendTo, setup } from 'xstate';
import type { Address, Order } from '../src/domain/order.js';
import { parseAddressText } from '../src/domain/address-text.js';
import { addressChangeDecision, type AddressChangeDecision, type PolicyConfig } from '../src/policy/index.js';
import { MISUNDERSTOOD, type FlowEvent, type FlowInput, type FlowOutput } from './flow.js';
import type { Reply, ReplyEmitted } from './reply.js';
import { applyAddressMachine, type ApplyAddressInput } from './apply-address.machine.js';
import { effectKey, serviceActors } from './services.js';
import { entity, isBack, isNo, isYes, suggestion, YES_NO } from './shared.js';
import { verifyBuyerMachine } from './verify-buyer.machine.js';
import { verifyingState } from './verifying.js';

interface AddressContext {
  input: FlowInput;
  now: string;
  turnId: string;
  order?: Order;
  mode?: 'update' | 'redirect';
  newAddress?: Address;
  /** The email / postal code given for the security re-check before an in-place update. */
  check?: ApplyAddressInput['check'];
  outcome: FlowOutput['outcome'];
  actions: string[];
}

/** Only reached after the buyer confirmed an address; a missing one is a machine bug, reported as an error. */
function requireAddress(c: AddressContext): Address {
  if (!c.newAddress) throw new Error('address step reached without an address');
  return c.newAddress;
}

export function createChangeAddressMachine(policy: PolicyConfig) {
  const decide = (c: AddressContext): AddressChangeDecision | undefined => (c.order ? addressChangeDecision(c.order, new Date(c.now), policy) : undefined);
  return setup({
    types: { context: {} as AddressContext, events: {} as FlowEvent, input: {} as FlowInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
    actors: { verifyBuyer: verifyBuyerMachine, loadOrder: serviceActors.loadOrder, cancelOrder: serviceActors.cancelOrder, applyAddress: applyAddressMachine },
    actions: {
      say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
      notUnderstood: sendParent(MISUNDERSTOOD),
      toVerify: sendTo('verify', ({ event }) => event),
      reaskVerify: forwardTo('verify'),
      keepOrder: assign((_, params: { order: Order | undefined }) => ({ order: params.order })),
      locked: assign({ outcome: 'locked' as const }),
      nothingToGoBack: emit({ type: 'reply' as const, reply: { key: 'common:nothingToGoBack' } }),
      tick: assign(({ event }) => (event.type === 'user.said' ? { now: event.now, turnId: event.turnId } : {})),
      note: assign({ actions: ({ context }, params: { action: string }) => [...context.actions, params.action] }),
      /** The answers given so far were for a decision that no longer holds: the fresh one asks its own. */
      forgetAnswers: assign({ mode: undefined, newAddress: undefined, check: undefined }),
      explain: emit(({ context }) => {
        const d = decide(context);
        const orderId = context.order?.id ?? '';
        const reply: Reply =
          d?.kind === 'cancel_and_reorder'
            ? { key: 'address:cancelAndReorder', values: { orderId }, suggestions: YES_NO('address:yesCancel', 'address:noKeep') }
            : d?.kind === 'update_address'
              ? { key: 'address:askNew', values: { orderId } }
              : d?.kind === 'redirect_or_refuse'
                ? {
                    key: d.refundIfReturned === 'full' ? 'address:shippedFullRefund' : 'address:shippedMinusShipping',
                    values: { orderId, carrier: { carrier: context.order?.carrier ?? '' }, refund: d.refundAmountIfReturned },
                    suggestions: [
                      ...(d.options.includes('carrier_redirect') ? [suggestion('address:optionRedirect', 'redirect')] : []),
                      suggestion('address:optionResident', 'resident'),
                    ],
                  }
                : d?.kind === 'delivered'
                  ? { key: 'address:delivered', values: { orderId }, suggestions: [suggestion('common:menu.return', 'intent:return_item'), suggestion('common:menu.track', 'intent:track_order')] }
                  : { key: d?.kind === 'returned' ? 'address:returned' : 'address:cancelled', values: { orderId } };
        return { type: 'reply' as const, reply };
      }),
      takeAddress: assign(({ context, event }) => {
        if (event.type !== 'user.said' || !context.order) return {};
        const parsed = parseAddressText(event.text, { name: context.order.shippingAddress.name, countryCode: context.order.shippingAddress.countryCode });
        return parsed.ok ? { newAddress: parsed.address } : {};
      }),
      takeCheck: assign(({ event }) => {
        if (event.type !== 'user.said') return {};
        const email = entity(event.nlu.entities, 'email');
        const postalCode = entity(event.nlu.entities, 'postalCode');
        return { check: email ? { email } : postalCode ? { postalCode } : {} };
      }),
      askAddress: emit(({ context }) => ({
        type: 'reply' as const,
        reply: context.mode === 'redirect' ? { key: 'address:askRedirect' } : { key: 'address:askNew', values: { orderId: context.order?.id ?? '' } },
      })),
      confirmAddress: emit(({ context }) => ({
        type: 'reply' as const,
        reply: {
          key: 'address:confirmNew',
          values: context.newAddress ? { address: { address: context.newAddress } } : { address: '' },
          suggestions: YES_NO('address:yesCorrect', 'address:noRetype'),
        },
      })),
    },
    guards: {
      verified: (_, params: { order: Order | undefined }) => params.order !== undefined,
      kindIs: ({ context }, params: { kind: AddressChangeDecision['kind'] }) => decide(context)?.kind === params.kind,
      needsApproval: ({ context }) => {
        const d = decide(context);
        return d?.kind === 'cancel_and_reorder' && d.requiresApproval;
      },
      yes: ({ event }) => event.type === 'user.said' && isYes(event),
      no: ({ event }) => event.type === 'user.said' && isNo(event),
      back: ({ event }) => event.type === 'user.said' && isBack(event),
      redirecting: ({ context }) => context.mode === 'redirect',
      picked: ({ event }, params: { choice: string }) => event.type === 'user.said' && event.choice === params.choice,
      looksLikeAddress: ({ context, event }) =>
        event.type === 'user.said' &&
        !event.choice &&
        context.order !== undefined &&
        parseAddressText(event.text, { name: context.order.shippingAddress.name, countryCode: context.order.shippingAddress.countryCode }).ok,
      stillAllowed: ({ context }) => {
        const k = decide(context)?.kind;
        return context.mode === 'redirect' ? k === 'redirect_or_refuse' : k === 'update_address';
      },
    },
  }).createMachine({
    id: 'changeAddress',
    context: ({ input }) => ({ input, now: input.first.now, turnId: input.first.turnId, outcome: 'done', actions: [] }),
    initial: 'verifying',
    states: {
      verifying: verifyingState('deciding'),
      deciding: {
        always: [
          { guard: 'needsApproval', target: 'done', actions: [{ type: 'say', params: { key: 'address:needsApproval' } }, assign({ outcome: 'handoff' })] },
          { guard: { type: 'kindIs', params: { kind: 'cancel_and_reorder' } }, target: 'confirmingCancel', actions: 'explain' },
          { guard: { type: 'kindIs', params: { kind: 'update_address' } }, target: 'askingAddress', actions: ['explain', assign({ mode: 'update' })] },
          { guard: { type: 'kindIs', params: { kind: 'redirect_or_refuse' } }, target: 'choosingShippedOption', actions: 'explain' },
          { target: 'done', actions: 'explain' },
        ],
      },
      confirmingCancel: {
        tags: ['awaitingUser', 'yesNo'],
        on: {
          'user.said': [
            { guard: 'back', actions: ['nothingToGoBack', 'explain'] },
            { guard: 'yes', target: 'cancelling', actions: 'tick' },
            { guard: 'no', target: 'done', actions: emit(({ context }) => ({ type: 'reply' as const, reply: { key: 'address:kept', values: { orderId: context.order?.id ?? '' } } })) },
            { actions: ['explain', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'explain' },
        },
      },
      cancelling: {
        invoke: {
          src: 'cancelOrder',
          input: ({ context }) => {
            const d = decide(context);
            return {
              orderId: context.order?.id ?? '',
              by: d?.kind === 'cancel_and_reorder' ? d.cancelBy : 'seller',
              reason: 'address_change',
              idempotencyKey: effectKey(context.input.conversationId, context.turnId, 'cancel'),
            };
          },
          onDone: [
            {
              guard: ({ event }) => event.output.ok,
              target: 'done',
              actions: [emit(({ context }) => ({ type: 'reply' as const, reply: { key: 'address:cancelledReorder', values: { orderId: context.order?.id ?? '' } } })), { type: 'note', params: { action: 'cancelled_for_reorder' } }],
            },
            { target: 'done', actions: { type: 'say', params: { key: 'address:shippedMeanwhile' } } },
          ],
          onError: { target: 'confirmingCancel', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
        },
      },
      choosingShippedOption: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'back', actions: ['nothingToGoBack', 'explain'] },
            { guard: { type: 'picked', params: { choice: 'redirect' } }, target: 'askingAddress', actions: ['tick', assign({ mode: 'redirect' }), 'askAddress'] },
            { guard: { type: 'picked', params: { choice: 'resident' } }, target: 'done', actions: { type: 'say', params: { key: 'address:residentSteps' } } },
            { actions: ['explain', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'explain' },
        },
      },
      askingAddress: {
        tags: ['awaitingUser', 'freeText'],
        on: {
          'user.said': [
            { guard: and(['back', 'redirecting']), target: 'choosingShippedOption', actions: [assign({ mode: undefined }), 'explain'] },
            // In update mode this is the first question after verification.
            { guard: 'back', actions: ['nothingToGoBack', 'askAddress'] },
            { guard: 'looksLikeAddress', target: 'confirmingAddress', actions: ['tick', 'takeAddress', 'confirmAddress'] },
            { actions: [{ type: 'say', params: { key: 'address:addressIncomplete' } }, 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'askAddress' },
        },
      },
      confirmingAddress: {
        tags: ['awaitingUser', 'yesNo'],
        on: {
          'user.said': [
            { guard: ({ context, event }) => isYes(event) && context.mode === 'update', target: 'reverifying', actions: ['tick', { type: 'say', params: { key: 'address:reverify' } }] },
            { guard: 'yes', target: 'rechecking', actions: 'tick' },
            { guard: 'no', target: 'askingAddress', actions: [assign({ newAddress: undefined }), { type: 'say', params: { key: 'address:retype' } }] },
            { guard: 'back', target: 'askingAddress', actions: [assign({ newAddress: undefined }), 'askAddress'] },
            { actions: ['confirmAddress', 'notUnderstood'] },
          ],
          'flow.reask': { actions: 'confirmAddress' },
        },
      },
      reverifying: {
        tags: 'awaitingUser',
        on: {
          'user.said': [
            { guard: 'back', target: 'confirmingAddress', actions: 'confirmAddress' },
            { guard: ({ event }) => entity(event.nlu.entities, 'email') !== undefined || entity(event.nlu.entities, 'postalCode') !== undefined, target: 'rechecking', actions: ['tick', 'takeCheck'] },
            { actions: [{ type: 'say', params: { key: 'verify:detailNotRecognised' } }, 'notUnderstood'] },
          ],
          'flow.reask': { actions: { type: 'say', params: { key: 'address:reverify' } } },
        },
      },
      rechecking: {
        // The confirmation may come after the order moved on (e.g. shipped): read it again first.
        invoke: {
          src: 'loadOrder',
          input: ({ context }) => ({ orderId: context.order?.id ?? '' }),
          // The order as the order system has it now (kept as it was if it cannot be read).
          onDone: { target: 'checkingAllowed', actions: assign({ order: ({ context, event }) => event.output ?? context.order }) },
          onError: { target: 'checkingAllowed' },
        },
      },
      checkingAllowed: {
        // No longer allowed: decide again with the fresh order (its options, not a dead end).
        always: [{ guard: 'stillAllowed', target: 'applying' }, { target: 'deciding', actions: 'forgetAnswers' }],
      },
      refreshing: {
        invoke: {
          src: 'loadOrder',
          input: ({ context }) => ({ orderId: context.order?.id ?? '' }),
          onDone: { target: 'deciding', actions: [assign({ order: ({ context, event }) => event.output ?? context.order }), 'forgetAnswers'] },
          onError: { target: 'deciding', actions: 'forgetAnswers' },
        },
      },
      applying: {
        invoke: {
          src: 'applyAddress',
          input: ({ context }) => ({
            conversationId: context.input.conversationId,
            turnId: context.turnId,
            orderId: context.order?.id ?? '',
            address: requireAddress(context),
            kind: context.mode ?? 'update',
            ...(context.check ? { check: context.check } : {}),
          }),
          onDone: [
            // The order system refused (the order moved on since it was read): decide again with it as it is now.
            { guard: ({ event }) => event.output.outcome === 'refused', target: 'refreshing' },
            { target: 'done', actions: assign({ actions: ({ context, event }) => [...context.actions, ...event.output.actions] }) },
          ],
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      outcome: context.outcome,
      actions: context.actions,
      intent: 'change_address',
      ...(context.order ? { verifiedOrderId: context.order.id } : {}),
      ...(context.outcome === 'handoff' ? { handoffReason: 'policy_exception' as const } : {}),
      // Only `needsApproval` hands off: the seller cancels for a reorder once an agent approves.
      ...(context.outcome === 'handoff' && context.order
        ? { pendingAction: { kind: 'cancel' as const, orderId: context.order.id, by: 'seller' as const, reason: 'address_change' as const } }
        : {}),
    }),
  });
}
