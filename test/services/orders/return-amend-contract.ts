/**
 * One contract for amending an issued return, run against every order store (embedded, Redis, HTTP):
 * the remedy switches refund ↔ replacement on the same RMA, re-checked against the policy; a return
 * not yet sent can be withdrawn (the items may then be returned again); each change once per key.
 */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/domain/order.js';
import type { OrderService } from '../../../src/services/ports.js';
import { makeOrder } from '../../policy/fixtures.js';

/** A delivered order the suite may change; `fresh()` gives a store holding it and nothing else. */
export const amendOrder: Order = makeOrder({ id: '111-0000000-0000042' });

const faulty = (key: string, overrides: Partial<Parameters<OrderService['createReturn']>[0]> = {}) => ({
  orderId: amendOrder.id,
  skus: ['A'],
  reason: 'defective' as const,
  resolution: 'refund' as const,
  returnShippingPaidBy: 'seller' as const,
  // seller's fault: item A (30.00) and its share of shipping (3.00)
  refundAmount: { amount: 3300, currency: 'USD' },
  idempotencyKey: key,
  ...overrides,
});

async function issued(svc: OrderService, key = 'r1', overrides: Partial<Parameters<OrderService['createReturn']>[0]> = {}) {
  const created = await svc.createReturn(faulty(key, overrides));
  if (!created.ok) throw new Error(`return not created: ${created.code}`);
  return created.value;
}

export function returnAmendContract(name: string, fresh: () => Promise<OrderService>) {
  describe(`${name}: amending an issued return`, () => {
    it('refund → replacement → refund on the same RMA; the same key gives the same result, one change', async () => {
      const svc = await fresh();
      const rma = await issued(svc);
      const input = { orderId: amendOrder.id, rma: rma.rma, resolution: 'replacement' as const, refundAmount: { amount: 0, currency: 'USD' }, idempotencyKey: 'm1' };
      const first = await svc.changeReturnResolution(input);
      expect(first).toMatchObject({ ok: true, value: { rma: rma.rma, resolution: 'replacement', refundAmount: { amount: 0 }, status: 'authorized', returnShippingPaidBy: 'seller' } });
      expect(await svc.changeReturnResolution(input)).toEqual(first);
      expect(await svc.findReturn(rma.rma)).toMatchObject({ resolution: 'replacement' });
      const back = await svc.changeReturnResolution({ ...input, resolution: 'refund', refundAmount: { amount: 3300, currency: 'USD' }, idempotencyKey: 'm2' });
      expect(back).toMatchObject({ ok: true, value: { resolution: 'refund', refundAmount: { amount: 3300 } } });
      expect(await svc.listReturns(amendOrder.id)).toHaveLength(1);
    });

    it('refuses a remedy the policy does not offer, a refund above the policy, and unknown returns', async () => {
      const svc = await fresh();
      const described = await issued(svc, 'r2', { reason: 'not_as_described' });
      // "not as described": refund only (seed 001 §3 (5))
      expect(await svc.changeReturnResolution({ orderId: amendOrder.id, rma: described.rma, resolution: 'replacement', refundAmount: { amount: 0, currency: 'USD' }, idempotencyKey: 'x1' })).toEqual({ ok: false, code: 'not_changeable' });
      expect(await svc.changeReturnResolution({ orderId: amendOrder.id, rma: described.rma, resolution: 'refund', refundAmount: { amount: 99_999, currency: 'USD' }, idempotencyKey: 'x2' })).toEqual({ ok: false, code: 'not_changeable' });
      expect(await svc.changeReturnResolution({ orderId: amendOrder.id, rma: described.rma, resolution: 'returnless_refund', refundAmount: { amount: 3300, currency: 'USD' }, idempotencyKey: 'x3' })).toEqual({ ok: false, code: 'not_changeable' });
      expect(await svc.changeReturnResolution({ orderId: amendOrder.id, rma: 'RMA-NOPE', resolution: 'refund', refundAmount: { amount: 1, currency: 'USD' }, idempotencyKey: 'x4' })).toEqual({ ok: false, code: 'not_found' });
      expect(await svc.findReturn(described.rma)).toMatchObject({ resolution: 'refund', refundAmount: { amount: 3300 } });
    });

    it('withdraws a return not yet sent, once; the item can then be returned again', async () => {
      const svc = await fresh();
      const rma = await issued(svc, 'r3');
      const first = await svc.withdrawReturn({ orderId: amendOrder.id, rma: rma.rma, idempotencyKey: 'w1' });
      expect(first).toMatchObject({ ok: true, value: { rma: rma.rma, status: 'withdrawn' } });
      expect(await svc.withdrawReturn({ orderId: amendOrder.id, rma: rma.rma, idempotencyKey: 'w1' })).toEqual(first);
      expect(await svc.withdrawReturn({ orderId: amendOrder.id, rma: rma.rma, idempotencyKey: 'w2' })).toEqual({ ok: false, code: 'not_withdrawable' });
      expect(await svc.changeReturnResolution({ orderId: amendOrder.id, rma: rma.rma, resolution: 'replacement', refundAmount: { amount: 0, currency: 'USD' }, idempotencyKey: 'w3' })).toEqual({ ok: false, code: 'not_changeable' });
      expect(await svc.withdrawReturn({ orderId: amendOrder.id, rma: 'RMA-NOPE', idempotencyKey: 'w4' })).toEqual({ ok: false, code: 'not_found' });
      expect((await svc.findReturn(rma.rma))?.status).toBe('withdrawn');
      // withdrawn is not open: the same item may be returned again
      expect((await svc.createReturn(faulty('r4'))).ok).toBe(true);
    });
  });
}
