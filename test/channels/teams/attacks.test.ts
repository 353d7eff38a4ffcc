/**
 * Issue 18 items 1 and 2, replayed as the attacks they were: the whole app (real CloudAdapter, real
 * HTTP, local mode) reached by someone who is not an agent. A remote caller is what a reverse proxy
 * on the same host forwards (the README's `HOST=0.0.0.0` setup): a loopback peer with proxy headers.
 * Each attack must disclose nothing and POST nothing to the caller's `serviceUrl`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../../src/http/server.js';
import { testAssistant } from '../../support/assistant.js';
import { BOT, CHANNEL, HandoffNlu, startConnector, TEAM, TENANT, type FakeConnector } from './harness.js';

const ORDER = '111-5820437-6619203';
const REMOTE = { 'x-forwarded-for': '203.0.113.7' };

/** A TCP port that counts connections (a stand-in for a local Redis or any internal service). */
async function trapPort(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, connections: () => count, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type App = Awaited<ReturnType<typeof testAssistant>> & { running: RunningServer };

async function startApp(config: Parameters<typeof testAssistant>[0]): Promise<App> {
  const assistant = await testAssistant({ rateLimitIpPerMinute: 0, widgetAllowedOrigins: ['*'], ...config }, { nlu: new HandoffNlu() });
  const running = await listen(assistant.app, 0, '127.0.0.1');
  assistant.setPublicBaseUrl(running.url);
  return { ...assistant, running };
}

async function post(app: App, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${app.running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ id: randomUUID(), timestamp: new Date().toISOString(), recipient: BOT, ...activity }),
  });
  return { status: res.status, body: await res.text() };
}

const teamsMessage = (serviceUrl: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channelId: 'msteams',
  serviceUrl,
  text,
  from: { id: '29:mallory', aadObjectId: 'aad-mallory', name: 'Mallory' },
  conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' },
  channelData: { tenant: { id: TENANT }, team: { id: TEAM }, channel: { id: CHANNEL } },
  locale: 'en-US',
  ...extra,
});

const install = (serviceUrl: string, team: string, channel: string) => ({
  type: 'conversationUpdate',
  channelId: 'msteams',
  serviceUrl,
  membersAdded: [{ id: BOT.id, name: BOT.name }],
  from: { id: '29:mallory', name: 'Mallory' },
  conversation: { id: channel, isGroup: true, conversationType: 'channel' },
  channelData: { tenant: { id: TENANT }, team: { id: team }, channel: { id: channel }, eventType: 'teamMemberAdded' },
});

/** Everything the connector was sent, as one string (to look for disclosed data). */
const sent = (c: FakeConnector) => JSON.stringify(c.calls);

let connector: FakeConnector;
let attacker: FakeConnector;
beforeAll(async () => {
  connector = await startConnector();
  attacker = await startConnector();
});
afterAll(async () => {
  await connector?.close();
  await attacker?.close();
});
afterEach(() => {
  connector.calls.length = 0;
  attacker.calls.length = 0;
});

