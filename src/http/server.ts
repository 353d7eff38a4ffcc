/**
 * HTTP surface: `/api/messages` on botbuilder's CloudAdapter (Emulator, Teams, and any client using
 * `deliveryMode: "expectReplies"`), health, and mount points the channels add (widget, Direct Line,
 * labels, agent tab).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { activityGuard, toActivity, type ActivityProblem } from '../security/activity-guard.js';
import type { Activity } from 'botbuilder';
import type { HttpCloudAdapter } from './bot-adapter.js';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import { jsonBody } from './json-body.js';
import { errorHandler } from './errors.js';
import { availabilityGate } from './availability.js';

/** Routes that need shared state: answered 503 + Retry-After while it is down (see `availability`). */
export const STATEFUL_ROUTES = ['/api/messages', '/v3/directline', '/agent-tab/api'];

export interface HttpDeps {
  adapter: HttpCloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Extra routes (channels, labels, pages) registered before the 404 handler. */
  mount?: (app: Express) => void;
  /** Readiness probes (e.g. Redis ping); all must resolve true. */
  readiness?: Record<string, () => Promise<boolean>>;
  maxBodyBytes?: number;
  /** Run before the body is parsed on /api/messages (e.g. the per-IP rate limit). */
  beforeMessages?: RequestHandler[];
  /** Run after the shape check on /api/messages (the trust gate: who may call, where replies go). */
  gateMessages?: RequestHandler[];
  /** Malformed activities refused with 400 (metrics). */
  onBadActivity?: (problem: ActivityProblem) => void;
  /** `/metrics` in Prometheus text format; with `token`, a bearer token is required. */
  metrics?: { render(): Promise<string>; contentType: string; token?: string };
  /**
   * Shared state (Redis) health: while it fails, every stateful route answers 503 + Retry-After
   * before doing any work. Absent: state is in-process and always there.
   */
  availability?: { ready?(): boolean; probe(): Promise<boolean>; onUnavailable?: (req: Request) => void };
}

export function createApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res, next) => {
    readiness(deps.readiness ?? {})
      .then((checks) => {
        const ok = Object.values(checks).every(Boolean);
        res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', checks });
      })
      .catch(next);
  });
  const metrics = deps.metrics;
  if (metrics) {
    app.get('/metrics', (req, res, next) => {
      if (metrics.token !== undefined && req.headers.authorization !== `Bearer ${metrics.token}`) {
        res.status(401).json({ error: { code: 'UNAUTHORIZED' } });
        return;
      }
      metrics
        .render()
        .then((text) => res.type(metrics.contentType).send(text))
        .catch(next);
    });
  }
  if (deps.availability) app.use(STATEFUL_ROUTES, availabilityGate(deps.availability));
  app.post(
    '/api/messages',
    ...(deps.beforeMessages ?? []),
    jsonBody({ limit: deps.maxBodyBytes ?? 256 * 1024 }),
    activityGuard(deps.onBadActivity),
    ...(deps.gateMessages ?? []),
    (req, res, next) => {
      processMessage(deps, req, res).catch(next);
    },
  );
  deps.mount?.(app);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND' } });
  });
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * What `CloudAdapter.process` does, minus its catch: that one answers any failure with the error's
 * own message as the body (a DNS error, a stack of botframework internals) and logs it to the
 * console only. Here failures go to the central handler: 401 for a bad token, 503 when the key
 * endpoint or Redis is down, 500 `INTERNAL` otherwise, each with a log line and a code only.
 */
async function processMessage(deps: HttpDeps, req: Request, res: Response): Promise<void> {
  const activity = withDates(toActivity(req.body));
  const invoke = await deps.adapter.receive(req.headers.authorization ?? '', activity, (context) => deps.bot.run(context));
  res.status(invoke?.status ?? 200);
  if (invoke?.body !== undefined) res.send(invoke.body);
  else res.end();
}

/** botbuilder's `validateAndFixActivity`: timestamps arrive as strings, the turn expects Dates. */
function withDates(activity: Activity): Activity {
  const raw: Record<string, unknown> = { ...activity };
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return Object.assign(activity, raw);
}

async function readiness(checks: Record<string, () => Promise<boolean>>): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      out[name] = await check().catch(() => false);
    }),
  );
  return out;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function listen(app: Express, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      let closing: Promise<void> | undefined;
      resolve({
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
        // Idempotent: tests and signal handlers may both close.
        close: () =>
          (closing ??= new Promise<void>((res, rej) => {
            server.closeAllConnections();
            server.close((err) => (err ? rej(err) : res()));
          })),
      });
    });
  });
}
