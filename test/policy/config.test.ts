import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy, rulesForRegion } from '../../src/policy/index.js';

describe('policy config', () => {
  it('has the DESIGN.md section 5 defaults', () => {
    expect(DEFAULT_POLICY.buyerCancelWindowMinutes).toBe(30);
    expect(DEFAULT_POLICY.returnWindowDays).toBe(30);
    expect(DEFAULT_POLICY.addressChangeMode).toBe('cancel_and_reorder');
    expect(DEFAULT_POLICY.restockingFeePercent).toBe(0);
    expect(DEFAULT_POLICY.refundShippingOnBuyerChoice).toBe(false);
    expect(rulesForRegion(DEFAULT_POLICY, 'EU')).toEqual({ returnWindowDays: 30, marketplaceWarrantyMonths: 12, productWarrantyMonths: 24 });
    expect(rulesForRegion(DEFAULT_POLICY, 'NA')).toEqual({ returnWindowDays: 30, marketplaceWarrantyMonths: 12, productWarrantyMonths: 0 });
  });

  it('fills missing fields with defaults and applies region overrides', () => {
    const r = parsePolicy({ returnWindowDays: 45, regions: { EU: { returnWindowDays: 14, productWarrantyMonths: 24 } }, complaints: { responseHours: 12 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.buyerCancelWindowMinutes).toBe(30);
    expect(r.policy.complaints.responseHours).toBe(12);
    expect(r.policy.complaints.severeCategories).toEqual(['negative_review']);
    expect(rulesForRegion(r.policy, 'EU').returnWindowDays).toBe(14);
    expect(rulesForRegion(r.policy, 'NA').returnWindowDays).toBe(45);
  });

  it('lists every bad field, including typos', () => {
    const r = parsePolicy({ returnWindowDays: -1, addressChangeMode: 'teleport', retrunWindowDays: 10, restockingFeePercent: 150 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.error.problems.join('\n');
    expect(r.error.problems.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('returnWindowDays');
    expect(text).toContain('addressChangeMode');
    expect(text).toContain('retrunWindowDays');
    expect(text).toContain('restockingFeePercent');
    expect(r.error.code).toBe('POLICY_INVALID');
  });

  it('accepts the example policy file', async () => {
    const { readFile } = await import('node:fs/promises');
    const json: unknown = JSON.parse(await readFile(new URL('../../data/policy.example.json', import.meta.url), 'utf8'));
    const r = parsePolicy(json);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });
});
