/**
 * A seller's order system as `HttpOrderService` expects it (docs/orders-and-policy.md), on 127.0.0.1,
 * for fault tests. It records every change request with its `Idempotency-Key`, applies a change once
 * per key (a repeat, even while the first is still in progress, gets the first answer) and counts the
 * effects actually applied. `hold()` keeps the next cancel open: `before` holds it before applying
 * (the effect is applied when the hold ends, whether or not the caller is still there, as a real
 * server would); `after` applies at once and holds only the response.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Order, ReturnAuthorization } from '../../src/domain/order.js';
import { randomBase32 } from '../../src/services/orders/index.js';

export interface ChangeCall {
  kind: 'cancel' | 'createReturn';
  path: string;
  idempotencyKey: string | undefined;
  body: unknown;
  at: number;
}

interface Answer {
  status: number;
  body: unknown;
}

export interface Hold {
  /** The held request reached the API. */
  arrived: Promise<void>;
  /** Its effect was applied (or refused). */
  applied: Promise<void>;
}

export interface FakeOrderApi {
  url: string;
  calls: ChangeCall[];
  /** Effects applied per kind (one per distinct successful change). */
  effects: { cancel: number; createReturn: number };
  order(id: string): Order | undefined;
  hold(mode: 'before' | 'after', ms: number): Hold;
  close(): Promise<void>;
}

export async function startFakeOrderApi(orders: Order[]): Promise<FakeOrderApi> {
  const byId = new Map(orders.map((o) => [o.id, structuredClone(o)]));
  const returns = new Map<string, ReturnAuthorization>();
  const answers = new Map<string, Promise<Answer>>();
  const calls: ChangeCall[] = [];
  const effects = { cancel: 0, createReturn: 0 };
  let pendingHold: { mode: 'before' | 'after'; ms: number; arrived: () => void; applied: () => void } | undefined;

  const cancel = (id: string, body: { by?: 'buyer' | 'seller'; reason?: string }): Answer => {
    const order = byId.get(id);
    if (!order) return { status: 404, body: { code: 'not_found' } };
    if (order.status === 'cancelled') return { status: 409, body: { code: 'already_cancelled' } };
    if (order.status !== 'pending' && order.status !== 'unshipped') return { status: 409, body: { code: 'already_shipped' } };
    order.status = 'cancelled';
    order.cancelledAt = new Date().toISOString();
    order.cancelledBy = body.by ?? 'buyer';
    order.cancelReason = body.reason ?? 'buyer_request';
    effects.cancel++;
    return { status: 200, body: order };
  };

  const createReturn = (body: Omit<ReturnAuthorization, 'rma' | 'createdAt' | 'status'>): Answer => {
    const order = byId.get(body.orderId);
    if (!order) return { status: 404, body: { code: 'not_found' } };
    if (order.status !== 'delivered') return { status: 409, body: { code: 'not_returnable' } };
    const rma: ReturnAuthorization = { ...body, rma: `RMA-${randomBase32(10)}`, createdAt: new Date().toISOString(), status: 'authorized' };
    returns.set(rma.rma, rma);
    effects.createReturn++;
    return { status: 200, body: rma };
  };

  /** Once per key: a repeat waits for and gets the first answer. */
  const change = (key: string | undefined, apply: () => Promise<Answer>): Promise<Answer> => {
    if (key === undefined) return Promise.resolve({ status: 400, body: { code: 'idempotency_key_required' } });
    let answer = answers.get(key);
    if (!answer) {
      answer = apply();
      answers.set(key, answer);
    }
    return answer;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const send = (a: Answer): void => {
      if (res.destroyed) return;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    };

    if (req.method === 'GET' && parts[0] === 'orders' && parts.length === 1) {
      const email = url.searchParams.get('email') ?? '';
      return send({ status: 200, body: [...byId.values()].filter((o) => o.buyerEmail.toLowerCase() === email) });
    }
    if (req.method === 'GET' && parts[0] === 'orders' && parts.length === 2) {
      const order = byId.get(parts[1] ?? '');
      return send(order ? { status: 200, body: order } : { status: 404, body: { code: 'not_found' } });
    }
    if (req.method === 'GET' && parts[0] === 'orders' && parts[2] === 'returns') {
      return send({ status: 200, body: [...returns.values()].filter((r) => r.orderId === parts[1]) });
    }
    if (req.method === 'GET' && parts[0] === 'returns' && parts.length === 2) {
      const rma = returns.get(parts[1] ?? '');
      return send(rma ? { status: 200, body: rma } : { status: 404, body: { code: 'not_found' } });
    }
    if (req.method === 'POST' && parts[0] === 'orders' && parts[2] === 'cancel') {
      calls.push({ kind: 'cancel', path: url.pathname, idempotencyKey: key, body, at: Date.now() });
      const hold = key !== undefined && !answers.has(key) ? pendingHold : undefined;
      if (hold) pendingHold = undefined;
      hold?.arrived();
      const answer = change(key, async () => {
        if (hold?.mode === 'before') await sleep(hold.ms);
        const a = cancel(parts[1] ?? '', (body ?? {}) as { by?: 'buyer' | 'seller'; reason?: string });
        hold?.applied();
        return a;
      });
      const a = await answer;
      if (hold?.mode === 'after') await sleep(hold.ms);
      return send(a);
    }
    if (req.method === 'POST' && parts[0] === 'returns' && parts.length === 1) {
      calls.push({ kind: 'createReturn', path: url.pathname, idempotencyKey: key, body, at: Date.now() });
      return send(await change(key, () => Promise.resolve(createReturn(body as Omit<ReturnAuthorization, 'rma' | 'createdAt' | 'status'>))));
    }
    // The remedy changed or the return withdrawn before the parcel is sent (the real rules: order-book.ts).
    const rmaOf = () => returns.get(parts[1] ?? '');
    if (req.method === 'POST' && parts[0] === 'returns' && parts[2] === 'resolution') {
      return send(await change(key, () => {
        const found = rmaOf();
        const b = (body ?? {}) as Pick<ReturnAuthorization, 'resolution' | 'refundAmount'>;
        if (!found) return Promise.resolve({ status: 404, body: { code: 'not_found' } });
        if (found.status !== 'authorized') return Promise.resolve({ status: 409, body: { code: 'not_changeable' } });
        Object.assign(found, { resolution: b.resolution, refundAmount: b.refundAmount });
        return Promise.resolve({ status: 200, body: found });
      }));
    }
    if (req.method === 'POST' && parts[0] === 'returns' && parts[2] === 'withdraw') {
      return send(await change(key, () => {
        const found = rmaOf();
        if (!found) return Promise.resolve({ status: 404, body: { code: 'not_found' } });
        if (found.status !== 'authorized') return Promise.resolve({ status: 409, body: { code: 'not_withdrawable' } });
        found.status = 'withdrawn';
        return Promise.resolve({ status: 200, body: found });
      }));
    }
    send({ status: 404, body: { code: 'no_route' } });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: String(err) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    effects,
    order: (id) => byId.get(id),
    hold(mode, ms) {
      let arrived!: () => void;
      let applied!: () => void;
      const hold: Hold = {
        arrived: new Promise<void>((r) => (arrived = r)),
        applied: new Promise<void>((r) => (applied = r)),
      };
      pendingHold = { mode, ms, arrived, applied };
      return hold;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
