/**
 * The WebSocket stream (`/v3/directline/conversations/:id/stream`): backlog after the client's
 * watermark, then every new activity as it is appended, on this instance or (with Redis) any other.
 * Sockets close when their token expires; dead peers are dropped by a ping/pong heartbeat.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DirectLineActivity } from './activity-stream-store.js';
import { bearer, DIRECT_LINE_PATH, STREAM_RETRY_AFTER_SECONDS, watermarkOf, type DirectLineContext } from './context.js';
import { selfOriginOf } from './origins.js';

/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

export interface StreamServer {
  readonly available: boolean;
  attach(server: Server): void;
  close(): Promise<void>;
}

function rejectUpgrade(socket: Duplex, status: number, reason: string, headers = ''): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${headers}Content-Length: 0\r\n\r\n`);
}

const isUnavailable = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && err.code === 'STORAGE_UNAVAILABLE';

export function createStreamServer(ctx: DirectLineContext): StreamServer {
  const { streams, log, limits } = ctx;
  const sockets = new Map<string, Set<WebSocket>>();
  const alive = new WeakMap<WebSocket, boolean>();
  let wss: WebSocketServer | undefined;
  let attachedServer: Server | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const serveStream = async (ws: WebSocket, conversationId: string, from: number): Promise<void> => {
    let sentUpTo = from;
    let live = false;
    const pending: { activity: DirectLineActivity; watermark: number }[] = [];
    const send = (activities: DirectLineActivity[], watermark: number) => {
      if (watermark <= sentUpTo || ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify({ activities, watermark: String(watermark) }));
      sentUpTo = watermark;
    };
    const unsubscribe = await streams.subscribe(conversationId, (activity, watermark) => {
      if (live) send([activity], watermark);
      else pending.push({ activity, watermark });
    });
    ws.once('close', () => {
      unsubscribe().catch((err: unknown) => log.warn({ err }, 'unsubscribe failed'));
    });
    // Backlog first (everything after the client's watermark), then what arrived meanwhile.
    for (;;) {
      const page = await streams.list(conversationId, sentUpTo);
      if (page.activities.length === 0) break;
      send(page.activities, page.watermark);
    }
    for (const item of pending) send([item.activity], item.watermark);
    pending.length = 0;
    live = true;
  };

  /**
   * Closes `ws` (1008, policy violation) once `expiresAt` has passed on the channel's clock. The
   * delay is measured on that clock when the socket opens and then waited in real time; timers
   * longer than setTimeout allows wait in steps.
   */
  const closeAtExpiry = (ws: WebSocket, expiresAt: Date): { timer: NodeJS.Timeout | undefined } => {
    const expiry: { timer: NodeJS.Timeout | undefined } = { timer: undefined };
    const schedule = (delayMs: number) => {
      const step = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
      expiry.timer = setTimeout(() => {
        if (delayMs > MAX_TIMER_MS) {
          schedule(delayMs - MAX_TIMER_MS);
          return;
        }
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1008, 'token expired');
      }, step);
      expiry.timer.unref();
    };
    schedule(expiresAt.getTime() - ctx.now().getTime());
    return expiry;
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Not ours: leave it to another handler, or refuse if there is none.
      if (url.pathname.startsWith(`${DIRECT_LINE_PATH}/`) || (attachedServer?.listenerCount('upgrade') ?? 0) <= 1) rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    const conversationId = match[1] ?? '';
    const origin = req.headers.origin;
    const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
    if (origin !== undefined && !ctx.options.origins.allows(origin, selfOriginOf(encrypted ? 'https' : 'http', req.headers))) {
      rejectUpgrade(socket, 403, 'Forbidden');
      return;
    }
    const token = url.searchParams.get('t') ?? bearer(req);
    void (async () => {
      const checked = token ? await ctx.options.tokens.check(token) : undefined;
      if (!checked || checked.claims.conversationId !== conversationId || !(await streams.exists(conversationId))) {
        rejectUpgrade(socket, 403, 'Forbidden');
        return;
      }
      const open = sockets.get(conversationId) ?? new Set<WebSocket>();
      if (open.size >= limits.socketsPerConversation) {
        rejectUpgrade(socket, 429, 'Too Many Requests');
        return;
      }
      wss?.handleUpgrade(req, socket, head, (ws) => {
        open.add(ws);
        sockets.set(conversationId, open);
        alive.set(ws, true);
        ws.on('pong', () => alive.set(ws, true));
        // directlinejs pings with empty messages; nothing a client sends is acted on.
        ws.on('message', () => undefined);
        // The token only opened the socket: when it expires the socket goes too. directlinejs then
        // reconnects through GET /conversations/{id} with its refreshed token and the watermark.
        const expiry = closeAtExpiry(ws, checked.expiresAt);
        ws.once('close', () => {
          clearTimeout(expiry.timer);
          open.delete(ws);
          if (open.size === 0) sockets.delete(conversationId);
        });
        serveStream(ws, conversationId, watermarkOf(url.searchParams.get('watermark') ?? undefined)).catch((err: unknown) => {
          log.error({ err, conversationId }, 'stream failed');
          ws.close(1011);
        });
      });
    })().catch((err: unknown) => {
      // Redis down: a retryable refusal (directlinejs reconnects), never a reset without an answer.
      if (isUnavailable(err)) {
        log.warn({ conversationId }, 'stream refused: storage unavailable');
        rejectUpgrade(socket, 503, 'Service Unavailable', `Retry-After: ${STREAM_RETRY_AFTER_SECONDS}\r\n`);
        return;
      }
      log.error({ err }, 'upgrade failed');
      socket.destroy();
    });
  };

  return {
    get available() {
      return wss !== undefined;
    },
    attach(server: Server) {
      if (attachedServer) throw new Error('Direct Line stream is already attached to a server');
      attachedServer = server;
      wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
      server.on('upgrade', onUpgrade);
      // Drop sockets whose peer vanished (no pong for a whole interval).
      heartbeat = setInterval(() => {
        for (const set of sockets.values()) {
          for (const ws of set) {
            if (alive.get(ws) === false) {
              ws.terminate();
              continue;
            }
            alive.set(ws, false);
            ws.ping();
          }
        }
      }, 30_000);
      heartbeat.unref();
    },
    async close() {
      if (heartbeat) clearInterval(heartbeat);
      attachedServer?.off('upgrade', onUpgrade);
      for (const set of sockets.values()) for (const ws of set) ws.terminate();
      sockets.clear();
      const server = wss;
      wss = undefined;
      attachedServer = undefined;
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
