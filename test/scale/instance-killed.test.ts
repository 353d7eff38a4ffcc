/**
 * Issue 8: an instance killed mid-turn → no lost or doubled effect. Real processes: one redis-server,
 * a fake seller order system (HttpOrderService contract) and three assistant processes
 * (`node --import tsx src/main.ts`, ORDER_API_URL set). A buyer's "yes" to a cancellation reaches
 * one instance, which is SIGKILLed while the order system holds the cancel open (before, or after,
 * applying it); the channel then redelivers the same activity (same id, same text) to another
 * instance. Exactly one cancellation must be applied, the buyer must get an answer, and the
 * conversation must go on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrders } from '../../src/services/orders/index.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisTranscriptStore } from '../../src/state/redis-transcript-store.js';
import { RedisStorage } from '../../src/state/redis-storage.js';
import { activityTag, createConversationStore, type ConversationStore } from '../../src/state/conversation-store.js';
import { startFakeOrderApi, type FakeOrderApi } from '../support/fake-order-api.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { httpChat } from '../support/http-chat.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const JUST_PLACED = '113-4829106-7730215'; // buyer's own cancel window
const UNSHIPPED = '120-1936572-4408817'; // seller cancels before shipment
const LOCK_TTL_MS = 2000;

interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', res);
  });
  const address = server.address();
  await new Promise<void>((res) => server.close(() => res()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function spawnApp(name: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // A clean environment: nothing from the developer's shell (DATA_DIR, app ids ...) leaks in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start (${child.exitCode}):\n${output}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(500) }).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within 20 s:\n${output}`);
    await sleep(100);
  }
  return { name, url, child, output: () => output };
}

async function kill(app: AppProcess): Promise<void> {
  const { child } = app;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGKILL');
  await exited;
}

let redis: RedisServerHandle;
let api: FakeOrderApi;
let apps: AppProcess[] = [];
let conn: RedisConnection;
let store: ConversationStore;
let transcripts: RedisTranscriptStore;

beforeAll(async () => {
  [redis, api] = await Promise.all([startRedisServer(), startFakeOrderApi(demoOrders(new Date()))]);
  const env = {
    REDIS_URL: redis.url,
    ORDER_API_URL: api.url,
    ORDER_API_TIMEOUT_MS: '3000',
    DIRECT_LINE_TOKEN_SECRET: 'instance-killed-test-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    CONVERSATION_LOCK_TTL_MS: String(LOCK_TTL_MS),
    CONVERSATION_LOCK_WAIT_MS: '4000',
    TURN_TIMEOUT_MS: '1500',
    RATE_LIMIT_IP_PER_MINUTE: '0',
    WIDGET_DEMO_PAGE: 'false',
  };
  apps = await Promise.all(['A1', 'B', 'A2'].map((name) => spawnApp(name, env)));
  conn = createRedisClient(redis.url);
  await conn.connect();
  store = createConversationStore(new RedisStorage(conn.commander, { prefix: 'asa' }));
  transcripts = new RedisTranscriptStore(conn.commander, { prefix: 'asa' });
}, 30_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => kill(a)));
  await conn?.close();
  await api?.close();
  await redis?.stop();
}, 10_000);

const app = (name: string): AppProcess => {
  const found = apps.find((a) => a.name === name);
  if (!found) throw new Error(`no app ${name}`);
  return found;
};

/** Verify and ask to cancel on `on`; returns the conversation, ready for the buyer's "yes". */
async function askToCancel(on: AppProcess, orderId: string) {
  const chat = httpChat(on.url, `killed-${randomUUID()}`);
  const email = api.order(orderId)?.buyerEmail ?? '';
  const first = await chat.post({ type: 'message', id: randomUUID(), text: `Please cancel my order ${orderId}` });
  expect(first.replies.map((r) => r.key)).toEqual(['verify:askDetail']);
  const second = await chat.post({ type: 'message', id: randomUUID(), text: email });
  expect(second.replies.map((r) => r.key)).toEqual(['cancel:confirm']);
  return chat;
}

/**
 * Send "yes" to `victim`, SIGKILL it at the moment `when` says, redeliver the same activity to
 * `survivor` as a channel retry would, and check one effect, an answer and a working conversation.
 */
