/**
 * A self-hosted Direct Line 3.0 channel: the subset of the protocol that Microsoft's Web Chat and
 * `botframework-directlinejs` use (tokens, conversations, activities with watermarks, uploads and
 * the WebSocket stream), so the standard Web Chat runs against this app with no Azure account, and
 * Azure's Direct Line can replace it later without changing the page.
 *
 * Every buyer activity is echoed into the stream (Web Chat marks it "sent" when its echo arrives)
 * and then goes through the same `bot.run` turn as every other channel.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Attachment, TurnContext } from 'botbuilder';
import { MemoryActivityStreamStore, type ActivityStreamStore, type DirectLineActivity } from './activity-stream-store.js';
import { conversationAccount, DirectLineAdapter, DIRECT_LINE_CHANNEL_ID } from './direct-line-adapter.js';
import { DirectLineTokens, type TokenClaims } from './tokens.js';
import { KeyedQueue } from './keyed-queue.js';
import { checkPhoto, MAX_PHOTO_BYTES, type PhotoStore } from './attachments.js';
import { selfOriginOf, type OriginPolicy } from './origins.js';

export const DIRECT_LINE_PATH = '/v3/directline';

/** The shape of src/state/rate-limiter.ts `RateLimiter` this channel needs. */
export interface HitLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

export interface DirectLineLimits {
  /** Token generate/refresh and conversation starts per IP per minute. */
  tokensPerMinute: number;
  /** Posted activities and uploads per IP per minute. */
  messagesPerMinute: number;
  /** Polls and reconnects per IP per minute (Web Chat polls once a second without WebSockets). */
  readsPerMinute: number;
  /** Open WebSockets per conversation (a few tabs; stops one token from holding thousands). */
  socketsPerConversation: number;
  /** Photos per upload. */
  filesPerUpload: number;
  maxPhotoBytes: number;
}

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = {
  tokensPerMinute: 30,
  messagesPerMinute: 60,
  readsPerMinute: 600,
  socketsPerConversation: 5,
  filesPerUpload: 3,
  maxPhotoBytes: MAX_PHOTO_BYTES,
};

export interface DirectLineChannelOptions {
  /** The bot every channel runs (AfterSalesBot): one `run(context)` per turn. */
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  tokens: DirectLineTokens;
  origins: OriginPolicy;
  rateLimiter: HitLimiter;
  photos: PhotoStore;
  streams?: ActivityStreamStore;
  /** Server-to-server secret (`Authorization: Bearer <secret>`), as Azure's channel secret. Absent: browsers only. */
  secret?: string;
  /** This app's public URL (links to photos, stream URLs); derived from the request when absent. */
  publicBaseUrl?: string;
  botAccount?: { id: string; name: string };
  limits?: Partial<DirectLineLimits>;
  now?: () => Date;
}

