/** Teams SSO tokens verified against a JWKS served locally (no internet), tokens signed here. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createTabAuthenticator, TabAuthError } from '../../src/agent-tab/tab-auth.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const AUD = 'api://help.example.com/00000000-0000-4000-8000-000000000001';
let server: Server;
let jwksUrl: string;
let key: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function token(claims: Record<string, unknown>, opts: { signer?: CryptoKey; iss?: string; aud?: string; exp?: string } = {}) {
  return new SignJWT({ tid: TENANT, oid: 'agent-oid', name: 'Alice Agent', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.iss ?? `https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(opts.aud ?? AUD)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '1h')
    .sign(opts.signer ?? key);
}

describe('tab authentication', () => {
  const auth = () => createTabAuthenticator({ mode: 'teams', sso: { jwksUrl, audiences: [AUD], tenantIds: [TENANT] } });

  it('accepts a valid Teams SSO token (v2 and v1 issuers) and names the agent', async () => {
    expect(await auth()({ authorization: `Bearer ${await token({})}` })).toEqual({ id: 'agent-oid', name: 'Alice Agent' });
    expect(await auth()({ authorization: `Bearer ${await token({}, { iss: `https://sts.windows.net/${TENANT}/` })}` })).toMatchObject({ id: 'agent-oid' });
  });

  it.each([
    ['no token', async () => undefined, 'NO_TOKEN'],
    ['another tenant', async () => `Bearer ${await token({ tid: 'evil' }, { iss: 'https://login.microsoftonline.com/evil/v2.0' })}`, 'BAD_TOKEN'],
    ['allowed issuer but a foreign tid claim', async () => `Bearer ${await token({ tid: 'evil' })}`, 'BAD_TOKEN'],
    ['wrong audience', async () => `Bearer ${await token({}, { aud: 'api://other' })}`, 'BAD_TOKEN'],
    ['signed by another key', async () => `Bearer ${await token({}, { signer: otherKey })}`, 'BAD_TOKEN'],
    ['expired', async () => `Bearer ${await token({}, { exp: '-10m' })}`, 'BAD_TOKEN'],
  ])('refuses %s', async (_name, header, code) => {
    const authorization = await header();
    await expect(auth()(authorization ? { authorization } : {})).rejects.toMatchObject({ code });
  });

  it('local mode answers loopback callers only', async () => {
    const local = createTabAuthenticator({ mode: 'local' });
    expect(await local({ remoteAddress: '127.0.0.1' })).toMatchObject({ id: 'local-agent' });
    expect(await local({ remoteAddress: '::ffff:127.0.0.1' })).toMatchObject({ id: 'local-agent' });
    await expect(local({ remoteAddress: '192.0.2.10' })).rejects.toBeInstanceOf(TabAuthError);
  });

  it('local mode refuses a loopback request relayed by a proxy (X-Forwarded-For / Forwarded)', async () => {
    const local = createTabAuthenticator({ mode: 'local' });
    await expect(local({ remoteAddress: '127.0.0.1', forwarded: true })).rejects.toMatchObject({ code: 'FORWARDED' });
    expect(await local({ remoteAddress: '127.0.0.1', forwarded: false })).toMatchObject({ id: 'local-agent' });
  });
});
