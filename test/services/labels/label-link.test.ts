import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReturnAuthorization } from '../../../src/domain/order.js';
import {
  LocalReturnLabelService,
  createLabelRequestHandler,
  signLabelToken,
  verifyLabelToken,
  labelTextFrom,
  type LabelText,
} from '../../../src/services/labels/index.js';
import { makeOrder } from '../tracking/order-fixture.js';
import { decodeCode128, inspectPdf } from './pdf-inspect.js';

const SECRET = 'link-test-secret';
const T0 = new Date('2025-03-10T08:00:00Z');

/** Flips one character to another from the same alphabet, so only the signature can catch it. */
function flip(ch: string): string {
  return ch === 'A' ? 'B' : 'A';
}

function tamperAt(token: string, index: number): string {
  return token.slice(0, index) + flip(token.charAt(index)) + token.slice(index + 1);
}

describe('label tokens', () => {
  const expiresAt = new Date('2025-03-17T08:00:00Z');
  const token = signLabelToken({ rma: 'RMA-1', expiresAt }, SECRET);

  it('round-trips the RMA and expiry', () => {
    expect(verifyLabelToken(token, SECRET, T0)).toEqual({ ok: true, rma: 'RMA-1', expiresAt });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('expires at the expiry instant', () => {
    expect(verifyLabelToken(token, SECRET, new Date(expiresAt.getTime() - 1)).ok).toBe(true);
    expect(verifyLabelToken(token, SECRET, expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('any changed character, a wrong secret or junk is invalid (never "expired")', () => {
    for (let i = 0; i < token.length; i++) {
      if (token.charAt(i) === '.') continue;
      expect(verifyLabelToken(tamperAt(token, i), SECRET, T0)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(verifyLabelToken(token, 'other-secret', T0)).toEqual({ ok: false, reason: 'invalid' });
    const expiredForger = signLabelToken({ rma: 'RMA-1', expiresAt: new Date('2020-01-01T00:00:00Z') }, 'other-secret');
    expect(verifyLabelToken(expiredForger, SECRET, T0)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', '...', 'a.b.c', `${token}.x`, 'x'.repeat(1000)]) {
      expect(verifyLabelToken(junk, SECRET, T0)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('a token for one RMA cannot be re-pointed at another', () => {
    const [, exp, sig] = token.split('.');
    const other = `${Buffer.from('RMA-2').toString('base64url')}.${exp}.${sig}`;
    expect(verifyLabelToken(other, SECRET, T0)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('label links over real HTTP', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  let now = T0;
  let service: LocalReturnLabelService;
  /** Keys as text: the test checks which string was chosen, not its wording. */
  const text: LabelText = labelTextFrom((key) => key);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'label-links-'));
    service = new LocalReturnLabelService({
      dir,
      secret: SECRET,
      returnAddress: { name: 'Acme Returns', line1: '500 Warehouse Way', city: 'Reno', postalCode: '89501', countryCode: 'US' },
      labelText: () => text,
      now: () => now,
      ttlMs: 3_600_000,
      cjkFont: null,
    });
    const handle = createLabelRequestHandler(service);
    server = createServer((req, res) => {
      handle(req, res).then(
        (handled) => {
          if (!handled) res.writeHead(418).end('not a label');
        },
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    origin = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  const rma: ReturnAuthorization = {
    rma: 'RMA-HTTP-1',
    orderId: '112-3456789-1234567',
    skus: ['MUG-01'],
    reason: 'defective',
    resolution: 'refund',
    returnShippingPaidBy: 'seller',
    refundAmount: { amount: 3097, currency: 'USD' },
    createdAt: '2025-03-10T07:00:00Z',
    status: 'authorized',
  };

  it('valid link: 200 inline PDF, not cacheable, same bytes as the stored label, barcode = RMA', async () => {
    now = T0;
    const label = await service.createLabel(rma, makeOrder());
    const res = await fetch(`${origin}${label.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="return-label-RMA-HTTP-1.pdf"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body).toEqual(await readFile(join(dir, 'RMA-HTTP-1.pdf')));
    const pdf = await inspectPdf(body);
    expect(pdf.text).toContain('RMA-HTTP-1');
    expect(pdf.text).toContain('prepaidBySeller');
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-HTTP-1']);

    const head = await fetch(`${origin}${label.url}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
  });

  it('expired link: 410 with a body that says nothing about the label', async () => {
    now = T0;
    const label = await service.createLabel(rma, makeOrder());
    now = new Date(T0.getTime() + 3_600_000);
    const res = await fetch(`${origin}${label.url}`);
    expect(res.status).toBe(410);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    expect(body).toBe('Gone');
    // Asking again gives a fresh, working link to the same label.
    const again = await service.createLabel(rma, makeOrder());
    expect((await fetch(`${origin}${again.url}`)).status).toBe(200);
    now = T0;
  });

  it('tampered, unknown or malformed links: 404 "Not found"', async () => {
    now = T0;
    const label = await service.createLabel(rma, makeOrder());
    const token = label.url.slice('/labels/'.length, -'.pdf'.length);
    const forged = signLabelToken({ rma: 'RMA-HTTP-1', expiresAt: new Date('2030-01-01T00:00:00Z') }, 'guessed-secret');
    const noFile = signLabelToken({ rma: 'RMA-NEVER-MADE', expiresAt: new Date('2030-01-01T00:00:00Z') }, SECRET);
    for (const path of [
      `/labels/${tamperAt(token, token.length - 5)}.pdf`,
      `/labels/${tamperAt(token, 2)}.pdf`,
      `/labels/${forged}.pdf`,
      `/labels/${noFile}.pdf`,
      `/labels/${token}`,
      '/labels/..%2F..%2Fetc%2Fpasswd.pdf',
      '/labels/',
    ]) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
  });

  it('other methods are refused and other paths are left to the next handler', async () => {
    const label = await service.createLabel(rma, makeOrder());
    const post = await fetch(`${origin}${label.url}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const other = await fetch(`${origin}/api/messages`);
    expect(other.status).toBe(418);
    const lookalike = await fetch(`${origin}/labelsx/abc.pdf`);
    expect(lookalike.status).toBe(418);
  });
});
