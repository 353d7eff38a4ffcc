/**
 * Two real assistants on one real redis-server: turns of one conversation that arrive while it is
 * busy are served first come, first served across both instances (the shared lock's ticket queue),
 * and the transcript shows them in that order. Refused messages keep the buyer's words too.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnResult } from '../../src/bot/turn-runner.js';
import { activityTag } from '../../src/state/conversation-store.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';
import { KeywordNlu } from '../support/keyword-nlu.js';

function instances(cluster: AppCluster) {
  const [a, b] = cluster.instances;
  if (!a || !b) throw new Error('two instances expected');
  return [a.assistant, b.assistant] as const;
}

/** Waits until `n` turns are queued for the conversation's lock. */
async function queued(cluster: AppCluster, conversationId: string, n: number): Promise<void> {
  const redis = instances(cluster)[0].redis;
  if (!redis) throw new Error('Redis expected');
  for (let i = 0; i < 1000; i++) {
    if (Number(await redis.commander.sendCommand(['ZCARD', `asa:{conv:${conversationId}}:lock:queue`])) >= n) return;
    await sleep(2);
  }
  throw new Error(`${n} turns never queued`);
}

describe('turn order across two instances', () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    cluster = await startAppCluster(2, { lockWaitMs: 15_000 }, { nlu: new KeywordNlu() });
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('serves waiting turns from both instances in arrival order, and the transcript matches', async () => {
    const [a, b] = instances(cluster);
    const id = `order-${randomUUID()}`;
    // A turn of this conversation is in progress (it holds the lock) while eight more arrive.
    const inProgress = await a.lock.acquire(`{conv:${id}}:lock`, { ttlMs: 20_000, waitMs: 0 });
    if (!inProgress) throw new Error('lock expected');
    const texts = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? `hello number ${i}` : `你好 第${i}条`));
    const turns: Promise<TurnResult>[] = [];
    for (const [i, text] of texts.entries()) {
      turns.push((i % 2 === 0 ? a : b).runner.run({ conversationId: id, activityId: `m${i}`, kind: 'message', text }));
      await queued(cluster, id, i + 1);
    }
    await inProgress.release();
    const results = await Promise.all(turns);
    expect(results.map((r) => r.replies.map((x) => x.key))).toEqual(texts.map(() => ['common:greeting']));

    const { record } = await b.store.load(id);
    expect(record?.turns).toBe(texts.length);
    // The newest turns saved last: the same order.
    expect(record?.recent?.map((r) => r.id)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7'].map(activityTag));
    const lines = await a.transcripts.list(id);
    expect(lines.map((l) => [l.from, l.from === 'buyer' ? l.text : l.key])).toEqual(texts.flatMap((t) => [['buyer', t], ['bot', 'common:greeting']]));
    // Each reply in the transcript is the one its own turn returned (en and zh alternate).
    expect(lines.filter((l) => l.from === 'bot').map((l) => l.text)).toEqual(results.map((r) => r.replies[0]?.text));
    expect(new Set(results.map((r) => r.lang))).toEqual(new Set(['en', 'zh']));
    const redis = a.redis;
    if (!redis) throw new Error('Redis expected');
    const lockKeys = ['', ':queue', ':waiting', ':tickets'].map((s) => `asa:{conv:${id}}:lock${s}`);
    expect(await redis.commander.sendCommand(['EXISTS', ...lockKeys])).toBe(0);
  });
});

describe('refused messages on shared state', () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    cluster = await startAppCluster(2, { lockWaitMs: 150, maxMessageChars: 50 }, { nlu: new KeywordNlu() });
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('a busy refusal on one instance keeps the buyer line; the other instance reads it back whole', async () => {
    const [a, b] = instances(cluster);
    const id = `busy-${randomUUID()}`;
    await a.runner.run({ conversationId: id, activityId: 'first', kind: 'message', text: '你好' });
    const before = await a.store.load(id);
    const holding = await a.lock.acquire(`{conv:${id}}:lock`, { ttlMs: 20_000, waitMs: 0 });
    const photos = ['https://shop.example/uploads/a.jpg'];
    const busy = await b.runner.run({ conversationId: id, activityId: 'late', kind: 'message', text: '谢谢，包裹破了', photos });
    await holding?.release();
    expect(busy.outcome).toBe('busy');
    expect(busy.lang).toBe('zh');
    expect(busy.replies.map((r) => r.key)).toEqual(['common:errors.busy']);
    expect((await b.store.load(id)).eTag).toBe(before.eTag);
    const long = `${'我的包裹'.repeat(20)}到哪了`;
    const tooLong = await a.runner.run({ conversationId: id, activityId: 'long', kind: 'message', text: long, photos });
    expect(tooLong.replies.map((r) => r.key)).toEqual(['common:errors.tooLong']);

    const lines = await b.transcripts.list(id);
    expect(lines.filter((l) => l.from === 'buyer')).toEqual([
      { at: expect.any(String), from: 'buyer', text: '你好', activityId: activityTag('first') },
      { at: expect.any(String), from: 'buyer', text: '谢谢，包裹破了', activityId: activityTag('late'), photos },
      { at: expect.any(String), from: 'buyer', text: `${long.slice(0, 50)}…`, activityId: activityTag('long'), photos, truncatedFrom: long.length },
    ]);
    expect(lines.filter((l) => l.from === 'bot').map((l) => l.key)).toEqual(['common:greeting', 'common:errors.busy', 'common:errors.tooLong']);
  });
});
