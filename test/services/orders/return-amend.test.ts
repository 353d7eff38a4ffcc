/** The return-amendment contract against the embedded store, Redis (a real redis-server) and the HTTP adapter. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { RETURN_REASONS } from '../../../src/domain/order.js';
import { HttpOrderService, InMemoryOrderService, MoneySchema, RedisOrderService } from '../../../src/services/orders/index.js';
import { RedisIdempotencyStore } from '../../../src/services/idempotency/redis-idempotency-store.js';
import { NOW } from '../../policy/fixtures.js';
import { startRedisPair, type RedisPair } from '../../support/redis-server.js';
import { amendOrder, returnAmendContract } from './return-amend-contract.js';

returnAmendContract('InMemoryOrderService', async () => new InMemoryOrderService({ orders: [amendOrder], now: () => NOW }));

let pair: RedisPair | undefined;
let n = 0;
beforeAll(async () => {
  pair = await startRedisPair();
});
afterAll(async () => {
  await pair?.close();
});
returnAmendContract('RedisOrderService', async () => {
  if (!pair) throw new Error('redis not started');
  const prefix = `amend${++n}`;
  return new RedisOrderService(pair.a.commander, { prefix, orders: [amendOrder], now: () => NOW, idempotency: new RedisIdempotencyStore(pair.a.commander, { prefix: `${prefix}:idem` }) });
});

/** A seller order system speaking the documented contract (docs/orders-and-policy.md), backed by a fresh embedded store. */
function orderApi(store: InMemoryOrderService) {
  const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const outcome = (res: ServerResponse, r: { ok: true; value: unknown } | { ok: false; code: string }) =>
    r.ok ? send(res, 200, r.value) : send(res, r.code === 'not_found' ? 404 : 409, { code: r.code });
  const readBody = async (req: IncomingMessage): Promise<unknown> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return JSON.parse(text || 'null');
  };
  const resolution = z.enum(['refund', 'replacement', 'returnless_refund', 'warranty_repair']);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = String(req.headers['idempotency-key'] ?? '');
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && (m = url.pathname.match(/^\/orders\/([^/]+)\/returns$/))) return send(res, 200, await store.listReturns(decodeURIComponent(m[1] ?? '')));
    if (req.method === 'GET' && (m = url.pathname.match(/^\/returns\/([^/]+)$/))) {
      const r = await store.findReturn(decodeURIComponent(m[1] ?? ''));
      return r ? send(res, 200, r) : send(res, 404, { code: 'not_found' });
    }
    if (req.method === 'POST' && url.pathname === '/returns') {
      const body = z
        .object({ orderId: z.string(), skus: z.array(z.string()), reason: z.enum(RETURN_REASONS), resolution, returnShippingPaidBy: z.enum(['buyer', 'seller']), refundAmount: MoneySchema })
        .parse(await readBody(req));
      return outcome(res, await store.createReturn({ ...body, idempotencyKey: key }));
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/returns\/([^/]+)\/resolution$/))) {
      const body = z.object({ orderId: z.string(), resolution, refundAmount: MoneySchema }).parse(await readBody(req));
      return outcome(res, await store.changeReturnResolution({ ...body, rma: decodeURIComponent(m[1] ?? ''), idempotencyKey: key }));
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/returns\/([^/]+)\/withdraw$/))) {
      const body = z.object({ orderId: z.string() }).parse(await readBody(req));
      return outcome(res, await store.withdrawReturn({ ...body, rma: decodeURIComponent(m[1] ?? ''), idempotencyKey: key }));
    }
    return send(res, 500, { code: 'no_route' });
  };
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});
returnAmendContract('HttpOrderService', async () => {
  const handler = orderApi(new InMemoryOrderService({ orders: [amendOrder], now: () => NOW }));
  const server = createServer((req, res) => {
    handler(req, res).catch(() => res.writeHead(500).end());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return new HttpOrderService({ baseUrl: `http://127.0.0.1:${address.port}`, timeoutMs: 5000 });
});
