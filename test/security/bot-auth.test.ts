/**
 * With an app id configured, /api/messages accepts only valid Bot Framework channel tokens. The
 * signing keys come from a local OpenID/JWKS endpoint (BOT_OPENID_METADATA_URL), since Microsoft's is
 * unreachable here; botbuilder itself does the validation.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { testAssistant } from '../support/assistant.js';

const APP_ID = '00000000-0000-4000-8000-00000000a11d';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9/';

let keys: { privateKey: CryptoKey; jwk: JWK };
let otherKey: CryptoKey;
let openId: Server;
let bot: RunningServer;
let assistant: { close(): Promise<void> } | undefined;
let metadataFetches = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  keys = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig' } };
  otherKey = (await generateKeyPair('RS256')).privateKey;
  openId = createServer((req, res) => {
    const base = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      metadataFetches++;
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') res.end(JSON.stringify({ keys: [keys.jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => openId.listen(0, '127.0.0.1', r));
  const metadataUrl = `http://127.0.0.1:${(openId.address() as AddressInfo).port}/.well-known/openidconfiguration`;
  const app = await testAssistant(
    { microsoftAppId: APP_ID, microsoftAppPassword: 'not-used-with-expect-replies', botOpenIdMetadataUrl: metadataUrl, rateLimitIpPerMinute: 0 },
    // Teams activities would go to the agent desk; this suite tests the token gate in front of any handler.
    { nlu: new KeywordNlu(), channels: false },
  );
  assistant = app;
  bot = await listen(app.app, 0, '127.0.0.1');
});
afterAll(async () => {
  await bot?.close();
  await assistant?.close();
  await new Promise<void>((r) => (openId ? openId.close(() => r()) : r()));
});

interface TokenOptions {
  aud?: string;
  iss?: string;
  expiresIn?: string | number;
  key?: CryptoKey;
  serviceUrl?: string;
}

function token(o: TokenOptions = {}): Promise<string> {
  return new SignJWT({ serviceurl: o.serviceUrl ?? SERVICE_URL })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? APP_ID)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 60)
    .setExpirationTime(o.expiresIn ?? '10m')
    .sign(o.key ?? keys.privateKey);
}

function unsigned(): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT', kid: 'test-key' })}.${b64({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, exp: now + 600, nbf: now - 60 })}.`;
}

async function post(authorization?: string) {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({
      type: 'message',
      id: randomUUID(),
      text: 'hello',
      channelId: 'webchat',
      serviceUrl: SERVICE_URL,
      conversation: { id: `auth-${randomUUID()}` },
      from: { id: 'user' },
      recipient: { id: APP_ID },
      deliveryMode: 'expectReplies',
    }),
  });
  return { status: res.status, body: await res.text() };
}

describe('Bot Framework token on /api/messages', () => {
  it('accepts a valid channel token signed by a key from the configured OpenID metadata', async () => {
    const res = await post(`Bearer ${await token()}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ activities: [{ channelData: { replyKey: 'common:greeting' } }] });
    expect(metadataFetches).toBeGreaterThan(0);
  });

  it.each([
    ['missing', async () => undefined],
    ['expired', async () => `Bearer ${await token({ expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`],
    ['for another bot (wrong audience)', async () => `Bearer ${await token({ aud: 'another-app' })}`],
    ['from another issuer', async () => `Bearer ${await token({ iss: 'https://evil.example' })}`],
    ['signed by a different key with the same kid', async () => `Bearer ${await token({ key: otherKey })}`],
    ['unsigned (alg: none)', async () => `Bearer ${unsigned()}`],
    ['for another service URL', async () => `Bearer ${await token({ serviceUrl: 'https://evil.example/' })}`],
    ['malformed', async () => 'Bearer not.a.jwt'],
    ['in the wrong scheme', async () => `Basic ${await token()}`],
  ])('refuses a token that is %s with 401 and runs no turn', async (_name, make) => {
    const res = await post(await make());
    expect(res.status).toBe(401);
    expect(res.body).not.toMatch(/common:greeting|\bat .+\.js:\d+/);
  });
});
