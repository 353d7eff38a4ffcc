/**
 * The Redis activity stream against a real redis-server: the same contract as the memory store
 * (watermarks, list after a watermark, copies, subscribe/unsubscribe, trimming), plus what only a
 * shared store has: appends from another process reach this process's listeners, missed pub/sub
 * messages are filled from the list, and failures surface as STORAGE_UNAVAILABLE.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DirectLineActivity } from '../../../src/channels/direct-line/activity-stream-store.js';
import { RedisActivityStreamStore } from '../../../src/channels/direct-line/redis-activity-stream-store.js';
import { createRedisClient, type RedisConnection } from '../../../src/state/redis-client.js';
import { createRedisSubscriber, type RedisSubscriber } from '../../../src/state/redis-subscriber.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';

const activity = (id: string, conversationId = 'c1'): DirectLineActivity => ({
  type: 'message',
  id,
  timestamp: '2026-03-01T10:00:00.000Z',
  channelId: 'directline',
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'bot', name: 'Assistant', role: 'bot' },
  text: id,
});

interface Process {
  connection: RedisConnection;
  subscriber: RedisSubscriber;
  store: RedisActivityStreamStore;
}

let redis: RedisServerHandle;
const processes: Process[] = [];

async function startProcess(options: { maxActivitiesPerConversation?: number; ttlMs?: number } = {}): Promise<Process> {
  const connection = createRedisClient(redis.url);
  const subscriber = createRedisSubscriber(connection);
  await Promise.all([connection.connect(), subscriber.connect()]);
  const store = new RedisActivityStreamStore(connection.commander, subscriber, { prefix: 'asa', ttlMs: 60_000, ...options });
  const started = { connection, subscriber, store };
  processes.push(started);
  return started;
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const p of processes) {
    await p.subscriber.close();
    await p.connection.close();
  }
  await redis?.stop();
});

/** What an append does minus PUBLISH (atomically, as the real one): a message nobody heard. */
async function appendUnpublished(p: Process, id: string, a: DirectLineActivity): Promise<void> {
  const keys = p.store.redisKeys(id);
  const script = "redis.call('HINCRBY', KEYS[1], 'seq', 1) redis.call('RPUSH', KEYS[2], ARGV[1])";
  await p.connection.commander.sendCommand(['EVAL', script, '2', keys.meta, keys.activities, JSON.stringify(a)]);
}

/** A fresh conversation id per test, so tests sharing the server never see each other's data. */
const newId = () => `c-${randomUUID()}`;

describe('RedisActivityStreamStore: the ActivityStreamStore contract', () => {
  it('opens a conversation once, also across processes', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const id = newId();
    expect(await a.store.exists(id)).toBe(false);
    expect(await a.store.open(id)).toBe(true);
    expect(await b.store.open(id)).toBe(false);
    expect(await b.store.exists(id)).toBe(true);
  });

  it('numbers activities from 1 and lists what came after a watermark', async () => {
    const { store } = await startProcess();
    const id = newId();
    await store.open(id);
    expect(await store.append(id, activity('a', id))).toBe(1);
    expect(await store.append(id, activity('b', id))).toBe(2);
    expect(await store.append(id, activity('c', id))).toBe(3);
    expect((await store.list(id, 0)).activities.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(await store.list(id, 1, 1)).toMatchObject({ activities: [{ id: 'b' }], watermark: 2 });
    expect(await store.list(id, 3)).toEqual({ activities: [], watermark: 3 });
    expect(await store.list('unknown', 0)).toEqual({ activities: [], watermark: 0 });
    expect((await store.list(id, 0)).activities[0]).toEqual(activity('a', id));
  });

  it('hands out copies: a caller mutating what it got changes nothing stored', async () => {
    const { store } = await startProcess();
    const id = newId();
    const a = activity('a', id);
    await store.append(id, a);
    a.text = 'changed';
    const listed = (await store.list(id, 0)).activities[0];
    expect(listed?.text).toBe('a');
    if (listed) listed.text = 'changed too';
    expect((await store.list(id, 0)).activities[0]?.text).toBe('a');
  });

  it('gives concurrent appends from two processes distinct, gap-free watermarks', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const id = newId();
    await a.store.open(id);
    const watermarks = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).store.append(id, activity(`m${i}`, id))));
    expect([...watermarks].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const page = await b.store.list(id, 0);
    expect(page.watermark).toBe(40);
    expect(new Set(page.activities.map((x) => x.id)).size).toBe(40);
  });

  it('notifies subscribers in order until they unsubscribe', async () => {
    const { store } = await startProcess();
    const [id, other] = [newId(), newId()];
    const seen: [string, number][] = [];
    const sentinel: string[] = [];
    const unsubscribe = await store.subscribe(id, (a, w) => seen.push([a.id, w]));
    await store.subscribe(other, (a) => sentinel.push(a.id));
    await store.append(id, activity('a', id));
    await store.append(other, activity('other', other));
    await store.append(id, activity('b', id));
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await unsubscribe();
    await store.append(id, activity('c', id));
    // Messages arrive on one connection in publish order: once the later sentinel is in, 'c' would be too.
    await store.append(other, activity('after', other));
    await vi.waitFor(() => expect(sentinel).toEqual(['other', 'after']));
    expect(seen).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('keeps watermarks valid when old activities are dropped, and expires streams', async () => {
    const { connection, store } = await startProcess({ maxActivitiesPerConversation: 2 });
    const id = newId();
    await store.open(id);
    for (const x of ['a', 'b', 'c']) await store.append(id, activity(x, id));
    expect(await store.list(id, 0)).toMatchObject({ activities: [{ id: 'b' }, { id: 'c' }], watermark: 3 });
    expect((await store.list(id, 2)).activities.map((a) => a.id)).toEqual(['c']);
    expect(await store.append(id, activity('d', id))).toBe(4);
    const keys = store.redisKeys(id);
    expect(await connection.commander.sendCommand(['LLEN', keys.activities])).toBe(2);
    for (const key of [keys.meta, keys.activities]) {
      const ttl = await connection.commander.sendCommand(['PTTL', key]);
      expect(typeof ttl === 'number' && ttl > 0 && ttl <= 60_000).toBe(true);
    }
    // Keys carry the conversation's hash tag: one Cluster slot with its record, lock and transcript.
    expect(keys.activities).toBe(`asa:{conv:${id}}:dl:activities`);
  });
});

