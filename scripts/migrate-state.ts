/**
 * `npm run migrate-state`: converts conversation records and transcripts stored by versions before
 * the plain format (REDIS_URL, else the files under DATA_DIR) so this version reads them. Prints one
 * JSON line with counts. Run once after upgrading; running it again changes nothing.
 */
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createRedisClient } from '../src/state/redis-client.js';
import { migrateFiles, migrateRedis } from './migrate-state/migrate.js';

const config = loadConfig(process.env, { logLevel: 'warn' });
if (config.redisUrl) {
  const redis = createRedisClient(config.redisUrl);
  await redis.connect();
  console.log(JSON.stringify({ redis: await migrateRedis(redis.commander, config.redisKeyPrefix) }));
  await redis.close();
} else if (config.dataDir) {
  console.log(JSON.stringify({ files: await migrateFiles(join(config.dataDir, 'state')) }));
} else {
  console.log(JSON.stringify({ nothing: 'no REDIS_URL or DATA_DIR: state lives in memory only' }));
}