export interface DirectLineChannel {
  router: Router;
  adapter: DirectLineAdapter;
  streams: ActivityStreamStore;
  /** Serves the WebSocket stream on this HTTP server (until attached, clients poll). */
  attach(server: Server): void;
  readonly streamAvailable: boolean;
  close(): Promise<void>;
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const USER_ID = /^[A-Za-z0-9_.:@-]{1,64}$/;
/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

const Locale = z.string().regex(LOCALE);

const PostedActivity = z.object({
  type: z.enum(['message', 'event']),
  text: z.string().max(10_000).optional(),
  textFormat: z.enum(['plain', 'markdown']).optional(),
  locale: Locale.optional(),
  name: z.string().max(100).optional(),
  value: z.unknown().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});
type PostedActivity = z.infer<typeof PostedActivity>;

const StartBody = z.object({ locale: Locale.optional(), user: z.object({ id: z.string().regex(USER_ID).optional() }).optional() });

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function watermarkOf(value: unknown): number {
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : 0;
}

function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

export function createDirectLineChannel(options: DirectLineChannelOptions): DirectLineChannel {
  const limits: DirectLineLimits = { ...DEFAULT_DIRECT_LINE_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const streams = options.streams ?? new MemoryActivityStreamStore();
  const log = options.logger.child({ channel: DIRECT_LINE_CHANNEL_ID });
  const adapter = new DirectLineAdapter({
    streams,
    serviceUrl: options.publicBaseUrl ?? 'http://localhost',
    ...(options.botAccount ? { bot: options.botAccount } : {}),
    now,
  });
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, conversationId: context.activity.conversation?.id }, 'Direct Line turn failed');
  };
  const turns = new KeyedQueue();
  const sockets = new Map<string, Set<WebSocket>>();
  let wss: WebSocketServer | undefined;
  let attachedServer: Server | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const baseUrl = (req: Request): string => options.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const streamUrl = (req: Request, conversationId: string, token: string, watermark?: number): string => {
    const ws = baseUrl(req).replace(/^http/, 'ws');
    const wm = watermark ? `&watermark=${watermark}` : '';
    return `${ws}${DIRECT_LINE_PATH}/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}${wm}`;
  };

  /** Runs one activity through the bot, after any earlier turn of the same conversation. */
  const runTurn = (activity: DirectLineActivity): Promise<void> =>
    turns.run(activity.conversation.id, () => adapter.processActivity(activity, (context) => options.bot.run(context)));

  /** Opens the conversation once and lets the bot welcome the buyer (conversationUpdate). */
  const start = async (req: Request, claims: TokenClaims, locale: string | undefined): Promise<boolean> => {
    if (!(await streams.open(claims.conversationId))) return false;
    await runTurn({
      type: 'conversationUpdate',
      id: randomUUID(),
      timestamp: now().toISOString(),
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: baseUrl(req),
      conversation: conversationAccount(claims.conversationId),
      from: { id: claims.userId, name: '', role: 'user' },
      recipient: adapter.botAccount,
      membersAdded: [adapter.botAccount, { id: claims.userId, name: '', role: 'user' }],
      ...(locale ? { locale } : {}),
    });
    return true;
  };

  // --- middleware --------------------------------------------------------------------------

  const cors = (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (!options.origins.allows(origin, selfOriginOf(req.protocol, req.headers))) {
      res.status(403).json({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.vary('Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };

  const rateLimit = (kind: 'token' | 'message' | 'read') => {
    const limit = kind === 'token' ? limits.tokensPerMinute : kind === 'message' ? limits.messagesPerMinute : limits.readsPerMinute;
    return (req: Request, res: Response, next: NextFunction) => {
      options.rateLimiter
        .hit(`dl:${kind}:${req.ip ?? 'unknown'}`, limit, 60_000)
        .then((result) => {
          if (result.allowed) return next();
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
          res.status(429).json({ error: { code: 'RATE_LIMITED' } });
        })
        .catch(next);
    };
  };

  /** Express 5 forwards rejected promises to the error handler; HttpErrors become JSON answers. */
  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      fn(req, res).catch((err: unknown) => {
        if (err instanceof HttpError) {
          if (!res.headersSent) res.status(err.status).json({ error: { code: err.code } });
          return;
        }
        next(err);
      });
    };

  /** The token's claims if it is valid and (when given) for this conversation; 403 otherwise. */
  const authorize = async (req: Request, conversationId?: string): Promise<TokenClaims> => {
    const token = bearer(req);
    const claims = token ? await options.tokens.verify(token) : undefined;
    if (!claims) throw new HttpError(403, 'TOKEN_INVALID');
    if (conversationId !== undefined && claims.conversationId !== conversationId) throw new HttpError(403, 'TOKEN_NOT_FOR_CONVERSATION');
    return claims;
  };

  const isSecret = (req: Request): boolean => {
    const given = bearer(req);
    return options.secret !== undefined && given !== undefined && sameSecret(given, options.secret);
  };

  const conversationParam = (req: Request): string => {
    const id = req.params.id;
    if (typeof id !== 'string' || !CONVERSATION_ID.test(id)) throw new HttpError(404, 'CONVERSATION_NOT_FOUND');
    return id;
  };

  const requireStarted = async (conversationId: string): Promise<void> => {
    if (!(await streams.exists(conversationId))) throw new HttpError(404, 'CONVERSATION_NOT_FOUND');
  };

  /** Stores the buyer's activity (the echo Web Chat waits for), then runs the turn. */
  const accept = async (req: Request, claims: TokenClaims, posted: PostedActivity, attachments?: Attachment[]): Promise<string> => {
    const activity: DirectLineActivity = {
      type: posted.type,
      id: randomUUID(),
      timestamp: now().toISOString(),
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: baseUrl(req),
      conversation: conversationAccount(claims.conversationId),
      // The token decides who is speaking, whatever the page put in `from`.
      from: { id: claims.userId, name: '', role: 'user' },
      recipient: adapter.botAccount,
      ...(posted.text !== undefined ? { text: posted.text } : {}),
      ...(posted.textFormat ? { textFormat: posted.textFormat } : {}),
      ...(posted.locale ? { locale: posted.locale } : {}),
      ...(posted.name !== undefined && posted.type === 'event' ? { name: posted.name } : {}),
      ...(posted.value !== undefined ? { value: posted.value } : {}),
      ...(posted.channelData ? { channelData: posted.channelData } : {}),
      ...(attachments && attachments.length > 0 ? { attachments } : {}),
    };
    // The stream is what every reader of this conversation gets back (and what is kept until it
    // expires): the host page's buyer token is a credential, so it goes to the turn only.
    await streams.append(claims.conversationId, withoutBuyerToken(activity));
    try {
      await runTurn(activity);
    } catch (err) {
      // The activity is stored and the buyer sees it sent; the failure is ours to look at.
      log.error({ err, conversationId: claims.conversationId }, 'turn failed after the activity was accepted');
    }
    return activity.id;
  };

  // --- routes ------------------------------------------------------------------------------

  const router = express.Router();
  router.use(cors);
  const json = express.json({ limit: '64kb' });

  router.post(
    '/tokens/generate',
    rateLimit('token'),
    json,
    handle(async (req, res) => {
      const trusted = isSecret(req);
      if (!trusted) {
        // Browser mode: no secret on the page; the allowed Origin (checked by `cors`) is the credential.
        if (bearer(req) !== undefined) throw new HttpError(403, 'SECRET_INVALID');
        if (req.headers.origin === undefined) throw new HttpError(403, 'ORIGIN_REQUIRED');
      }
      const body = StartBody.safeParse(req.body ?? {});
      if (!body.success) throw new HttpError(400, 'BAD_REQUEST');
      const userId = trusted && body.data.user?.id ? body.data.user.id : newUserId();
      const conversationId = newConversationId();
      const issued = await options.tokens.issue({ conversationId, userId, ...(body.data.locale ? { locale: body.data.locale } : {}) });
      res.json({ conversationId, token: issued.token, expires_in: issued.expiresIn, userId, streamAvailable: wss !== undefined });
    }),
  );

  router.post(
    '/tokens/refresh',
    rateLimit('token'),
    handle(async (req, res) => {
      const claims = await authorize(req);
      const issued = await options.tokens.issue(claims);
      res.json({ conversationId: claims.conversationId, token: issued.token, expires_in: issued.expiresIn, userId: claims.userId, streamAvailable: wss !== undefined });
    }),
  );

  router.post(
    '/conversations',
    rateLimit('token'),
    json,
    handle(async (req, res) => {
      const body = StartBody.safeParse(req.body ?? {});
      if (!body.success) throw new HttpError(400, 'BAD_REQUEST');
      let claims: TokenClaims;
      if (isSecret(req)) {
        claims = { conversationId: newConversationId(), userId: body.data.user?.id ?? newUserId() };
        if (body.data.locale) claims.locale = body.data.locale;
      } else {
        claims = await authorize(req);
      }
      const issued = await options.tokens.issue(claims);
      const created = await start(req, claims, body.data.locale ?? claims.locale);
      res.status(created ? 201 : 200).json({
        conversationId: claims.conversationId,
        token: issued.token,
        expires_in: issued.expiresIn,
        streamUrl: streamUrl(req, claims.conversationId, issued.token),
      });
    }),
  );

  router.get(
    '/conversations/:id',
    rateLimit('read'),
    handle(async (req, res) => {
      const conversationId = conversationParam(req);
      const claims = await authorize(req, conversationId);
      // A page that reloaded between getting its token and starting still gets its welcome.
      await start(req, claims, claims.locale);
      const issued = await options.tokens.issue(claims);
      const watermark = watermarkOf(req.query.watermark);
      res.json({
        conversationId,
        token: issued.token,
        expires_in: issued.expiresIn,
        streamUrl: streamUrl(req, conversationId, issued.token, watermark),
      });
    }),
  );

  router.get(
    '/conversations/:id/activities',
    rateLimit('read'),
    handle(async (req, res) => {
      const conversationId = conversationParam(req);
      await authorize(req, conversationId);
      await requireStarted(conversationId);
      const page = await streams.list(conversationId, watermarkOf(req.query.watermark));
      res.json({ activities: page.activities, watermark: String(page.watermark) });
    }),
  );

  router.post(
    '/conversations/:id/activities',
    rateLimit('message'),
    json,
    handle(async (req, res) => {
      const conversationId = conversationParam(req);
      const claims = await authorize(req, conversationId);
      await requireStarted(conversationId);
      const posted = PostedActivity.safeParse(req.body);
      if (!posted.success) throw new HttpError(400, 'BAD_ACTIVITY');
      const id = await accept(req, claims, posted.data);
      res.json({ id });
    }),
  );

  router.post(
    '/conversations/:id/upload',
    rateLimit('message'),
    express.raw({ type: 'multipart/form-data', limit: limits.maxPhotoBytes * limits.filesPerUpload + 256 * 1024 }),
    handle(async (req, res) => {
      const conversationId = conversationParam(req);
      const claims = await authorize(req, conversationId);
      await requireStarted(conversationId);
      if (!Buffer.isBuffer(req.body)) throw new HttpError(400, 'MULTIPART_REQUIRED');
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      } catch {
        throw new HttpError(400, 'MULTIPART_INVALID');
      }
      let posted: PostedActivity = { type: 'message' };
      const files: File[] = [];
      for (const [field, value] of form.entries()) {
        if (field === 'activity') {
          const text = typeof value === 'string' ? value : await value.text();
          const parsed = PostedActivity.safeParse(safeJson(text));
          if (!parsed.success || parsed.data.type !== 'message') throw new HttpError(400, 'BAD_ACTIVITY');
          posted = parsed.data;
        } else if (typeof value !== 'string') {
          files.push(value);
        }
      }
      if (files.length === 0) throw new HttpError(400, 'NO_FILE');
      if (files.length > limits.filesPerUpload) throw new HttpError(400, 'TOO_MANY_FILES');
      const checked = [];
      for (const file of files) {
        if (file.size > limits.maxPhotoBytes) throw new HttpError(413, 'PHOTO_TOO_LARGE');
        const bytes = new Uint8Array(await file.arrayBuffer());
        const verdict = checkPhoto(bytes, limits.maxPhotoBytes);
        if (!verdict.ok) throw new HttpError(verdict.reason === 'tooLarge' ? 413 : 415, verdict.reason === 'tooLarge' ? 'PHOTO_TOO_LARGE' : 'NOT_A_PHOTO');
        checked.push({ bytes, type: verdict.type, name: file.name });
      }
      const attachments: Attachment[] = [];
      for (const photo of checked) {
        const stored = await options.photos.save(photo.bytes, photo.type);
        const url = `${baseUrl(req)}${DIRECT_LINE_PATH}/attachments/${stored.name}`;
        // The photo is its own thumbnail: Web Chat then shows the buyer's picture, not a file chip.
        attachments.push({ contentType: stored.contentType, contentUrl: url, thumbnailUrl: url, name: displayName(photo.name, stored.name) });
      }
      const id = await accept(req, claims, posted, attachments);
      res.json({ id });
    }),
  );

  router.get(
    '/attachments/:name',
    rateLimit('read'),
    handle(async (req, res) => {
      const name = req.params.name;
      const photo = typeof name === 'string' ? await options.photos.load(name) : undefined;
      if (!photo) throw new HttpError(404, 'NOT_FOUND');
      res.setHeader('Content-Type', photo.contentType);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, max-age=86400');
      // Web Chat in the seller's page shows the photo; it is an image, not something to run.
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.send(photo.bytes);
    }),
  );

  // --- WebSocket stream --------------------------------------------------------------------

  const rejectUpgrade = (socket: Duplex, status: number, reason: string) => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

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
    schedule(expiresAt.getTime() - now().getTime());
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
    if (origin !== undefined && !options.origins.allows(origin, selfOriginOf(encrypted ? 'https' : 'http', req.headers))) {
      rejectUpgrade(socket, 403, 'Forbidden');
      return;
    }
    const token = url.searchParams.get('t') ?? bearer(req);
    void (async () => {
      const checked = token ? await options.tokens.check(token) : undefined;
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
      log.error({ err }, 'upgrade failed');
      socket.destroy();
    });
  };

  const alive = new WeakMap<WebSocket, boolean>();

  return {
    router,
    adapter,
    streams,
    get streamAvailable() {
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The buyer's file name, reduced to harmless characters (shown in Web Chat and to agents). */
function displayName(original: string, fallback: string): string {
  const cleaned = original.replace(/[^\p{L}\p{N}._ -]/gu, '').trim().slice(0, 80);
  return cleaned || fallback;
}

/** The activity as stored in the stream: the same, less `channelData.buyerToken`. */
function withoutBuyerToken(activity: DirectLineActivity): DirectLineActivity {
  if (!activity.channelData || !('buyerToken' in activity.channelData)) return activity;
  const { buyerToken: _token, ...channelData } = activity.channelData;
  return { ...activity, channelData };
}
