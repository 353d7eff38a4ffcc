/**
 * The widget behind a load balancer: two real app instances sharing one real redis-server, the same
 * Direct Line token secret and key prefix. The buyer's WebSocket is on one instance while their
 * messages land on the other; the shared activity stream (Redis list + pub/sub) carries the replies
 * across, and a reconnect to either instance resumes from the buyer's watermark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DirectLineActivity } from '../../src/channels/direct-line/activity-stream-store.js';
import { startAppCluster, type AppCluster, type Instance } from '../support/app-cluster.js';
import { KeywordNlu } from '../support/keyword-nlu.js';

const ORIGIN = 'https://shop.example';
const TOKEN_SECRET = 'widget-streams-test-token-secret-0123456789';

let cluster: AppCluster;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  cluster = await startAppCluster(2, { directLineTokenSecret: TOKEN_SECRET, widgetAllowedOrigins: [ORIGIN] }, { nlu: new KeywordNlu() });
  const [first, second] = cluster.instances;
  if (!first || !second) throw new Error('two instances expected');
  [a, b] = [first, second];
  // What src/main.ts does after listening: serve the WebSocket stream on each instance.
  for (const instance of cluster.instances) instance.assistant.attach(instance.running.server);
});
afterAll(async () => cluster?.close());

interface Page {
  activities: DirectLineActivity[];
  watermark: string;
}

function replyKey(activity: DirectLineActivity | undefined): string | undefined {
  const data = activity?.channelData;
  return typeof data === 'object' && data !== null && 'replyKey' in data && typeof data.replyKey === 'string' ? data.replyKey : undefined;
}

async function call(base: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/v3/directline${path}`, {
    method: init.body !== undefined ? 'POST' : 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** What Web Chat does on load: a token, then the conversation (the bot's welcome). */
async function startConversation(base: string) {
  const token = await call(base, '/tokens/generate', { body: { locale: 'en-US' } });
  expect(token.status).toBe(200);
  const started = await call(base, '/conversations', { token: String(token.body.token), body: {} });
  expect(started.status).toBe(201);
  return { conversationId: String(started.body.conversationId), token: String(started.body.token), streamUrl: String(started.body.streamUrl) };
}

/** A WebSocket client that keeps every pushed page and can wait for a condition on them. */
function openStream(url: string) {
  const ws = new WebSocket(url, { headers: { origin: ORIGIN } });
  const pages: Page[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    if (!text) return;
    pages.push(JSON.parse(text) as Page);
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const opened = new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  const activities = () => pages.flatMap((p) => p.activities);
  return { ws, pages, until, opened, activities };
}

describe('widget streams shared through Redis', () => {
  it("pushes a reply produced on instance B to the buyer's WebSocket on instance A", async () => {
    const c = await startConversation(a.url);
    expect(c.streamUrl.startsWith(a.url.replace(/^http/, 'ws'))).toBe(true);
    const stream = openStream(c.streamUrl);
    await stream.opened;
    await stream.until(() => stream.activities().length >= 1);
    expect(replyKey(stream.activities()[0])).toBe('common:welcome');

    // The load balancer sends the buyer's message to B (same token: same secret on every instance).
    const posted = await call(b.url, `/conversations/${c.conversationId}/activities`, { token: c.token, body: { type: 'message', text: 'hello' } });
    expect(posted.status).toBe(200);
    await stream.until(() => stream.activities().length >= 3);
    const [, echo, reply] = stream.activities();
    expect(echo).toMatchObject({ id: posted.body.id, text: 'hello', from: { role: 'user' } });
    expect(replyKey(reply)).toBe('common:greeting');
    expect(stream.pages.map((p) => p.watermark)).toEqual(['1', '2', '3']);

    // And the other way round: a message to A reaches a WebSocket held by B.
    const onB = openStream((await call(b.url, `/conversations/${c.conversationId}?watermark=3`, { token: c.token })).body.streamUrl as string);
    await onB.opened;
    const again = await call(a.url, `/conversations/${c.conversationId}/activities`, { token: c.token, body: { type: 'message', text: 'hello again' } });
    expect(again.status).toBe(200);
    await onB.until(() => onB.activities().length >= 2);
    expect(onB.activities()[0]).toMatchObject({ id: again.body.id, text: 'hello again' });
    expect(onB.pages.map((p) => p.watermark)).toEqual(['4', '5']);
    await stream.until(() => stream.activities().length >= 5);
    expect(stream.pages.map((p) => p.watermark)).toEqual(['1', '2', '3', '4', '5']);
    stream.ws.close();
    onB.ws.close();
  });

  it('gives a buyer who reconnects to instance B with a watermark the backlog after it, once', async () => {
    const c = await startConversation(a.url);
    for (const text of ['hello', 'thanks']) {
      const res = await call(a.url, `/conversations/${c.conversationId}/activities`, { token: c.token, body: { type: 'message', text } });
      expect(res.status).toBe(200);
    }
    const total = Number((await call(a.url, `/conversations/${c.conversationId}/activities`, { token: c.token })).body.watermark);
    expect(total).toBe(5);

    // Web Chat reconnects with the last watermark it saw (1: only the welcome) to whichever instance.
    const resumed = await call(b.url, `/conversations/${c.conversationId}?watermark=1`, { token: c.token });
    expect(resumed.status).toBe(200);
    const streamUrl = String(resumed.body.streamUrl);
    expect(streamUrl).toMatch(/&watermark=1$/);
    expect(streamUrl.startsWith(b.url.replace(/^http/, 'ws'))).toBe(true);
    const stream = openStream(streamUrl);
    await stream.opened;
    await stream.until(() => stream.activities().length >= 4);
    expect(stream.activities().map((x) => x.text ?? replyKey(x))).toEqual(['hello', expect.any(String), 'thanks', expect.any(String)]);
    expect(stream.activities().filter((x) => x.from.role === 'bot').every((x) => replyKey(x) !== undefined)).toBe(true);
    expect(stream.pages.at(-1)?.watermark).toBe('5');

    // Polling B from the start returns the whole conversation, the welcome included.
    const polled = await call(b.url, `/conversations/${c.conversationId}/activities?watermark=0`, { token: c.token });
    const activities = polled.body.activities as DirectLineActivity[];
    expect(activities).toHaveLength(5);
    expect(replyKey(activities[0])).toBe('common:welcome');
    expect(polled.body.watermark).toBe('5');
    stream.ws.close();
  });

  it('stores the stream under the conversation hash tag with the shared prefix, expiring with the state', async () => {
    const c = await startConversation(b.url);
    const redis = a.assistant.redis;
    if (!redis) throw new Error('REDIS_URL expected');
    const key = `asa:{conv:${c.conversationId}}:dl:activities`;
    expect(await redis.commander.sendCommand(['LLEN', key])).toBe(1);
    const ttl = await redis.commander.sendCommand(['PTTL', key]);
    expect(typeof ttl === 'number' && ttl > 24 * 60 * 60 * 1000).toBe(true);
  });
});