async function killAndRedeliver(victim: AppProcess, survivor: AppProcess, orderId: string, when: (hold: ReturnType<FakeOrderApi['hold']>) => Promise<void>, mode: 'before' | 'after') {
  const chat = await askToCancel(victim, orderId);
  const yes = { type: 'message' as const, id: `yes-${randomUUID()}`, text: 'yes' };
  const hold = api.hold(mode, mode === 'before' ? LOCK_TTL_MS + 300 : 10_000);
  const callsBefore = api.calls.length;
  const effectsBefore = api.effects.cancel;

  const lost = chat.post(yes).then(
    (r) => ({ status: r.status, error: undefined }),
    (err: unknown) => ({ status: 0, error: err }),
  );
  await when(hold);
  const killedAt = Date.now();
  await kill(victim);
  // The victim never answered: the channel sees a broken connection.
  expect((await lost).status).toBe(0);

  const retried = await httpChat(survivor.url, chat.conversationId).post(yes);
  const retryMs = Date.now() - killedAt;
  expect(retried.status).toBe(200);
  const keys = retried.replies.map((r) => r.key);
  expect(keys.length).toBe(1);
  expect(['cancel:done', 'cancel:alreadyCancelled']).toContain(keys[0]);

  // Exactly one effect, one idempotency key, for all the calls that reached the order system.
  const cancels = api.calls.slice(callsBefore).filter((c) => c.kind === 'cancel');
  expect(cancels.length).toBeGreaterThanOrEqual(2); // the killed instance's and the retry's
  expect(new Set(cancels.map((c) => c.idempotencyKey)).size).toBe(1);
  expect(api.effects.cancel - effectsBefore).toBe(1);
  expect(api.order(orderId)?.status).toBe('cancelled');

  // Another redelivery while "yes" is the newest turn gets the saved answer again, nothing re-run.
  const again = await httpChat(survivor.url, chat.conversationId).post(yes);
  expect(again.replies.map((r) => r.key)).toEqual(keys);
  expect(api.calls.length - callsBefore).toBe(cancels.length);

  // The conversation goes on, on the survivor, from the state in Redis.
  const { record: saved } = await store.load(chat.conversationId);
  const turnsAfterRetry = saved?.turns ?? 0;
  expect(saved?.recent?.some((r) => r.id === activityTag(yes.id))).toBe(true);
  const next = await httpChat(survivor.url, chat.conversationId).post({ type: 'message', id: randomUUID(), text: `Where is my order ${JUST_PLACED}?` });
  expect(next.status).toBe(200);
  expect(next.replies.length).toBeGreaterThan(0);
  expect(next.replies.every((r) => !r.key?.startsWith('common:errors'))).toBe(true);
  expect((await store.load(chat.conversationId)).record?.turns).toBe(turnsAfterRetry + 1);

  // Later redeliveries of the same "yes" are duplicates: nothing re-run (no reply once a newer turn exists).
  const late = await httpChat(survivor.url, chat.conversationId).post(yes);
  expect(late.replies).toEqual([]);
  expect(api.effects.cancel - effectsBefore).toBe(1);

  const lines = await transcripts.list(chat.conversationId);
  const yesLines = lines.filter((l) => l.from === 'buyer' && l.activityId === activityTag(yes.id));
  // The killed instance wrote the buyer's line before it died; the retry does not write it again.
  expect(yesLines.map((l) => l.text)).toEqual(['yes']);
  expect(lines.filter((l) => l.from === 'bot' && keys.includes(l.key ?? ''))).toHaveLength(1);
  return { retryMs, cancelCalls: cancels.length, yesLines: yesLines.length, keys };
}

describe('an instance killed mid-turn (real processes, Redis, order system over HTTP)', () => {
  it('killed while the cancel is in flight (not yet applied): the retry on another instance cancels once', async () => {
    const r = await killAndRedeliver(app('A1'), app('B'), JUST_PLACED, (hold) => hold.arrived, 'before');
    expect(r.keys).toEqual(['cancel:done']);
    console.info(`in flight: retry answered ${r.retryMs} ms after the kill; ${r.cancelCalls} cancel calls, 1 effect; "yes" lines in transcript: ${r.yesLines}`);
  }, 15_000);

  it('killed after the order system applied the cancel, before the save: the retry does not cancel twice', async () => {
    const r = await killAndRedeliver(app('A2'), app('B'), UNSHIPPED, (hold) => hold.applied, 'after');
    console.info(`applied, not saved: retry answered ${r.retryMs} ms after the kill; ${r.cancelCalls} cancel calls, 1 effect; "yes" lines in transcript: ${r.yesLines}; answer ${r.keys.join()}`);
  }, 15_000);
});
