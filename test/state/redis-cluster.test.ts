/**
 * A real three-node Redis Cluster (redis-server + redis-cli from the Debian package): the storage
 * contract holds with slot-grouped batches, and the conversation hash tag keeps a conversation's
 * keys on one node.
 */
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConversationLock } from '../../src/state/conversation-lock.js';
import { RedisRateLimiter } from '../../src/state/rate-limiter.js';
import { createRedisClient, createRedisClusterClient, type RedisClusterConnection } from '../../src/state/redis-client.js';
import { RedisStorage } from '../../src/state/redis-storage.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import { describeStorageContract } from './storage-contract.js';

const run = promisify(execFile);
let nodes: RedisServerHandle[] = [];
let cluster: RedisClusterConnection;
let namespace = 0;

async function waitForClusterOk(): Promise<void> {
  for (const node of nodes) {
    const probe = createRedisClient(node.url);
    await probe.connect();
    try {
      for (let i = 0; ; i++) {
        if (String(await probe.commander.sendCommand(['CLUSTER', 'INFO'])).includes('cluster_state:ok')) break;
        if (i > 200) throw new Error(`cluster not ok on ${node.url}`);
        await sleep(50);
      }
    } finally {
      await probe.close();
    }
  }
}

beforeAll(async () => {
  nodes = await Promise.all([1, 2, 3].map(() => startRedisServer({ args: ['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'] })));
  await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
  await waitForClusterOk();
  cluster = createRedisClusterClient(nodes.map((n) => n.url));
  await cluster.connect();
});

afterAll(async () => {
  await cluster?.close();
  await Promise.all(nodes.map((n) => n.stop()));
});

describeStorageContract('RedisStorage on a 3-node Redis Cluster', () => new RedisStorage(cluster.commander, { prefix: `k${++namespace}`, cluster: true }));

describe('Redis Cluster specifics', () => {
  it('refuses a cross-slot batch in one script, which is why `cluster: true` splits batches', async () => {
    const naive = new RedisStorage(cluster.commander, { prefix: 'naive' });
    await expect(naive.write({ '{conv:a}:record': { n: 1 }, '{conv:b}:record': { n: 1 } })).rejects.toThrow(/CROSSSLOT/);
    // Keys of one conversation share a slot, so even the naive mode works for them.
    await naive.write({ '{conv:a}:record': { n: 1 }, '{conv:a}:transcript': { n: 1 } });
  });

  it('runs the lock and the rate limiter through the cluster', async () => {
    const lock = new RedisConversationLock(cluster.commander, { prefix: 'asa' });
    const lease = await lock.acquire('{conv:c1}:lock', { ttlMs: 5_000, waitMs: 0 });
    expect(lease).toBeDefined();
    expect(await lock.acquire('{conv:c1}:lock', { ttlMs: 5_000, waitMs: 0 })).toBeUndefined();
    await lease?.release();
    const limiter = new RedisRateLimiter(cluster.commander, { prefix: 'asa' });
    expect(await limiter.hit('ip:198.51.100.1:rate', 2, 60_000)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await cluster.health()).toMatchObject({ ok: true });
  });
});
