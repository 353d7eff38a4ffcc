/**
 * Issue 18 item 5: with DATA_DIR and no LABEL_SECRET / DIRECT_LINE_TOKEN_SECRET / BUYER_TOKEN_SECRET,
 * the app is restarted on the same directory. What buyers were promised survives: the label link
 * still answers 200 with the PDF, the widget token still works, and the widget history is there.
 * The generated secrets are stored readable by the owner only.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { testAssistant } from '../support/assistant.js';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { DEMO } from '../support/transcript.js';
import { PHRASES } from '../transcripts/phrases.js';

const ORIGIN = 'https://shop.example';
const dataDir = mkdtempSync(join(tmpdir(), 'asa-restart-secrets-'));
const running: RunningServer[] = [];
afterAll(async () => {
  for (const r of running) await r.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start() {
  const assistant = await testAssistant({ dataDir, widgetAllowedOrigins: [ORIGIN], rateLimitIpPerMinute: 0 });
  const server = await listen(assistant.app, 0, '127.0.0.1');
  assistant.setPublicBaseUrl(server.url);
  running.push(server);
  return {
    assistant,
    url: server.url,
    async stop() {
      await server.close();
      await assistant.close();
    },
  };
}

const keys = (r: { replies: ChatReply[] }) => r.replies.map((x) => x.key);
const pick = (r: { replies: ChatReply[] }, id: string) => {
  for (const reply of r.replies) {
    const i = reply.choices.findIndex((c) => (c.value as { choice?: string }).choice === id);
    if (i >= 0) return { reply, i };
  }
  throw new Error(`no choice ${id} in ${keys(r).join(',')}`);
};

async function dl(base: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}/v3/directline${path}`, {
    method: init.body !== undefined ? 'POST' : 'GET',
    headers: { origin: ORIGIN, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('restart on the same DATA_DIR', () => {
  it('keeps label links, widget tokens and widget history; secrets are stored 0600', async () => {
    const first = await start();
    // A return with a label, over /api/messages.
    const p = PHRASES.en;
    const orderId = DEMO.delivered5d.id;
    const email = (await first.assistant.services.orders.findById(orderId))?.buyerEmail ?? 'missing';
    const chat = httpChat(first.url, `restart-label-${randomUUID()}`);
    expect(keys(await chat.say(p.returnItem(orderId)))).toEqual(['verify:askDetail']);
    let step = await chat.say(email);
    if (keys(step)[0] === 'returns:askItems') {
      const item = pick(step, 'item:PAN-CAST-26');
      step = await chat.choose(item.reply, item.i);
    }
    // The seller's fault: issued as soon as the reason is known.
    const reason = pick(step, 'reason:defective');
    const done = await chat.choose(reason.reply, reason.i);
    expect(keys(done)).toEqual(['returns:labelReady.seller']);
    const path = /https?:\/\/\S+?(\/labels\/\S+?\.pdf)/.exec(done.replies[0]?.text ?? '')?.[1];
    if (!path) throw new Error('no label link');
    expect((await fetch(`${first.url}${path}`)).status).toBe(200);

    // A widget conversation with some history.
    const gen = await dl(first.url, '/tokens/generate', { body: {} });
    const token = String(gen.body.token);
    const conversationId = String(gen.body.conversationId);
    expect((await dl(first.url, '/conversations', { token, body: {} })).status).toBe(201);
    expect((await dl(first.url, `/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'hello' } })).status).toBe(200);
    const before = await dl(first.url, `/conversations/${conversationId}/activities`, { token });
    const history = before.body.activities as { id: string }[];
    expect(history.length).toBeGreaterThanOrEqual(3);
    await first.stop();

    const second = await start();
    const label = await fetch(`${second.url}${path}`);
    expect(label.status).toBe(200);
    expect(Buffer.from(await label.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const after = await dl(second.url, `/conversations/${conversationId}/activities`, { token });
    expect(after.status).toBe(200);
    expect((after.body.activities as { id: string }[]).map((a) => a.id)).toEqual(history.map((a) => a.id));
    expect(after.body.watermark).toBe(before.body.watermark);
    // The conversation goes on with the same token.
    expect((await dl(second.url, `/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'thanks' } })).status).toBe(200);

    for (const name of ['label-secret', 'direct-line-token-secret', 'buyer-token-secret']) {
      expect(statSync(join(dataDir, 'secrets', name)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
    await second.stop();
  }, 60_000);
});
