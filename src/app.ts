/**
 * Composition root: builds every piece from the typed config. `main.ts` only adds listening and
 * signal handling, so tests build the same application in-process. Each step lives in
 * `src/compose/`: shared state (Redis), services, the bot adapter, channels and HTTP.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Order } from './domain/order.js';
import { createLogger } from './logger.js';
import { createI18n, readLocales } from './i18n/index.js';
import { createRenderer } from './bot/render.js';
import { TurnRunner } from './bot/turn-runner.js';
import { AfterSalesBot } from './bot/bot.js';
import { implementServices } from './bot/dialog-services.js';
import type { Nlu } from './nlu/types.js';
import { MemoryStorage, type Storage } from './state/storage.js';
import { FileStorage } from './state/file-storage.js';
import { createConversationStore } from './state/conversation-store.js';
import { MemoryTranscriptStore, type TranscriptStore } from './state/transcript-store.js';
import { MemoryConversationLock } from './state/conversation-lock.js';
import { MemoryRateLimiter } from './state/rate-limiter.js';
import { createMetrics } from './metrics/metrics.js';
import { DEFAULT_POLICY, parsePolicy, PolicyError, type PolicyConfig } from './policy/index.js';
import type { TrackingService } from './services/ports.js';
import { loadSeller } from './seller.js';
import { createDialogs } from '../dialogs/dialogs.js';
import { connectShared } from './compose/shared-state.js';
import { buildServices } from './compose/services.js';
import { createBotAdapter } from './compose/bot-adapter.js';
import { createHttpApp, createTeams } from './compose/channels.js';
import { startPresales, type PresalesService } from './services/catalog/index.js';
import { DEFAULT_DATA_DIR } from './nlu/corpus.js';

export interface AssistantOverrides {
  logger?: Logger;
  storage?: Storage;
  transcripts?: TranscriptStore;
  nlu?: Nlu;
  clock?: () => Date;
  orders?: Order[];
  policy?: PolicyConfig;
  tracking?: TrackingService;
  /**
   * Built-in channels (website widget + Direct Line, Teams agent desk + console tab). Tests that
   * assemble a channel themselves turn these off so routes and middleware are not registered twice.
   */
  channels?: boolean;
  /** Test seam: the pre-sales service of the demo data, built once and shared by the apps of a test process. */
  presalesService?: PresalesService;
  /** Extra routes (tests mount channels under construction here), given the built parts. */
  mount?: (app: Express, parts: MountParts) => void;
}

interface MountParts {
  bot: AfterSalesBot;
  runner: TurnRunner;
  logger: Logger;
  transcripts: TranscriptStore;
  renderer: ReturnType<typeof createRenderer>;
}

