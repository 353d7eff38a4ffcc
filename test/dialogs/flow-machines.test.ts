/** Every state and transition of the flow machines, reached by generated paths (see machine-paths.ts). */
import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { createCancelOrderMachine } from '../../dialogs/cancel-order.machine.js';
import type { UserSaid } from '../../dialogs/events.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { demoOrders } from '../../src/services/orders/index.js';
import type { Order } from '../../src/domain/order.js';
import { explore } from './machine-paths.js';

const NOW = new Date('2026-11-18T15:00:00Z');
const ORDERS = demoOrders(NOW);
const byId = (id: string): Order => {
  const o = ORDERS.find((x) => x.id === id);
  if (!o) throw new Error(id);
  return o;
};

const said = (text: string, extra: Partial<UserSaid> = {}): UserSaid => ({
  type: 'user.said',
  text,
  turnId: `t-${text}`,
  now: NOW.toISOString(),
  lang: 'en',
  nlu: { intent: 'none', score: 0, entities: [] },
  ...extra,
});

const USER: EventObject[] = [said('yes please go ahead'), said("no, don't"), said('back', { control: 'back' }), said('asdfgh'), { type: 'flow.reask' }];
const done = (id: string, output: unknown): EventObject => ({ type: `xstate.done.actor.${id}`, output } as EventObject);
const failed = (id: string): EventObject => ({ type: `xstate.error.actor.${id}`, error: new Error('service down') } as EventObject);

/** What no variant reached: a machine built for several policies is covered by their union. */
const missingInAll = (lists: string[][]) => (lists[0] ?? []).filter((x) => lists.every((l) => l.includes(x)));

const LATER = new Date(NOW.getTime() + 45 * 60_000).toISOString();

describe('flow machines on their own, every state and transition by generated paths', () => {
  it('cancel-order (buyer window, seller cancel with and without approval, every order state)', () => {
    const orders = ['113-4829106-7730215', '120-1936572-4408817', '112-7051384-2296640', '111-5820437-6619203', '143-1175026-9938401', '127-4410938-1176250'].map(byId);
    const runs = [false, true].map((sellerCancelNeedsApproval) =>
      explore(
        createCancelOrderMachine({ ...DEFAULT_POLICY, sellerCancelNeedsApproval }),
        { conversationId: 'c', first: said('cancel my order'), lang: 'en' },
        (s) => [
          ...USER,
          // A yes after the buyer's own 30 minutes are over.
          said('yes', { now: LATER, turnId: 't-later' }),
          { type: 'flow.misunderstood' },
          ...Object.keys(s.children).flatMap((id) =>
            id === 'verify'
              ? [...orders.map((order) => done(id, { order, locked: false })), done(id, { locked: true })]
              : [done(id, { ok: true, value: orders[0] }), done(id, { ok: false, code: 'already_shipped' }), done(id, { ok: false, code: 'not_found' }), failed(id)],
          ),
        ],
        { actors: ['verifyBuyer', 'cancelOrder'], actions: ['notUnderstood'] },
      ),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(10);
  });
});
