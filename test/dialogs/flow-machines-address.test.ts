/**
 * change-address on its own: every state and transition by generated paths (machine-paths.ts), and
 * its effects on a real actor with fake services (what is cancelled or changed, what the buyer is told).
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, type AnyActorLogic, type EventObject } from 'xstate';
import { createChangeAddressMachine } from '../../dialogs/change-address.machine.js';
import type { ApplyAddressInput, ApplyAddressOutput } from '../../dialogs/apply-address.machine.js';
import type { VerifyOutput } from '../../dialogs/verify-buyer.machine.js';
import type { FlowEvent, FlowOutput } from '../../dialogs/flow.js';
import type { Reply, ReplyEmitted } from '../../dialogs/reply.js';
import { DEFAULT_POLICY, type PolicyConfig } from '../../src/policy/index.js';
import type { Order } from '../../src/domain/order.js';
import { explore } from './machine-paths.js';
import { byId, done, failed, missingInAll, said, USER } from './machine-fixtures.js';

const NEW_ADDRESS = '742 Evergreen Terrace, Springfield, OR 97477';
const justPlaced = byId('113-4829106-7730215');
const unshipped = byId('120-1936572-4408817');
const shipped = byId('112-7051384-2296640');
const ORDERS: Order[] = [justPlaced, unshipped, shipped, byId('111-5820437-6619203'), byId('143-1175026-9938401'), { ...byId('111-5820437-6619203'), status: 'returned' }];

const POLICIES: PolicyConfig[] = [
  { ...DEFAULT_POLICY, addressChangeMode: 'cancel_and_reorder', sellerCancelNeedsApproval: false, addressChangeReturnedRefund: 'full' },
  { ...DEFAULT_POLICY, addressChangeMode: 'cancel_and_reorder', sellerCancelNeedsApproval: true, addressChangeReturnedRefund: 'minus_shipping' },
  { ...DEFAULT_POLICY, addressChangeMode: 'update_address' },
];

describe('change-address on its own', () => {
  it('reaches every state and transition (every order state, both address rules, approval or not, every service answer)', () => {
    const outputs = (value: unknown, id: string): EventObject[] => {
      if (id === 'verify') return [...ORDERS.map((order) => done(id, { order, locked: false } satisfies VerifyOutput)), done(id, { locked: true } satisfies VerifyOutput)];
      if (value === 'cancelling') return [done(id, { ok: true, value: unshipped }), done(id, { ok: false, code: 'already_shipped' }), failed(id)];
      // The re-read order: unchanged, moved on to shipped (no longer allowed), unreadable.
      if (value === 'rechecking' || value === 'refreshing') return [done(id, unshipped), done(id, shipped), done(id, undefined), failed(id)];
      if (value === 'applying')
        return (['applied', 'refused', 'notChanged'] as const).map((outcome) => done(id, { outcome, actions: outcome === 'applied' ? ['address_updated'] : [] } satisfies ApplyAddressOutput));
      return [];
    };
    const runs = POLICIES.map((policy) =>
      explore(
        createChangeAddressMachine(policy),
        { conversationId: 'c', first: said('I need to change my address'), lang: 'en' },
        (s) => [
          ...USER,
          { type: 'flow.misunderstood' },
          said(NEW_ADDRESS),
          said('redirect', { choice: 'redirect' }),
          said('resident', { choice: 'resident' }),
          said('my email', { nlu: { intent: 'none', score: 0, entities: [{ type: 'email', value: unshipped.buyerEmail }] } }),
          ...Object.keys(s.children).flatMap((id) => outputs(s.value, id)),
        ],
        { actors: ['verifyBuyer', 'loadOrder', 'cancelOrder', 'applyAddress'], actions: ['notUnderstood'] },
        // The turn id and time move with every message; the way on depends on the state, the order and the answers.
        (s) => {
          const c = s.context as { order?: Order; mode?: string; newAddress?: unknown; check?: unknown; outcome: string };
          return JSON.stringify([s.value, s.status, c.order?.id, c.order?.status, c.mode, c.newAddress !== undefined, c.check !== undefined, c.outcome]);
        },
      ),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(25);
  });

  /** A real actor whose services are fakes recording what they were asked; the buyer's messages sent in turn. */
  function run(policy: PolicyConfig, order: Order, messages: FlowEvent[], cancelled: { ok: boolean } = { ok: true }) {
    const calls: { cancel: unknown[]; apply: ApplyAddressInput[] } = { cancel: [], apply: [] };
    const replies: Reply[] = [];
    // Fakes in place of the children (the verify-buyer and apply-address machines too): they answer at once.
    const actors: Record<string, AnyActorLogic> = {
      verifyBuyer: fromPromise<VerifyOutput>(async () => ({ order, locked: false })),
      loadOrder: fromPromise(async () => order),
      cancelOrder: fromPromise(async ({ input }: { input: unknown }) => {
        calls.cancel.push(input);
        return cancelled.ok ? { ok: true, value: { ...order, status: 'cancelled' } } : { ok: false, code: 'already_shipped' };
      }),
      applyAddress: fromPromise<ApplyAddressOutput, ApplyAddressInput>(async ({ input }) => {
        calls.apply.push(input);
        return { outcome: 'applied', actions: ['address_updated'] };
      }),
    };
    const machine = createChangeAddressMachine(policy).provide({ actors, actions: { notUnderstood: () => undefined } });
    const actor = createActor(machine, { input: { conversationId: 'conv-1', first: said('change my address'), lang: 'en' } });
    actor.on('reply', (e: ReplyEmitted) => replies.push(e.reply));
    actor.start();
    return {
      calls,
      replies,
      actor,
      /** Sends the messages one by one, each after the services of the previous one answered. */
      async send(): Promise<FlowOutput | undefined> {
        await new Promise((r) => setTimeout(r, 0));
        for (const m of messages) {
          actor.send(m);
          await new Promise((r) => setTimeout(r, 0));
        }
        const snap = actor.getSnapshot();
        return snap.status === 'done' ? (snap.output as FlowOutput) : undefined;
      },
    };
  }

  it('cancels for a reorder when the buyer says yes: once, by the buyer (own window), with a per-turn idempotency key', async () => {
    const r = run(POLICIES[0]!, justPlaced, [said('yes')]);
    const output = await r.send();
    expect(r.calls.cancel).toEqual([{ orderId: justPlaced.id, by: 'buyer', reason: 'address_change', idempotencyKey: expect.stringContaining('conv-1') }]);
    expect(r.replies.map((x) => x.key)).toEqual(['address:cancelAndReorder', 'address:cancelledReorder']);
    expect(output).toMatchObject({ outcome: 'done', actions: ['cancelled_for_reorder'], verifiedOrderId: justPlaced.id });
  });

  it('says no and keeps the order: nothing is cancelled', async () => {
    const r = run(POLICIES[0]!, justPlaced, [said('no')]);
    const output = await r.send();
    expect(r.calls.cancel).toEqual([]);
    expect(r.replies.map((x) => x.key)).toEqual(['address:cancelAndReorder', 'address:kept']);
    expect(output).toMatchObject({ outcome: 'done', actions: [] });
  });

  it('hands a seller cancel that needs approval to an agent, with the cancel as the pending action and nothing done', async () => {
    const r = run(POLICIES[1]!, unshipped, []);
    const output = await r.send();
    expect(r.calls.cancel).toEqual([]);
    expect(r.replies.map((x) => x.key)).toEqual(['address:needsApproval']);
    expect(output).toMatchObject({ outcome: 'handoff', handoffReason: 'policy_exception', pendingAction: { kind: 'cancel', orderId: unshipped.id, by: 'seller', reason: 'address_change' } });
  });

  it('updates in place after the address is confirmed and the buyer re-checked, with the parsed address and the check given', async () => {
    const email = said('it is oliver', { nlu: { intent: 'none', score: 0, entities: [{ type: 'email', value: unshipped.buyerEmail }] } });
    const r = run(POLICIES[2]!, unshipped, [said(NEW_ADDRESS), said('yes'), email]);
    const output = await r.send();
    expect(r.replies.map((x) => x.key)).toEqual(['address:askNew', 'address:confirmNew', 'address:reverify']);
    expect(r.calls.apply).toEqual([
      { conversationId: 'conv-1', turnId: email.turnId, orderId: unshipped.id, kind: 'update', check: { email: unshipped.buyerEmail }, address: expect.objectContaining({ line1: '742 Evergreen Terrace', postalCode: '97477' }) },
    ]);
    expect(output).toMatchObject({ outcome: 'done', actions: ['address_updated'] });
  });

  it('asks the carrier to redirect a shipped order to the confirmed address; an unreadable address changes nothing', async () => {
    const r = run(POLICIES[0]!, shipped, [said('redirect', { choice: 'redirect' }), said('somewhere nice'), said(NEW_ADDRESS), said('yes')]);
    const output = await r.send();
    expect(r.replies.map((x) => x.key)).toEqual(['address:shippedFullRefund', 'address:askRedirect', 'address:addressIncomplete', 'address:confirmNew']);
    expect(r.calls.apply).toEqual([expect.objectContaining({ orderId: shipped.id, kind: 'redirect', address: expect.objectContaining({ city: 'Springfield' }) })]);
    expect(output).toMatchObject({ outcome: 'done' });
  });
});
