/**
 * `npm run erase-buyer -- <email|conversationId>`: erase one buyer's conversations from the
 * configured backend (Redis with REDIS_URL, else the files under DATA_DIR): state (with the buyer's
 * conversation reference) and transcripts, and on Redis the handoff tickets and relayed messages,
 * Teams reference keys of earlier versions and ticket threads, remembered effect results, the complaints and return-label PDFs they name; under DATA_DIR
 * the complaints, return-label PDFs and uploaded photos they name. Prints one JSON line with counts per kind. An argument with `@` is an email:
 * every conversation mentioning it, or one of that buyer's order ids, goes.
 * In-memory state (no REDIS_URL, no DATA_DIR) lives only inside the running process; there is
 * nothing on disk to erase then. With DATA_DIR and no Redis, stop the app first: it keeps
 * complaints in memory and would write erased ones back.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createRedisClient } from '../src/state/redis-client.js';
import { RedisStorage } from '../src/state/redis-storage.js';
import { RedisTranscriptStore } from '../src/state/redis-transcript-store.js';
import { FileStorage } from '../src/state/file-storage.js';
import { MemoryTranscriptStore } from '../src/state/transcript-store.js';
import { eraseBuyer, type EraseTarget } from '../src/security/erase-buyer.js';
import { demoOrders, parseOrdersFile } from '../src/services/orders/index.js';
import { readFileSync } from 'node:fs';

const target = process.argv[2]?.trim();
if (!target) {
  console.error('usage: npm run erase-buyer -- <email|conversationId>');
  process.exit(2);
}
const config = loadConfig(process.env, { logLevel: 'warn' });
const logger = createLogger('warn');

function orderIdsOf(email: string): string[] {
  const orders = config.ordersFile ? parseOrdersFile(readFileSync(config.ordersFile, 'utf8')).orders : demoOrders(new Date());
  return orders.filter((o) => o.buyerEmail.trim().toLowerCase() === email.toLowerCase()).map((o) => o.id);
}

const what: EraseTarget = target.includes('@') ? { email: target, orderIds: orderIdsOf(target) } : { conversationId: target };

// Where the app keeps files (src/app.ts): DATA_DIR's subdirectories, uploads in a fixed temp directory without it.
const files = { ...(config.dataDir ? { dataDir: config.dataDir } : {}), uploadDir: config.dataDir ? join(config.dataDir, 'uploads') : join(tmpdir(), 'asa-uploads') };
/** What no backend lets this script reach. */
const notReached = ['handoff cards already posted in Microsoft Teams (delete them there)'];

if (config.redisUrl) {
  const redis = createRedisClient(config.redisUrl, logger, { commandTimeoutMs: 5000 });
  await redis.connect(5000);
  const ttlMs = Math.round(config.stateTtlDays * 86_400_000);
  const report = await eraseBuyer(what, {
    storage: new RedisStorage(redis.commander, { prefix: config.redisKeyPrefix, ttlMs }),
    transcripts: new RedisTranscriptStore(redis.commander, { prefix: config.redisKeyPrefix, ttlMs }),
    redis: { commander: redis.commander, prefix: config.redisKeyPrefix },
    files,
  });
  await redis.close();
  console.log(JSON.stringify({ backend: 'redis', ...report, notReached }));
} else if (config.dataDir) {
  const report = await eraseBuyer(what, { storage: new FileStorage(join(config.dataDir, 'state')), transcripts: new MemoryTranscriptStore(), files });
  // Without Redis, transcripts and handoff tickets live in the app's memory only (buyers' references are in the records).
  console.log(JSON.stringify({ backend: 'file', ...report, notReached: [...notReached, 'transcripts and handoff tickets (kept in the running app\'s memory without REDIS_URL)'] }));
} else {
  console.error('No REDIS_URL or DATA_DIR: conversations live only in the running process; nothing to erase on disk.');
  process.exit(1);
}