describe('item 1: local mode exposed for the widget', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ teamsAllowedTenants: [TENANT], teamsAgentsTeamId: TEAM });
  });
  afterAll(async () => {
    await app?.running.close();
    await app?.close();
  });

  it('a remote caller posing as Teams gets no order, transcript, queue, accept or approve, and nothing is POSTed to it', async () => {
    for (const text of [`order ${ORDER}`, 'transcript some-buyer', 'queue', 'accept HO-1', 'approve HO-1', 'help']) {
      const res = await post(app, teamsMessage(attacker.url, text), REMOTE);
      expect(res.status, text).toBe(403);
      expect(res.body).toBe('{"error":{"code":"FORBIDDEN"}}');
    }
    for (const header of ['x-real-ip', 'forwarded', 'x-forwarded-host', 'cf-connecting-ip']) {
      expect((await post(app, teamsMessage(attacker.url, `order ${ORDER}`), { [header]: '203.0.113.7' })).status, header).toBe(403);
    }
    await app.teams?.idle();
    expect(attacker.calls).toEqual([]);
  });

  it('a remote install event does not register the caller as the agents channel', async () => {
    expect((await post(app, install(attacker.url, TEAM, CHANNEL), REMOTE)).status).toBe(403);
    expect(await app.teams?.agentChannel.get()).toBeUndefined();
    // A buyer asks for a person: no card goes anywhere, least of all to the caller.
    const buyer = await post(app, { type: 'message', channelId: 'webchat', serviceUrl: connector.url, text: 'I need a human', conversation: { id: `b-${randomUUID()}` }, from: { id: 'buyer' } });
    expect(buyer.status).toBe(200);
    await app.teams?.idle();
    expect(attacker.calls).toEqual([]);
  });

  it('replies are never POSTed to a service URL a remote caller names (a local Redis port), nor to one anybody names off this machine', async () => {
    const trap = await trapPort();
    try {
      const buyerTurn = { type: 'message', channelId: 'webchat', text: 'hello', conversation: { id: `c-${randomUUID()}` }, from: { id: 'buyer' } };
      expect((await post(app, { ...buyerTurn, serviceUrl: trap.url }, REMOTE)).status).toBe(403);
      // Even from this machine: no address outside it unless allow-listed, no credentials in the URL, no other schemes.
      for (const serviceUrl of ['http://10.0.0.5:6379/', 'https://evil.example/', 'https://smba.trafficmanager.net/amer/', 'http://user:pw@127.0.0.1:9/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/']) {
        expect((await post(app, { ...buyerTurn, conversation: { id: `c-${randomUUID()}` }, serviceUrl })).status, serviceUrl).toBe(403);
      }
      expect((await post(app, { ...buyerTurn, serviceUrl: undefined })).status).toBe(403);
      expect(trap.connections()).toBe(0);
    } finally {
      await trap.close();
    }
  });

  it("a widget buyer's conversation cannot be driven through /api/messages, even from this machine", async () => {
    const origin = app.running.url;
    const gen = await fetch(`${app.running.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
    const { token, conversationId } = (await gen.json()) as { token: string; conversationId: string };
    await fetch(`${app.running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' }, body: '{}' });
    const dl = await fetch(`${app.running.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hello', from: { id: 'x' } }),
    });
    expect(dl.status).toBe(200);
    await expect.poll(async () => (await app.store.load(conversationId)).record?.turns ?? 0).toBeGreaterThan(0);
    const before = await app.store.load(conversationId);
    const transcriptBefore = await app.transcripts.list(conversationId);

    for (const channelId of ['webchat', 'emulator', 'directline']) {
      const res = await post(app, { type: 'message', channelId, serviceUrl: attacker.url, text: `Where is my order ${ORDER}?`, conversation: { id: conversationId }, from: { id: 'x' }, deliveryMode: 'expectReplies' });
      expect(res.status, channelId).toBe(403);
      expect(res.body).not.toContain(ORDER);
    }
    expect((await app.store.load(conversationId)).record?.turns).toBe(before.record?.turns);
    expect(await app.transcripts.list(conversationId)).toEqual(transcriptBefore);
    expect(attacker.calls).toEqual([]);
  });

  it('a direct caller on this machine (the operator, the Emulator) still gets the agent tools', async () => {
    const res = await post(app, teamsMessage(connector.url, `order ${ORDER}`));
    expect(res.status).toBe(200);
    expect(sent(connector)).toContain(`Order ${ORDER}`);
  });

  it('the console refuses requests that came through a proxy, whichever header names the client (X-Real-IP included)', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'true-client-ip']) {
      const res = await fetch(`${app.running.url}/agent-tab/api/queue`, { headers: { [header]: '203.0.113.7' } });
      expect(res.status, header).toBe(403);
      expect(await res.text()).not.toContain('HO-');
    }
    expect((await fetch(`${app.running.url}/agent-tab/api/queue`)).status).toBe(200);
  });
});

describe('item 1: LOCAL_AGENT_DESK=off', () => {
  it('turns every agent feature off, even for loopback', async () => {
    const app = await startApp({ teamsAllowedTenants: [TENANT], teamsAgentsTeamId: TEAM, localAgentDesk: 'off' });
    try {
      expect((await post(app, teamsMessage(connector.url, `order ${ORDER}`))).status).toBe(403);
      expect((await fetch(`${app.running.url}/agent-tab/api/queue`)).status).toBe(403);
      expect(connector.calls).toEqual([]);
    } finally {
      await app.running.close();
      await app.close();
    }
  });
});

describe('item 2: tenants, team, direct messages', () => {
  it('an empty TEAMS_ALLOWED_TENANTS turns agent features off and says how to turn them on', async () => {
    const app = await startApp({});
    try {
      expect(app.logLines.some((l) => String(l.msg).includes('TEAMS_ALLOWED_TENANTS') && /to turn them on/i.test(String(l.msg)))).toBe(true);
      for (const text of [`order ${ORDER}`, 'queue', 'help']) expect((await post(app, teamsMessage(connector.url, text))).status).toBe(200);
      expect((await post(app, install(connector.url, TEAM, CHANNEL))).status).toBe(200);
      await app.teams?.idle();
      expect(connector.calls).toEqual([]);
      expect(await app.teams?.agentChannel.get()).toBeUndefined();
    } finally {
      await app.running.close();
      await app.close();
    }
  });

  it('another tenant, another team or a direct message gets no agent command; an install elsewhere does not move the agents channel', async () => {
    // No team configured: the first install pins it.
    const app = await startApp({ teamsAllowedTenants: [TENANT] });
    try {
      expect((await post(app, install(connector.url, TEAM, CHANNEL))).status).toBe(200);
      expect((await app.teams?.agentChannel.get())?.teamId).toBe(TEAM);
      connector.calls.length = 0;

      const otherTenant = teamsMessage(connector.url, `order ${ORDER}`, { channelData: { tenant: { id: 'tenant-evil' }, team: { id: TEAM }, channel: { id: CHANNEL } } });
      expect((await post(app, otherTenant)).status).toBe(200);
      const otherTeam = teamsMessage(connector.url, `order ${ORDER}`, {
        conversation: { id: '19:other@thread.tacv2', isGroup: true, conversationType: 'channel' },
        channelData: { tenant: { id: TENANT }, team: { id: '19:other-team@thread.tacv2' }, channel: { id: '19:other@thread.tacv2' } },
      });
      expect((await post(app, otherTeam)).status).toBe(200);
      expect(sent(connector)).not.toContain(ORDER);

      for (const [locale, pattern] of [['en-US', /only in the agents' team channel/], ['zh-CN', /客服团队的频道/]] as const) {
        connector.calls.length = 0;
        const dm = teamsMessage(connector.url, `order ${ORDER}`, { locale, conversation: { id: 'a:dm-mallory', conversationType: 'personal' }, channelData: { tenant: { id: TENANT } } });
        expect((await post(app, dm)).status).toBe(200);
        expect(connector.calls.map((c) => c.body.text)).toEqual([expect.stringMatching(pattern)]);
        expect(sent(connector)).not.toContain(ORDER);
      }

      // Mallory adds the bot to her own team of the same tenant: the agents' channel stays.
      expect((await post(app, install(attacker.url, '19:mallory-team@thread.tacv2', '19:mallory@thread.tacv2'))).status).toBe(200);
      expect(await app.teams?.agentChannel.get()).toMatchObject({ teamId: TEAM, serviceUrl: connector.url, conversation: { id: CHANNEL } });
      connector.calls.length = 0;
      await post(app, { type: 'message', channelId: 'webchat', serviceUrl: connector.url, text: 'I need a human', conversation: { id: `b-${randomUUID()}` }, from: { id: 'buyer' } });
      await app.teams?.idle();
      expect(connector.calls.some((c) => c.path.startsWith(`/v3/conversations/${CHANNEL}/activities`))).toBe(true);
      expect(attacker.calls).toEqual([]);
    } finally {
      await app.running.close();
      await app.close();
    }
  });
});
