import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/domain/order.js';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/policy/index.js';
import { InMemoryOrderService, RMA_PATTERN } from '../../../src/services/orders/index.js';
import { NOW, daysAgo, makeOrder, minutesAgo } from '../../policy/fixtures.js';

const unshipped = makeOrder({ id: '111-0000000-0000001', status: 'unshipped', purchasedAt: minutesAgo(10), deliveredAt: undefined, shippedAt: undefined });
const shipped = makeOrder({ id: '111-0000000-0000002', status: 'shipped', deliveredAt: undefined });
const delivered = makeOrder({ id: '111-0000000-0000003', buyerEmail: 'Someone@Example.com', purchasedAt: daysAgo(20) });
const oldDelivered = makeOrder({ id: '111-0000000-0000004', deliveredAt: daysAgo(60), purchasedAt: daysAgo(65) });

function service(orders: Order[] = [unshipped, shipped, delivered, oldDelivered], extra: { dataDir?: string } = {}) {
  return new InMemoryOrderService({ orders, now: () => NOW, policy: DEFAULT_POLICY, ...extra });
}

const returnInput = (overrides: Partial<Parameters<InMemoryOrderService['createReturn']>[0]> = {}) => ({
  orderId: delivered.id,
  skus: ['A'],
  reason: 'defective' as const,
  resolution: 'refund' as const,
  returnShippingPaidBy: 'seller' as const,
  refundAmount: { amount: 3300, currency: 'USD' },
  idempotencyKey: 'r1',
  ...overrides,
});

describe('InMemoryOrderService: reads', () => {
  it('finds by id and lists by email (case-insensitive, newest first)', async () => {
    const svc = service([delivered, makeOrder({ id: '111-0000000-0000009', buyerEmail: 'someone@example.com', purchasedAt: daysAgo(1) })]);
    expect((await svc.findById(` ${delivered.id} `))?.id).toBe(delivered.id);
    expect(await svc.findById('999-9999999-9999999')).toBeUndefined();
    expect((await svc.listByEmail('  SOMEONE@example.COM ')).map((o) => o.id)).toEqual(['111-0000000-0000009', delivered.id]);
  });

  it('returns copies: mutating a result does not change the store', async () => {
    const svc = service();
    const o = await svc.findById(unshipped.id);
    if (!o) throw new Error('missing');
    o.status = 'cancelled';
    expect((await svc.findById(unshipped.id))?.status).toBe('unshipped');
  });
});

describe('InMemoryOrderService: cancel', () => {
  it('cancels an unshipped order once; the same key gives the same result', async () => {
    const svc = service();
    const first = await svc.cancel(unshipped.id, { by: 'buyer', reason: 'changed mind', idempotencyKey: 'c1' });
    expect(first).toMatchObject({ ok: true, value: { status: 'cancelled', cancelledAt: NOW.toISOString(), cancelledBy: 'buyer' } });
    const again = await svc.cancel(unshipped.id, { by: 'buyer', reason: 'changed mind', idempotencyKey: 'c1' });
    expect(again).toEqual(first);
    // a new key sees the real state
    expect(await svc.cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'c2' })).toEqual({ ok: false, code: 'already_cancelled' });
  });

  it('concurrent cancels with one key: one effect, identical results', async () => {
    const svc = service();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => svc.cancel(unshipped.id, { by: 'seller', reason: 'oos', idempotencyKey: 'same' })),
    );
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]?.ok).toBe(true);
  });

  it.each([
    ['shipped', '111-0000000-0000002', 'already_shipped'],
    ['delivered', '111-0000000-0000003', 'already_shipped'],
    ['unknown', '999-9999999-9999999', 'not_found'],
  ])('refuses a %s order', async (_label, id, code) => {
    expect(await service().cancel(id, { by: 'seller', reason: 'x', idempotencyKey: 'k' })).toEqual({ ok: false, code });
  });
});

