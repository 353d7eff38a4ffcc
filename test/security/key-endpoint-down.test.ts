/**
 * Issue 18 item 8: Microsoft's key endpoint unreachable. Any token (a well-formed one, a forged one,
 * `alg: none`) once got a 500 with the internal error text (a DNS failure) in the body and no log
 * line. Now: 503 with Retry-After and a code only, no turn run, and a log line with the cause.
 * Two faults: the metadata endpoint refuses connections, and it answers 500.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { testAssistant } from '../support/assistant.js';

const APP_ID = '00000000-0000-4000-8000-00000000a11d';
const INTERNAL = /ECONNREFUSED|ENOTFOUND|fetch failed|openID|openid|metadata|\w+Error\b|\bat .+\.js:\d+|127\.0\.0\.1/;

let failing: Server;
const running: RunningServer[] = [];
const apps: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  failing = createServer((_req, res) => res.writeHead(500).end('upstream broke: stack at x.js:1'));
  await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const r of running) await r.close();
  for (const a of apps) await a.close();
  await new Promise<void>((r) => failing.close(() => r()));
});

function unsigned(): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT', kid: 'k' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, exp: now + 600 })}.`;
}

async function startWith(metadataUrl: string) {
  const assistant = await testAssistant(
    { microsoftAppId: APP_ID, microsoftAppPassword: 'unused', botOpenIdMetadataUrl: metadataUrl, botEmulatorOpenIdMetadataUrl: metadataUrl, rateLimitIpPerMinute: 0 },
    { nlu: new KeywordNlu(), channels: false },
  );
  apps.push(assistant);
  const server = await listen(assistant.app, 0, '127.0.0.1');
  running.push(server);
  return { assistant, url: server.url };
}

async function post(url: string, authorization: string) {
  const conversationId = `keys-${randomUUID()}`;
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ type: 'message', id: randomUUID(), text: 'hello', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: conversationId }, from: { id: 'u' }, recipient: { id: APP_ID }, deliveryMode: 'expectReplies' }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text(), conversationId };
}

describe('Bot Framework key endpoint unreachable', () => {
  it.each([
    ['refuses connections', async () => `http://127.0.0.1:${await closedPort()}/.well-known/openidconfiguration`],
    ['answers 500', async () => `http://127.0.0.1:${(failing.address() as AddressInfo).port}/.well-known/openidconfiguration`],
  ])('when it %s: 503 + Retry-After, a code only, no turn, a log line', async (_name, metadataUrl) => {
    const { assistant, url } = await startWith(await metadataUrl());
    const tokens = [`Bearer ${unsigned()}`, 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJhdWQiOiJ4In0.c2ln'];
    for (const authorization of tokens) {
      const res = await post(url, authorization);
      expect([401, 503]).toContain(res.status);
      expect(res.body).not.toMatch(INTERNAL);
      if (res.status === 503) {
        expect(JSON.parse(res.body)).toEqual({ error: { code: 'UNAVAILABLE' } });
        expect(Number(res.retryAfter)).toBeGreaterThan(0);
      } else expect(JSON.parse(res.body)).toEqual({ error: { code: 'UNAUTHORIZED' } });
      expect((await assistant.store.load(res.conversationId)).record).toBeUndefined();
    }
    // At least the unsigned token needs the keys: that one is the outage, logged with its cause.
    const logged = assistant.logLines.filter((l) => l.msg === 'request failed' && l.code === 'UNAVAILABLE');
    expect(logged.length).toBeGreaterThan(0);
  });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
