/**
 * `tsx bench/turn-profile.ts`: cost of one buyer turn inside the process (no HTTP, memory storage),
 * split by phase, so the load benchmark's figures can be attributed. Prints a JSON line last.
 */
import { performance } from 'node:perf_hooks';
import { createActor } from 'xstate';
import { loadConfig } from '../src/config.js';
import { createAssistant } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { packRecord, unpackRecord } from '../src/state/conversation-store.js';

const N = Number(process.argv.find((a) => a.startsWith('--turns='))?.slice(8) ?? 2000);
const assistant = await createAssistant(loadConfig({}, { logLevel: 'silent', rateLimitConversationPerMinute: 0, duplicateWindowMs: 0 }), {
  logger: createLogger('silent'),
  channels: false,
});
const email = (await assistant.services.orders.findById('112-7051384-2296640'))?.buyerEmail ?? '';
const script = ['hello', 'where is my order 112-7051384-2296640', email, 'thanks'];

const time = async (label: string, fn: () => Promise<unknown> | unknown, n: number) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const per = (performance.now() - t0) / n;
  console.log(`${label.padEnd(28)} ${per.toFixed(3)} ms`);
  return per;
};

let conv = 0;
const turn = await time(
  'full turn (runner)',
  async () => {
    const id = `p-${conv++ >> 2}`;
    await assistant.runner.run({ conversationId: id, activityId: `${id}-${conv}`, kind: 'message', text: script[conv % 4] ?? 'hello' });
  },
  N,
);
const nlu = await time('NLU understand', () => assistant.nlu.understand('where is my order 112-7051384-2296640', 'en'), N);
const { record } = await assistant.store.load('p-3');
const machine = (assistant.runner as unknown as { deps: { machine: Parameters<typeof createActor>[0] } }).deps.machine;
const restore = await time(
  'actor restore+start+stop',
  () => {
    const a = createActor(machine, { input: { conversationId: 'x' }, snapshot: record?.snapshot as never });
    a.start();
    a.getPersistedSnapshot();
    a.stop();
  },
  N,
);
const pack = await time('pack+unpack record', () => unpackRecord({ ...packRecord(record ?? ({} as never)) }), N);
const render = await time('render 2 replies', () => assistant.renderer.render([{ key: 'common:greeting' }, { key: 'track:notShipped', values: { orderId: 'x', earliest: { iso: new Date().toISOString(), style: 'date' }, latest: { iso: new Date().toISOString(), style: 'date' } } }], 'en'), N);
console.log(JSON.stringify({ turns: N, turnMs: turn, nluMs: nlu, actorMs: restore, packMs: pack, renderMs: render }));
await assistant.close();
