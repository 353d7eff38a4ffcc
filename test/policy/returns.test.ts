import { describe, expect, it } from 'vitest';
import { BUYER_CHOICE_REASONS, SELLER_FAULT_REASONS } from '../../src/domain/order.js';
import type { ReturnReason } from '../../src/domain/order.js';
import {
  DEFAULT_POLICY,
  isBuyerChoice,
  parsePolicy,
  refundQuote,
  returnEligibility,
  warrantyStatus,
} from '../../src/policy/index.js';
import type { PolicyConfig } from '../../src/policy/index.js';
import { NOW, makeOrder } from './fixtures.js';

const DAY = 86_400_000;
function policy(json: unknown): PolicyConfig {
  const r = parsePolicy(json);
  if (!r.ok) throw r.error;
  return r.policy;
}
const deliveredAgo = (ms: number, extra: Parameters<typeof makeOrder>[0] = {}) =>
  makeOrder({ deliveredAt: new Date(NOW.getTime() - ms).toISOString(), purchasedAt: new Date(NOW.getTime() - ms - 3 * DAY).toISOString(), ...extra });

describe('returnEligibility: the 30-day window', () => {
  it.each([
    ['29 days', 29 * DAY, 'eligible'],
    ['exactly 30 days', 30 * DAY, 'eligible'],
    ['30 days + 1 ms', 30 * DAY + 1, 'outside_window_no_warranty'],
    ['31 days', 31 * DAY, 'outside_window_no_warranty'],
  ] as const)('buyer choice, delivered %s ago → %s', (_label, ago, kind) => {
    expect(returnEligibility(deliveredAgo(ago), { reason: 'no_longer_needed' }, NOW, DEFAULT_POLICY).kind).toBe(kind);
  });

  it('the deadline is 30 days after delivery', () => {
    const d = returnEligibility(deliveredAgo(10 * DAY), { reason: 'defective' }, NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({ kind: 'eligible', deadline: new Date(NOW.getTime() + 20 * DAY).toISOString() });
  });

  it('a region override (EU 14 days) changes the window for EU orders only', () => {
    const p = policy({ regions: { EU: { returnWindowDays: 14, productWarrantyMonths: 24 } } });
    expect(returnEligibility(deliveredAgo(15 * DAY, { region: 'EU' }), { reason: 'no_longer_needed' }, NOW, p).kind).toBe(
      'outside_window_no_warranty',
    );
    expect(returnEligibility(deliveredAgo(14 * DAY, { region: 'EU' }), { reason: 'no_longer_needed' }, NOW, p).kind).toBe('eligible');
    expect(returnEligibility(deliveredAgo(15 * DAY), { reason: 'no_longer_needed' }, NOW, p).kind).toBe('eligible');
  });
});

describe('returnEligibility: reason categories', () => {
  it('classifies every reason', () => {
    for (const r of BUYER_CHOICE_REASONS) expect(isBuyerChoice(r)).toBe(true);
    for (const r of SELLER_FAULT_REASONS) expect(isBuyerChoice(r)).toBe(false);
  });

  it.each(BUYER_CHOICE_REASONS.map((r) => [r]))('buyer choice (%s): buyer pays return shipping, item price only', (reason: ReturnReason) => {
    const d = returnEligibility(makeOrder(), { reason }, NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({
      kind: 'eligible',
      category: 'buyer_choice',
      returnShippingPaidBy: 'buyer',
      refundsShipping: false,
      refund: { amount: 5000, currency: 'USD' },
      deductions: [],
    });
    if (d.kind !== 'eligible') return;
    expect(d.options).toEqual(reason === 'wrong_size_or_colour' ? ['refund', 'replacement'] : ['refund']);
  });

  it.each(SELLER_FAULT_REASONS.map((r) => [r]))('seller fault (%s): seller pays both ways, full refund with shipping', (reason: ReturnReason) => {
    const d = returnEligibility(makeOrder(), { reason }, NOW, DEFAULT_POLICY);
    expect(d).toMatchObject({
      kind: 'eligible',
      category: 'seller_fault',
      returnShippingPaidBy: 'seller',
      refundsShipping: true,
      refund: { amount: 5500, currency: 'USD' },
    });
    if (d.kind !== 'eligible') return;
    expect(d.options).toEqual(reason === 'not_as_described' ? ['refund'] : ['refund', 'replacement']);
  });

  it('buyer-choice shipping refund can be switched on', () => {
    const d = returnEligibility(makeOrder(), { reason: 'no_longer_needed' }, NOW, policy({ refundShippingOnBuyerChoice: true }));
    expect(d).toMatchObject({ refund: { amount: 5500 }, refundsShipping: true });
  });

  it('returning some items refunds their price and their share of shipping', () => {
    const d = returnEligibility(makeOrder(), { reason: 'defective', skus: ['A'] }, NOW, DEFAULT_POLICY);
    // A = 3000 of 5000 → 60% of 500 shipping
    expect(d).toMatchObject({ kind: 'eligible', skus: ['A'], refund: { amount: 3300 } });
  });

  it('unknown SKUs are named', () => {
    expect(returnEligibility(makeOrder(), { reason: 'defective', skus: ['A', 'ZZZ'] }, NOW, DEFAULT_POLICY)).toEqual({
      kind: 'unknown_items',
      skus: ['ZZZ'],
    });
  });

  it.each([
    ['unshipped', { kind: 'not_delivered', status: 'unshipped' }],
    ['shipped', { kind: 'not_delivered', status: 'shipped' }],
    ['cancelled', { kind: 'cancelled' }],
    ['returned', { kind: 'already_returned' }],
  ] as const)('%s order', (status, expected) => {
    expect(returnEligibility(makeOrder({ status }), { reason: 'defective' }, NOW, DEFAULT_POLICY)).toEqual(expected);
  });
});

describe('returnEligibility: returnless refund threshold (under 10.00)', () => {
  const cheap = (amount: number) =>
    makeOrder({ items: [{ sku: 'C', title: 'Cable', quantity: 1, unitPrice: { amount, currency: 'USD' } }], shippingCost: { amount: 0, currency: 'USD' } });

  it.each([
    [999, true],
    [1000, false],
    [1001, false],
  ] as const)('item worth %i cents → returnless offered: %s', (amount, offered) => {
    const d = returnEligibility(cheap(amount), { reason: 'damaged' }, NOW, DEFAULT_POLICY);
    if (d.kind !== 'eligible') throw new Error(d.kind);
    expect(d.options.includes('returnless_refund')).toBe(offered);
    expect(d.returnlessRefund).toEqual(offered ? { amount, currency: 'USD' } : undefined);
  });

  it('not for buyer choice by default; configurable', () => {
    const d1 = returnEligibility(cheap(500), { reason: 'no_longer_needed' }, NOW, DEFAULT_POLICY);
    expect(d1.kind === 'eligible' && d1.options).toEqual(['refund']);
    const d2 = returnEligibility(cheap(500), { reason: 'no_longer_needed' }, NOW, policy({ returnlessFor: ['buyer_choice', 'seller_fault'] }));
    expect(d2.kind === 'eligible' && d2.options).toEqual(['refund', 'returnless_refund']);
  });

  it('no threshold for the currency → never returnless', () => {
    const order = makeOrder({ items: [{ sku: 'C', title: 'Cable', quantity: 1, unitPrice: { amount: 100, currency: 'JPY' } }], shippingCost: { amount: 0, currency: 'JPY' } });
    const d = returnEligibility(order, { reason: 'damaged' }, NOW, DEFAULT_POLICY);
    expect(d.kind === 'eligible' && d.options.includes('returnless_refund')).toBe(false);
  });
});

describe('refund deductions (buyer choice)', () => {
  it.each([
    ['unopened', true, 0, 5000, []],
    ['opened', true, 0, 5000, []],
    ['opened', true, 15, 4250, [{ code: 'restocking_fee', amount: { amount: 750, currency: 'USD' } }]],
    ['used', true, 0, 2500, [{ code: 'used_or_damaged', amount: { amount: 2500, currency: 'USD' } }]],
    ['damaged_by_buyer', true, 0, 2500, [{ code: 'used_or_damaged', amount: { amount: 2500, currency: 'USD' } }]],
    ['unopened', false, 0, 2500, [{ code: 'incomplete', amount: { amount: 2500, currency: 'USD' } }]],
    [
      'used',
      false,
      0,
      1250,
      [
        { code: 'used_or_damaged', amount: { amount: 2500, currency: 'USD' } },
        { code: 'incomplete', amount: { amount: 1250, currency: 'USD' } },
      ],
    ],
  ] as const)('condition %s, complete %s, restocking %i%% → refund %i', (condition, complete, fee, refund, deductions) => {
    const d = returnEligibility(makeOrder(), { reason: 'no_longer_needed', condition, complete }, NOW, policy({ restockingFeePercent: fee }));
    expect(d).toMatchObject({ kind: 'eligible', refund: { amount: refund } });
    expect(d.kind === 'eligible' && d.deductions).toEqual(deductions);
  });

  it('seller-fault returns have no deductions whatever the condition', () => {
    const q = refundQuote(makeOrder(), { reason: 'defective', condition: 'used', complete: false }, policy({ restockingFeePercent: 20 }));
    expect(q).toEqual({
      items: { amount: 5000, currency: 'USD' },
      shipping: { amount: 500, currency: 'USD' },
      deductions: [],
      total: { amount: 5500, currency: 'USD' },
    });
  });
});

describe('warranty after the window (1 year marketplace, 2 years EU product)', () => {
  it.each([
    ['NA', 31, 'outside_window_warranty', 'marketplace'],
    ['NA', 200, 'outside_window_warranty', 'marketplace'],
    ['NA', 500, 'outside_window_no_warranty', undefined],
    ['EU', 31, 'outside_window_warranty', 'marketplace'],
    ['EU', 200, 'outside_window_warranty', 'marketplace'],
    ['EU', 500, 'outside_window_warranty', 'product'],
    ['EU', 800, 'outside_window_no_warranty', undefined],
    ['UK', 500, 'outside_window_no_warranty', undefined],
  ] as const)('%s, defective, delivered %i days ago → %s %s', (region, days, kind, coverage) => {
    const d = returnEligibility(deliveredAgo(days * DAY, { region }), { reason: 'defective' }, NOW, DEFAULT_POLICY);
    expect(d.kind).toBe(kind);
    if (d.kind === 'outside_window_warranty') expect(d.coverage).toBe(coverage);
  });

  it.each(['no_longer_needed', 'wrong_item', 'not_as_described'] as const)('%s outside the window is not a warranty case', (reason) => {
    expect(returnEligibility(deliveredAgo(200 * DAY), { reason }, NOW, DEFAULT_POLICY).kind).toBe('outside_window_no_warranty');
  });

  it('marketplace warranty ends 12 calendar months after receipt (inclusive)', () => {
    const order = makeOrder({ purchasedAt: '2024-06-10T12:00:00.000Z', deliveredAt: '2024-06-15T12:00:00.000Z' });
    expect(warrantyStatus(order, new Date('2025-06-15T12:00:00.000Z'), DEFAULT_POLICY)).toEqual({ kind: 'marketplace', until: '2025-06-15T12:00:00.000Z' });
    expect(warrantyStatus(order, new Date('2025-06-15T12:00:00.001Z'), DEFAULT_POLICY)).toEqual({ kind: 'expired', endedAt: '2025-06-15T12:00:00.000Z' });
  });

  it('EU product warranty ends 24 months after purchase (inclusive)', () => {
    const order = makeOrder({ region: 'EU', purchasedAt: '2023-06-10T12:00:00.000Z', deliveredAt: '2023-06-15T12:00:00.000Z' });
    expect(warrantyStatus(order, new Date('2025-06-10T12:00:00.000Z'), DEFAULT_POLICY)).toEqual({ kind: 'product', until: '2025-06-10T12:00:00.000Z' });
    expect(warrantyStatus(order, new Date('2025-06-10T12:00:00.001Z'), DEFAULT_POLICY).kind).toBe('expired');
  });

  it('month arithmetic clamps to the end of a short month', () => {
    const order = makeOrder({ purchasedAt: '2024-01-20T00:00:00.000Z', deliveredAt: '2024-01-31T00:00:00.000Z' });
    const p = policy({ marketplaceWarrantyMonths: 1 });
    expect(warrantyStatus(order, new Date('2024-02-29T00:00:00.000Z'), policy({ marketplaceWarrantyMonths: 1, returnWindowDays: 0 }))).toEqual({
      kind: 'marketplace',
      until: '2024-02-29T00:00:00.000Z',
    });
    expect(warrantyStatus(order, new Date('2024-01-31T00:00:00.000Z'), p).kind).toBe('return_window');
  });

  it('not delivered → no warranty status yet', () => {
    expect(warrantyStatus(makeOrder({ status: 'shipped' }), NOW, DEFAULT_POLICY)).toEqual({ kind: 'not_delivered' });
  });
});
