/**
 * The buyer-facing web surface in one call: the self-hosted Direct Line channel under
 * /v3/directline, the embed script /widget.js, the Web Chat bundle, and the demo store at `/`.
 * Configuration arrives as parameters (src/config.ts is the only reader of the environment).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { TurnContext } from 'botbuilder';
import type { Renderer } from '../bot/render.js';
import { MemoryRateLimiter } from '../state/rate-limiter.js';
import { createDirectLineChannel, DIRECT_LINE_PATH, type DirectLineChannel, type DirectLineLimits, type HitLimiter } from './direct-line/direct-line-channel.js';
import type { ActivityStreamStore } from './direct-line/activity-stream-store.js';
import { FilePhotoStore, MAX_PHOTO_BYTES, type PhotoStore } from './direct-line/attachments.js';
import { createOriginPolicy } from './direct-line/origins.js';
import { DirectLineTokens } from './direct-line/tokens.js';
import { createWebRoutes } from '../web/web-routes.js';
import type { BuiltLauncher } from '../web/launcher-build.js';
import type { BuiltChatFrame } from '../web/chat-build.js';
import type { DemoOrderHint } from '../web/demo-page.js';

export interface WebChannelOptions {
  /** This app's public URL (photo links, WebSocket URLs); taken from each request when absent. */
  publicBaseUrl?: string;
  /** Sites that may embed the widget, e.g. `https://shop.example` (`*` = any; demos only). */
  allowedOrigins?: string[];
  /** Direct Line secret for server-to-server token requests; absent = browser widget only. */
  directLineSecret?: string;
  /** HMAC key for Direct Line tokens (≥ 32 bytes); random per process when absent. */
  tokenSecret?: string;
  tokenTtlSeconds?: number;
  limits?: Partial<DirectLineLimits>;
  /** Where buyers' photos are written; `<tmp>/aftersales-uploads` when absent. */
  uploadDir?: string;
  sellerName?: string;
  /** CSS colour of the launcher and header (a hex colour like `#0f766e`). */
  accent?: string;
  /** Serve the demo store at `/` (default true). */
  demoPage?: boolean;
  /** Orders the demo page suggests trying. */
  demoOrders?: DemoOrderHint[];
}

export interface WebChannelDeps {
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  renderer: Renderer;
  options?: WebChannelOptions;
  rateLimiter?: HitLimiter;
  streams?: ActivityStreamStore;
  photos?: PhotoStore;
  now?: () => Date;
}

export interface WebChannels {
  directLine: DirectLineChannel;
  /** The embed script as served, with its gzipped size (page-weight budget). */
  launcher(): Promise<BuiltLauncher>;
  /** The chat frame's script as served (what opening the chat loads). */
  chatFrame(): Promise<BuiltChatFrame>;
  /** Adds the Direct Line WebSocket stream to the listening server (without it Web Chat polls). */
  attach(server: Server): void;
  close(): Promise<void>;
}

export const DEFAULT_SELLER_NAME = 'Trailhead Running';
export const DEFAULT_ACCENT = '#0f766e';

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function mountWebChannels(app: Express, deps: WebChannelDeps): WebChannels {
  const options = deps.options ?? {};
  const accent = options.accent ?? DEFAULT_ACCENT;
  if (!HEX_COLOUR.test(accent)) throw new RangeError(`widget accent must be a hex colour like #0f766e, got "${accent}"`);
  const sellerName = options.sellerName?.trim() || DEFAULT_SELLER_NAME;
  const maxPhotoBytes = options.limits?.maxPhotoBytes ?? MAX_PHOTO_BYTES;

  const directLine = createDirectLineChannel({
    bot: deps.bot,
    logger: deps.logger,
    tokens: new DirectLineTokens({
      ...(options.tokenSecret ? { secret: options.tokenSecret } : {}),
      ...(options.tokenTtlSeconds ? { ttlSeconds: options.tokenTtlSeconds } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    }),
    origins: createOriginPolicy(options.allowedOrigins ?? [], options.publicBaseUrl),
    rateLimiter: deps.rateLimiter ?? new MemoryRateLimiter(),
    photos: deps.photos ?? new FilePhotoStore(options.uploadDir ?? join(tmpdir(), 'aftersales-uploads')),
    botAccount: { id: 'bot', name: sellerName },
    ...(deps.streams ? { streams: deps.streams } : {}),
    ...(options.directLineSecret ? { secret: options.directLineSecret } : {}),
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const web = createWebRoutes({
    t: (lang) => deps.renderer.t(lang),
    logger: deps.logger,
    sellerName,
    accent,
    maxPhotoBytes,
    demoPage: options.demoPage ?? true,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.demoOrders ? { demoOrders: options.demoOrders } : {}),
  });

  app.use(DIRECT_LINE_PATH, directLine.router);
  app.use(web.router);

  return {
    directLine,
    launcher: web.launcher,
    chatFrame: web.chatFrame,
    attach: (server) => directLine.attach(server),
    close: () => directLine.close(),
  };
}