export async function createAssistant(config: Config, overrides: AssistantOverrides = {}) {
  // 1. Basics: logging, clock, metrics, policy, seller, language understanding and texts.
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (() => new Date());
  const metrics = createMetrics();
  const policy = overrides.policy ?? (config.policyFile ? loadPolicyFile(config.policyFile) : DEFAULT_POLICY);
  const seller = loadSeller(config.sellerFile);
  // The NLU reads which goods the seller sells from the pre-sales catalog (step 2), as it is reloaded.
  const nlu = overrides.nlu ?? (await loadNlu(clock, () => presales.current().products));
  // The lock period is configuration the buyer is told about (verify:locked).
  const i18n = await createI18n(readLocales(), { defaultVariables: { lockMinutes: config.verifyLockMinutes } });
  const renderer = createRenderer(i18n);

  // 2. State: Redis when REDIS_URL is set, else files with DATA_DIR, else memory.
  const shared = await connectShared(config, logger);
  // Pre-sales answers from the seller's catalog and knowledge base (data/catalog, data/kb), reloaded on change;
  // unanswered questions in Redis with REDIS_URL (one list for every instance), else under DATA_DIR.
  const presales = startPresales({ dataDir: DEFAULT_DATA_DIR, ...(config.dataDir ? { stateDir: config.dataDir } : {}), ...(shared ? { unansweredStore: shared.unanswered } : {}), i18n, logger, clock, ...(overrides.presalesService ? { service: overrides.presalesService } : {}) });
  const storage = overrides.storage ?? shared?.storage ?? (config.dataDir ? new FileStorage(join(config.dataDir, 'state')) : new MemoryStorage());
  const transcripts = overrides.transcripts ?? shared?.transcripts ?? new MemoryTranscriptStore();
  const lock = shared?.lock ?? new MemoryConversationLock();
  const limiter = shared?.limiter ?? new MemoryRateLimiter();
  const store = createConversationStore(storage);

  // 3. Services, and the dialogs that act through them.
  const { services, seedOrders, scratchLabelDir } = buildServices({ config, shared, policy, seller, i18n, logger, clock, overrides });
  services.handoff.listen({ ticketCreated: async () => metrics.handoff() });
  const links = { base: config.publicBaseUrl ?? `http://${config.host}:${config.port}` };
  const machine = createDialogs(
    policy,
    implementServices({
      ...services,
      get publicBaseUrl() {
        return links.base;
      },
    }),
  );

  // 4. Turns: one runner for every channel.
  const runner = new TurnRunner({
    machine,
    store,
    transcripts,
    nlu,
    renderer,
    logger,
    clock,
    turnTimeoutMs: config.turnTimeoutMs,
    maxMessageChars: config.maxMessageChars,
    lock,
    ...(config.lockTtlMs ? { lockTtlMs: config.lockTtlMs } : {}),
    lockWaitMs: config.lockWaitMs,
    rateLimiter: limiter,
    conversationLimitPerMinute: config.rateLimitConversationPerMinute,
    metrics,
    presales: presales.turn,
  });

  // 5. Channels and HTTP.
  const adapter = createBotAdapter(config, logger, metrics);
  const withChannels = overrides.channels !== false;
  const common = { config, shared, logger, renderer, transcripts };
  const teams = withChannels
    ? createTeams(common, { adapter, store, runner, handoff: services.handoff, orders: services.orders, policy, seller, clock })
    : undefined;
  const bot = new AfterSalesBot(runner, {
    verifyBuyerToken: (token) => services.verification.verifyBuyerToken(token),
    ...(teams ? { agentDesk: teams.agentDesk } : {}),
  });
  const http = createHttpApp({
    ...common,
    adapter,
    bot,
    store,
    metrics,
    limiter,
    labels: services.labels,
    seller,
    seedOrders,
    teams,
    withChannels,
    mount: (express) => overrides.mount?.(express, { bot, runner, logger, transcripts, renderer }),
  });
  const web = http.web();

  return {
    config,
    logger,
    storage,
    transcripts,
    store,
    nlu,
    i18n,
    renderer,
    runner,
    presales,
    bot,
    adapter,
    app: http.app,
    policy,
    seller,
    services,
    metrics,
    lock,
    limiter,
    /** Redis connection when REDIS_URL is set (health, raw commands for tooling). */
    redis: shared ? { commander: shared.commander, health: shared.health } : undefined,
    web,
    teams,
    /** Adds the widget's WebSocket stream to the listening server (without it Web Chat polls). */
    attach(server: Server) {
      web?.attach(server);
    },
    /** Release connections (Redis, streams); the HTTP server is closed by whoever listens. */
    async close() {
      presales.close();
      await web?.close();
      await teams?.idle();
      await shared?.close();
      if (scratchLabelDir) rmSync(scratchLabelDir, { recursive: true, force: true });
    },
    /** Set once the real listening address is known (port 0 in tests). */
    setPublicBaseUrl(url: string) {
      if (!config.publicBaseUrl) links.base = url;
    },
  };
}

export type Assistant = Awaited<ReturnType<typeof createAssistant>>;

function loadPolicyFile(path: string): PolicyConfig {
  const parsed = parsePolicy(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new PolicyError(`${path}: ${parsed.error.message}`, parsed.error.problems);
  return parsed.policy;
}

async function loadNlu(clock: () => Date, catalog: () => readonly unknown[]): Promise<Nlu> {
  const { createNlu } = await import('./nlu/index.js');
  return createNlu({ now: clock, catalog });
}
