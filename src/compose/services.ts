/**
 * The services the dialogs act through, each its embedded default unless configured otherwise:
 * orders (demo store, or the seller's HTTP API), buyer verification, tracking (demo or HTTP), return
 * labels, complaints and the handoff queue (in memory, on disk with DATA_DIR, or shared on Redis).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Order } from '../domain/order.js';
import type { i18n as I18n } from 'i18next';
import type { PolicyConfig } from '../policy/index.js';
import type { Seller } from '../seller.js';
import type { OrderService, TrackingService } from '../services/ports.js';
import { demoOrders, demoTrackingScenarios, HttpOrderService, InMemoryOrderService, parseOrdersFile, RedisOrderService } from '../services/orders/index.js';
import { stableSecret } from '../security/stable-secrets.js';
import { DefaultBuyerVerification } from '../services/verification/index.js';
import { DemoTrackingService, HttpTrackingService } from '../services/tracking/index.js';
import { labelTextFrom, LocalReturnLabelService, RedisLabelStore } from '../services/labels/index.js';
import { InMemoryComplaintService, RedisComplaintService, type ComplaintLog } from '../services/complaints/index.js';
import { HandoffQueue, type HandoffQueuePort } from '../services/handoff/handoff-queue.js';
import type { SharedState } from './shared-state.js';

export interface ServiceSetup {
  config: Config;
  shared: SharedState | undefined;
  policy: PolicyConfig;
  seller: Seller;
  i18n: I18n;
  logger: Logger;
  clock: () => Date;
  overrides: { orders?: Order[] | undefined; tracking?: TrackingService | undefined };
}

export function buildServices({ config, shared, policy, seller, i18n, logger, clock, overrides }: ServiceSetup) {
  const seedOrders = overrides.orders ?? (config.ordersFile ? importOrdersFile(config.ordersFile, logger) : demoOrders(clock()));
  const ordersDir = config.dataDir ? join(config.dataDir, 'orders') : undefined;
  // A seller's own order system is shared by nature (every instance talks to it); with Redis the
  // embedded store lives there (one truth for every instance); else in this process.
  const orders: OrderService = config.orderApiUrl
    ? new HttpOrderService({ baseUrl: config.orderApiUrl, timeoutMs: config.orderApiTimeoutMs, ...(config.orderApiToken ? { token: config.orderApiToken } : {}) })
    : shared
      ? new RedisOrderService(shared.commander, { prefix: config.redisKeyPrefix, orders: seedOrders, policy, now: clock, idempotency: shared.idempotency('orders') })
      : new InMemoryOrderService({ orders: seedOrders, policy, now: clock, ...(ordersDir ? { dataDir: ordersDir } : {}) });
  const verification = new DefaultBuyerVerification({
    orders,
    tokenSecret: config.buyerTokenSecret ?? (config.dataDir ? stableSecret(config.dataDir, 'buyer-token-secret') : randomBytes(32)),
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
    secret: config.labelSecret ?? (labelStore ? () => labelStore.sharedSecret() : config.dataDir ? stableSecret(config.dataDir, 'label-secret') : randomBytes(32)),
    returnAddress: seller.returnAddress,
    labelText: (lang) => labelTextFrom((key) => String(i18n.getFixedT(lang, 'label')(key))),
    now: clock,
    logger,
  });
  const complaints: ComplaintLog = shared
    ? new RedisComplaintService(shared.commander, { prefix: config.redisKeyPrefix, now: clock })
    : new InMemoryComplaintService({ now: clock, ...(config.dataDir ? { dataDir: join(config.dataDir, 'complaints') } : {}) });
  const queueSetup = { hours: seller.businessHours, minutesPerTicket: seller.minutesPerTicket, agentsOnDuty: seller.agentsOnDuty, now: clock };
  const handoff: HandoffQueuePort = shared ? shared.handoffQueue(queueSetup) : new HandoffQueue(queueSetup);
  return { seedOrders, scratchLabelDir, services: { orders, verification, tracking, labels, complaints, handoff } };
}

function importOrdersFile(path: string, logger: Logger): Order[] {
  const result = parseOrdersFile(readFileSync(path, 'utf8'));
  for (const e of result.errors) logger.warn({ line: e.line, reason: e.reason }, `order import: skipped a row of ${path}`);
  return result.orders;
}
