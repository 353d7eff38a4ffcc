/**
 * The channels around the bot: the Teams agent desk and console tab, the website widget with its
 * Direct Line service, label links, and the HTTP app that serves them all.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HttpCloudAdapter } from '../http/bot-adapter.js';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Order } from '../domain/order.js';
import type { AppMetrics } from '../metrics/metrics.js';
import type { PolicyConfig } from '../policy/index.js';
import type { Seller } from '../seller.js';
import type { AfterSalesBot } from '../bot/bot.js';
import type { Renderer } from '../bot/render.js';
import type { TurnRunner } from '../bot/turn-runner.js';
import { mountWebChannels, type WebChannels } from '../channels/web.js';
import { DIRECT_LINE_CHANNEL_ID } from '../channels/direct-line/direct-line-adapter.js';
import { mayBeWidgetConversationId } from '../channels/direct-line/context.js';
import { createTeamsIntegration, type TeamsIntegration } from '../channels/teams/index.js';
import { createApp } from '../http/server.js';
import { ipRateLimit } from '../security/ip-rate-limit.js';
import { trustedCallers } from '../security/trusted-callers.js';
import { stableSecret } from '../security/stable-secrets.js';
import { FileActivityStreamStore } from '../channels/direct-line/file-activity-stream-store.js';
import type { ConversationStore } from '../state/conversation-store.js';
import type { RateLimiter } from '../state/rate-limiter.js';
import type { TranscriptStore } from '../state/transcript-store.js';
import type { HandoffQueuePort } from '../services/handoff/handoff-queue.js';
import { createLabelRequestHandler, type LocalReturnLabelService } from '../services/labels/index.js';
import type { OrderService } from '../services/ports.js';
import type { SharedState } from './shared-state.js';

interface Common {
  config: Config;
  shared: SharedState | undefined;
  logger: Logger;
  renderer: Renderer;
  transcripts: TranscriptStore;
}

/** Support agents in Teams: handoff cards, relay, agent tools, console tab. */
export function createTeams(
  { config, shared, logger, renderer, transcripts }: Common,
  parts: { adapter: HttpCloudAdapter; store: ConversationStore; runner: TurnRunner; handoff: HandoffQueuePort; orders: OrderService; policy: PolicyConfig; seller: Seller; clock: () => Date },
): TeamsIntegration {
  return createTeamsIntegration({
    adapter: parts.adapter,
    appId: config.microsoftAppId,
    // The agents' channel, ticket threads and handled agent activities are shared across instances;
    // buyers' conversation references are in their records (saved with every buyer turn).
    ...(shared ? { ...shared.teamsStores, idempotency: shared.idempotency('teams') } : {}),
    conversations: parts.store,
    runner: parts.runner,
    handoff: parts.handoff,
    transcripts,
    orders: parts.orders,
    policy: parts.policy,
    renderer,
    logger,
    clock: parts.clock,
    agentLang: config.teamsAgentLang,
    timeZone: parts.seller.businessHours.timeZone,
    allowedTenants: config.teamsAllowedTenants,
    ...(config.teamsAgentsTeamId ? { agentsTeamId: config.teamsAgentsTeamId } : {}),
    trustedServiceUrls: config.trustedServiceUrls,
    legalPages: { dir: join(dirname(config.sellerFile), 'legal'), sellerName: parts.seller.name },
    tabAuth: config.microsoftAppId
      ? {
          mode: 'teams',
          sso: {
            jwksUrl: config.teamsJwksUrl,
            audiences: config.teamsTabAudiences.length > 0 ? config.teamsTabAudiences : [config.microsoftAppId],
            tenantIds: config.teamsAllowedTenants,
          },
        }
      : { mode: config.localAgentDesk === 'off' ? 'off' : 'local' },
  });
}

