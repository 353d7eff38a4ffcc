/**
 * Composition root: builds every piece from the typed config. `main.ts` only adds listening and
 * signal handling, so tests build the same application in-process.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from 'botbuilder';
import { StrictBotFrameworkAuthentication } from './security/bot-auth.js';
import { LiveDialogs } from './bot/live-dialogs.js';
import { AuthenticationConstants } from 'botframework-connector';
import type { Express } from 'express';
import type { Server } from 'node:http';
import { mountWebChannels, type WebChannels } from './channels/web.js';
import { DIRECT_LINE_CHANNEL_ID } from './channels/direct-line/direct-line-adapter.js';
import { RedisActivityStreamStore } from './channels/direct-line/redis-activity-stream-store.js';
import { createTeamsIntegration } from './channels/teams/index.js';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createI18n, readLocales } from './i18n/index.js';
import { createRenderer } from './bot/render.js';
import { TurnRunner } from './bot/turn-runner.js';
import { AfterSalesBot } from './bot/bot.js';
import { implementServices } from './bot/dialog-services.js';
import { createApp } from './http/server.js';
import type { Nlu } from './nlu/types.js';
import { MemoryStorage, type Storage } from './state/storage.js';
import { FileStorage } from './state/file-storage.js';
import { createConversationStore } from './state/conversation-store.js';
import { MemoryTranscriptStore, type TranscriptStore } from './state/transcript-store.js';
import { createRedisClient, createRedisClusterClient, createRedisSubscriber, type RedisCommander, type RedisHealth, type RedisSubscriber } from './state/redis-client.js';
import { RedisStorage } from './state/redis-storage.js';
import { RedisTranscriptStore } from './state/redis-transcript-store.js';
import { RedisIdempotencyStore } from './state/redis-idempotency-store.js';
import { RedisAttemptCounter } from './state/redis-attempt-counter.js';
import { MemoryConversationLock, RedisConversationLock, type ConversationLock } from './state/conversation-lock.js';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './state/rate-limiter.js';
import type { IdempotencyStore } from './services/idempotency/idempotency-store.js';
import { createMetrics } from './metrics/metrics.js';
import { ipRateLimit } from './security/ip-rate-limit.js';
import { teamsTenantGate } from './security/teams-tenants.js';
import { DEFAULT_POLICY, parsePolicy, PolicyError, type PolicyConfig } from './policy/index.js';
import { demoOrders, demoTrackingScenarios, HttpOrderService, InMemoryOrderService, parseOrdersFile } from './services/orders/index.js';
import { DefaultBuyerVerification } from './services/verification/index.js';
import { DemoTrackingService, HttpTrackingService } from './services/tracking/index.js';
import { createLabelRequestHandler, labelTextFrom, LocalReturnLabelService, RedisLabelStore } from './services/labels/index.js';
import { InMemoryComplaintService, RedisComplaintService, type ComplaintLog } from './services/complaints/index.js';
import { HandoffQueue, type HandoffQueuePort } from './services/handoff/handoff-queue.js';
import { RedisHandoffQueue } from './services/handoff/redis-handoff-queue.js';
import { redisClusterEventBus, redisEventBus, type HandoffEventBus } from './services/handoff/redis-event-bus.js';
import type { WaitEstimateOptions } from './services/handoff/wait-estimate.js';
import { redisTeamsStores } from './channels/teams/redis-stores.js';
import type { OrderService, TrackingService } from './services/ports.js';
import { loadSeller } from './seller.js';
import { createDialogs } from '../dialogs/flows.js';
import type { Order } from './domain/order.js';
import { startPresales } from './services/catalog/index.js';
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
  /** Extra routes (tests mount channels under construction here), given the built parts. */
  mount?: (app: Express, parts: MountParts) => void;
}

export interface MountParts {
  bot: AfterSalesBot;
  runner: TurnRunner;
  logger: Logger;
  transcripts: TranscriptStore;
  renderer: ReturnType<typeof createRenderer>;
}

