/**
 * Print the pre-sales questions the catalog and knowledge base could not answer, most asked first:
 * `npm run presales:unanswered [-- --data-dir <DATA_DIR>]`. Each is a candidate knowledge-base entry.
 * Reads the configured backend: Redis with REDIS_URL (every instance's questions), else DATA_DIR.
 */
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { RedisUnansweredStore } from '../src/services/catalog/redis-unanswered-store.js';
import { UnansweredLog, type UnansweredQuestion } from '../src/services/catalog/unanswered-log.js';
import { createRedisClient } from '../src/state/redis-client.js';

const config = loadConfig(process.env, { logLevel: 'warn' });
const i = process.argv.indexOf('--data-dir');
const dataDir = i >= 0 ? process.argv[i + 1] : config.dataDir;
let questions: UnansweredQuestion[];
if (config.redisUrl) {
  const redis = createRedisClient(config.redisUrl, undefined, { commandTimeoutMs: 5000 });
  await redis.connect(5000);
  questions = await new RedisUnansweredStore(redis.commander, { prefix: config.redisKeyPrefix }).list();
  await redis.close();
} else if (dataDir) {
  questions = await new UnansweredLog(path.join(dataDir, 'presales')).list();
} else {
  console.error('usage: npm run presales:unanswered -- --data-dir <DATA_DIR> (or set REDIS_URL / DATA_DIR)');
  process.exit(2);
}
const counts = new Map<string, { n: number; last: string; lang: string; page?: string }>();
for (const q of questions) {
  const key = `${q.lang}\u0000${q.text.trim().toLowerCase()}`;
  const c = counts.get(key) ?? { n: 0, last: q.at, lang: q.lang, ...(q.page ? { page: q.page } : {}) };
  c.n += 1;
  c.last = q.at > c.last ? q.at : c.last;
  counts.set(key, c);
}
const rows = [...counts.entries()].sort((a, b) => b[1].n - a[1].n);
for (const [key, c] of rows) console.log(`${String(c.n).padStart(3)}  [${c.lang}]${c.page ? ` (${c.page})` : ''}  ${key.split('\u0000')[1] ?? ''}   last ${c.last}`);
console.log(`${questions.length} unanswered questions, ${rows.length} distinct`);
