import { getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { createCancelOrderMachine } from './dialogs/cancel-order.machine.js';
import { DEFAULT_POLICY } from './src/policy/index.js';
import { demoOrders } from './src/services/orders/index.js';
const now = new Date('2026-11-18T15:00:00Z');
const orders = demoOrders(now);
const m = createCancelOrderMachine(DEFAULT_POLICY).provide({ actions: { notUnderstood: () => undefined } });
const said = (text: string, extra = {}) => ({ type: 'user.said' as const, text, turnId: 't' + text, now: now.toISOString(), lang: 'en' as const, nlu: { intent: 'none' as const, score: 0, entities: [] }, ...extra });
const input = { conversationId: 'c', first: said('cancel'), lang: 'en' as const };
const paths = getShortestPaths(m, {
  input,
  events: (s) => {
    const ids = Object.keys(s.children);
    const done = ids.flatMap((id) => [
      ...orders.slice(0, 8).map((o) => ({ type: `xstate.done.actor.${id}`, output: id === 'verify' ? { order: o, locked: false } : { ok: true, value: o } })),
      { type: `xstate.done.actor.${id}`, output: id === 'verify' ? { locked: true } : { ok: false, code: 'already_shipped' } },
      { type: `xstate.error.actor.${id}`, error: new Error('down') },
    ]);
    return [said('yes', { control: 'yes' }), said('no', { control: 'no' }), said('back', { control: 'back' }), said('asdf'), { type: 'flow.reask' }, ...done] as never[];
  },
});
console.log(paths.length, [...new Set(paths.map((p) => JSON.stringify(p.state.value)))]);
const g = toDirectedGraph(m);
const all: string[] = []; const walk = (n: any) => { all.push(n.id); n.children.forEach(walk); }; walk(g);
console.log(all);
