import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpChat } from '../support/http-chat.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

const ON_TIME = '112-7051384-2296640';

let cluster: AppCluster;
beforeAll(async () => {
  cluster = await startAppCluster(2);
}, 60_000);
afterAll(async () => cluster?.close());

const urls = () => cluster.instances.map((i) => i.url);

describe('two instances sharing one Redis', () => {
  it('finish a track-order flow while the buyer alternates between them', async () => {
    const [a, b] = urls();
    if (!a || !b) throw new Error('two instances expected');
    const id = `two-${randomUUID()}`;
    const email = (await cluster.instances[0]?.assistant.services.orders.findById(ON_TIME))?.buyerEmail;
    if (!email) throw new Error('demo order missing');
    const first = await httpChat(a, id).say(`Where is my order ${ON_TIME}?`);
    expect(first.status).toBe(200);
    expect(first.replies.map((r) => r.key)).toEqual(['verify:askDetail']);
    // The second instance never saw the first turn: it must load the state from Redis.
    const second = await httpChat(b, id).say(email);
    expect(second.status).toBe(200);
    expect(second.replies[0]?.key).toMatch(/^track:/);
    const { record } = await cluster.instances[1]!.assistant.store.load(id);
    expect(record?.turns).toBe(2);
    const lines = await cluster.instances[0]!.assistant.transcripts.list(id);
    expect(lines.filter((l) => l.from === 'buyer').map((l) => l.text)).toEqual([`Where is my order ${ON_TIME}?`, email]);
    expect(lines.find((l) => l.from === 'bot')?.key).toBe('verify:askDetail');
  });

  it('serialise concurrent messages to one conversation: all answered, transcript complete and in order', async () => {
    const id = `conc-${randomUUID()}`;
    const texts = Array.from({ length: 12 }, (_, i) => `hello number ${i}`);
    const results = await Promise.all(texts.map((t, i) => httpChat(urls()[i % 2]!, id).say(t)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.every((r) => r.replies.length === 1 && r.replies[0]?.key === 'common:greeting')).toBe(true);
    const { record } = await cluster.instances[0]!.assistant.store.load(id);
    expect(record?.turns).toBe(texts.length);
    const lines = await cluster.instances[1]!.assistant.transcripts.list(id);
    expect(lines).toHaveLength(texts.length * 2);
    // Under the lock every buyer line is directly followed by its own reply: no interleaving.
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i]?.from).toBe('buyer');
      expect(lines[i + 1]?.from).toBe('bot');
    }
    expect(new Set(lines.filter((l) => l.from === 'buyer').map((l) => l.text))).toEqual(new Set(texts));
  });

  it('process a re-delivered activity once: same id returns the first replies; the same text under a new id is a new message (issue 18 item 9)', async () => {
    const id = `dup-${randomUUID()}`;
    const activityId = randomUUID();
    const [a, b] = urls();
    const first = await httpChat(a!, id).post({ type: 'message', text: 'hello', id: activityId });
    const again = await httpChat(b!, id).post({ type: 'message', text: 'hello', id: activityId });
    expect(again.replies.map((r) => r.key)).toEqual(first.replies.map((r) => r.key));
    expect(again.replies[0]?.text).toBe(first.replies[0]?.text);
    const resent = await httpChat(b!, id).post({ type: 'message', text: 'hello', id: randomUUID() });
    expect(resent.status).toBe(200);
    expect(resent.replies.map((r) => r.key)).toEqual(first.replies.map((r) => r.key));
    const { record } = await cluster.instances[0]!.assistant.store.load(id);
    expect(record?.turns).toBe(2);
    const lines = await cluster.instances[0]!.assistant.transcripts.list(id);
    expect(lines.filter((l) => l.from === 'buyer')).toHaveLength(2);
  });

  it('processes the same activity once when it reaches both instances at the same moment', async () => {
    const id = `dup-side-${randomUUID()}`;
    const activityId = randomUUID();
    const [a, b] = urls();
    const results = await Promise.all([
      httpChat(a!, id).post({ type: 'message', text: 'hello', id: activityId }),
      httpChat(b!, id).post({ type: 'message', text: 'hello', id: activityId }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const { record } = await cluster.instances[0]!.assistant.store.load(id);
    expect(record?.turns).toBe(1);
  });

  it('reports Redis health on /readyz and exposes Prometheus metrics', async () => {
    const ready = await fetch(`${urls()[0]}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: true } });
    const metrics = await (await fetch(`${urls()[0]}/metrics`)).text();
    expect(metrics).toMatch(/asa_turn_duration_seconds_bucket\{le="[^"]+",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/asa_intents_total\{intent="greeting",lang="en"\} [1-9]/);
    const all = (await Promise.all(urls().map(async (u) => (await fetch(`${u}/metrics`)).text()))).join('\n');
    expect(all).toMatch(/asa_turns_total\{outcome="duplicate"\} [1-9]/);
  });
});
