/** Label PDFs and the link key in a real redis-server, shared by two services on two connections. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReturnAuthorization } from '../../../src/domain/order.js';
import {
  LocalReturnLabelService,
  RedisLabelStore,
  createLabelRequestHandler,
  labelTextFrom,
  type LabelText,
} from '../../../src/services/labels/index.js';
import { createRedisClient, type RedisConnection } from '../../../src/state/redis-client.js';
import { startRedisPair, startRedisServer, type RedisPair, type RedisServerHandle } from '../../support/redis-server.js';
import { makeOrder } from '../tracking/order-fixture.js';
import { decodeCode128, inspectPdf } from './pdf-inspect.js';

const DAY = 24 * 3_600_000;
const NOW = new Date('2025-03-10T08:00:00Z');
const RETURN_ADDRESS = { name: 'Acme Returns', line1: '500 Warehouse Way', city: 'Reno', region: 'NV', postalCode: '89501', countryCode: 'US' };

const raw: unknown = JSON.parse(await readFile(new URL('../../../locales/en/label.json', import.meta.url), 'utf8'));
const dict = new Map(Object.entries(typeof raw === 'object' && raw !== null ? raw : {}));
const TEXT: LabelText = labelTextFrom((key) => {
  const value = dict.get(key);
  if (typeof value !== 'string') throw new Error(`missing label key ${key}`);
  return value;
});

function makeRma(rma: string): ReturnAuthorization {
  return {
    rma,
    orderId: '112-3456789-1234567',
    skus: ['MUG-01'],
    reason: 'damaged',
    resolution: 'refund',
    returnShippingPaidBy: 'seller',
    refundAmount: { amount: 2598, currency: 'USD' },
    createdAt: '2025-03-10T07:55:00Z',
    status: 'authorized',
  };
}

let a: RedisConnection;
let b: RedisConnection;
let prefix: string;
let n = 0;
let pair: RedisPair | undefined;
beforeAll(async () => {
  pair = await startRedisPair();
  ({ a, b } = pair);
});
afterAll(async () => {
  await pair?.close();
});
beforeEach(() => {
  prefix = `t${++n}`;
});

/** One "instance": its own connection, store and service; no secret configured. */
function instance(conn: RedisConnection, ttlMs = 7 * DAY) {
  const store = new RedisLabelStore(conn.commander, { prefix });
  const service = new LocalReturnLabelService({
    store,
    secret: () => store.sharedSecret(),
    returnAddress: RETURN_ADDRESS,
    labelText: () => TEXT,
    now: () => NOW,
    ttlMs,
  });
  return { store, service };
}

const tokenOf = (url: string) => /^\/labels\/([A-Za-z0-9_.-]+)\.pdf$/.exec(url)?.[1] ?? 'no-token';

