import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, type RedisConnection } from '../../../src/state/redis-client.js';
import { RedisHandoffQueue } from '../../../src/services/handoff/redis-handoff-queue.js';
import { DEFAULT_BUSINESS_HOURS } from '../../../src/services/handoff/business-hours.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';
import { handoffQueueContract, NOW, req } from './handoff-contract.js';

let server: RedisServerHandle;
let redis: RedisConnection;
let n = 0;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedisClient(server.url);
  await redis.connect();
});
afterAll(async () => {
  await redis?.close();
  await server?.stop();
});

/** Each queue gets its own prefix on the one server, so cases never see each other's tickets. */
const make = (extra: Partial<ConstructorParameters<typeof RedisHandoffQueue>[1]> = {}) =>
  new RedisHandoffQueue(redis.commander, { hours: DEFAULT_BUSINESS_HOURS, prefix: `t${++n}`, now: () => new Date(NOW), ...extra });

handoffQueueContract('redis', async (options = {}) => make(options));

describe('RedisHandoffQueue storage', () => {
  it('keeps one idempotency mapping even when the same request races on two queues', async () => {
    const prefix = `race${++n}`;
    const a = make({ prefix });
    const b = make({ prefix });
    const [x, y] = await Promise.all([a.request(req('same')), b.request(req('same'))]);
    expect(x.ticketId).toBe(y.ticketId);
    expect(await a.queue()).toHaveLength(1);
  });

  it('bounds relayed buyer messages to the newest ones', async () => {
    const q = make({ maxBuyerMessages: 3 });
    const { ticketId } = await q.request(req('k1'));
    for (const text of ['1', '2', '3', '4', '5']) await q.relayBuyerMessage(ticketId, text);
    expect((await q.get(ticketId))?.buyerMessages.map((m) => m.text)).toEqual(['3', '4', '5']);
  });

  it('expires closed tickets after the retention, keeps open ones', async () => {
    const q = make({ retentionMs: 60_000 });
    const open = await q.request(req('k1'));
    const done = await q.request(req('k2'));
    await q.relayBuyerMessage(done.ticketId, 'bye');
    await q.close(done.ticketId);
    const ttl = async (key: string) => Number(await redis.commander.sendCommand(['PTTL', key]));
    expect(await ttl(q.ticketKey(open.ticketId))).toBe(-1);
    const closedTtl = await ttl(q.ticketKey(done.ticketId));
    expect(closedTtl).toBeGreaterThan(0);
    expect(closedTtl).toBeLessThanOrEqual(60_000);
  });

  it('skips a ticket whose stored request is malformed instead of failing the whole queue', async () => {
    const q = make();
    const good = await q.request(req('k1'));
    const bad = await q.request(req('k2'));
    await redis.commander.sendCommand(['HSET', q.ticketKey(bad.ticketId), 'request', '{"broken"']);
    expect((await q.queue()).map((t) => t.ticketId)).toEqual([good.ticketId]);
  });
});
