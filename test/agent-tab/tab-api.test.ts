/** The console tab's JSON API over HTTP in local mode: who may call it, and retried requests. */
import { afterEach, describe, expect, it } from 'vitest';
import { buyer, installInTeam, startHarness, type Harness } from '../channels/teams/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  if (!h) throw new Error('no harness');
  const res = await fetch(`${h.running.url}/agent-tab/api${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('agent console API, local mode', () => {
  it('answers a direct loopback caller, refuses one relayed by a reverse proxy on this host', async () => {
    h = await startHarness();
    expect(await call('/me')).toMatchObject({ status: 200, body: { agent: { id: 'local-agent' } } });
    expect(await call('/me', { headers: { 'x-forwarded-for': '203.0.113.7' } })).toEqual({ status: 403, body: { error: { code: 'FORWARDED' } } });
    expect(await call('/me', { headers: { forwarded: 'for=203.0.113.7;proto=https' } })).toEqual({ status: 403, body: { error: { code: 'FORWARDED' } } });
    expect((await call('/queue', { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(403);
  });

  it('a retried reply (same requestId) reaches the buyer once; one that was not delivered is delivered on the retry', async () => {
    h = await startHarness();
    await installInTeam(h);
    const b = buyer(h);
    await b.say('human please');
    await h.teams.idle();
    const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    expect((await call(`/tickets/${ticketId}/accept`, { method: 'POST', body: { requestId: 'r-accept' } })).body).toMatchObject({ ok: true, delivered: true });
    await h.teams.idle();

    const reply = { text: 'A courier picks it up tomorrow', requestId: 'r-1' };
    expect((await call(`/tickets/${ticketId}/reply`, { method: 'POST', body: reply })).body).toMatchObject({ ok: true, delivered: true });
    expect((await call(`/tickets/${ticketId}/reply`, { method: 'POST', body: reply })).body).toEqual({ ok: true, duplicate: true });
    await h.teams.idle();
    expect(b.texts().filter((t) => t === 'Local agent: A courier picks it up tomorrow')).toHaveLength(1);

    const second = { text: 'Label attached to your email', requestId: 'r-2' };
    h.connector.failNext(1, 403);
    expect((await call(`/tickets/${ticketId}/reply`, { method: 'POST', body: second })).body).toMatchObject({ ok: true, delivered: false });
    await h.teams.idle();
    expect(b.texts()).not.toContain('Local agent: Label attached to your email');
    expect((await call(`/tickets/${ticketId}/reply`, { method: 'POST', body: second })).body).toMatchObject({ ok: true, delivered: true });
    await h.teams.idle();
    expect(b.texts().filter((t) => t === 'Local agent: Label attached to your email')).toHaveLength(1);
    const lines = await h.assistant.transcripts.list(b.conversationId);
    expect(lines.filter((l) => l.text === 'Local agent: Label attached to your email')).toHaveLength(1);
  });
});

describe('agent console with Teams sign-in', () => {
  const sso = (tenantIds: string[]) => ({ mode: 'teams' as const, sso: { jwksUrl: 'http://127.0.0.1:9/keys', audiences: ['api://help.example.com/app'], tenantIds } });
  const warning = (lines: Record<string, unknown>[]) => lines.filter((l) => l.level === 'warn' && String(l.msg).includes('no tenant is allowed'));

  it('warns at start-up when no tenant is allowed (every sign-in would be refused)', async () => {
    h = await startHarness({ tabAuth: sso([]) });
    expect(warning(h.assistant.logLines)).toHaveLength(1);
    expect((await call('/me')).status).toBe(401);
  });

  it('says nothing when a tenant is allowed', async () => {
    h = await startHarness({ tabAuth: sso(['11111111-1111-4111-8111-111111111111']) });
    expect(warning(h.assistant.logLines)).toEqual([]);
  });
});

describe('agent console page', () => {
  it('sends a CSP that lets Teams frame it (including *.cloud.microsoft) and serves its scripts gzipped', async () => {
    h = await startHarness();
    const page = await fetch(`${h.running.url}/agent-tab`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/\*\.cloud\.microsoft/);
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(csp).toMatch(/connect-src 'self'/);
    for (const script of ['teams.js', 'tab.js', 'no-cdn.js']) {
      const res = await fetch(`${h.running.url}/agent-tab/${script}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), script).toBe('gzip');
      const body = await res.arrayBuffer();
      expect(body.byteLength).toBeGreaterThan(0);
    }
    // fetch() decodes: the wire size is what the header says.
    const teams = await fetch(`${h.running.url}/agent-tab/teams.js`, { headers: { 'accept-encoding': 'gzip' } });
    const wire = Number(teams.headers.get('content-length'));
    console.info(`teams.js: ${wire} bytes gzipped`);
    expect(wire).toBeGreaterThan(10_000);
    expect(wire).toBeLessThan(80_000);
    await teams.arrayBuffer();
  });
});