describe('RedisActivityStreamStore: several processes', () => {
  it("delivers another process's appends to this process's listeners, every listener its own copy", async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const id = newId();
    const first: [string, number][] = [];
    const second: string[] = [];
    await a.store.subscribe(id, (x, w) => {
      first.push([x.id, w]);
      x.text = 'mutated by the first listener';
    });
    await a.store.subscribe(id, (x) => second.push(x.text ?? ''));
    await b.store.append(id, activity('x', id));
    await b.store.append(id, activity('y', id));
    await vi.waitFor(() => expect(second).toHaveLength(2));
    expect(first).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
    expect(second).toEqual(['x', 'y']);
  });

  it('fills a watermark gap from the list when a pub/sub message was missed', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const id = newId();
    const seen: [string, number][] = [];
    await a.store.subscribe(id, (x, w) => seen.push([x.id, w]));
    await b.store.append(id, activity('one', id));
    // What an append looks like to a subscriber that was disconnected at the time: stored, never heard.
    await appendUnpublished(b, id, activity('lost', id));
    await b.store.append(id, activity('three', id));
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual([
      ['one', 1],
      ['lost', 2],
      ['three', 3],
    ]);
  });

  it('catches up after its subscriber connection was cut, without waiting for a later append', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const id = newId();
    const seen: [string, number][] = [];
    await a.store.subscribe(id, (x, w) => seen.push([x.id, w]));
    await b.store.append(id, activity('before', id));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // Stored and never published, as an append made while the subscriber is away (node-redis
    // reconnects within milliseconds, too fast to append in between): only the catch-up finds it.
    await appendUnpublished(b, id, activity('during', id));
    await b.connection.commander.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 5000 });
    expect(seen).toEqual([
      ['before', 1],
      ['during', 2],
    ]);
    // And live delivery works again on the resubscribed channel.
    await b.store.append(id, activity('after', id));
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen[2]).toEqual(['after', 3]);
  });
});

describe('RedisActivityStreamStore: Redis unavailable', () => {
  it('fails fast with STORAGE_UNAVAILABLE', async () => {
    const own = await startRedisServer();
    const connection = createRedisClient(own.url, undefined, { commandTimeoutMs: 300 });
    const subscriber = createRedisSubscriber(connection, undefined, { commandTimeoutMs: 300 });
    await Promise.all([connection.connect(), subscriber.connect()]);
    const store = new RedisActivityStreamStore(connection.commander, subscriber, { prefix: 'asa' });
    try {
      await own.stop();
      const unavailable = { code: 'STORAGE_UNAVAILABLE' };
      await expect(store.append('c9', activity('a', 'c9'))).rejects.toMatchObject(unavailable);
      await expect(store.list('c9', 0)).rejects.toMatchObject(unavailable);
      await expect(store.open('c9')).rejects.toMatchObject(unavailable);
      await expect(store.exists('c9')).rejects.toMatchObject(unavailable);
      await expect(store.subscribe('c9', () => undefined)).rejects.toMatchObject(unavailable);
    } finally {
      await subscriber.close();
      await connection.close();
    }
  });
});