describe('InMemoryOrderService: address change', () => {
  const address = { name: 'New Name', line1: '9 Elm St', city: 'Shelbyville', postalCode: '54321', countryCode: 'US' };

  it('redirect only for shipped orders', async () => {
    const svc = service();
    const r = await svc.requestAddressChange(shipped.id, { address, kind: 'redirect', idempotencyKey: 'a1' });
    expect(r).toMatchObject({ ok: true, value: { addressChangeRequest: { kind: 'redirect', address } } });
    expect(await svc.requestAddressChange(unshipped.id, { address, kind: 'redirect', idempotencyKey: 'a2' })).toEqual({ ok: false, code: 'not_allowed' });
  });

  it('update in place only when the policy says so and before shipment', async () => {
    expect(await service().requestAddressChange(unshipped.id, { address, kind: 'update', idempotencyKey: 'a' })).toEqual({
      ok: false,
      code: 'not_allowed',
    });
    const p = parsePolicy({ addressChangeMode: 'update_address' });
    if (!p.ok) throw p.error;
    const svc = new InMemoryOrderService({ orders: [unshipped, shipped], now: () => NOW, policy: p.policy });
    const r = await svc.requestAddressChange(unshipped.id, { address, kind: 'update', idempotencyKey: 'a' });
    expect(r).toMatchObject({ ok: true, value: { shippingAddress: address } });
    expect(await svc.requestAddressChange(shipped.id, { address, kind: 'update', idempotencyKey: 'b' })).toEqual({ ok: false, code: 'not_allowed' });
  });
});

describe('InMemoryOrderService: returns and refunds', () => {
  it('creates an RMA with an unguessable number; same key → same RMA', async () => {
    const svc = service();
    const r = await svc.createReturn(returnInput());
    if (!r.ok) throw new Error(r.code);
    expect(r.value.rma).toMatch(RMA_PATTERN);
    expect(r.value).toMatchObject({ orderId: delivered.id, status: 'authorized', refundAmount: { amount: 3300 } });
    expect(await svc.createReturn(returnInput())).toEqual(r);
    expect(await svc.listReturns(delivered.id)).toHaveLength(1);
    expect(await svc.findReturn(r.value.rma.toLowerCase())).toEqual(r.value);
  });

  it('RMA numbers are distinct', async () => {
    const orders = Array.from({ length: 50 }, (_, i) => makeOrder({ id: `111-0000000-${String(i).padStart(7, '0')}` }));
    const svc = service(orders);
    const rmas = new Set<string>();
    for (const o of orders) {
      const r = await svc.createReturn(returnInput({ orderId: o.id }));
      if (r.ok) rmas.add(r.value.rma);
    }
    expect(rmas.size).toBe(50);
  });

  it.each([
    ['not delivered yet', { orderId: shipped.id }],
    ['outside the window', { orderId: oldDelivered.id }],
    ['unknown sku', { skus: ['ZZZ'] }],
    ['no sku', { skus: [] }],
    ['refund above the policy amount', { refundAmount: { amount: 3301, currency: 'USD' } }],
    ['wrong currency', { refundAmount: { amount: 100, currency: 'EUR' } }],
    ['buyer charged for a seller fault', { returnShippingPaidBy: 'buyer' as const }],
    ['resolution not offered', { reason: 'not_as_described' as const, resolution: 'replacement' as const }],
    ['returnless above the threshold', { resolution: 'returnless_refund' as const }],
    ['buyer choice refunding shipping', { reason: 'no_longer_needed' as const, returnShippingPaidBy: 'buyer' as const }],
  ])('refuses: %s', async (_label, overrides) => {
    expect(await service().createReturn(returnInput(overrides))).toEqual({ ok: false, code: 'not_returnable' });
  });

  it('unknown order → not_found', async () => {
    expect(await service().createReturn(returnInput({ orderId: '999-9999999-9999999' }))).toEqual({ ok: false, code: 'not_found' });
  });

  it('an item already in an open return cannot be returned again', async () => {
    const svc = service();
    expect((await svc.createReturn(returnInput())).ok).toBe(true);
    expect(await svc.createReturn(returnInput({ idempotencyKey: 'r2' }))).toEqual({ ok: false, code: 'not_returnable' });
    expect((await svc.createReturn(returnInput({ idempotencyKey: 'r3', skus: ['B'], refundAmount: { amount: 2200, currency: 'USD' } }))).ok).toBe(true);
  });

  it('an agent may approve an exception outside the window', async () => {
    const r = await service().createReturn(returnInput({ orderId: oldDelivered.id, approvedBy: 'agent@shop' }));
    expect(r).toMatchObject({ ok: true, value: { approvedBy: 'agent@shop' } });
  });

  it('warranty repair outside the window while the warranty runs', async () => {
    const r = await service().createReturn(
      returnInput({ orderId: oldDelivered.id, resolution: 'warranty_repair', refundAmount: { amount: 0, currency: 'USD' } }),
    );
    expect(r.ok).toBe(true);
  });

  it('refunds: idempotent, capped at what was paid, marks the order returned when all items are refunded', async () => {
    const svc = service();
    const a = await svc.createReturn(returnInput());
    const b = await svc.createReturn(returnInput({ idempotencyKey: 'r2', skus: ['B'], refundAmount: { amount: 2200, currency: 'USD' } }));
    if (!a.ok || !b.ok) throw new Error('setup');
    const ref = await svc.recordRefund({ orderId: delivered.id, rma: a.value.rma, amount: { amount: 3300, currency: 'USD' }, idempotencyKey: 'f1' });
    expect(ref).toMatchObject({ ok: true, value: { amount: { amount: 3300 }, rma: a.value.rma } });
    expect(await svc.recordRefund({ orderId: delivered.id, rma: a.value.rma, amount: { amount: 3300, currency: 'USD' }, idempotencyKey: 'f1' })).toEqual(ref);
    expect(await svc.listRefunds(delivered.id)).toHaveLength(1);
    expect((await svc.findReturn(a.value.rma))?.status).toBe('refunded');
    expect((await svc.findById(delivered.id))?.status).toBe('delivered');
    // 5500 paid, 3300 refunded: 2201 more would exceed
    expect(await svc.recordRefund({ orderId: delivered.id, amount: { amount: 2201, currency: 'USD' }, idempotencyKey: 'f2' })).toEqual({
      ok: false,
      code: 'exceeds_paid',
    });
    expect((await svc.recordRefund({ orderId: delivered.id, rma: b.value.rma, amount: { amount: 2200, currency: 'USD' }, idempotencyKey: 'f3' })).ok).toBe(true);
    expect((await svc.findById(delivered.id))?.status).toBe('returned');
  });

  it('refund errors: unknown order or RMA, other currency', async () => {
    const svc = service();
    expect(await svc.recordRefund({ orderId: '999-9999999-9999999', amount: { amount: 1, currency: 'USD' }, idempotencyKey: 'x' })).toEqual({ ok: false, code: 'not_found' });
    expect(await svc.recordRefund({ orderId: delivered.id, rma: 'RMA-AAAAAAAAAA', amount: { amount: 1, currency: 'USD' }, idempotencyKey: 'y' })).toEqual({ ok: false, code: 'not_found' });
    expect(await svc.recordRefund({ orderId: delivered.id, amount: { amount: 1, currency: 'EUR' }, idempotencyKey: 'z' })).toEqual({ ok: false, code: 'exceeds_paid' });
  });
});

