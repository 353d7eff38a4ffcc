/** The approval decision, pure: the policy is decided again when the agent approves (seeds 001/003). */
import { describe, expect, it } from 'vitest';
import { approvedCancelStep, refusedCancelOutcome } from '../../src/policy/approvals.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { demoOrders } from '../../src/services/orders/index.js';
import type { Order } from '../../src/domain/order.js';

const now = new Date('2026-03-10T12:00:00Z');
const base = demoOrders(now)[0] as Order;
const order = (o: Partial<Order>): Order => ({ ...base, ...o });

describe('approvedCancelStep', () => {
  it("cancels as the buyer inside the buyer's window, else as whoever asked", () => {
    const fresh = order({ status: 'unshipped', purchasedAt: new Date(now.getTime() - 5 * 60_000).toISOString() });
    expect(approvedCancelStep(fresh, now, DEFAULT_POLICY, 'seller')).toEqual({ kind: 'cancel', by: 'buyer' });
    const older = order({ status: 'unshipped', purchasedAt: new Date(now.getTime() - 5 * 3600_000).toISOString() });
    expect(approvedCancelStep(older, now, DEFAULT_POLICY, 'seller')).toEqual({ kind: 'cancel', by: 'seller' });
  });

  it('settles without cancelling what shipped, arrived, came back or does not exist', () => {
    expect(approvedCancelStep(order({ status: 'shipped' }), now, DEFAULT_POLICY, 'seller')).toEqual({ kind: 'settled', outcome: 'shipped_meanwhile' });
    expect(approvedCancelStep(order({ status: 'delivered', deliveredAt: now.toISOString() }), now, DEFAULT_POLICY, 'seller')).toEqual({ kind: 'settled', outcome: 'shipped_meanwhile' });
    expect(approvedCancelStep(order({ status: 'returned' }), now, DEFAULT_POLICY, 'seller')).toEqual({ kind: 'settled', outcome: 'not_possible' });
    expect(approvedCancelStep(undefined, now, DEFAULT_POLICY, 'seller')).toEqual({ kind: 'settled', outcome: 'not_possible' });
  });

  it("maps the order system's refusals", () => {
    expect(refusedCancelOutcome('already_shipped')).toBe('shipped_meanwhile');
    expect(refusedCancelOutcome('already_cancelled')).toBe('already_cancelled');
    expect(refusedCancelOutcome('not_found')).toBe('not_possible');
  });
});
