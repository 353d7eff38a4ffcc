import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, addressChangeDecision, cancelDecision, parsePolicy } from '../../src/policy/index.js';
import type { PolicyConfig } from '../../src/policy/index.js';
import { NOW, daysAgo, makeOrder, minutesAgo } from './fixtures.js';

function policy(json: unknown): PolicyConfig {
  const r = parsePolicy(json);
  if (!r.ok) throw r.error;
  return r.policy;
}

describe('cancelDecision', () => {
  it.each([
    ['unshipped', 29, 'buyer_can_cancel'],
    ['unshipped', 30, 'buyer_can_cancel'],
    ['unshipped', 31, 'seller_can_cancel'],
    ['pending', 29, 'buyer_can_cancel'],
    ['pending', 30, 'buyer_can_cancel'],
    ['pending', 31, 'seller_can_cancel'],
    ['unshipped', 2 * 24 * 60, 'seller_can_cancel'],
  ] as const)('%s order placed %i minutes ago → %s', (status, minutes, kind) => {
    const d = cancelDecision(makeOrder({ status, purchasedAt: minutesAgo(minutes) }), NOW, DEFAULT_POLICY);
    expect(d.kind).toBe(kind);
  });

  it('gives the buyer deadline exactly 30 minutes after purchase', () => {
    const d = cancelDecision(makeOrder({ status: 'unshipped', purchasedAt: minutesAgo(10) }), NOW, DEFAULT_POLICY);
    expect(d).toEqual({ kind: 'buyer_can_cancel', deadline: new Date(NOW.getTime() + 20 * 60_000).toISOString() });
  });

  it('the window is configurable and seller cancels can need approval', () => {
    const p = policy({ buyerCancelWindowMinutes: 60, sellerCancelNeedsApproval: true });
    expect(cancelDecision(makeOrder({ status: 'unshipped', purchasedAt: minutesAgo(59) }), NOW, p).kind).toBe('buyer_can_cancel');
    expect(cancelDecision(makeOrder({ status: 'unshipped', purchasedAt: minutesAgo(61) }), NOW, p)).toEqual({
      kind: 'seller_can_cancel',
      requiresApproval: true,
    });
  });

  it.each([
    ['shipped', 'shipped_offer_return'],
    ['delivered', 'delivered_offer_return'],
    ['cancelled', 'already_cancelled'],
    ['returned', 'returned'],
  ] as const)('%s → %s, even inside the buyer window', (status, kind) => {
    expect(cancelDecision(makeOrder({ status, purchasedAt: minutesAgo(5) }), NOW, DEFAULT_POLICY).kind).toBe(kind);
  });

  it('a delivered order offers a return until the return deadline', () => {
    const d = cancelDecision(makeOrder({ deliveredAt: daysAgo(5) }), NOW, DEFAULT_POLICY);
    expect(d).toEqual({ kind: 'delivered_offer_return', returnDeadline: new Date(NOW.getTime() + 25 * 86_400_000).toISOString() });
  });
});

describe('addressChangeDecision', () => {
  it.each([
    ['cancel_and_reorder', 10, { kind: 'cancel_and_reorder', cancelBy: 'buyer', requiresApproval: false }],
    ['cancel_and_reorder', 31, { kind: 'cancel_and_reorder', cancelBy: 'seller', requiresApproval: false }],
    ['update_address', 10, { kind: 'update_address' }],
    ['update_address', 31, { kind: 'update_address' }],
  ] as const)('unshipped, mode %s, %i minutes after purchase', (mode, minutes, expected) => {
    const d = addressChangeDecision(makeOrder({ status: 'unshipped', purchasedAt: minutesAgo(minutes) }), NOW, policy({ addressChangeMode: mode }));
    expect(d).toEqual(expected);
  });

  it.each([
    ['minus_shipping', 5000],
    ['full', 5500],
  ] as const)('shipped: redirect or refuse; refund if it comes back (%s)', (rule, amount) => {
    const d = addressChangeDecision(makeOrder({ status: 'shipped' }), NOW, policy({ addressChangeReturnedRefund: rule }));
    expect(d).toEqual({
      kind: 'redirect_or_refuse',
      options: ['carrier_redirect', 'resident_forward_or_refuse'],
      refundIfReturned: rule,
      refundAmountIfReturned: { amount, currency: 'USD' },
    });
  });

  it.each([
    ['delivered', 'delivered'],
    ['cancelled', 'cancelled'],
    ['returned', 'returned'],
  ] as const)('%s → %s', (status, kind) => {
    expect(addressChangeDecision(makeOrder({ status }), NOW, DEFAULT_POLICY).kind).toBe(kind);
  });
});
