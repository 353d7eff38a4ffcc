/**
 * The agent console (Teams static tab, also usable in a plain browser in local mode): the page, its
 * script, teams-js served from node_modules (no CDN), and a small JSON API over AgentActions.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { transformSync } from 'esbuild';
import type { Logger } from 'pino';
import type { Lang } from '../domain/lang.js';
import type { Agent, AgentActions, ActionResult } from '../channels/teams/agent-actions.js';
import { CANNED_REPLIES, cannedKey, parseCannedKey } from '../channels/teams/agent-tools.js';
import { activityDedup, BoundedMemoryIdempotencyStore, type ActivityDedup } from '../channels/teams/activity-dedup.js';
import type { Translate } from '../channels/teams/cards.js';
import { createTabAuthenticator, TabAuthError, type TabAuth } from './tab-auth.js';
import { tabPage } from './tab-page.js';

export interface AgentTabDeps {
  actions: AgentActions;
  auth: TabAuth;
  /** The tab's client id, for teams-js SSO (`authentication.getAuthToken` needs the app registered). */
  translate: (lang: Lang) => Translate;
  logger: Logger;
  basePath?: string;
  /** A retried request (same agent and requestId) acts once; shared across instances with Redis. */
  dedup?: ActivityDedup;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let script: string | undefined;
/** The browser script, TypeScript transpiled once per process. */
function tabScript(): string {
  script ??= transformSync(readFileSync(join(HERE, 'browser', 'tab.ts'), 'utf8'), { loader: 'ts', format: 'iife', target: 'es2020' }).code;
  return script;
}

function teamsJs(): string {
  return readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'), 'utf8');
}

const langOf = (value: unknown): Lang => (typeof value === 'string' && value.toLowerCase().startsWith('zh') ? 'zh' : 'en');

type AgentRequest = Request & { agent?: Agent };

function idParam(req: Request): string {
  const id: unknown = req.params.id;
  return typeof id === 'string' ? id : '';
}

export function mountAgentTab(app: Express, deps: AgentTabDeps): void {
  const base = deps.basePath ?? '/agent-tab';
  const authenticate = createTabAuthenticator(deps.auth);
  const dedup = deps.dedup ?? activityDedup(new BoundedMemoryIdempotencyStore(), 'tab-request');
  const teamsScript = teamsJs();

  app.get(base, (_req, res) => {
    res.set('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors teams.microsoft.com *.teams.microsoft.com *.skype.com *.office.com 'self'");
    res.type('html').send(tabPage(base));
  });
  app.get(`${base}/teams.js`, (_req, res) => {
    res.type('js').send(teamsScript);
  });
  app.get(`${base}/tab.js`, (_req, res) => {
    res.type('js').send(tabScript());
  });
  app.get(`${base}/api/strings`, (req, res) => {
    const lang = langOf(req.query.lang);
    const t = deps.translate(lang);
    const keys = ['title', 'localMode', 'queue', 'refresh', 'transcript', 'pickTicket', 'reply', 'send', 'orderLookup', 'lookup', 'sent', 'error'];
    const strings: Record<string, string> = {};
    for (const k of keys) strings[k] = t(`agent:tab.${k}`);
    strings.signedIn = t('agent:tab.signedIn', { name: '{name}' });
    strings.accept = t('agent:card.accept');
    strings.end = t('agent:card.end');
    strings.buyerLanguage = t('agent:card.buyerLanguage');
    res.json({ mode: deps.auth.mode, strings, canned: CANNED_REPLIES.map((n) => ({ key: cannedKey(n), title: t(cannedKey(n)) })) });
  });

  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));
  api.use((req: AgentRequest, res, next) => {
    authenticate({ authorization: req.get('authorization'), remoteAddress: req.socket.remoteAddress, forwarded: req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined })
      .then((agent) => {
        req.agent = agent;
        next();
      })
      .catch((err: unknown) => {
        if (err instanceof TabAuthError) res.status(err.code === 'NOT_LOOPBACK' || err.code === 'FORWARDED' ? 403 : 401).json({ error: { code: err.code } });
        else next(err);
      });
  });
  api.get('/me', (req: AgentRequest, res) => {
    res.json({ agent: req.agent });
  });
  api.get('/queue', async (_req, res) => {
    res.json({
      tickets: (await deps.actions.queue.queue()).map((t) => ({
        ticketId: t.ticketId,
        conversationId: t.conversationId,
        lang: t.lang,
        reason: t.reason,
        intent: t.intent ?? null,
        orderId: t.orderId ?? null,
        state: t.state,
        agentName: t.agentName ?? null,
        createdAt: t.createdAt,
      })),
    });
  });
  api.get('/tickets/:id/transcript', async (req, res, next) => {
    const ticket = await deps.actions.queue.get(idParam(req));
    if (!ticket) {
      res.status(404).json({ error: { code: 'NOT_FOUND' } });
      return;
    }
    deps.actions
      .transcript(ticket.ticketId)
      .then(({ entries }) => res.json({ ticket: { ticketId: ticket.ticketId, state: ticket.state, lang: ticket.lang, agentName: ticket.agentName ?? null }, entries }))
      .catch(next);
  });
  const act = (run: (req: AgentRequest, agent: Agent, eventId: string) => Promise<ActionResult | undefined>) => (req: AgentRequest, res: Response, next: NextFunction) => {
    const agent = req.agent;
    if (!agent) {
      res.status(401).json({ error: { code: 'NO_TOKEN' } });
      return;
    }
    const body: unknown = req.body;
    const requestId = typeof body === 'object' && body !== null && 'requestId' in body && typeof body.requestId === 'string' ? body.requestId.slice(0, 100) : randomUUID();
    const eventId = `tab:${agent.id}:${requestId}`;
    dedup
      .once(`${agent.id}|${requestId}`, async () => {
        const result = await run(req, agent, eventId);
        if (!result) res.status(400).json({ error: { code: 'BAD_REQUEST' } });
        else if (result.ok) res.json({ ok: true, delivered: result.delivered, state: result.ticket.state });
        else res.status(result.code === 'not_found' ? 404 : 409).json({ error: { code: result.code, agentName: result.ticket?.agentName ?? null } });
        // Not delivered: the same request retried tries again (the buyer's turn is not recorded twice).
        return result?.ok && !result.delivered ? 'retry' : 'done';
      })
      .then((outcome) => {
        if (outcome === 'duplicate' && !res.headersSent) res.status(200).json({ ok: true, duplicate: true });
      })
      .catch(next);
  };
  api.post('/tickets/:id/accept', act((req, agent, eventId) => deps.actions.accept(idParam(req), agent, eventId)));
  api.post('/tickets/:id/end', act((req, agent, eventId) => deps.actions.end(idParam(req), agent, eventId)));
  api.post(
    '/tickets/:id/reply',
    act(async (req, agent, eventId) => {
      const body = req.body as { text?: unknown; key?: unknown } | undefined;
      const key = parseCannedKey(body?.key);
      const text = typeof body?.text === 'string' ? body.text.trim() : '';
      if (key) return deps.actions.say(idParam(req), agent, { key }, eventId, 'tab');
      if (text && text.length <= 2000) return deps.actions.say(idParam(req), agent, { text }, eventId, 'tab');
      return undefined;
    }),
  );
  api.get('/orders/:id', (req, res, next) => {
    deps.actions
      .order(idParam(req))
      .then((facts) => (facts ? res.json({ order: facts }) : res.status(404).json({ error: { code: 'NOT_FOUND' } })))
      .catch(next);
  });
  app.use(`${base}/api`, api);
}
