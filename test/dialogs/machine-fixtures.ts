/** What the machine tests share: a fixed now, the demo orders, buyer messages and a child's done / error events. */
import type { EventObject } from 'xstate';
import type { UserSaid } from '../../dialogs/events.js';
import { demoOrders } from '../../src/services/orders/index.js';
import type { Order } from '../../src/domain/order.js';

export const NOW = new Date('2026-11-18T15:00:00Z');
const ORDERS = demoOrders(NOW);

export const byId = (id: string): Order => {
  const o = ORDERS.find((x) => x.id === id);
  if (!o) throw new Error(id);
  return o;
};

/** A buyer message as the turn runner sends it (English, nothing recognised unless `extra` says so). */
export const said = (text: string, extra: Partial<UserSaid> = {}): UserSaid => ({
  type: 'user.said',
  text,
  turnId: `t-${text}`,
  now: NOW.toISOString(),
  lang: 'en',
  nlu: { intent: 'none', score: 0, entities: [] },
  ...extra,
});

/** A yes, a no, a "back", gibberish and the root's "ask again": what every question must handle. */
export const USER: EventObject[] = [said('yes please go ahead'), said("no, don't"), said('back', { control: 'back' }), said('asdfgh'), { type: 'flow.reask' }];
export const done = (id: string, output: unknown): EventObject => ({ type: `xstate.done.actor.${id}`, output }) as EventObject;
export const failed = (id: string): EventObject => ({ type: `xstate.error.actor.${id}`, error: new Error('service down') }) as EventObject;

/** What no variant reached: a machine built for several policies is covered by their union. */
export const missingInAll = (lists: string[][]) => (lists[0] ?? []).filter((x) => lists.every((l) => l.includes(x)));
