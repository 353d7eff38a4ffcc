/**
 * HTTP surface: `/api/messages` on botbuilder's CloudAdapter (Emulator, Teams, and any client using
 * `deliveryMode: "expectReplies"`), health, and mount points the channels add (widget, Direct Line,
 * labels, agent tab).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Request, type RequestHandler, type Response, type NextFunction } from 'express';
import { activityGuard, type ActivityProblem } from '../security/activity-guard.js';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';

export interface HttpDeps {
  adapter: CloudAdapter;
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
  app.post(
    '/api/messages',
    ...(deps.beforeMessages ?? []),
    express.json({ limit: deps.maxBodyBytes ?? 256 * 1024 }),
    activityGuard(deps.onBadActivity),
    ...(deps.gateMessages ?? []),
    (req, res, next) => {
      deps.adapter.process(req, res, (context) => deps.bot.run(context)).catch(next);
    },
  );
  deps.mount?.(app);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND' } });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) deps.logger.error({ err }, 'request failed');
    if (!res.headersSent) res.status(status).json({ error: { code: status === 413 ? 'TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL' } });
  });
  return app;
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
