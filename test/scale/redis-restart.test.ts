import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpChat } from '../support/http-chat.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';

let cluster: AppCluster;
beforeAll(async () => {
  cluster = await startAppCluster(1);
}, 60_000);
afterAll(async () => cluster?.close());

async function readyWithin(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/readyz`)).status === 200) return true;
    await sleep(50);
  }
  return false;
}

describe('Redis restarted mid-conversation', () => {
  it('answers 503 + Retry-After (retry later), stays up, reports not ready, and recovers when Redis is back', async () => {
    const url = cluster.instances[0]!.url;
    const chat = httpChat(url, `restart-${randomUUID()}`);
    expect((await chat.say('你好')).replies.map((r) => r.key)).toEqual(['common:greeting']);

    await cluster.redis.stop();
    // Issue 18 item 4: an outage is a 503 the channel retries, not a turn that half-runs.
    const down = await chat.say('我的订单到哪了？');
    expect(down.status).toBe(503);
    const en = await httpChat(url, `restart-en-${randomUUID()}`).say('hello, where is my parcel?');
    expect(en.status).toBe(503);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { redis: false } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    await cluster.redis.restart();
    expect(await readyWithin(url, 10_000)).toBe(true);
    // The gate keeps its failed verdict for the Retry-After it announced.
    await sleep(2100);
    const back = await chat.say('hello');
    expect(back.status).toBe(200);
    expect(back.replies.map((r) => r.key)).toEqual(['common:greeting']);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/asa_http_rejected_total\{reason="unavailable"\} [1-9]/);
  }, 30_000);
});
