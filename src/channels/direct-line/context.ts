/**
 * What every Direct Line route shares: options, the adapter and stream store, and the helpers that
 * check a request (CORS, rate limits, tokens, the conversation id) and run a turn. Routes are
 * plain functions of this context, one module per group of endpoints.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Attachment, TurnContext } from 'botbuilder';
import { HttpError, RETRY_AFTER_SECONDS } from '../../http/errors.js';
import type { ActivityStreamStore, DirectLineActivity } from './activity-stream-store.js';
import { conversationAccount, type DirectLineAdapter, DIRECT_LINE_CHANNEL_ID } from './direct-line-adapter.js';
import type { DirectLineTokens, TokenClaims } from './tokens.js';
import type { KeyedQueue } from './keyed-queue.js';
import type { PhotoStore } from './attachments.js';
import { selfOriginOf, type OriginPolicy } from './origins.js';
import type { PostedActivity } from './posted-activity.js';

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

export interface DirectLineContext {
  readonly options: DirectLineChannelOptions;
  readonly limits: DirectLineLimits;
  readonly now: () => Date;
  readonly streams: ActivityStreamStore;
  readonly adapter: DirectLineAdapter;
  readonly log: Logger;
  /** True once the WebSocket stream is attached to a server. */
  streamAvailable(): boolean;
  baseUrl(req: Request): string;
  streamUrl(req: Request, conversationId: string, token: string, watermark?: number): string;
  /** Opens the conversation once and lets the bot welcome the buyer; false when it already existed. */
  start(req: Request, claims: TokenClaims, locale: string | undefined): Promise<boolean>;
  /** Stores the buyer's activity (the echo Web Chat waits for), then runs the turn; returns its id. */
  accept(req: Request, claims: TokenClaims, posted: PostedActivity, attachments?: Attachment[]): Promise<string>;
  /** The token's claims if it is valid and (when given) for this conversation; 403 otherwise. */
  authorize(req: Request, conversationId?: string): Promise<TokenClaims>;
  isSecret(req: Request): boolean;
  /** The `:id` parameter if it is a well-formed conversation id; 404 otherwise. */
  conversationParam(req: Request): string;
  requireStarted(conversationId: string): Promise<void>;
  rateLimit(kind: 'token' | 'message' | 'read'): RequestHandler;
}

const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function watermarkOf(value: unknown): number {
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : 0;
}

export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Whether an id has the shape `newConversationId` has always made (22 base64url characters): only
 * such an id can name a widget conversation, so the trust gate on `/api/messages` reads the record
 * of these alone instead of every turn's (one Redis round trip and one record parse per turn).
 */
export function mayBeWidgetConversationId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}

export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

/** Express 5 forwards rejected promises: every failure (HttpError included) reaches the central error handler. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).catch(next);
  };

/** Allowed sites get CORS headers; others get 403 before any work. */
export function corsFor(origins: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (!origins.allows(origin, selfOriginOf(req.protocol, req.headers))) {
      res.status(403).json({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
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
}

export function createContext(options: DirectLineChannelOptions, parts: { limits: DirectLineLimits; now: () => Date; streams: ActivityStreamStore; adapter: DirectLineAdapter; log: Logger; turns: KeyedQueue; streamAvailable: () => boolean }): DirectLineContext {
  const { limits, now, streams, adapter, log, turns } = parts;
  const baseUrl = (req: Request): string => options.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  /** What every activity from the buyer carries: a fresh id and time, and the token's speaker (whatever the page put in `from`). */
  const fromBuyer = (req: Request, claims: { conversationId: string; userId: string }) => ({
    id: randomUUID(),
    timestamp: now().toISOString(),
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: baseUrl(req),
    conversation: conversationAccount(claims.conversationId),
    from: { id: claims.userId, name: '', role: 'user' },
    recipient: adapter.botAccount,
  });
  const runTurn = (activity: DirectLineActivity): Promise<void> =>
    turns.run(activity.conversation.id, () => adapter.processActivity(activity, (context) => options.bot.run(context)));

  return {
    options,
    limits,
    now,
    streams,
    adapter,
    log,
    streamAvailable: parts.streamAvailable,
    baseUrl,
    streamUrl(req, conversationId, token, watermark) {
      const ws = baseUrl(req).replace(/^http/, 'ws');
      const wm = watermark ? `&watermark=${watermark}` : '';
      return `${ws}${DIRECT_LINE_PATH}/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}${wm}`;
    },
    async start(req, claims, locale) {
      if (!(await streams.open(claims.conversationId))) return false;
      await runTurn({
        type: 'conversationUpdate',
        ...fromBuyer(req, claims),
        membersAdded: [adapter.botAccount, { id: claims.userId, name: '', role: 'user' }],
        ...(locale ? { locale } : {}),
      });
      return true;
    },
    async accept(req, claims, posted, attachments) {
      const activity: DirectLineActivity = {
        type: posted.type,
        ...fromBuyer(req, claims),
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
    },
    async authorize(req, conversationId) {
      const token = bearer(req);
      const claims = token ? await options.tokens.verify(token) : undefined;
      if (!claims) throw new HttpError(403, 'TOKEN_INVALID');
      if (conversationId !== undefined && claims.conversationId !== conversationId) throw new HttpError(403, 'TOKEN_NOT_FOR_CONVERSATION');
      return claims;
    },
    isSecret(req) {
      const given = bearer(req);
      return options.secret !== undefined && given !== undefined && sameSecret(given, options.secret);
    },
    conversationParam(req) {
      const id = req.params.id;
      if (typeof id !== 'string' || !CONVERSATION_ID.test(id)) throw new HttpError(404, 'CONVERSATION_NOT_FOUND');
      return id;
    },
    async requireStarted(conversationId) {
      if (!(await streams.exists(conversationId))) throw new HttpError(404, 'CONVERSATION_NOT_FOUND');
    },
    rateLimit(kind) {
      const limit = kind === 'token' ? limits.tokensPerMinute : kind === 'message' ? limits.messagesPerMinute : limits.readsPerMinute;
      return (req, res, next) => {
        options.rateLimiter
          .hit(`dl:${kind}:${req.ip ?? 'unknown'}`, limit, 60_000)
          .then((result) => {
            if (result.allowed) return next();
            res.setHeader('Retry-After', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
            res.status(429).json({ error: { code: 'RATE_LIMITED' } });
          })
          // The limiter's store (Redis) down: the central handler answers 503 + Retry-After.
          .catch(next);
      };
    },
  };
}

/** Seconds a client is told to wait when the stream store is down (WebSocket upgrade refused with 503). */
export const STREAM_RETRY_AFTER_SECONDS = RETRY_AFTER_SECONDS;

/** The activity as stored in the stream: the same, less `channelData.buyerToken`. */
function withoutBuyerToken(activity: DirectLineActivity): DirectLineActivity {
  if (!activity.channelData || !('buyerToken' in activity.channelData)) return activity;
  const { buyerToken: _token, ...channelData } = activity.channelData;
  return { ...activity, channelData };
}
