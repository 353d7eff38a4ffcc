/**
 * The seller's after-sales policy as data. Defaults come from DESIGN.md section 5 (seeds 000-004);
 * a seller overrides any of them in a JSON policy file validated by `parsePolicy`.
 */
import { z } from 'zod';
import type { Order } from '../domain/order.js';

export type Region = Order['region'];
export const REGIONS = ['NA', 'EU', 'UK', 'APAC', 'CN'] as const satisfies readonly Region[];

const percent = z.number().min(0).max(100);
const nonNegInt = z.number().int().min(0);

/** Rules a seller may set differently per policy region (EU consumer law differs, for one). */
export const RegionRulesSchema = z.object({
  returnWindowDays: nonNegInt.optional(),
  marketplaceWarrantyMonths: nonNegInt.optional(),
  productWarrantyMonths: nonNegInt.optional(),
});
export type RegionRules = z.infer<typeof RegionRulesSchema>;

export const ComplaintRulesSchema = z.object({
  // seed 004: complaints must be answered in time; severe ones go to a person at once
  severeCategories: z
    .array(z.enum(['product_quality', 'delivery', 'service', 'description_mismatch', 'negative_review', 'other']))
    .default(['negative_review']),
  /** Lower-case substrings (en and zh) that make any complaint severe: safety, legal threats, fraud. */
  severeKeywords: z
    .array(z.string().min(1))
    .default([
      'lawyer',
      'legal action',
      'sue',
      'fraud',
      'scam',
      'police',
      'injur',
      'fire',
      'burn',
      'unsafe',
      '律师',
      '起诉',
      '欺诈',
      '骗子',
      '报警',
      '受伤',
      '起火',
      '烧',
      '不安全',
    ]),
  /** Orders worth at least this (minor units, per currency) make a complaint severe. */
  severeOrderValue: z.record(z.string().length(3), nonNegInt).default({ USD: 50000, EUR: 50000, GBP: 40000, CNY: 350000 }),
  /** Promised first-response time in hours (shown to the agent queue). */
  responseHours: z.number().positive().default(24),
});

export const PolicyConfigSchema = z
  .object({
    // seed 001: buyer may cancel on their own within 30 minutes of ordering
    buyerCancelWindowMinutes: nonNegInt.default(30),
    /** When true a seller-side cancel (after the buyer window) waits for an agent's approval. */
    sellerCancelNeedsApproval: z.boolean().default(false),
    // seed 000/003: return request within 30 days of delivery
    returnWindowDays: nonNegInt.default(30),
    // seed 001/003: not shipped → cancel and let the buyer reorder; own-shop sellers may update instead
    addressChangeMode: z.enum(['cancel_and_reorder', 'update_address']).default('cancel_and_reorder'),
    // seed 003: shipped to the wrong address and it comes back → refund, optionally minus shipping
    addressChangeReturnedRefund: z.enum(['full', 'minus_shipping']).default('minus_shipping'),
    // seed 001/003: buyer may keep/discard the item (refund without return) when it is cheap
    returnlessRefundThreshold: z.record(z.string().length(3), nonNegInt).default({ USD: 1000, EUR: 1000, GBP: 1000, CNY: 7000 }),
    /** Which reason categories may get a returnless refund. */
    returnlessFor: z.array(z.enum(['buyer_choice', 'seller_fault'])).default(['seller_fault']),
    // seed 001 (6): a reasonable return fee in some cases (buyer-choice return of an opened item)
    restockingFeePercent: percent.default(0),
    // seed 003: returned used or damaged → partial refund (explained before)
    usedOrDamagedRefundPercent: percent.default(50),
    // seed 001 (3): the return must include everything received; otherwise partial refund
    incompleteRefundPercent: percent.default(50),
    // seed 003: buyer-choice return refunds the item price, not the shipping
    refundShippingOnBuyerChoice: z.boolean().default(false),
    // seed 000: marketplace warranty 1 year from receipt
    marketplaceWarrantyMonths: nonNegInt.default(12),
    // seed 000: product warranty from first purchase (2 years in the EU, set per region)
    productWarrantyMonths: nonNegInt.default(0),
    regions: z
      .object({
        NA: RegionRulesSchema.optional(),
        EU: RegionRulesSchema.optional(),
        UK: RegionRulesSchema.optional(),
        APAC: RegionRulesSchema.optional(),
        CN: RegionRulesSchema.optional(),
      })
      .strict()
      .default({ EU: { productWarrantyMonths: 24 } }),
    /** Hours after the latest delivery date before an order counts as late (carrier scans lag). */
    latenessGraceHours: z.number().min(0).default(0),
    /** Days without a carrier scan, still inside the window, that make a shipment "slow". */
    slowNoScanDays: z.number().positive().default(3),
    /** Days without a scan, past the latest delivery date, that make a shipment presumed lost. */
    lostNoScanDays: z.number().positive().default(10),
    complaints: ComplaintRulesSchema.prefault({}),
  })
  .strict();

export type PolicyConfig = z.infer<typeof PolicyConfigSchema>;

/** Effective rules for one order's region (base values with the region's overrides applied). */
export interface EffectiveRegionRules {
  returnWindowDays: number;
  marketplaceWarrantyMonths: number;
  productWarrantyMonths: number;
}

export const DEFAULT_POLICY: PolicyConfig = PolicyConfigSchema.parse({});

export class PolicyError extends Error {
  readonly code = 'POLICY_INVALID';
  constructor(
    message: string,
    /** One entry per bad field, e.g. `returnWindowDays: Too small: expected number to be >=0`. */
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

export type PolicyParseResult = { ok: true; policy: PolicyConfig } | { ok: false; error: PolicyError };

/**
 * Validate a seller's policy JSON (already parsed). Missing fields take the defaults; unknown or
 * invalid fields are listed by path so a typo in the policy file is caught at start-up.
 */
export function parsePolicy(json: unknown): PolicyParseResult {
  const parsed = PolicyConfigSchema.safeParse(json ?? {});
  if (parsed.success) return { ok: true, policy: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
    return `${path}: ${issue.message}${keys}`;
  });
  return { ok: false, error: new PolicyError(`Invalid policy: ${problems.join('; ')}`, problems) };
}

/** The rules that apply to an order's region. */
export function rulesForRegion(policy: PolicyConfig, region: Region): EffectiveRegionRules {
  const o = policy.regions[region] ?? {};
  return {
    returnWindowDays: o.returnWindowDays ?? policy.returnWindowDays,
    marketplaceWarrantyMonths: o.marketplaceWarrantyMonths ?? policy.marketplaceWarrantyMonths,
    productWarrantyMonths: o.productWarrantyMonths ?? policy.productWarrantyMonths,
  };
}
