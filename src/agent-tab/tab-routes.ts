/**
 * The agent console (Teams static tab, also usable in a plain browser in local mode): the page, its
 * script, teams-js served from node_modules (no CDN), and a small JSON API over AgentActions.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { transformSync } from 'esbuild';
import type { Logger } from 'pino';
import type { Lang } from '../domain/lang.js';
import {
  activityDedup,
  BoundedMemoryIdempotencyStore,
  CANNED_REPLIES,
  cannedKey,
  parseCannedKey,
  type ActionResult,
  type ActivityDedup,
  type Agent,
  type AgentDeskService,
  orderView,
  ticketRow,
  type CardContext,
} from '../channels/agent-desk/index.js';
import { PROXY_HEADERS } from '../security/trusted-callers.js';
import { createTabAuthenticator, TabAuthError, type TabAuth } from './tab-auth.js';
import { tabPage } from './tab-page.js';
import { jsonBody } from '../http/json-body.js';

export interface AgentTabDeps {
  actions: AgentDeskService;
  auth: TabAuth;
  /** The agent's language and the seller's time zone (labels, money, dates). */
  cardContext: (lang: Lang) => CardContext;
  clock?: () => Date;
  logger: Logger;
  basePath?: string;
  /** A retried request (same agent and requestId) acts once; shared across instances with Redis. */
  dedup?: ActivityDedup;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** A browser script, TypeScript transpiled (once per process: the caller keeps the result). */
function browserScript(name: string): () => string {
  return () => transformSync(readFileSync(join(HERE, 'browser', name), 'utf8'), { loader: 'ts', format: 'iife', target: 'es2020', minify: true }).code;
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

/** The page's policy: teams-js talks to its Teams host by postMessage and fetches nothing itself. */
const TAB_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' https://*.microsoft.com https://*.office.com https://*.cloud.microsoft",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://*.skype.com",
].join('; ');

/** A static script, gzipped once, served compressed to clients that accept it. */
function staticScript(source: () => string) {
  let plain: Buffer | undefined;
  let gzipped: Buffer | undefined;
  return (req: Request, res: Response): void => {
    plain ??= Buffer.from(source(), 'utf8');
    gzipped ??= gzipSync(plain, { level: 9 });
    res.type('js').set('cache-control', 'public, max-age=3600').vary('accept-encoding');
    if (req.acceptsEncodings('gzip') === 'gzip') res.set('content-encoding', 'gzip').send(gzipped);
    else res.send(plain);
  };
}

const STRING_KEYS = [
  'title', 'localMode', 'queue', 'refresh', 'transcript', 'pickTicket', 'reply', 'send', 'orderLookup', 'lookup', 'sent', 'error',
  'queueEmpty', 'history', 'historyEmpty', 'acceptFirst', 'notYours', 'readOnly', 'you',
];

export function mountAgentTab(app: Express, deps: AgentTabDeps): void {
  const base = deps.basePath ?? '/agent-tab';
  const authenticate = createTabAuthenticator(deps.auth);
  const dedup = deps.dedup ?? activityDedup(new BoundedMemoryIdempotencyStore(), 'tab-request');
  const clock = deps.clock ?? (() => new Date());

  app.get(base, (_req, res) => {
    res.set('content-security-policy', TAB_CSP);
    res.type('html').send(tabPage(base));
  });
  app.get(`${base}/teams.js`, staticScript(teamsJs));
  app.get(`${base}/tab.js`, staticScript(browserScript('tab.ts')));
  app.get(`${base}/no-cdn.js`, staticScript(browserScript('no-cdn.ts')));
  app.get(`${base}/api/strings`, (req, res) => {
    const lang = langOf(req.query.lang);
    const { t } = deps.cardContext(lang);
    const strings: Record<string, string> = {};
    for (const k of STRING_KEYS) strings[k] = t(`agent:tab.${k}`);
    strings.signedIn = t('agent:tab.signedIn', { name: '{name}' });
    strings.notYours = t('agent:tab.notYours', { agentName: '{name}' });
    strings.accept = t('agent:card.accept');
    strings.end = t('agent:card.end');
    strings.buyerLanguage = t('agent:card.buyerLanguage');
    res.json({ mode: deps.auth.mode, lang, strings, canned: CANNED_REPLIES.map((n) => ({ key: cannedKey(n), title: t(cannedKey(n)) })) });
  });

  const api = express.Router();
  api.use(jsonBody({ limit: '16kb' }));
  api.use((req: AgentRequest, res, next) => {
    authenticate({ authorization: req.get('authorization'), remoteAddress: req.socket.remoteAddress, forwarded: PROXY_HEADERS.some((h) => req.get(h) !== undefined) })
      .then((agent) => {
        req.agent = agent;
        next();
      })
      .catch((err: unknown) => {
        if (err instanceof TabAuthError) res.status(err.code === 'NOT_LOOPBACK' || err.code === 'FORWARDED' || err.code === 'OFF' ? 403 : 401).json({ error: { code: err.code } });
        else next(err);
      });
  });
  api.get('/me', (req: AgentRequest, res) => {
    res.json({ agent: req.agent });
  });
  api.get('/queue', (req, res, next) => {
    const c = deps.cardContext(langOf(req.query.lang));
    Promise.resolve(deps.actions.queue.queue())
      .then((tickets) => res.json({ tickets: tickets.map((t) => ({ ...ticketRow(t, clock(), c), lang: t.lang, reason: t.reason, intent: t.intent ?? null, createdAt: t.createdAt })) }))
      .catch(next);
  });
  api.get('/history', (req, res, next) => {
    const c = deps.cardContext(langOf(req.query.lang));
    deps.actions
      .history(50)
      .then((tickets) => res.json({ tickets: tickets.map((t) => ticketRow(t, clock(), c)) }))
      .catch(next);
  });
  api.get('/tickets/:id/transcript', async (req, res, next) => {
    const ticket = await deps.actions.queue.get(idParam(req));
    if (!ticket) {
      res.status(404).json({ error: { code: 'NOT_FOUND' } });
      return;
    }
    const c = deps.cardContext(langOf(req.query.lang));
    deps.actions
      .transcript(ticket.ticketId)
      .then(({ entries }) =>
        res.json({
          ticket: { ...ticketRow(ticket, clock(), c), lang: ticket.lang },
          entries: entries.map((e) => ({ ...e, fromLabel: c.t(`agent:from.${e.from}`) })),
        }),
      )
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
    const c = deps.cardContext(langOf(req.query.lang));
    deps.actions
      .order(idParam(req))
      .then((facts) =>
        // Not found is an answer, not a failure (a 404 would be a console error in the agent's browser).
        res.json(facts ? { order: facts, view: orderView(facts, c) } : { order: null, view: null, message: c.t('agent:tab.orderNotFound', { orderId: idParam(req) }) }),
      )
      .catch(next);
  });
  app.use(`${base}/api`, api);
}
