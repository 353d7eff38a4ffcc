/**
 * The load benchmark's own parts, on a real assistant with a real redis-server: every scripted flow
 * passes its reply-key checks and stays valid when repeated, a wrong reply is counted as an error,
 * and the memory measurement clones every key of a conversation (and refuses to guess).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, stepLines, summarise } from '../../bench/driver.js';
import { benchFlows, type Flow } from '../../bench/flows.js';
import { keyShape, measureRedisMemory } from '../../bench/redis-memory.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

let cluster: AppCluster;
let url: string;
beforeAll(async () => {
  cluster = await startAppCluster(1);
  url = cluster.instances[0]?.url ?? '';
}, 60_000);
afterAll(async () => cluster?.close());

const flows = benchFlows();

describe('bench flows', () => {
  it('cover track, cancel refused, cancel kept, return and FAQ in English and Chinese', () => {
    expect(new Set(flows.map((f) => f.name))).toEqual(
      new Set(['track', 'cancel-refused', 'cancel-kept', 'return', 'faq'].flatMap((k) => [`${k}/en`, `${k}/zh`])),
    );
  });

  it('all pass their reply-key checks, several times each (the return branch included), with zero errors', async () => {
    const run = await drive(url, { buyers: 3, seconds: 4, flows });
    expect(run.errorSamples).toEqual([]);
    expect(run.errors).toBe(0);
    for (const flow of flows) expect(run.completed[flow.name] ?? 0, flow.name).toBeGreaterThanOrEqual(2);
    // One label: the first return; every later one found it open and was refused the same item.
    const returns = await cluster.instances[0]!.assistant.services.orders.listReturns('111-5820437-6619203');
    expect(returns.map((r) => r.skus)).toEqual([['PAN-CAST-26']]);
  }, 30_000);

  it('times every turn under its kind: flow, step number and reply key', async () => {
    const two = flows.filter((f) => f.name === 'track/en' || f.name === 'faq/zh');
    const run = await drive(url, { buyers: 1, seconds: 1, flows: two });
    const steps = summarise(run).byStep;
    expect(steps.reduce((n, s) => n + s.count, 0)).toBe(run.turns);
    expect(steps.map((s) => s.step)).toEqual(expect.arrayContaining(['track 1: common:greeting', 'track 2: verify:askDetail']));
    expect(steps.every((s) => /^(track [1-4]: (common|verify|track):|faq [12]: (presales|common):)/.test(s.step))).toBe(true);
    for (const s of steps) expect(s.p50Ms).toBeLessThanOrEqual(s.p99Ms);
    const greeting = steps.find((s) => s.step === 'track 1: common:greeting');
    expect(stepLines([{ name: 'this', byStep: steps }]).find((l) => l.startsWith('track 1: common:greeting'))).toMatch(new RegExp(`^track 1: common:greeting\\s+${greeting?.count}\\s`));
  }, 30_000);

  it('a wrong reply key is an error, with the reply named', async () => {
    const track = flows.find((f) => f.name === 'track/en');
    if (!track) throw new Error('no track flow');
    const wrong: Flow = { ...track, steps: track.steps.map((s, i) => (i === 2 ? { ...s, expect: /^track:late$/ } : s)) };
    const run = await drive(url, { buyers: 1, seconds: 1, flows: [wrong] });
    expect(run.errors).toBeGreaterThan(0);
    expect(run.errorSamples[0]).toMatch(/track\/en: ".+" → track:onTime/);
    expect(run.completed['track/en']).toBeUndefined();
  });
});

describe('bench redis memory', () => {
  it('fails loudly with nothing to clone', async () => {
    await expect(measureRedisMemory(cluster.redis.url, {}, { conversations: 10 })).rejects.toThrow(/no finished conversations/);
    await expect(measureRedisMemory(cluster.redis.url, { 'track/en': [] }, { conversations: 10 })).rejects.toThrow(/no finished conversation of flow track\/en/);
    await expect(
      measureRedisMemory(cluster.redis.url, { 'track/en': ['bench-00000000-0000-0000-0000-000000000000'] }, { conversations: 10 }),
    ).rejects.toThrow(/has no record key/);
  });

  it('clones every key of each sampled conversation, TTL kept, and splits the bytes by kind', async () => {
    const run = await drive(url, { buyers: 3, seconds: 3, flows, keepConversations: 3 });
    expect(run.errors).toBe(0);
    const redis = cluster.instances[0]!.assistant.redis;
    if (!redis) throw new Error('no redis');
    // What one real conversation wrote, to compare the clones with.
    const sample = run.conversations['return/en']?.[0] ?? 'missing';
    const ownKeys = async (pattern: string) => {
      const reply = await redis.commander.sendCommand(['KEYS', pattern]);
      return Array.isArray(reply) ? reply.filter((k): k is string => typeof k === 'string') : [];
    };
    const real = (await ownKeys(`*${sample}*`)).filter((k) => !k.endsWith(':rate') && !k.endsWith(':lock'));
    expect(real.some((k) => k.endsWith(':record'))).toBe(true);
    expect(real.some((k) => k.endsWith(':transcript'))).toBe(true);

    const report = await measureRedisMemory(cluster.redis.url, run.conversations, { conversations: 300 });
    expect(Object.keys(report.templatesPerFlow).sort()).toEqual(flows.map((f) => f.name).filter((n, i, all) => all.indexOf(n) === i).sort());
    expect(report.byKindMb.record + report.byKindMb.transcript).toBeGreaterThan(0);
    expect(report.bytesPerConversation).toBeGreaterThan(0);
    // After the fill Redis holds only the clones: 300 records, 300 transcripts, TTLs kept.
    const records = await ownKeys('*{conv:*}:record');
    const transcripts = await ownKeys('*{conv:*}:transcript');
    expect(records).toHaveLength(300);
    expect(transcripts).toHaveLength(300);
    const ttl = Number(await redis.commander.sendCommand(['PTTL', records[0] ?? '']));
    expect(ttl).toBeGreaterThan(29 * 24 * 3_600_000);
    expect(report.keysPerConversation).toBeGreaterThanOrEqual(2);
    // Every key shape a real return conversation wrote is cloned (idempotency records included).
    for (const key of real.filter((k) => !k.endsWith(':record') && !k.endsWith(':transcript'))) {
      expect(report.otherKeyShapes).toContain(keyShape(key, sample));
    }
  }, 60_000);
});
