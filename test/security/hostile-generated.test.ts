/**
 * Hostile-input suite, generated: every field the bot reads (on `/api/messages` and on Direct Line's
 * activity post and upload) crossed with values of the wrong type, empty, huge, deeply nested,
 * prototype-polluting or key-breaking, plus raw bodies that are not JSON at all. Each case runs
 * against the real app over HTTP and must: never answer 5xx; never put internal text (error names,
 * stack frames, file paths, "call stack") in the body; when refused (4xx), answer with a code and
 * change nothing (conversation state, stored stream); when accepted, answer the buyer (a reply for
 * /api/messages, the echo and a reply in the stream for Direct Line): a message is never silently
 * lost.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { startWebServer, type WebServer } from '../web/web-server.js';

const ORIGIN = 'https://shop.example';
const INTERNAL = /\w+Error\b|\bat .+\.(?:js|ts|mjs):\d+|node_modules|\/src\/|call stack|ECONN|ENOENT|undefined is not|Cannot read prop/;

let server: WebServer;
beforeAll(async () => {
  server = await startWebServer({
    config: { rateLimitIpPerMinute: 0, rateLimitConversationPerMinute: 0 },
    overrides: { nlu: new KeywordNlu() },
    web: { allowedOrigins: [ORIGIN], limits: { tokensPerMinute: 100_000, messagesPerMinute: 100_000, readsPerMinute: 100_000 } },
  });
}, 60_000);
afterAll(async () => server?.close());

function nested(levels: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Values of every wrong (and a few right) shapes. */
const HOSTILE_VALUES: [string, unknown][] = [
  ['zero', 0],
  ['true', true],
  ['false', false],
  ['empty object', {}],
  ['empty string', ''],
  ['empty array', []],
  ['null', null],
  ['negative', -1],
  ['float', 1.5e308],
  ['huge string', 'x'.repeat(40_000)],
  ['control chars', '\u0000\u0007\u001b[31m'],
  ['braces', '{conv:other}'],
  ['proto', JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') as unknown],
  ['deep 40', nested(40)],
  ['deep 2000', nested(2000)],
  ['wide array', Array.from({ length: 5000 }, (_, i) => i)],
  ['array of junk', [0, '', null, {}, [], true]],
  ['script', '<script>alert(1)</script>'],
  ['lone surrogate', '\ud800'],
  ['number string', '12'],
];

const API_FIELDS = ['text', 'locale', 'attachments', 'value', 'channelData', 'entities', 'type', 'id', 'conversation', 'from', 'recipient', 'membersAdded', 'serviceUrl', 'channelId'];
const DL_FIELDS = ['text', 'locale', 'attachments', 'value', 'channelData', 'type', 'name', 'textFormat'];

interface Problem {
  name: string;
  why: string;
}

async function postApi(body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text() };
}

