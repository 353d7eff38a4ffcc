/**
 * Issue 18 items 4 and 10: Redis killed, then hung (SIGSTOP), under the real app over HTTP. Every
 * stateful route (Direct Line token generate, conversation start, activities read and post,
 * /agent-tab/api/*, /api/messages) answers 503 with Retry-After and a code only, never a 500 or an
 * internal message; everything works again once Redis is back; and a lock command that was queued on
 * the hung connection does not leave the conversation "busy" when Redis resumes.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpChat } from '../support/http-chat.js';
import { createRedisClient } from '../../src/state/redis-client.js';
import { RedisConversationLock } from '../../src/state/conversation-lock.js';
import { StorageUnavailableError } from '../../src/state/storage.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

const ORIGIN = 'https://shop.example';
const INTERNAL_TEXT = /Redis|ECONN|did not answer|timed out|\.(?:js|ts):\d+|\w+Error\b|call stack/;

let cluster: AppCluster;
beforeAll(async () => {
  cluster = await startAppCluster(1, { redisCommandTimeoutMs: 300, widgetAllowedOrigins: [ORIGIN] });
}, 60_000);
afterAll(async () => {
  cluster?.redis.thaw();
  await cluster?.close();
});

const url = () => cluster.instances[0]!.url;

async function req(path: string, init: { method?: string; token?: string; body?: unknown; origin?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.origin !== false) headers.origin = ORIGIN;
  const res = await fetch(`${url()}${path}`, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

async function widgetConversation() {
  const gen = await req('/v3/directline/tokens/generate', { body: {} });
  expect(gen.status).toBe(200);
  const { token, conversationId } = JSON.parse(gen.text) as { token: string; conversationId: string };
  const started = await req('/v3/directline/conversations', { token, body: {} });
  expect(started.status).toBe(201);
  return { token, conversationId };
}

/** Every stateful route, as a buyer's widget, an agent's console and a channel would call it. */
function routes(conv: { token: string; conversationId: string }) {
  const base = `/v3/directline/conversations/${conv.conversationId}`;
  return {
    'token generate': () => req('/v3/directline/tokens/generate', { body: {} }),
    'conversation start': () => req('/v3/directline/conversations', { token: conv.token, body: {} }),
    'activities read': () => req(`${base}/activities`, { token: conv.token }),
    'activity post': () => req(`${base}/activities`, { token: conv.token, body: { type: 'message', text: 'where is my order?' } }),
    'agent queue': () => req('/agent-tab/api/queue', { origin: false }),
    'agent me': () => req('/agent-tab/api/me', { origin: false }),
    'api/messages': async () => {
      const r = await httpChat(url(), `outage-${randomUUID()}`).say('hello');
      return { status: r.status, retryAfter: '', text: JSON.stringify(r.replies) };
    },
  };
}

async function expectAllUnavailable(conv: { token: string; conversationId: string }) {
  const problems: string[] = [];
  for (const [name, call] of Object.entries(routes(conv))) {
    const res = await call();
    if (res.status !== 503) problems.push(`${name}: ${res.status} ${res.text.slice(0, 80)}`);
    if (name !== 'api/messages') {
      if (res.retryAfter === null || !(Number(res.retryAfter) > 0)) problems.push(`${name}: no Retry-After`);
      if (res.text !== '{"error":{"code":"UNAVAILABLE"}}') problems.push(`${name}: body ${res.text.slice(0, 80)}`);
    }
    if (INTERNAL_TEXT.test(res.text)) problems.push(`${name}: internal text in ${res.text.slice(0, 80)}`);
  }
  expect(problems).toEqual([]);
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${url()}/readyz`)).status === 200) {
      // The availability gate keeps a failed verdict for its Retry-After.
      await sleep(2100);
      return;
    }
    await sleep(50);
  }
  throw new Error('not ready again');
}

describe('Redis outage on every route', () => {
  it('killed: 503 + Retry-After everywhere, then everything works again', async () => {
    const conv = await widgetConversation();
    await cluster.redis.stop();
    await expectAllUnavailable(conv);
    // /api/messages answers with Retry-After too.
    const raw = await fetch(`${url()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', id: randomUUID(), channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: `o-${randomUUID()}` }, from: { id: 'b' }, recipient: { id: 'bot' }, deliveryMode: 'expectReplies' }),
    });
    expect(raw.status).toBe(503);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await raw.json()).toEqual({ error: { code: 'UNAVAILABLE' } });

    await cluster.redis.restart();
    await waitReady();
    const again = await widgetConversation();
    const posted = await req(`/v3/directline/conversations/${again.conversationId}/activities`, { token: again.token, body: { type: 'message', text: 'hello' } });
    expect(posted.status).toBe(200);
    expect((await httpChat(url()).say('hello')).replies.map((r) => r.key)).toEqual(['common:greeting']);
  }, 60_000);

  it('hung (SIGSTOP): 503 + Retry-After everywhere within the command timeout, never a 500', async () => {
    const conv = await widgetConversation();
    cluster.redis.freeze();
    try {
      await expectAllUnavailable(conv);
    } finally {
      cluster.redis.thaw();
    }
    await waitReady();
    const posted = await req(`/v3/directline/conversations/${conv.conversationId}/activities`, { token: conv.token, body: { type: 'message', text: 'hello' } });
    expect(posted.status).toBe(200);
  }, 60_000);

  it('a lock taken by a command queued during the hang does not keep the conversation busy on resume', async () => {
    const chat = httpChat(url(), `hang-lock-${randomUUID()}`);
    expect((await chat.say('hello')).replies.map((r) => r.key)).toEqual(['common:greeting']);
    // Right after a healthy turn the gate's verdict is fresh: this turn reaches the lock on a hung Redis.
    cluster.redis.freeze();
    const during = await chat.say('where is my order?').finally(() => cluster.redis.thaw());
    expect([200, 503]).toContain(during.status);
    if (during.status === 200) expect(during.replies.map((r) => r.key)).toEqual(['common:errors.storageUnavailable']);
    await waitReady();
    // The queued lock command ran on resume; its undo ran right after it, so the next turn is served.
    const after = await chat.say('hi again');
    expect(after.status).toBe(200);
    expect(after.replies.map((r) => r.key)).not.toContain('common:errors.busy');
    expect(after.replies.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('conversation lock on a hung Redis', () => {
  it('an acquire that timed out does not hold the lock once Redis resumes', async () => {
    const redis = createRedisClient(cluster.redis.url, undefined, { commandTimeoutMs: 200 });
    await redis.connect();
    const lock = new RedisConversationLock(redis.commander, { prefix: 'locktest' });
    const key = `{conv:${randomUUID()}}:lock`;
    try {
      // Warm the script cache as a running server would have it.
      await (await lock.acquire(`{conv:warm}:lock`, { ttlMs: 15_000, waitMs: 0 }))?.release();
      cluster.redis.freeze();
      let failed: unknown;
      try {
        await lock.acquire(key, { ttlMs: 15_000, waitMs: 0 });
      } catch (err) {
        failed = err;
      } finally {
        cluster.redis.thaw();
      }
      expect(failed).toBeInstanceOf(StorageUnavailableError);
      await sleep(200);
      expect(await redis.commander.sendCommand(['EXISTS', `locktest:${key}`])).toBe(0);
      const lease = await lock.acquire(key, { ttlMs: 15_000, waitMs: 0 });
      expect(lease).toBeDefined();
      await lease?.release();
    } finally {
      cluster.redis.thaw();
      await redis.close();
    }
  }, 30_000);
});
