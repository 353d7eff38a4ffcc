/**
 * A second floor for the load benchmark: the assistant's turn with its shared-state protocol and
 * nothing else. The real AfterSalesBot, TurnRunner, renderer and Redis pieces (rate limit, lock,
 * record load and compare-and-set save, buyer line, bot lines, release: the same 8 commands a turn
 * sends, plus the per-IP limit of /api/messages), but the dialog is a one-state machine that says one thing and the NLU classifies nothing.
 *
 * Between the bare echo floor and the assistant it answers: how much of the gap is shared state
 * (Redis round trips, record and transcript packing), which every turn of a multi-instance
 * deployment must pay, and how much is understanding and dialogs.
 */
import { HttpCloudAdapter } from '../src/http/bot-adapter.js';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { emit, setup } from 'xstate';
import { AfterSalesBot } from '../src/bot/bot.js';
import { createRenderer } from '../src/bot/render.js';
import { TurnRunner } from '../src/bot/turn-runner.js';
import type { ReplyEmitted } from '../dialogs/reply.js';
import { StrictBotFrameworkAuthentication } from '../src/security/bot-auth.js';
import { ipRateLimit } from '../src/security/ip-rate-limit.js';
import { createApp } from '../src/http/server.js';
import { createI18n, readLocales } from '../src/i18n/index.js';
import type { Nlu } from '../src/nlu/types.js';
import { createConversationStore } from '../src/state/conversation-store.js';
import { RedisConversationLock } from '../src/state/conversation-lock.js';
import { RedisRateLimiter } from '../src/state/rate-limiter.js';
import { createRedisClient } from '../src/state/redis-client.js';
import { RedisStorage } from '../src/state/redis-storage.js';
import { RedisTranscriptStore } from '../src/state/redis-transcript-store.js';

/** Waits for the buyer, and answers every message with one reply (a key the locales have). */
const sayOnce = setup({ types: { emitted: {} as ReplyEmitted } }).createMachine({
  id: 'floor',
  initial: 'waiting',
  states: {
    waiting: {
      tags: ['awaitingUser'],
      on: { '*': { actions: emit({ type: 'reply', reply: { key: 'common:carryOn' } }) } },
    },
  },
});

/** Understands nothing: every message is intent "none" (no classifier, no entity extraction). */
const noNlu: Nlu = {
  understand: async (text, lang) => ({ text, lang, intent: 'none', score: 0, entities: [] }),
} as Nlu;

export interface StateFloor {
  app: Express;
  /** Key prefix of everything it writes. */
  prefix: string;
  close(): Promise<void>;
}

export async function createStateFloorApp(logger: Logger, redisUrl: string, prefix = 'floor'): Promise<StateFloor> {
  const redis = createRedisClient(redisUrl, logger, { clientName: 'bench-state-floor' });
  await redis.connect();
  const ttlMs = 30 * 24 * 3600 * 1000;
  const limiter = new RedisRateLimiter(redis.commander, { prefix });
  const runner = new TurnRunner({
    machine: sayOnce,
    store: createConversationStore(new RedisStorage(redis.commander, { prefix, ttlMs })),
    transcripts: new RedisTranscriptStore(redis.commander, { prefix, ttlMs }),
    nlu: noNlu,
    renderer: createRenderer(await createI18n(readLocales())),
    logger,
    lock: new RedisConversationLock(redis.commander, { prefix, logger }),
    rateLimiter: limiter,
    conversationLimitPerMinute: 1000,
  });
  // The assistant's authentication (it reuses connector clients across turns), no app id as in the bench.
  const adapter = new HttpCloudAdapter(new StrictBotFrameworkAuthentication({}));
  // As in the assistant: the limiters run (their cost is measured), set too high to refuse anyone.
  const app = createApp({ adapter, bot: new AfterSalesBot(runner), logger, beforeMessages: [ipRateLimit({ limiter, limit: 100_000_000 })] });
  return { app, prefix, close: () => redis.close() };
}
