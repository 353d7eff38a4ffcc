/**
 * Composition root: builds every piece from the typed config. `main.ts` only adds listening and
 * signal handling, so tests build the same application in-process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createI18n } from './i18n/index.js';
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
import { DEFAULT_POLICY, parsePolicy, PolicyError, type PolicyConfig } from './policy/index.js';
import { demoOrders, demoTrackingScenarios, InMemoryOrderService, parseOrdersFile } from './services/orders/index.js';
import { DefaultBuyerVerification } from './services/verification/index.js';
import { DemoTrackingService, HttpTrackingService } from './services/tracking/index.js';
import { createLabelRequestHandler, labelTextFrom, LocalReturnLabelService } from './services/labels/index.js';
import { InMemoryComplaintService } from './services/complaints/index.js';
import { HandoffQueue } from './services/handoff/handoff-queue.js';
import type { TrackingService } from './services/ports.js';
import { loadSeller } from './seller.js';
import { createDialogs } from '../dialogs/flows.js';
import type { Order } from './domain/order.js';

export interface AssistantOverrides {
  logger?: Logger;
  storage?: Storage;
  transcripts?: TranscriptStore;
  nlu?: Nlu;
  clock?: () => Date;
  orders?: Order[];
  policy?: PolicyConfig;
  tracking?: TrackingService;
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
  const storage = overrides.storage ?? (config.dataDir ? new FileStorage(join(config.dataDir, 'state')) : new MemoryStorage());
  const transcripts = overrides.transcripts ?? new MemoryTranscriptStore();
  const policy = overrides.policy ?? (config.policyFile ? loadPolicyFile(config.policyFile) : DEFAULT_POLICY);
  const seller = loadSeller(config.sellerFile);
  const nlu = overrides.nlu ?? (await loadNlu(clock));
  const i18n = await createI18n();
  const renderer = createRenderer(i18n);
  const store = createConversationStore(storage);

  // --- services (embedded defaults unless configured otherwise) ---
  const seedOrders = overrides.orders ?? (config.ordersFile ? importOrdersFile(config.ordersFile, logger) : demoOrders(clock()));
  const ordersDir = config.dataDir ? join(config.dataDir, 'orders') : undefined;
  const orders = new InMemoryOrderService({ orders: seedOrders, policy, now: clock, ...(ordersDir ? { dataDir: ordersDir } : {}) });
  const verification = new DefaultBuyerVerification({
    orders,
    tokenSecret: config.buyerTokenSecret ?? randomBytes(32),
    now: clock,
  });
  const tracking =
    overrides.tracking ??
    (config.trackingApiUrl
      ? new HttpTrackingService({ baseUrl: config.trackingApiUrl, apiKey: config.trackingApiKey ?? '', timeoutMs: 3000 })
      : new DemoTrackingService({ scenarios: config.ordersFile ? {} : demoTrackingScenarios(), now: clock }));
  const labels = new LocalReturnLabelService({
    dir: config.dataDir ? join(config.dataDir, 'labels') : mkdtempSync(join(tmpdir(), 'asa-labels-')),
    secret: config.labelSecret ?? randomBytes(32),
    returnAddress: seller.returnAddress,
    labelText: (lang) => labelTextFrom((key) => String(i18n.getFixedT(lang, 'label')(key))),
    now: clock,
    logger,
  });
  const complaints = new InMemoryComplaintService({ now: clock, ...(config.dataDir ? { dataDir: join(config.dataDir, 'complaints') } : {}) });
  const handoff = new HandoffQueue({ hours: seller.businessHours, minutesPerTicket: seller.minutesPerTicket, agentsOnDuty: seller.agentsOnDuty, now: clock });
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
  });
  const bot = new AfterSalesBot(runner, { verifyBuyerToken: (token) => verification.verifyBuyerToken(token) });
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    ...(config.microsoftAppTenantId ? { MicrosoftAppTenantId: config.microsoftAppTenantId } : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Reached only when sending itself failed (the turn runner answers its own errors).
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'unhandled turn error');
  };
  const serveLabel = createLabelRequestHandler(labels);
  const app = createApp({
    adapter,
    bot,
    logger,
    maxBodyBytes: 256 * 1024,
    mount: (express) => {
      express.use((req, res, next) => {
        serveLabel(req, res)
          .then((handled) => (handled ? undefined : next()))
          .catch(next);
      });
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
    bot,
    adapter,
    app,
    policy,
    seller,
    services: { orders, verification, tracking, labels, complaints, handoff },
    /** Set once the real listening address is known (port 0 in tests). */
    setPublicBaseUrl(url: string) {
      if (!config.publicBaseUrl) links.base = url;
    },
  };
}

export type Assistant = Awaited<ReturnType<typeof createAssistant>>;

function importOrdersFile(path: string, logger: Logger): Order[] {
  const result = parseOrdersFile(readFileSync(path, 'utf8'));
  for (const e of result.errors) logger.warn({ line: e.line, reason: e.reason }, `order import: skipped a row of ${path}`);
  return result.orders;
}

async function loadNlu(clock: () => Date): Promise<Nlu> {
  const { createNlu } = await import('./nlu/index.js');
  return createNlu({ now: clock });
}
