import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpTrackingService, TrackingProviderError } from '../../../src/services/tracking/index.js';
import { makeOrder } from './order-fixture.js';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: string;
}

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

/** Port of a listening server (a TCP server always reports an AddressInfo). */
function portOf(s: Server): number {
  const address = s.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
}

const API_KEY = 'test-key-123';
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let reply: Reply = (_req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        body,
      });
      reply(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${portOf(server)}/v1/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

function json(status: number, body: unknown): Reply {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

function client(timeoutMs = 2_000): HttpTrackingService {
  return new HttpTrackingService({ baseUrl, apiKey: API_KEY, timeoutMs });
}

async function failure(promise: Promise<unknown>): Promise<TrackingProviderError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TrackingProviderError) return err;
    throw err;
  }
  throw new Error('expected a TrackingProviderError');
}

const order = makeOrder({ carrier: 'UPS', trackingNumber: '1Z 999/AA' });

describe('HttpTrackingService against a real HTTP server', () => {
  it('maps a provider tracking to TrackingInfo and sends the bearer key', async () => {
    reply = json(200, {
      carrier: 'UPS',
      tracking_number: '1Z 999/AA',
      status: 'out_for_delivery',
      estimated_delivery: '2025-03-10T18:00:00+01:00',
      events: [
        { occurred_at: '2025-03-09T08:00:00Z', status: 'in_transit', substatus: 'arrived_at_hub', location: 'Louisville, KY, US' },
        { occurred_at: '2025-03-02T10:00:00Z', status: 'pre_transit', description: 'Label created' },
        { occurred_at: '2025-03-10T07:00:00Z', status: 'out_for_delivery', substatus: 'something_new', location: null },
      ],
    });
    const info = await client().track(order);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url).toBe('/v1/trackings/UPS/1Z%20999%2FAA');
    expect(seen[0]?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(info).toEqual({
      carrier: 'UPS',
      trackingNumber: '1Z 999/AA',
      state: 'out_for_delivery',
      estimatedDelivery: '2025-03-10T17:00:00.000Z',
      events: [
        { at: '2025-03-02T10:00:00.000Z', code: 'label_created', description: 'Label created' },
        { at: '2025-03-09T08:00:00.000Z', code: 'arrived_at_hub', location: 'Louisville, KY, US' },
        { at: '2025-03-10T07:00:00.000Z', code: 'out_for_delivery' },
      ],
    });
  });

  it('reads an unknown provider status as unknown instead of failing', async () => {
    reply = json(200, { carrier: 'UPS', tracking_number: 'X', status: 'teleported', events: [] });
    expect((await client().track(order))?.state).toBe('unknown');
  });

  it('404 means the provider does not know the number: undefined', async () => {
    reply = json(404, { error: 'not found' });
    expect(await client().track(order)).toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it('no tracking number: no request at all', async () => {
    expect(await client().track(makeOrder({ trackingNumber: undefined }))).toBeUndefined();
    expect(seen).toHaveLength(0);
  });

  it('500 → TRACKING_UNAVAILABLE with the status, and the key never in the message', async () => {
    reply = json(500, { error: 'boom' });
    const err = await failure(client().track(order));
    expect(err.code).toBe('TRACKING_UNAVAILABLE');
    expect(err.status).toBe(500);
    expect(err.message).not.toContain(API_KEY);
  });

  it('401 → TRACKING_UNAUTHORIZED', async () => {
    reply = json(401, { error: 'bad key' });
    expect((await failure(client().track(order))).code).toBe('TRACKING_UNAUTHORIZED');
  });

  it('malformed JSON → TRACKING_BAD_RESPONSE', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"carrier": "UPS", ');
    };
    expect((await failure(client().track(order))).code).toBe('TRACKING_BAD_RESPONSE');
  });

  it('JSON of the wrong shape → TRACKING_BAD_RESPONSE', async () => {
    reply = json(200, { carrier: 'UPS', status: 'delivered', events: [{ occurred_at: 'yesterday', status: 'x' }] });
    expect((await failure(client().track(order))).code).toBe('TRACKING_BAD_RESPONSE');
  });

  it('a provider that never answers → TRACKING_TIMEOUT', async () => {
    reply = () => undefined; // hold the connection open
    expect((await failure(client(150).track(order))).code).toBe('TRACKING_TIMEOUT');
  });

  it('unreachable provider → TRACKING_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = portOf(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const svc = new HttpTrackingService({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, timeoutMs: 2_000 });
    expect((await failure(svc.track(order))).code).toBe('TRACKING_UNAVAILABLE');
  });

  it('opens a claim with the idempotency key and order details', async () => {
    reply = json(201, { claim_id: 'CLM-42' });
    const result = await client().openClaim(order, { idempotencyKey: 'conv-7:claim' });
    expect(result).toEqual({ claimId: 'CLM-42' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/claims', idempotencyKey: 'conv-7:claim' });
    expect(seen[0]?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ carrier: 'UPS', tracking_number: '1Z 999/AA', order_id: order.id });
  });

  it('requests a redirect and reports whether the carrier accepted', async () => {
    reply = json(200, { request_id: 'RDR-9', accepted: false });
    const address = { ...order.shippingAddress, line1: '9 Pine St', line2: 'Apt 4' };
    const result = await client().requestRedirect(order, { address, idempotencyKey: 'conv-7:redirect' });
    expect(result).toEqual({ requestId: 'RDR-9', accepted: false });
    const sent: unknown = JSON.parse(seen[0]?.body ?? '');
    expect(sent).toMatchObject({ address: { line1: '9 Pine St', line2: 'Apt 4', postal_code: '98101', country_code: 'US' } });
    expect(seen[0]).toMatchObject({ url: '/v1/redirects', idempotencyKey: 'conv-7:redirect' });
  });

  it('a claim response without an id is rejected', async () => {
    reply = json(200, { ok: true });
    expect((await failure(client().openClaim(order, { idempotencyKey: 'k' }))).code).toBe('TRACKING_BAD_RESPONSE');
  });
});