async function dl(path: string, init: { token?: string; body?: string; contentType?: string } = {}) {
  const res = await fetch(`${server.url}/v3/directline${path}`, {
    method: init.body !== undefined ? 'POST' : 'GET',
    headers: {
      origin: ORIGIN,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': init.contentType ?? 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  return { status: res.status, text: await res.text() };
}

function check(name: string, res: { status: number; text: string }, problems: Problem[]): void {
  if (res.status >= 500) problems.push({ name, why: `status ${res.status}` });
  if (INTERNAL.test(res.text)) problems.push({ name, why: `internal text: ${res.text.slice(0, 120)}` });
  if (res.status >= 400 && !/^\{"error":\{"code":"[A-Z_]+"/.test(res.text)) problems.push({ name, why: `${res.status} without a code: ${res.text.slice(0, 80)}` });
}

const apiCases = (): { name: string; body: string }[] => {
  const out: { name: string; body: string }[] = [];
  for (const field of API_FIELDS) {
    for (const [label, value] of HOSTILE_VALUES) out.push({ name: `api ${field}=${label}`, body: JSON.stringify({ [field]: value }) });
  }
  for (const raw of ['', 'null', '[]', '"x"', '42', '{"type":', '{"type":"message"}garbage', '\u0000', '['.repeat(100_000)]) out.push({ name: `api raw ${JSON.stringify(raw.slice(0, 12))}`, body: raw });
  return out;
};

const dlCases = (): { name: string; body: string }[] => {
  const out: { name: string; body: string }[] = [];
  let n = 0;
  for (const field of DL_FIELDS) {
    // A different text each time: the same text twice within seconds counts as a redelivery.
    for (const [label, value] of HOSTILE_VALUES) out.push({ name: `dl ${field}=${label}`, body: JSON.stringify({ type: 'message', text: `hello ${n++}`, [field]: value }) });
  }
  for (const raw of ['', 'null', '[]', '{"type":', '['.repeat(100_000), '{"type":"message","text":"hello"}x']) out.push({ name: `dl raw ${JSON.stringify(raw.slice(0, 12))}`, body: raw });
  return out;
};

describe('generated hostile input over /api/messages and Direct Line', () => {
  it('has at least 300 cases', () => {
    expect(apiCases().length + dlCases().length).toBeGreaterThanOrEqual(300);
  });

  it('/api/messages: no 5xx, no internal text, refused input changes nothing, accepted input is answered', async () => {
    const problems: Problem[] = [];
    const run = async (c: { name: string; body: string }) => {
      const conversationId = `gen-${randomUUID()}`;
      const base = { id: randomUUID(), channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: conversationId }, from: { id: 'buyer-1' }, recipient: { id: 'bot' }, deliveryMode: 'expectReplies', type: 'message', text: 'hello' };
      // The case's fields replace the base's (raw bodies are sent as they are).
      let body = c.body;
      try {
        const parsed: unknown = JSON.parse(c.body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = JSON.stringify({ ...base, ...parsed });
      } catch {
        // not JSON: sent raw
      }
      const before = await server.assistant.store.load(conversationId);
      const res = await postApi(body);
      check(c.name, res, problems);
      const after = await server.assistant.store.load(conversationId);
      if (res.status >= 400 && after.eTag !== before.eTag) problems.push({ name: c.name, why: 'refused but state changed' });
      if (res.status === 200) {
        const sent = JSON.parse(body) as { type?: unknown };
        const replies = ((JSON.parse(res.text || '{}') as { activities?: unknown[] }).activities ?? []).length;
        if (sent.type === 'message' && replies === 0) problems.push({ name: c.name, why: 'accepted message got no reply (silently lost)' });
      }
    };
    const all = apiCases();
    for (let i = 0; i < all.length; i += 8) await Promise.all(all.slice(i, i + 8).map(run));
    expect(problems).toEqual([]);
  }, 120_000);

  it('Direct Line post and upload: no 5xx, no internal text, refused input stores nothing, accepted input is echoed and answered', async () => {
    const gen = JSON.parse((await dl('/tokens/generate', { body: '{}' })).text) as { token: string; conversationId: string };
    const { token, conversationId } = gen;
    expect((await dl('/conversations', { token, body: '{}' })).status).toBe(201);
    const watermark = async () => (JSON.parse((await dl(`/conversations/${conversationId}/activities`, { token })).text) as { watermark: string }).watermark;
    // (An empty message right after the welcome is taken for a redelivery of the start: issue 18 item 9, core's.)
    expect((await dl(`/conversations/${conversationId}/activities`, { token, body: JSON.stringify({ type: 'message', text: 'hi there' }) })).status).toBe(200);
    const problems: Problem[] = [];
    // One conversation, cases one after another: the stream's watermark shows exactly what each stored.
    for (const c of dlCases()) {
      const before = Number(await watermark());
      const res = await dl(`/conversations/${conversationId}/activities`, { token, body: c.body });
      check(c.name, res, problems);
      const after = Number(await watermark());
      if (res.status >= 400 && after !== before) problems.push({ name: c.name, why: 'refused but stored' });
      if (res.status === 200 && after < before + 2) problems.push({ name: c.name, why: `accepted but not echoed and answered (${before} → ${after})` });
      // The same value through the upload's activity field.
      const form = new FormData();
      form.append('activity', new Blob([c.body], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob(['not a photo']), 'x.png');
      const up = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const upText = await up.text();
      check(`upload ${c.name}`, { status: up.status, text: upText }, problems);
      if (up.status !== 200 && Number(await watermark()) !== after) problems.push({ name: `upload ${c.name}`, why: 'refused but stored' });
    }
    // Reading the stream still works after all of it (a stored deep value once broke every read).
    expect((await dl(`/conversations/${conversationId}/activities`, { token })).status).toBe(200);
    expect(problems).toEqual([]);
  }, 180_000);
});