export function loadPolicyFile(path: string): PolicyConfig {
  const parsed = parsePolicy(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new PolicyError(`${path}: ${parsed.error.message}`, parsed.error.problems);
  return parsed.policy;
}

export async function createAssistant(config: Config, overrides: AssistantOverrides = {}) {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (() => new Date());
  const shared = await connectShared(config, logger);
  const storage =
    overrides.storage ??
    shared?.storage ??
    (config.dataDir ? new FileStorage(join(config.dataDir, 'state')) : new MemoryStorage());
  const transcripts = overrides.transcripts ?? shared?.transcripts ?? new MemoryTranscriptStore();
  const lock: ConversationLock = shared?.lock ?? new MemoryConversationLock();
  const limiter: RateLimiter = shared?.limiter ?? new MemoryRateLimiter();
  const metrics = createMetrics();
  const policy = overrides.policy ?? (config.policyFile ? loadPolicyFile(config.policyFile) : DEFAULT_POLICY);
  const seller = loadSeller(config.sellerFile);
  const nlu = overrides.nlu ?? (await loadNlu(clock));
  // The lock period is configuration the buyer is told about (verify:locked).
  const i18n = await createI18n(readLocales(), { defaultVariables: { lockMinutes: config.verifyLockMinutes } });
  const renderer = createRenderer(i18n);
  // Pre-sales answers from the seller's catalog and knowledge base (data/catalog, data/kb), reloaded on change.
  const presales = startPresales({ dataDir: DEFAULT_DATA_DIR, ...(config.dataDir ? { stateDir: config.dataDir } : {}), i18n, logger, clock });
  const store = createConversationStore(storage);

  // --- services (embedded defaults unless configured otherwise) ---
  const seedOrders = overrides.orders ?? (config.ordersFile ? importOrdersFile(config.ordersFile, logger) : demoOrders(clock()));
  const ordersDir = config.dataDir ? join(config.dataDir, 'orders') : undefined;
  const idempotency = shared ? { idempotency: shared.idempotency('orders') } : {};
  // A seller's own order system is shared by nature (every instance talks to it); else the embedded store.
  const orders: OrderService = config.orderApiUrl
    ? new HttpOrderService({ baseUrl: config.orderApiUrl, timeoutMs: config.orderApiTimeoutMs, ...(config.orderApiToken ? { token: config.orderApiToken } : {}) })
    : new InMemoryOrderService({ orders: seedOrders, policy, now: clock, ...(ordersDir ? { dataDir: ordersDir } : {}), ...idempotency });
  const verification = new DefaultBuyerVerification({
    orders,
    tokenSecret: config.buyerTokenSecret ?? randomBytes(32),
    maxAttempts: config.verifyMaxAttempts,
    lockMs: config.verifyLockMinutes * 60_000,
    // With Redis the lockout counts every instance's failures; else this process's.
    ...(shared ? { counter: shared.attempts } : {}),
    now: clock,
  });
  const tracking =
    overrides.tracking ??
    (config.trackingApiUrl
      ? new HttpTrackingService({ baseUrl: config.trackingApiUrl, apiKey: config.trackingApiKey ?? '', timeoutMs: 3000 })
      : new DemoTrackingService({ scenarios: config.ordersFile ? {} : demoTrackingScenarios(), now: clock }));
  // With Redis, label PDFs (and, without LABEL_SECRET, the link key) are shared: any instance serves any link.
  const labelStore = shared ? new RedisLabelStore(shared.commander, { prefix: config.redisKeyPrefix }) : undefined;
  // Without a data dir, labels live as long as the process (their link secret does too): a
  // throwaway directory with an unguessable name, made by the first label and removed by close().
  const scratchLabelDir = !labelStore && !config.dataDir ? join(tmpdir(), `asa-labels-${randomBytes(12).toString('hex')}`) : undefined;
  const labels = new LocalReturnLabelService({
    ...(labelStore ? { store: labelStore } : { dir: scratchLabelDir ?? join(config.dataDir ?? '', 'labels') }),
    secret: config.labelSecret ?? (labelStore ? () => labelStore.sharedSecret() : randomBytes(32)),
    returnAddress: seller.returnAddress,
    labelText: (lang) => labelTextFrom((key) => String(i18n.getFixedT(lang, 'label')(key))),
    now: clock,
    logger,
  });
  const complaints: ComplaintLog = shared
    ? new RedisComplaintService(shared.commander, { prefix: config.redisKeyPrefix, now: clock })
    : new InMemoryComplaintService({ now: clock, ...(config.dataDir ? { dataDir: join(config.dataDir, 'complaints') } : {}) });
  const handoff: HandoffQueuePort = (shared ? shared.handoffQueue : (o: HandoffQueueSetup) => new HandoffQueue(o))({ hours: seller.businessHours, minutesPerTicket: seller.minutesPerTicket, agentsOnDuty: seller.agentsOnDuty, now: clock });
  handoff.listen({ ticketCreated: async () => metrics.handoff() });
  const links = { base: config.publicBaseUrl ?? `http://${config.host}:${config.port}` };

  const machine = createDialogs(
    policy,
    implementServices({
      orders,
      verification,
      tracking,
      labels,
      complaints,
      handoff,
      get publicBaseUrl() {
        return links.base;
      },
    }),
  );
  // Idleness on the app's clock (the wall clock, except in tests that move time on).
  const liveDialogs = new LiveDialogs({ max: config.liveDialogsMax, now: () => clock().getTime() });
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
    duplicateWindowMs: config.duplicateWindowMs,
    metrics,
    liveDialogs,
    presales: presales.turn,
  });
  const auth = new StrictBotFrameworkAuthentication(botAuthOptions(config));
  const adapter = new CloudAdapter(auth);
  const withChannels = overrides.channels !== false;
  // Support agents in Teams: handoff cards, relay, agent tools, console tab.
  const teams = withChannels
    ? createTeamsIntegration({
        adapter,
        appId: config.microsoftAppId,
        // The agents' channel, ticket threads and handled agent activities are shared across instances;
        // buyers' conversation references are in their records (saved with every buyer turn).
        ...(shared ? { ...shared.teamsStores, idempotency: shared.idempotency('teams') } : {}),
        conversations: store,
        runner,
        handoff,
        transcripts,
        orders,
        policy,
        renderer,
        logger,
        clock,
        agentLang: config.teamsAgentLang,
        timeZone: seller.businessHours.timeZone,
        allowedTenants: config.teamsAllowedTenants,
        tabAuth: config.microsoftAppId
          ? {
              mode: 'teams',
              sso: {
                jwksUrl: config.teamsJwksUrl,
                audiences: config.teamsTabAudiences.length > 0 ? config.teamsTabAudiences : [config.microsoftAppId],
                tenantIds: config.teamsAllowedTenants,
              },
            }
          : { mode: 'local' },
      })
    : undefined;
  const bot = new AfterSalesBot(runner, {
    verifyBuyerToken: (token) => verification.verifyBuyerToken(token),
    ...(teams ? { agentDesk: teams.agentDesk } : {}),
  });
  adapter.use(
    teamsTenantGate({
      allowed: config.teamsAllowedTenants,
      onDenied: (tenantId) => {
        metrics.httpRejected('tenant_denied');
        logger.warn({ tenantId }, 'Teams activity from a tenant that is not allowed; dropped');
      },
    }),
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Reached only when sending itself failed (the turn runner answers its own errors).
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'unhandled turn error');
  };
  const serveLabel = createLabelRequestHandler(labels);
  let web: WebChannels | undefined;
  const app = createApp({
    adapter,
    bot,
    logger,
    maxBodyBytes: 256 * 1024,
    beforeMessages: [
      ipRateLimit({
        limiter,
        limit: config.rateLimitIpPerMinute,
        onLimited: () => metrics.httpRejected('rate_limited'),
        onError: (err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'rate limiter unavailable; request let through'),
      }),
    ],
    onBadActivity: () => metrics.httpRejected('bad_request'),
    metrics: { render: () => metrics.render(), contentType: metrics.contentType, ...(config.metricsToken ? { token: config.metricsToken } : {}) },
    ...(shared ? { readiness: { redis: async () => (await shared.health()).ok } } : {}),
    mount: (express) => {
      express.use((req, res, next) => {
        serveLabel(req, res)
          .then((handled) => (handled ? undefined : next()))
          .catch(next);
      });
      if (withChannels) {
        web = mountWebChannels(express, {
          bot,
          logger,
          renderer,
          rateLimiter: limiter,
          // Shared streams: a reply produced on any instance reaches the buyer's WebSocket on this one.
          ...(shared ? { streams: shared.streams } : {}),
          options: {
            ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
            allowedOrigins: config.widgetAllowedOrigins,
            ...(config.directLineSecret ? { directLineSecret: config.directLineSecret } : {}),
            ...(config.directLineTokenSecret ? { tokenSecret: config.directLineTokenSecret } : {}),
            tokenTtlSeconds: config.directLineTokenTtlSeconds,
            uploadDir: config.dataDir ? join(config.dataDir, 'uploads') : join(tmpdir(), 'asa-uploads'),
            sellerName: config.widgetSellerName ?? seller.name,
            ...(config.widgetAccent ? { accent: config.widgetAccent } : {}),
            demoPage: config.widgetDemoPage,
            ...(config.ordersFile ? {} : { demoOrders: seedOrders.slice(0, 6).map((o) => ({ id: o.id, email: o.buyerEmail })) }),
          },
        });
        const directLine = web.directLine.adapter;
        if (teams) {
          // Widget turns run on the widget's own adapter: agents' replies go back through it.
          teams.notifier.register(DIRECT_LINE_CHANNEL_ID, (ref, logic) => directLine.continueConversation(ref, logic));
        }
        teams?.mount(express);
      }
      overrides.mount?.(express, { bot, runner, logger, transcripts, renderer });
    },
  });
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
    /** Dialog actors kept between turns (hits and misses for tests and benchmarks). */
    liveDialogs,
    bot,
    adapter,
    app,
    policy,
    seller,
    services: { orders, verification, tracking, labels, complaints, handoff },
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
      liveDialogs.clear();
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

