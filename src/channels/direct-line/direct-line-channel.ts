/**
 * A self-hosted Direct Line 3.0 channel: the subset of the protocol that Microsoft's Web Chat and
 * `botframework-directlinejs` use (tokens, conversations, activities with watermarks, uploads and
 * the WebSocket stream), so the standard Web Chat runs against this app with no Azure account, and
 * Azure's Direct Line can replace it later without changing the page.
 *
 * Every buyer activity is echoed into the stream (Web Chat marks it "sent" when its echo arrives)
 * and then goes through the same `bot.run` turn as every other channel. The routes live in
 * `routes/` (tokens, conversations, uploads), the WebSocket in `stream.ts`, the shared checks in
 * `context.ts`; failures go to the app's central error handler (codes only, 503 on outages).
 */
import type { Server } from 'node:http';
import express, { type Router } from 'express';
import { MemoryActivityStreamStore, type ActivityStreamStore } from './activity-stream-store.js';
import { DirectLineAdapter, DIRECT_LINE_CHANNEL_ID } from './direct-line-adapter.js';
import { KeyedQueue } from './keyed-queue.js';
import { MAX_PHOTO_BYTES } from './attachments.js';
import { corsFor, createContext, type DirectLineChannelOptions, type DirectLineLimits } from './context.js';
import { createStreamServer } from './stream.js';
import { tokenRoutes } from './routes/tokens.js';
import { conversationRoutes } from './routes/conversations.js';
import { uploadRoutes } from './routes/uploads.js';

export { DIRECT_LINE_PATH } from './context.js';
export type { DirectLineChannelOptions, DirectLineLimits, HitLimiter } from './context.js';

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = {
  tokensPerMinute: 30,
  messagesPerMinute: 60,
  readsPerMinute: 600,
  socketsPerConversation: 5,
  filesPerUpload: 3,
  maxPhotoBytes: MAX_PHOTO_BYTES,
};

export interface DirectLineChannel {
  router: Router;
  adapter: DirectLineAdapter;
  streams: ActivityStreamStore;
  /** Serves the WebSocket stream on this HTTP server (until attached, clients poll). */
  attach(server: Server): void;
  readonly streamAvailable: boolean;
  close(): Promise<void>;
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
  // Called per request only, after `stream` below exists.
  const ctx = createContext(options, { limits, now, streams, adapter, log, turns: new KeyedQueue(), streamAvailable: () => stream.available });
  const stream = createStreamServer(ctx);

  const router = express.Router();
  router.use(corsFor(options.origins));
  tokenRoutes(router, ctx);
  conversationRoutes(router, ctx);
  uploadRoutes(router, ctx);

  return {
    router,
    adapter,
    streams,
    get streamAvailable() {
      return stream.available;
    },
    attach: (server) => stream.attach(server),
    close: () => stream.close(),
  };
}