describe('RedisLabelStore', () => {
  it('a label made by one instance opens on another, byte for byte, with no LABEL_SECRET configured', async () => {
    const one = instance(a);
    const two = instance(b);
    const label = await one.service.createLabel(makeRma('RMA-SHARED-1'), makeOrder());
    const opened = await two.service.openLabel(tokenOf(label.url));
    if (!opened.ok) throw new Error(`not served: ${opened.reason}`);
    const pdf = await inspectPdf(opened.pdf);
    expect(pdf.text).toContain('RMA-SHARED-1');
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-SHARED-1']);
    expect(await two.store.sharedSecret()).toBe(await one.store.sharedSecret());
    expect(await two.service.hasLabel('RMA-SHARED-1')).toBe(true);
  });

  it('keeps the PDF as long as the newest link (plus a minute), under a hash-tagged key', async () => {
    const one = instance(a, 2 * DAY);
    await one.service.createLabel(makeRma('RMA-TTL-1'), makeOrder());
    const key = one.store.key('RMA-TTL-1');
    expect(key).toBe(`${prefix}:{label:RMA-TTL-1}:pdf`);
    const ttl = Number(await a.commander.sendCommand(['PTTL', key]));
    expect(ttl).toBeGreaterThan(2 * DAY);
    expect(ttl).toBeLessThanOrEqual(2 * DAY + 60_000);
    // A later link pushes the expiry out again; a shorter one never pulls it in.
    await a.commander.sendCommand(['PEXPIRE', key, String(DAY)]);
    await one.service.createLabel(makeRma('RMA-TTL-1'), makeOrder());
    expect(Number(await a.commander.sendCommand(['PTTL', key]))).toBeGreaterThan(2 * DAY);
    const short = instance(b, 1000);
    await short.service.createLabel(makeRma('RMA-TTL-1'), makeOrder());
    expect(Number(await a.commander.sendCommand(['PTTL', key]))).toBeGreaterThan(2 * DAY);
  });

  it('renders once: the second instance reuses the stored label (the first language wins)', async () => {
    const one = instance(a);
    const two = instance(b);
    await one.service.createLabel(makeRma('RMA-ONCE-1'), makeOrder(), { lang: 'en' });
    const stored = await one.store.get('RMA-ONCE-1');
    await two.service.createLabel(makeRma('RMA-ONCE-1'), makeOrder(), { lang: 'zh' });
    expect(await two.store.get('RMA-ONCE-1')).toEqual(stored);
    expect(stored?.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('concurrent first requests on two instances leave one complete label', async () => {
    const one = instance(a);
    const two = instance(b);
    const links = await Promise.all([one, two, one, two].map((i) => i.service.createLabel(makeRma('RMA-RACE-1'), makeOrder())));
    for (const link of links) {
      const opened = await one.service.openLabel(tokenOf(link.url));
      expect(opened.ok).toBe(true);
      if (opened.ok) expect(opened.pdf.subarray(-6).toString()).toContain('%%EOF');
    }
  });

  it('an expired PDF, an unknown RMA and a link signed with another key are not found', async () => {
    const one = instance(a);
    const label = await one.service.createLabel(makeRma('RMA-GONE-1'), makeOrder());
    await a.commander.sendCommand(['DEL', one.store.key('RMA-GONE-1')]);
    expect(await one.service.openLabel(tokenOf(label.url))).toEqual({ ok: false, reason: 'not_found' });
    expect(await one.store.get('RMA-NEVER')).toBeUndefined();
    const stranger = new LocalReturnLabelService({ store: one.store, secret: 'someone-else', returnAddress: RETURN_ADDRESS, labelText: () => TEXT, now: () => NOW });
    const forged = await stranger.createLabel(makeRma('RMA-FORGED-1'), makeOrder());
    expect(await one.service.openLabel(tokenOf(forged.url))).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('label links while Redis is down', () => {
  let server: Server;
  let url: string;
  let handle: RedisServerHandle;
  let conn: RedisConnection;
  beforeAll(async () => {
    handle = await startRedisServer();
    conn = createRedisClient(handle.url, undefined, { commandTimeoutMs: 300 });
    await conn.connect();
    const store = new RedisLabelStore(conn.commander, { prefix: 'down' });
    const service = new LocalReturnLabelService({ store, secret: 'fixed-secret', returnAddress: RETURN_ADDRESS, labelText: () => TEXT, now: () => NOW });
    const label = await service.createLabel(makeRma('RMA-DOWN-1'), makeOrder());
    const handler = createLabelRequestHandler(service);
    server = createServer((req, res) => {
      void handler(req, res).then((handled) => {
        if (!handled) res.writeHead(418).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}${label.url}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await conn?.close();
    await handle?.stop();
  });

  it('answer 503 with retry-after (not "not found"), and serve the PDF again once Redis is back', async () => {
    expect((await fetch(url)).status).toBe(200);
    handle.freeze();
    try {
      const res = await fetch(url);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('cache-control')).toBe('no-store');
    } finally {
      handle.thaw();
    }
    const back = await fetch(url);
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