/**
 * Bot Framework authentication from the typed config. With `botOpenIdMetadataUrl` set, botbuilder's
 * parameterized mode is used, which needs every endpoint: the rest keep Microsoft's public-cloud
 * values, so only where signing keys are fetched changes (sovereign clouds, local tests).
 */
export function botAuthOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const base: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    ...(config.microsoftAppTenantId ? { MicrosoftAppTenantId: config.microsoftAppTenantId } : {}),
  };
  if (!config.botOpenIdMetadataUrl && !config.botEmulatorOpenIdMetadataUrl) return base;
  return {
    ...base,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.botOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: config.botEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}

type HandoffQueueSetup = WaitEstimateOptions & { now: () => Date };

interface SharedState {
  commander: RedisCommander;
  /** The handoff queue every instance shares (tickets, accept race, events routed to the ticket's instance). */
  handoffQueue(options: HandoffQueueSetup): RedisHandoffQueue;
  /** Teams stores every instance shares (agents' channel, ticket threads). */
  teamsStores: ReturnType<typeof redisTeamsStores>;
  storage: RedisStorage;
  transcripts: RedisTranscriptStore;
  lock: ConversationLock;
  limiter: RateLimiter;
  idempotency(namespace: string): IdempotencyStore;
  attempts: RedisAttemptCounter;
  streams: RedisActivityStreamStore;
  health(): Promise<RedisHealth>;
  close(): Promise<void>;
}

