/**
 * The Direct Line 3.0 endpoints over real HTTP and WebSocket against the real bot: tokens,
 * conversation start (welcome), watermarks, echo + reply, rejected tokens that change nothing,
 * uploads, CORS, rate limits and the pushed stream.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { KeywordNlu } from '../../support/keyword-nlu.js';
import { startWebServer, type WebServer } from '../../web/web-server.js';
import { MemoryRateLimiter } from '../../../src/state/rate-limiter.js';
import type { DirectLineActivity } from '../../../src/channels/direct-line/activity-stream-store.js';

const ORIGIN_OK = 'https://shop.example';
const SECRET = 'server-side-direct-line-secret-0123456789';

let server: WebServer;
let clock = new Date('2026-03-01T10:00:00Z');
const servers: WebServer[] = [];

beforeAll(async () => {
  server = await startWebServer({
    overrides: { nlu: new KeywordNlu() },
    web: { allowedOrigins: [ORIGIN_OK], directLineSecret: SECRET, tokenTtlSeconds: 600, limits: { tokensPerMinute: 1000 } },
    now: () => clock,
  });
  servers.push(server);
});

afterAll(async () => {
  for (const s of servers) await s.close();
});

interface Page {
  activities: DirectLineActivity[];
  watermark: string;
}

function replyKey(a: DirectLineActivity): string | undefined {
  const data = a.channelData;
  return typeof data === 'object' && data !== null && 'replyKey' in data && typeof data.replyKey === 'string' ? data.replyKey : undefined;
}

async function call(path: string, init: { method?: string; token?: string; body?: unknown; origin?: string; base?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.origin !== undefined) headers.origin = init.origin;
  const res = await fetch(`${init.base ?? server.url}/v3/directline${path}`, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function newToken(locale = 'en-US', base?: string) {
  const res = await call('/tokens/generate', { body: { locale }, origin: ORIGIN_OK, ...(base ? { base } : {}) });
  expect(res.status).toBe(200);
  return { conversationId: String(res.body.conversationId), token: String(res.body.token), userId: String(res.body.userId) };
}

async function startConversation(locale = 'en-US') {
  const t = await newToken(locale);
  const res = await call('/conversations', { token: t.token, body: {}, origin: ORIGIN_OK });
  expect(res.status).toBe(201);
  return { ...t, streamUrl: String(res.body.streamUrl) };
}

async function poll(conversationId: string, token: string, watermark?: string): Promise<Page> {
  const res = await call(`/conversations/${conversationId}/activities${watermark !== undefined ? `?watermark=${watermark}` : ''}`, { token });
  expect(res.status).toBe(200);
  const activities = Array.isArray(res.body.activities) ? (res.body.activities as DirectLineActivity[]) : [];
  return { activities, watermark: String(res.body.watermark) };
}

async function post(conversationId: string, token: string, activity: Record<string, unknown>) {
  return call(`/conversations/${conversationId}/activities`, { token, body: activity, origin: ORIGIN_OK });
}

describe('Direct Line tokens', () => {
  it('gives a page a token for one new conversation without any secret, from an allowed origin', async () => {
    const a = await newToken();
    const b = await newToken();
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(a.userId).toMatch(/^dl_/);
    const res = await call('/tokens/generate', { body: {}, origin: ORIGIN_OK });
    expect(res.body.expires_in).toBe(600);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN_OK);
  });

  it('refuses pages from other origins, callers without an origin, and a wrong secret', async () => {
    expect((await call('/tokens/generate', { body: {}, origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('/tokens/generate', { body: {} })).status).toBe(403);
    expect((await call('/tokens/generate', { body: {}, token: 'not-the-secret' })).status).toBe(403);
    const preflight = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the CORS preflight of an allowed site', async () => {
    const res = await fetch(`${server.url}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN_OK, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN_OK);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('lets a server with the secret pick the user id and start a conversation', async () => {
    const res = await call('/tokens/generate', { token: SECRET, body: { user: { id: 'crm-42' } } });
    expect(res.status).toBe(200);
    expect(res.body.userId).toBe('crm-42');
    const started = await call('/conversations', { token: SECRET, body: { user: { id: 'crm-43' }, locale: 'zh-CN' } });
    expect(started.status).toBe(201);
    const page = await poll(String(started.body.conversationId), String(started.body.token));
    expect(page.activities.map(replyKey)).toEqual(['common:welcome']);
    expect(page.activities[0]?.locale).toBe('zh-CN');
  });

  it('refreshes a token for the same conversation; an expired one cannot be refreshed or used', async () => {
    const c = await startConversation();
    const refreshed = await call('/tokens/refresh', { token: c.token, method: 'POST' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(c.conversationId);
    const before = await poll(c.conversationId, c.token);

    const saved = clock;
    clock = new Date(saved.getTime() + 601_000);
    try {
      expect((await call('/tokens/refresh', { token: c.token, method: 'POST' })).status).toBe(403);
      expect((await post(c.conversationId, c.token, { type: 'message', text: 'hello' })).status).toBe(403);
      expect((await call(`/conversations/${c.conversationId}/activities`, { token: c.token })).status).toBe(403);
    } finally {
      clock = saved;
    }
    // Nothing changed while the token was expired.
    expect((await poll(c.conversationId, c.token)).activities).toHaveLength(before.activities.length);
  });
});

describe('Direct Line conversations', () => {
  it('welcomes the buyer on start, in the locale the page asked for', async () => {
    const en = await startConversation('en-US');
    const page = await poll(en.conversationId, en.token);
    expect(page.activities.map(replyKey)).toEqual(['common:welcome']);
    expect(page.watermark).toBe('1');
    expect(page.activities[0]?.from.role).toBe('bot');
    expect(en.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${en.conversationId}/stream\\?t=`));

    const zh = await startConversation('zh-CN');
    const zhPage = await poll(zh.conversationId, zh.token);
    expect(zhPage.activities[0]?.locale).toBe('zh-CN');
    expect(zhPage.activities[0]?.text).toMatch(/\p{Script=Han}/u);
  });

  it('starting again (or reconnecting) does not welcome twice; reconnect returns a stream URL at the watermark', async () => {
    const c = await startConversation();
    const again = await call('/conversations', { token: c.token, body: {}, origin: ORIGIN_OK });
    expect(again.status).toBe(200);
    const reconnect = await call(`/conversations/${c.conversationId}?watermark=1`, { token: c.token });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.conversationId).toBe(c.conversationId);
    expect(typeof reconnect.body.token).toBe('string');
    expect(String(reconnect.body.streamUrl)).toMatch(/&watermark=1$/);
    expect((await poll(c.conversationId, c.token)).activities.map(replyKey)).toEqual(['common:welcome']);
  });

  it('echoes the buyer activity (token decides who speaks) and the reply answers it; watermarks page', async () => {
    const c = await startConversation();
    const res = await post(c.conversationId, c.token, {
      type: 'message',
      text: 'hello',
      from: { id: 'someone-else' },
      locale: 'en-US',
      channelData: { clientActivityID: 'client-1' },
    });
    expect(res.status).toBe(200);
    const id = String(res.body.id);

    const after = await poll(c.conversationId, c.token, '1');
    expect(after.activities.map((a) => a.type)).toEqual(['message', 'message']);
    const [echo, reply] = after.activities;
    expect(echo?.id).toBe(id);
    expect(echo?.from).toMatchObject({ id: c.userId, role: 'user' });
    expect(echo?.channelData).toEqual({ clientActivityID: 'client-1' });
    expect(replyKey(reply ?? echo!)).toBe('common:greeting');
    expect(reply?.replyToId).toBe(id);
    expect(after.watermark).toBe('3');

    expect((await poll(c.conversationId, c.token, '3')).activities).toEqual([]);
    expect((await poll(c.conversationId, c.token, '3')).watermark).toBe('3');
    expect((await poll(c.conversationId, c.token, '2')).activities.map((a) => a.id)).toEqual([reply?.id]);
  });

  it('never stores the host page\'s buyer token in the stream that readers get back', async () => {
    const c = await startConversation();
    const res = await post(c.conversationId, c.token, {
      type: 'message',
      text: 'hello',
      channelData: { clientActivityID: 'client-2', buyerToken: 'header.payload.signature' },
    });
    expect(res.status).toBe(200);
    const page = await poll(c.conversationId, c.token, '1');
    const echo = page.activities.find((a) => a.id === String(res.body.id));
    expect(echo?.channelData).toEqual({ clientActivityID: 'client-2' });
    expect(JSON.stringify(page.activities)).not.toContain('header.payload.signature');
  });

  it('rejects a token for another conversation and a tampered token, changing nothing', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const before = (await poll(theirs.conversationId, theirs.token)).activities.length;

    expect((await post(theirs.conversationId, mine.token, { type: 'message', text: 'hello' })).status).toBe(403);
    expect((await call(`/conversations/${theirs.conversationId}/activities`, { token: mine.token })).status).toBe(403);
    expect((await call(`/conversations/${theirs.conversationId}`, { token: mine.token })).status).toBe(403);

    // Same header and signature, payload pointing at their conversation.
    const [header, payload, signature] = mine.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, conv: theirs.conversationId })).toString('base64url'), signature].join('.');
    expect((await post(theirs.conversationId, forged, { type: 'message', text: 'hello' })).status).toBe(403);
    // Change a character inside the signature (the last one also holds padding bits that may not count).
    const at = mine.token.length - 10;
    const flipped = mine.token.slice(0, at) + (mine.token[at] === 'A' ? 'B' : 'A') + mine.token.slice(at + 1);
    expect((await post(mine.conversationId, flipped, { type: 'message', text: 'hello' })).status).toBe(403);
    expect((await post(mine.conversationId, '', { type: 'message', text: 'hello' })).status).toBe(403);

    expect((await poll(theirs.conversationId, theirs.token)).activities).toHaveLength(before);
  });

  it('refuses malformed activities and conversations never started', async () => {
    const c = await startConversation();
    expect((await post(c.conversationId, c.token, { type: 'invoke', name: 'x' })).status).toBe(400);
    expect((await post(c.conversationId, c.token, { type: 'message', text: 5 })).status).toBe(400);
    const unstarted = await newToken();
    expect((await post(unstarted.conversationId, unstarted.token, { type: 'message', text: 'hello' })).status).toBe(404);
    expect((await poll(c.conversationId, c.token)).activities).toHaveLength(1);
  });
});

describe('Direct Line uploads', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

  async function upload(c: { conversationId: string; token: string }, file: Blob, name: string, attachments?: unknown[]) {
    const form = new FormData();
    const activity = { type: 'message', text: 'here', from: { id: 'x' }, ...(attachments ? { attachments } : {}) };
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', file, name);
    const res = await fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/upload?userId=x`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}` },
      body: form,
    });
    return res.status;
  }

  it('stores a real photo and passes it to the bot as an attachment this app serves', async () => {
    const c = await startConversation();
    expect(await upload(c, new Blob([PNG], { type: 'image/png' }), 'photo.png')).toBe(200);
    const page = await poll(c.conversationId, c.token, '1');
    const echo = page.activities[0];
    expect(echo?.text).toBe('here');
    const attachment = echo?.attachments?.[0];
    expect(attachment).toMatchObject({ contentType: 'image/png', name: 'photo.png' });
    const served = await fetch(attachment?.contentUrl ?? '');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('accepts the file list directlinejs (Web Chat) puts in the activity part, and refuses one that carries a URL', async () => {
    const c = await startConversation();
    expect(await upload(c, new Blob([PNG], { type: 'image/png' }), 'photo.png', [{ contentType: 'image/png', name: 'photo.png' }])).toBe(200);
    const echo = (await poll(c.conversationId, c.token, '1')).activities[0];
    expect(echo?.attachments).toHaveLength(1);
    expect(echo?.attachments?.[0]?.contentUrl).toMatch(/\/v3\/directline\/attachments\/[a-f0-9]{32}\.png$/);
    const files = readdirSync(server.uploadDir).length;
    expect(await upload(c, new Blob([PNG], { type: 'image/png' }), 'photo.png', [{ contentType: 'image/png', contentUrl: 'https://evil.example/x.png' }])).toBe(400);
    expect(readdirSync(server.uploadDir).length).toBe(files);
  });

  it('refuses what is not a JPEG/PNG/WebP (whatever it claims) and photos over 5 MB, storing nothing', async () => {
    const c = await startConversation();
    const files = readdirSync(server.uploadDir).length;
    expect(await upload(c, new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/png' }), 'x.png')).toBe(415);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    PNG.copy(big);
    expect(await upload(c, new Blob([big], { type: 'image/png' }), 'big.png')).toBe(413);
    expect(readdirSync(server.uploadDir).length).toBe(files);
    expect((await poll(c.conversationId, c.token)).activities).toHaveLength(1);
    expect((await fetch(`${server.url}/v3/directline/attachments/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});

describe('Direct Line WebSocket stream', () => {
  function open(url: string, origin = ORIGIN_OK) {
    const ws = new WebSocket(url, { headers: { origin } });
    const messages: Page[] = [];
    const waiters: (() => void)[] = [];
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (!text) return;
      messages.push(JSON.parse(text) as Page);
      waiters.splice(0).forEach((w) => w());
    });
    const until = async (check: () => boolean) => {
      while (!check()) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    return { ws, messages, until, opened: new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject)) };
  }

  it('pushes the backlog, then each new activity with its watermark, in order', async () => {
    const c = await startConversation();
    const s = open(c.streamUrl);
    await s.opened;
    await s.until(() => s.messages.length >= 1);
    expect(s.messages[0]?.activities.map(replyKey)).toEqual(['common:welcome']);
    expect(s.messages[0]?.watermark).toBe('1');

    await post(c.conversationId, c.token, { type: 'message', text: 'hello' });
    await s.until(() => s.messages.length >= 3);
    expect(s.messages.map((m) => m.watermark)).toEqual(['1', '2', '3']);
    expect(s.messages[1]?.activities[0]?.from.role).toBe('user');
    expect(replyKey(s.messages[2]!.activities[0]!)).toBe('common:greeting');
    s.ws.close();
  });

  it('resumes after a watermark without repeating what the client has', async () => {
    const c = await startConversation();
    await post(c.conversationId, c.token, { type: 'message', text: 'hello' });
    const s = open(`${c.streamUrl}&watermark=2`);
    await s.opened;
    await s.until(() => s.messages.length >= 1);
    expect(s.messages[0]?.watermark).toBe('3');
    expect(s.messages[0]?.activities.map(replyKey)).toEqual(['common:greeting']);
    s.ws.close();
  });

  it('closes a stream when its token expires (1008); the client reconnects with its refreshed token at its watermark', async () => {
    const c = await startConversation();
    const saved = clock;
    // The token (600 s) has half a second left on the server's clock when the socket opens.
    clock = new Date(saved.getTime() + 599_500);
    try {
      const refreshed = await call('/tokens/refresh', { token: c.token, method: 'POST' });
      expect(refreshed.status).toBe(200);
      const s = open(c.streamUrl);
      const closed = new Promise<{ code: number; afterMs: number }>((resolve) => {
        const openedAt = Date.now();
        s.ws.once('close', (code) => resolve({ code, afterMs: Date.now() - openedAt }));
      });
      await s.opened;
      await s.until(() => s.messages.length >= 1);
      const { code, afterMs } = await Promise.race([closed, new Promise<{ code: number; afterMs: number }>((resolve) => setTimeout(() => resolve({ code: -1, afterMs: 5_000 }), 5_000))]);
      expect(code).toBe(1008);
      // Closed by the expiry (the clock's half second), not at once and not by a later sweep.
      expect(afterMs).toBeGreaterThanOrEqual(300);
      expect(afterMs).toBeLessThan(5_000);

      clock = new Date(saved.getTime() + 600_000);
      // The old token no longer opens a stream; the refreshed one gets a stream URL at the watermark.
      const stale = new WebSocket(c.streamUrl, { headers: { origin: ORIGIN_OK } });
      stale.on('error', () => undefined);
      expect(await new Promise<number>((resolve) => stale.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))).toBe(403);
      stale.terminate();
      const token = String(refreshed.body.token);
      expect((await post(c.conversationId, token, { type: 'message', text: 'hello' })).status).toBe(200);
      const reconnect = await call(`/conversations/${c.conversationId}?watermark=${s.messages.at(-1)?.watermark ?? ''}`, { token });
      expect(reconnect.status).toBe(200);
      const again = open(String(reconnect.body.streamUrl));
      await again.opened;
      await again.until(() => again.messages.flatMap((m) => m.activities).length >= 2);
      // Only what it missed: the buyer's message and the reply, not the welcome again.
      expect(again.messages.flatMap((m) => m.activities).map((a) => replyKey(a) ?? a.from.role)).toEqual(['user', 'common:greeting']);
      expect(again.ws.readyState).toBe(WebSocket.OPEN);
      again.ws.close();
    } finally {
      clock = saved;
    }
  });

  it('refuses a stream with a foreign or tampered token, or from a page not allowed', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const refused = async (url: string, origin = ORIGIN_OK) => {
      const ws = new WebSocket(url, { headers: { origin } });
      ws.on('error', () => undefined);
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('close', () => resolve(-1));
      });
      ws.terminate();
      return status;
    };
    expect(await refused(theirs.streamUrl.replace(/t=[^&]+/, `t=${mine.token}`))).toBe(403);
    expect(await refused(mine.streamUrl.replace(/t=([^&]+)/, (_m, t: string) => `t=${t.slice(0, -10)}${t[t.length - 10] === 'A' ? 'B' : 'A'}${t.slice(-9)}`))).toBe(403);
    expect(await refused(mine.streamUrl, 'https://evil.example')).toBe(403);
  });
});

describe('Direct Line rate limits and fallbacks', () => {
  it('limits token requests per IP with 429 and Retry-After', async () => {
    const limited = await startWebServer({ overrides: { nlu: new KeywordNlu() }, web: { allowedOrigins: [ORIGIN_OK], limits: { tokensPerMinute: 2 } } });
    servers.push(limited);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('/tokens/generate', { body: {}, origin: ORIGIN_OK, base: limited.url })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const res = await call('/tokens/generate', { body: {}, origin: ORIGIN_OK, base: limited.url });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits posted activities and uploads per IP: 429 with Retry-After, nothing stored, no turn run; the message goes through once the window has passed', async () => {
    let limiterNow = Date.parse('2026-03-01T10:00:00Z');
    // The real NLU (it finds the order id in the buyer's words), watched: a refused message is never understood.
    const limited = await startWebServer({
      web: { allowedOrigins: [ORIGIN_OK], limits: { tokensPerMinute: 1000, messagesPerMinute: 2 } },
      rateLimiter: new MemoryRateLimiter({ now: () => limiterNow }),
    });
    servers.push(limited);
    const understand = vi.spyOn(limited.assistant.nlu, 'understand');
    const base = limited.url;
    const t = await newToken('en-US', base);
    expect((await call('/conversations', { token: t.token, body: {}, origin: ORIGIN_OK, base })).status).toBe(201);
    const send = (text: string) => call(`/conversations/${t.conversationId}/activities`, { token: t.token, body: { type: 'message', text }, origin: ORIGIN_OK, base });
    const stream = async () => (await limited.channels.directLine.streams.list(t.conversationId, 0)).activities;

    expect((await send('hello')).status).toBe(200);
    expect((await send('Where is my order 112-7051384-2296640?')).status).toBe(200);
    expect((await stream()).map(replyKey).filter(Boolean)).toEqual(['common:welcome', 'common:greeting', 'verify:askDetail']);
    const activitiesBefore = await stream();
    const stateBefore = await limited.assistant.store.load(t.conversationId);
    expect(stateBefore.record).toBeDefined();
    const understoodBefore = understand.mock.calls.length;
    expect(understoodBefore).toBeGreaterThan(0);
    const filesBefore = readdirSync(limited.uploadDir).length;

    // The third message in the minute is refused before anything is stored or understood.
    const refused = await send('marcus.johnson@example.net');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'RATE_LIMITED' } });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Uploads count against the same limit.
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', text: 'photo' })], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' }), 'photo.png');
    const upload = await fetch(`${base}/v3/directline/conversations/${t.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` }, body: form });
    expect(upload.status).toBe(429);
    expect(Number(upload.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    expect(await stream()).toEqual(activitiesBefore);
    const stateAfter = await limited.assistant.store.load(t.conversationId);
    expect(stateAfter.eTag).toBe(stateBefore.eTag);
    expect(stateAfter.record).toEqual(stateBefore.record);
    expect(understand.mock.calls.length).toBe(understoodBefore);
    expect(readdirSync(limited.uploadDir).length).toBe(filesBefore);

    // A new window: the buyer sends it again and the conversation carries on where it was.
    limiterNow += 60_001;
    const accepted = await send('marcus.johnson@example.net');
    expect(accepted.status).toBe(200);
    const after = (await stream()).slice(activitiesBefore.length);
    expect(after[0]).toMatchObject({ id: accepted.body.id, text: 'marcus.johnson@example.net' });
    expect(after.map(replyKey).filter(Boolean)).toContain('track:onTime');
  });

  it('tells the page to poll when no WebSocket server is attached', async () => {
    const polling = await startWebServer({ overrides: { nlu: new KeywordNlu() }, web: { allowedOrigins: [ORIGIN_OK] }, noStream: true });
    servers.push(polling);
    const res = await call('/tokens/generate', { body: {}, origin: ORIGIN_OK, base: polling.url });
    expect(res.body.streamAvailable).toBe(false);
  });

  it('delivers proactive messages (agents, later) into the conversation through continueConversation', async () => {
    const c = await startConversation();
    const { adapter } = server.channels.directLine;
    await adapter.continueConversation(adapter.conversationReference(c.conversationId, c.userId), async (context) => {
      await context.sendActivity({ type: 'message', text: 'An agent will be with you shortly.' });
    });
    const page = await poll(c.conversationId, c.token, '1');
    expect(page.activities.map((a) => a.text)).toEqual(['An agent will be with you shortly.']);
    expect(page.activities[0]?.from.role).toBe('bot');
  });
});
