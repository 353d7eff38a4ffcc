/**
 * The load benchmark's second floor (bench/state-floor.ts) must do the assistant's shared-state work
 * for real, or the split it reports (shared state vs understanding and dialogs) means nothing: every
 * turn is rate-limited, locked, loaded, saved with its eTag and written to the transcript on a real
 * redis-server, and answered with a reply key the locales have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive } from '../../bench/driver.js';
import { benchFlows } from '../../bench/flows.js';
import { createStateFloorApp, type StateFloor } from '../../bench/state-floor.js';
import { createLogger } from '../../src/logger.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createConversationStore } from '../../src/state/conversation-store.js';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { RedisStorage } from '../../src/state/redis-storage.js';
import { RedisTranscriptStore } from '../../src/state/redis-transcript-store.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

let redis: RedisServerHandle;
let floor: StateFloor;
let server: RunningServer;
let probe: RedisConnection;
beforeAll(async () => {
  redis = await startRedisServer();
  floor = await createStateFloorApp(createLogger('silent'), redis.url, 'floor-test');
  server = await listen(floor.app, 0, '127.0.0.1');
  probe = createRedisClient(redis.url);
  await probe.connect();
}, 30_000);
afterAll(async () => {
  await server?.close();
  await floor?.close();
  await probe?.close();
  await redis?.stop();
});

describe('state floor', () => {
  it("saves every turn's record and both sides of it in the transcript, on Redis", async () => {
    const run = await drive(server.url, { buyers: 2, seconds: 2, flows: benchFlows(), echo: true, keepConversations: 5 });
    expect(run.errorSamples).toEqual([]);
    expect(run.turns).toBeGreaterThan(4);
    const conversations = Object.values(run.conversations).flat();
    expect(conversations.length).toBeGreaterThan(0);
    const store = createConversationStore(new RedisStorage(probe.commander, { prefix: floor.prefix }));
    const transcripts = new RedisTranscriptStore(probe.commander, { prefix: floor.prefix });
    for (const id of conversations.slice(0, 5)) {
      const { record, eTag } = await store.load(id);
      expect(eTag).toBeTruthy();
      expect(record?.turns).toBeGreaterThanOrEqual(2);
      expect(record?.snapshot).toBeTruthy();
      const lines = await transcripts.list(id);
      expect(lines.filter((l) => l.from === 'buyer')).toHaveLength(record?.turns ?? -1);
      expect(lines.filter((l) => l.from === 'bot').map((l) => l.key)).toEqual(Array(record?.turns ?? 0).fill('common:carryOn'));
    }
    // The per-IP and per-conversation limits and the lock ran too (their keys carry the prefix).
    const keys = (await probe.commander.sendCommand(['KEYS', `${floor.prefix}:*`])) as string[];
    expect(keys.some((k) => k.endsWith(':rate') && k.includes('ip:'))).toBe(true);
    expect(keys.some((k) => k.includes('{conv:') && k.endsWith(':rate'))).toBe(true);
  }, 30_000);
});
