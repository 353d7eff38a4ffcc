import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, complaintSeverity } from '../../src/policy/index.js';

describe('complaintSeverity', () => {
  it.each([
    [{ category: 'delivery', buyerText: ['It is two days late'] }, 'normal', []],
    [{ category: 'negative_review', buyerText: ['I will leave 1 star'] }, 'severe', ['category']],
    [{ category: 'product_quality', buyerText: ['The charger caught FIRE'] }, 'severe', ['keyword']],
    [{ category: 'service', buyerText: ['你们是骗子，我要报警'] }, 'severe', ['keyword']],
    [{ category: 'product_quality', buyerText: ['meh'], orderTotal: { amount: 50000, currency: 'USD' } }, 'severe', ['order_value']],
    [{ category: 'product_quality', buyerText: ['meh'], orderTotal: { amount: 49999, currency: 'USD' } }, 'normal', []],
  ] as const)('%j → %s', (input, severity, reasons) => {
    const r = complaintSeverity({ ...input, buyerText: [...input.buyerText] }, DEFAULT_POLICY);
    expect(r.severity).toBe(severity);
    expect(r.reasons).toEqual(reasons);
    expect(r.respondWithinHours).toBe(24);
  });
});
