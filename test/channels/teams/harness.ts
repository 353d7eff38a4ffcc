/**
 * Assembles the application the way src/app.ts does, plus the Teams integration (app.ts is wired by
 * the lead), and a local HTTP server acting as the Bot Framework connector: every outbound call of
 * the bot (replies, proactive posts, card updates) lands there with its path and body.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { AfterSalesBot } from '../../../src/bot/bot.js';
import { createApp, listen, type RunningServer } from '../../../src/http/server.js';
import { createTeamsIntegration, type TeamsIntegrationDeps } from '../../../src/channels/teams/index.js';
import type { Intent, Nlu, NluResult } from '../../../src/nlu/types.js';
import type { Lang } from '../../../src/domain/lang.js';
import { extractEntities } from '../../../src/nlu/entities.js';
import { testAssistant } from '../../support/assistant.js';
import type { PolicyConfig } from '../../../src/policy/index.js';

/** Keyword NLU with the handoff and tracking intents, and the real entity extractor (order ids, emails). */
export class HandoffNlu implements Nlu {
  async understand(text: string, lang: Lang): Promise<NluResult> {
    const table: [RegExp, Intent][] = [
      [/\b(human|agent|person)\b|人工|客服/i, 'human_agent'],
      [/\b(hi|hello|hey)\b|你好|您好/i, 'greeting'],
      [/where.*order|track|到哪|物流/i, 'track_order'],
      [/\bcancel\b|取消/i, 'cancel_order'],
    ];
    const hit = table.find(([re]) => re.test(text));
    return { text, lang, intent: hit?.[1] ?? 'none', score: hit ? 0.95 : 0.2, entities: extractEntities(text, lang, new Date()) };
  }
}

export interface ConnectorCall {
  method: string;
  /** Decoded path, e.g. /v3/conversations/19:general@thread.tacv2/activities */
  path: string;
  body: Partial<Activity>;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** How many injected failures were served. */
  failuresServed(): number;
  /** The next `count` calls answer `status` with `headers` (then normal service resumes). */
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  let n = 0;
  let served = 0;
  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const failure = failures.shift();
        if (failure) {
          served++;
          res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
          res.end(JSON.stringify({ error: { code: 'Throttled', message: 'slow down' } }));
          return;
        }
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        calls.push({ method: req.method ?? '', path, body: raw ? (JSON.parse(raw) as Partial<Activity>) : {} });
        const id = req.method === 'PUT' ? (path.split('/').pop() ?? '') : `msg-${++n}`;
        res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    failuresServed: () => served,
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const BOT = { id: '28:bot-app', name: 'Assistant' };
export const TENANT = 'tenant-1';
export const CHANNEL = '19:general@thread.tacv2';
export const TEAM = '19:team@thread.tacv2';

export interface Harness {
  assistant: Awaited<ReturnType<typeof testAssistant>>;
  teams: ReturnType<typeof createTeamsIntegration>;
  running: RunningServer;
  connector: FakeConnector;
  sleeps: number[];
  /** Activities as JSON (tests send partial, channel-shaped payloads). */
  post(activity: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startHarness(extra: Partial<TeamsIntegrationDeps> = {}, options: { policy?: PolicyConfig } = {}): Promise<Harness> {
  const connector = await startConnector();
  const assistant = await testAssistant({ teamsAllowedTenants: [TENANT] }, { nlu: new HandoffNlu(), channels: false, ...(options.policy ? { policy: options.policy } : {}) });
  const sleeps: number[] = [];
  const teams = createTeamsIntegration({
    adapter: assistant.adapter,
    appId: assistant.config.microsoftAppId,
    runner: assistant.runner,
    handoff: assistant.services.handoff,
    transcripts: assistant.transcripts,
    orders: assistant.services.orders,
    policy: assistant.policy,
    renderer: assistant.renderer,
    logger: assistant.logger,
    conversations: assistant.store,
    allowedTenants: [TENANT],
    agentsTeamId: TEAM,
    retry: {
      attempts: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    ...extra,
  });
  const bot = new AfterSalesBot(assistant.runner, { agentDesk: teams.agentDesk });
  const app = createApp({ adapter: assistant.adapter, bot, logger: assistant.logger, mount: (express) => teams.mount(express) });
  const running = await listen(app, 0, '127.0.0.1');
  return {
    assistant,
    teams,
    running,
    connector,
    sleeps,
    async post(activity) {
      const res = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), timestamp: new Date().toISOString(), serviceUrl: connector.url, recipient: BOT, ...activity }),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      await running.close();
      await connector.close();
    },
  };
}

/** A buyer on a Bot Framework channel (replies and proactive messages go to the connector). */
export function buyer(h: Harness, conversationId = `buyer-${randomUUID()}`, locale = 'en-US') {
  return {
    conversationId,
    say: (text: string) =>
      h.post({ type: 'message', channelId: 'webchat', text, conversation: { id: conversationId }, from: { id: 'buyer-1', name: 'Buyer' }, locale }),
    /** Reply keys the buyer received, in order (turn replies and proactive deliveries). */
    keys: () =>
      h.connector.calls
        .filter((c) => c.path.startsWith(`/v3/conversations/${conversationId}/activities`))
        .map((c) => (c.body.channelData as { replyKey?: string } | undefined)?.replyKey),
    texts: () => h.connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${conversationId}/activities`)).map((c) => c.body.text ?? ''),
  };
}

export function agent(h: Harness, who: { aad: string; name: string }) {
  const base = {
    channelId: 'msteams',
    from: { id: `29:${who.aad}`, aadObjectId: who.aad, name: who.name },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
    locale: 'en-US',
  };
  return {
    /** A message in a ticket's thread (conversation id carries the root message id). */
    inThread: (rootId: string, activity: Record<string, unknown>) =>
      h.post({ ...base, type: 'message', conversation: { id: `${CHANNEL};messageid=${rootId}`, isGroup: true, conversationType: 'channel' }, replyToId: rootId, ...activity }),
    /** A command posted in the agents' channel (a new conversation, not a ticket thread). */
    command: (text: string, locale = 'en-US') =>
      h.post({ ...base, type: 'message', text, locale, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' } }),
    /** A direct message to the bot (agent commands are refused there). */
    personal: (text: string, locale = 'en-US') =>
      h.post({ ...base, channelData: { tenant: { id: TENANT } }, type: 'message', text, locale, conversation: { id: `a:personal-${who.aad}`, conversationType: 'personal' } }),
  };
}

export async function installInTeam(h: Harness): Promise<number> {
  return h.post({
    type: 'conversationUpdate',
    channelId: 'msteams',
    membersAdded: [{ id: BOT.id, name: BOT.name }],
    from: { id: '29:admin', name: 'Admin' },
    conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL }, eventType: 'teamMemberAdded' },
  });
}