describe('InMemoryOrderService: persistence', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('a restart keeps cancelled and returned state and answers retried keys the same', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'orders-'));
    dirs.push(dataDir);
    const first = service(undefined, { dataDir });
    const cancelled = await first.cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'c' });
    const rma = await first.createReturn(returnInput());
    if (!rma.ok) throw new Error(rma.code);

    // the demo seeds come back fresh on restart; the stored state wins
    const second = service(undefined, { dataDir });
    expect((await second.findById(unshipped.id))?.status).toBe('cancelled');
    expect(await second.findReturn(rma.value.rma)).toEqual(rma.value);
    expect(await second.cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'c' })).toEqual(cancelled);
    expect(await second.createReturn(returnInput())).toEqual(rma);
    expect(await second.listReturns(delivered.id)).toHaveLength(1);
  });

  it('orders nobody changed are not frozen by the data file: relative seeds come back fresh on restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'orders-'));
    dirs.push(dataDir);
    await service(undefined, { dataDir }).cancel(unshipped.id, { by: 'buyer', reason: 'x', idempotencyKey: 'c' });

    // the next start's seeds are a day later (the demo store computes them from the start time)
    const later = (o: Order): Order => ({ ...o, purchasedAt: new Date(Date.parse(o.purchasedAt) + 86_400_000).toISOString() });
    const second = service([unshipped, shipped, delivered, oldDelivered].map(later), { dataDir });
    expect((await second.findById(unshipped.id))?.status).toBe('cancelled');
    expect((await second.findById(shipped.id))?.purchasedAt).toEqual(later(shipped).purchasedAt);
  });
});