export interface HttpSetup extends Common {
  adapter: HttpCloudAdapter;
  bot: AfterSalesBot;
  store: ConversationStore;
  metrics: AppMetrics;
  limiter: RateLimiter;
  labels: LocalReturnLabelService;
  seller: Seller;
  seedOrders: Order[];
  teams: TeamsIntegration | undefined;
  withChannels: boolean;
  /** Extra routes (tests), mounted last. */
  mount?: ((express: Express) => void) | undefined;
}

/** The HTTP app: /api/messages, health and metrics, label links, the widget and Direct Line, Teams routes. */
export function createHttpApp(setup: HttpSetup): { app: Express; web: () => WebChannels | undefined } {
  const { config, shared, logger, renderer, adapter, bot, metrics, limiter, teams } = setup;
  const serveLabel = createLabelRequestHandler(setup.labels);
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
    gateMessages: [
      trustedCallers({
        botFramework: config.microsoftAppId !== '',
        allowList: config.trustedServiceUrls,
        localAgents: config.localAgentDesk,
        widgetChannelId: DIRECT_LINE_CHANNEL_ID,
        isWidgetConversation: async (id) => mayBeWidgetConversationId(id) && (await setup.store.load(id)).record?.reference?.channelId === DIRECT_LINE_CHANNEL_ID,
        onRefused: (reason) => {
          metrics.httpRejected('unauthorized');
          logger.warn({ reason }, '/api/messages request refused by the trust gate');
        },
      }),
    ],
    onBadActivity: () => metrics.httpRejected('bad_request'),
    metrics: { render: () => metrics.render(), contentType: metrics.contentType, ...(config.metricsToken ? { token: config.metricsToken } : {}) },
    ...(shared ? { readiness: { redis: async () => (await shared.health()).ok } } : {}),
    // Redis down or hung: stateful routes answer 503 + Retry-After instead of failing inside.
    ...(shared ? { availability: { ready: shared.ready, probe: async () => (await shared.health()).ok, onUnavailable: () => metrics.httpRejected('unavailable') } } : {}),
    mount: (express) => {
      express.use((req, res, next) => {
        serveLabel(req, res)
          .then((handled) => (handled ? undefined : next()))
          .catch(next);
      });
      if (setup.withChannels) {
        web = mountWebChannels(express, {
          bot,
          logger,
          renderer,
          rateLimiter: limiter,
          // Shared streams: a reply produced on any instance reaches the buyer's WebSocket on this one.
          // With DATA_DIR alone, streams are kept on disk like conversations (history after a restart).
          ...(shared ? { streams: shared.streams } : config.dataDir ? { streams: new FileActivityStreamStore(join(config.dataDir, 'streams')) } : {}),
          options: {
            ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
            allowedOrigins: config.widgetAllowedOrigins,
            ...(config.directLineSecret ? { directLineSecret: config.directLineSecret } : {}),
            ...(config.directLineTokenSecret
              ? { tokenSecret: config.directLineTokenSecret }
              : config.dataDir
                ? { tokenSecret: stableSecret(config.dataDir, 'direct-line-token-secret') }
                : {}),
            tokenTtlSeconds: config.directLineTokenTtlSeconds,
            uploadDir: config.dataDir ? join(config.dataDir, 'uploads') : join(tmpdir(), 'asa-uploads'),
            sellerName: config.widgetSellerName ?? setup.seller.name,
            ...(config.widgetAccent ? { accent: config.widgetAccent } : {}),
            demoPage: config.widgetDemoPage,
            ...(config.ordersFile ? {} : { demoOrders: setup.seedOrders.slice(0, 6).map((o) => ({ id: o.id, email: o.buyerEmail })) }),
          },
        });
        const directLine = web.directLine.adapter;
        if (teams) {
          // Widget turns run on the widget's own adapter: agents' replies go back through it.
          teams.notifier.register(DIRECT_LINE_CHANNEL_ID, (ref, logic) => directLine.continueConversation(ref, logic));
        }
        teams?.mount(express);
      }
      setup.mount?.(express);
    },
  });
  return { app, web: () => web };
}
