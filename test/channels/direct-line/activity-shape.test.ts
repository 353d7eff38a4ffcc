/**
 * Issue 18 items 6 and 7 and issue 17's empty locale, as the attacks were made, over real HTTP on the
 * real app: a 2,000-level `value` on Direct Line (once: 200, then every read of the conversation a
 * 500 for good), non-array `attachments` (once: 200 and the buyer's message silently lost), wrong
 * `text`/`value`/`locale` types, on Direct Line and /api/messages and the agent console API.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeywordNlu } from '../../support/keyword-nlu.js';
import { startWebServer, type WebServer } from '../../web/web-server.js';
import { httpChat } from '../../support/http-chat.js';
import { testAssistant } from '../../support/assistant.js';
import { listen } from '../../../src/http/server.js';

const ORIGIN = 'https://shop.example';
let server: WebServer;
beforeAll(async () => {
  server = await startWebServer({ config: { rateLimitIpPerMinute: 0 }, overrides: { nlu: new KeywordNlu() }, web: { allowedOrigins: [ORIGIN], limits: { messagesPerMinute: 10_000, tokensPerMinute: 10_000 } } });
}, 60_000);
afterAll(async () => server?.close());

function nested(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

async function dl(path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}/v3/directline${path}`, {
    method: init.body !== undefined ? 'POST' : 'GET',
    headers: { origin: ORIGIN, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function conversation() {
  const gen = await dl('/tokens/generate', { body: {} });
  const token = String(gen.json.token);
  const id = String(gen.json.conversationId);
  expect((await dl('/conversations', { token, body: {} })).status).toBe(201);
  const read = async () => dl(`/conversations/${id}/activities`, { token });
  const post = (body: unknown) => dl(`/conversations/${id}/activities`, { token, body });
  return { token, id, read, post };
}

describe('item 6: bounded depth on every JSON route', () => {
  it('a 2,000-level value on Direct Line is a 400, nothing is stored, and the conversation stays readable', async () => {
    const c = await conversation();
    const before = (await c.read()).json;
    const deep = await c.post({ type: 'message', text: 'hi', value: nested(2000) });
    expect(deep.status).toBe(400);
    expect(deep.json).toEqual({ error: { code: 'TOO_DEEP' } });
    // Deeper than a value may be, though the body itself is within bounds.
    const deepish = await c.post({ type: 'message', text: 'hi', value: nested(20) });
    expect(deepish.status).toBe(400);
    expect(deepish.json).toEqual({ error: { code: 'BAD_VALUE' } });
    const after = await c.read();
    expect(after.status).toBe(200);
    expect(after.json).toEqual(before);
    expect((await c.post({ type: 'message', text: 'hello', value: nested(3) })).status).toBe(200);
    expect((await c.read()).status).toBe(200);
  });

  it('deep JSON is a 400 on /api/messages, token generate, conversation start and the agent console API', async () => {
    const conversationId = `deep-${randomUUID()}`;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', conversation: { id: conversationId }, from: { id: 'b' }, recipient: { id: 'bot' }, channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', value: nested(2000) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'TOO_DEEP' } });
    expect((await server.assistant.store.load(conversationId)).record).toBeUndefined();
    expect((await dl('/tokens/generate', { body: { user: nested(100) } })).json).toEqual({ error: { code: 'TOO_DEEP' } });
    const c = await conversation();
    expect((await dl('/conversations', { token: c.token, body: { user: nested(100) } })).json).toEqual({ error: { code: 'TOO_DEEP' } });
    // The agent console API, on the app with its built-in channels.
    const full = await testAssistant({ rateLimitIpPerMinute: 0 }, { nlu: new KeywordNlu() });
    const running = await listen(full.app, 0, '127.0.0.1');
    try {
      const tab = await fetch(`${running.url}/agent-tab/api/tickets/x/reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: nested(100) }) });
      expect(tab.status).toBe(400);
      expect(await tab.json()).toEqual({ error: { code: 'TOO_DEEP' } });
    } finally {
      await running.close();
      await full.close();
    }
  });
});

describe('item 7: activity fields schema-checked; a message is refused visibly or answered', () => {
  it.each([0, true, {}, ''])('Direct Line attachments %j: 400 BAD_ATTACHMENTS, nothing stored', async (attachments) => {
    const c = await conversation();
    const before = (await c.read()).json;
    const res = await c.post({ type: 'message', text: 'where is my order?', attachments });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'BAD_ATTACHMENTS' } });
    expect((await c.read()).json).toEqual(before);
  });

  it.each([0, true, {}, ''])('/api/messages attachments %j: 400 BAD_ATTACHMENTS, no turn', async (attachments) => {
    const chat = httpChat(server.url, `att-${randomUUID()}`);
    const res = await chat.post({ type: 'message', text: 'where is my order?', attachments: attachments as never });
    expect(res.status).toBe(400);
    expect((await server.assistant.store.load(chat.conversationId)).record).toBeUndefined();
  });

  it('wrong text, locale and value types get a clear 400 naming the field, on both channels', async () => {
    const c = await conversation();
    expect((await c.post({ type: 'message', text: 42 })).json).toEqual({ error: { code: 'BAD_TEXT' } });
    expect((await c.post({ type: 'message', text: 'hi', locale: 12 })).json).toEqual({ error: { code: 'BAD_LOCALE' } });
    expect((await c.post({ type: 'message', text: 'hi', value: 'x'.repeat(20_000) })).json).toEqual({ error: { code: 'BAD_VALUE' } });
    const problem = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', conversation: { id: `t-${randomUUID()}` }, from: { id: 'b' }, recipient: { id: 'bot' }, channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', ...activity }),
      });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { problem?: string } }).error.problem;
    };
    expect(await problem({ text: { nested: true } })).toBe('BAD_TEXT');
    expect(await problem({ text: 'hi', locale: 12 })).toBe('BAD_LOCALE');
    expect(await problem({ text: 'hi', value: nested(20) })).toBe('BAD_VALUE');
    expect(await problem({ text: 'hi', attachments: [{ contentType: 5 }] })).toBe('BAD_ATTACHMENTS');
  });

  it('an empty locale is treated as absent (issue 17): answered, on both channels', async () => {
    const c = await conversation();
    const before = Number((await c.read()).json.watermark);
    expect((await c.post({ type: 'message', text: 'hello there', locale: '' })).status).toBe(200);
    expect(Number((await c.read()).json.watermark)).toBeGreaterThanOrEqual(before + 2);
    const api = await httpChat(server.url).post({ type: 'message', text: 'hello', locale: '' });
    expect(api.status).toBe(200);
    expect(api.replies.map((r) => r.key)).toEqual(['common:greeting']);
  });
});