/**
 * With `REDIS_URL`, every shared piece lives in Redis. Startup does not wait for Redis forever: if it
 * is unreachable the app still starts, reports not-ready on /readyz and answers turns with
 * `common:errors.storageUnavailable` until the background reconnect succeeds.
 */
async function connectShared(config: Config, logger: Logger): Promise<SharedState | undefined> {
  if (!config.redisUrl) return undefined;
  const clientOptions = { commandTimeoutMs: config.redisCommandTimeoutMs, clientName: 'aftersales-assistant' };
  const prefix = config.redisKeyPrefix;
  const ttlMs = Math.round(config.stateTtlDays * 24 * 60 * 60 * 1000);
  let commander: RedisCommander;
  let health: () => Promise<RedisHealth>;
  let close: () => Promise<void>;
  let streamsSubscriber: RedisSubscriber;
  let handoffBus: HandoffEventBus;
  // Pub/sub (Direct Line streams) needs its own connection: a subscribed connection runs nothing else.
  const subscriberOptions = { ...clientOptions, clientName: 'aftersales-assistant-sub' };
  if (config.redisCluster) {
    const cluster = createRedisClusterClient(config.redisUrl.split(',').map((u) => u.trim()), logger, clientOptions);
    const subscriber = createRedisSubscriber(cluster, logger, subscriberOptions);
    await Promise.all([
      cluster.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis cluster not reachable at start')),
      subscriber.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis cluster subscriber not reachable at start')),
    ]);
    ({ commander, health } = cluster);
    close = async () => {
      await subscriber.close();
      await cluster.close();
    };
    streamsSubscriber = subscriber;
    handoffBus = redisClusterEventBus(cluster);
  } else {
    const single = createRedisClient(config.redisUrl, logger, clientOptions);
    const subscriber = createRedisSubscriber(single, logger, subscriberOptions);
    await Promise.all([
      single.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis not reachable at start; will keep trying')),
      subscriber.connect().catch((err: unknown) => logger.error({ err: String(err) }, 'redis subscriber not reachable at start; will keep trying')),
    ]);
    ({ commander, health } = single);
    close = async () => {
      await subscriber.close();
      await single.close();
    };
    streamsSubscriber = subscriber;
    handoffBus = redisEventBus(single.commander, subscriber);
  }
  return {
    commander,
    handoffQueue(options) {
      const queue = new RedisHandoffQueue(commander, {
        ...options,
        prefix,
        bus: handoffBus,
        onError: (err, at) => logger.warn({ err: String(err), ...at }, 'handoff event not delivered'),
      });
      // Until subscribed (Redis down at start), other instances fire this instance's ticket events themselves.
      const subscribe = (): void => {
        queue.start().catch((err: unknown) => {
          logger.warn({ err: String(err) }, 'handoff events: not subscribed yet; retrying');
          setTimeout(subscribe, 5000).unref();
        });
      };
      subscribe();
      return queue;
    },
    teamsStores: redisTeamsStores(commander, { prefix }),
    storage: new RedisStorage(commander, { prefix, ttlMs, cluster: config.redisCluster }),
    transcripts: new RedisTranscriptStore(commander, { prefix, ttlMs }),
    lock: new RedisConversationLock(commander, { prefix, logger }),
    limiter: new RedisRateLimiter(commander, { prefix }),
    idempotency: (namespace) => new RedisIdempotencyStore(commander, { prefix: `${prefix}:${namespace}` }),
    attempts: new RedisAttemptCounter(commander, { prefix }),
    streams: new RedisActivityStreamStore(commander, streamsSubscriber, { prefix, ttlMs, logger }),
    health,
    close,
  };
}

function importOrdersFile(path: string, logger: Logger): Order[] {
  const result = parseOrdersFile(readFileSync(path, 'utf8'));
  for (const e of result.errors) logger.warn({ line: e.line, reason: e.reason }, `order import: skipped a row of ${path}`);
  return result.orders;
}

async function loadNlu(clock: () => Date): Promise<Nlu> {
  const { createNlu } = await import('./nlu/index.js');
  return createNlu({ now: clock });
}
