import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AddressSchema, HttpOrderService, InMemoryOrderService, MoneySchema, OrderBackendError } from '../../../src/services/orders/index.js';
import { NOW, makeOrder, minutesAgo } from '../../policy/fixtures.js';

const unshipped = makeOrder({ id: '111-0000000-0000001', status: 'unshipped', purchasedAt: minutesAgo(10), deliveredAt: undefined, shippedAt: undefined });
const delivered = makeOrder({ id: '111-0000000-0000003', buyerEmail: 'someone@example.com' });
const TOKEN = 'secret-token';

/** A seller order system speaking the documented contract, backed by the embedded store. */
function orderApi(store: InMemoryOrderService, seenKeys: string[]) {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const outcome = (res: ServerResponse, r: { ok: true; value: unknown } | { ok: false; code: string }) =>
    r.ok ? send(res, 200, r.value) : send(res, r.code === 'not_found' ? 404 : 409, { code: r.code });
  const readBody = async (req: IncomingMessage): Promise<unknown> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return JSON.parse(text || 'null');
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { code: 'unauthorized' });
    const url = new URL(req.url ?? '/', 'http://x');
    const key = String(req.headers['idempotency-key'] ?? '');
    if (key) seenKeys.push(key);
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && url.pathname === '/api/orders') return send(res, 200, await store.listByEmail(url.searchParams.get('email') ?? ''));
    if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/orders\/([^/]+)$/))) {
      const o = await store.findById(decodeURIComponent(m[1] ?? ''));
      return o ? send(res, 200, o) : send(res, 404, { code: 'not_found' });
    }
    if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/orders\/([^/]+)\/returns$/))) return send(res, 200, await store.listReturns(m[1] ?? ''));
    if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/returns\/([^/]+)$/))) {
      const r = await store.findReturn(m[1] ?? '');
      return r ? send(res, 200, r) : send(res, 404, { code: 'not_found' });
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/api\/orders\/([^/]+)\/cancel$/))) {
      const body = z.object({ by: z.enum(['buyer', 'seller']), reason: z.string() }).parse(await readBody(req));
      return outcome(res, await store.cancel(m[1] ?? '', { ...body, idempotencyKey: key }));
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/api\/orders\/([^/]+)\/address-change$/))) {
      const body = z.object({ address: AddressSchema, kind: z.enum(['update', 'redirect']) }).parse(await readBody(req));
      return outcome(res, await store.requestAddressChange(m[1] ?? '', { ...body, idempotencyKey: key }));
    }
    if (req.method === 'POST' && url.pathname === '/api/refunds') {
      const body = z.object({ orderId: z.string(), rma: z.string().optional(), amount: MoneySchema }).parse(await readBody(req));
      return outcome(res, await store.recordRefund({ ...body, idempotencyKey: key }));
    }
    if (req.method === 'POST' && url.pathname === '/api/broken') return send(res, 500, {});
    return send(res, 500, { code: 'boom' });
  };
}

describe('HttpOrderService against a local order API', () => {
  let server: Server;
  let baseUrl = '';
  const seenKeys: string[] = [];

  beforeAll(async () => {
    const store = new InMemoryOrderService({ orders: [unshipped, delivered], now: () => NOW });
    const handler = orderApi(store, seenKeys);
    server = createServer((req, res) => {
      handler(req, res).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    baseUrl = `http://127.0.0.1:${address.port}/api/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const client = () => new HttpOrderService({ baseUrl, token: TOKEN, timeoutMs: 5000 });

  it('reads orders, validating what comes back', async () => {
    expect(await client().findById(delivered.id)).toEqual(delivered);
    expect(await client().findById('999-9999999-9999999')).toBeUndefined();
    expect((await client().listByEmail('SOMEONE@example.com')).map((o) => o.id)).toEqual([delivered.id]);
  });

  it('cancel: sends the idempotency key; the same key gives the same result; outcomes map to codes', async () => {
    const first = await client().cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'http-c1' });
    expect(first).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(await client().cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'http-c1' })).toEqual(first);
    expect(seenKeys.filter((k) => k === 'http-c1')).toHaveLength(2);
    expect(await client().cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'http-c2' })).toEqual({ ok: false, code: 'already_cancelled' });
    expect(await client().cancel('999-9999999-9999999', { by: 'buyer', reason: 'x', idempotencyKey: 'c3' })).toEqual({ ok: false, code: 'not_found' });
  });

  it('refund over the paid amount → exceeds_paid', async () => {
    expect(await client().recordRefund({ orderId: delivered.id, amount: { amount: 999_999, currency: 'USD' }, idempotencyKey: 'f' })).toEqual({
      ok: false,
      code: 'exceeds_paid',
    });
  });

  it('server errors, bad auth and unreachable hosts throw OrderBackendError (not a buyer outcome)', async () => {
    await expect(client().createReturn({
      orderId: delivered.id, skus: ['A'], reason: 'defective', resolution: 'refund', returnShippingPaidBy: 'seller',
      refundAmount: { amount: 1, currency: 'USD' }, idempotencyKey: 'r',
    })).rejects.toBeInstanceOf(OrderBackendError);
    await expect(new HttpOrderService({ baseUrl, token: 'wrong' }).findById(delivered.id)).rejects.toMatchObject({ status: 401 });
    await expect(new HttpOrderService({ baseUrl: 'http://127.0.0.1:9/api', timeoutMs: 500 }).findById(delivered.id)).rejects.toBeInstanceOf(
      OrderBackendError,
    );
  });
});
