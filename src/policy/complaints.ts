/** How urgent a complaint is (seed 004: respond in time, reasonable solution and compensation). */
import type { Money } from '../domain/money.js';
import type { ComplaintCategory } from '../domain/complaint.js';
import type { PolicyConfig } from './config.js';

export type SeverityReason = 'category' | 'keyword' | 'order_value';

export interface ComplaintAssessment {
  severity: 'normal' | 'severe';
  reasons: SeverityReason[];
  /** seed 004: answer within this many hours. */
  respondWithinHours: number;
}

export function complaintSeverity(
  input: { category: ComplaintCategory; buyerText: string[]; orderTotal?: Money },
  policy: PolicyConfig,
): ComplaintAssessment {
  const rules = policy.complaints;
  const reasons: SeverityReason[] = [];
  // seed 003/004: negative reviews and listed categories go to a person first
  if (rules.severeCategories.includes(input.category)) reasons.push('category');
  const text = input.buyerText.join('\n').toLowerCase();
  // seed 004: safety, legal and fraud complaints are handled at once
  if (rules.severeKeywords.some((k) => text.includes(k.toLowerCase()))) reasons.push('keyword');
  const limit = input.orderTotal ? rules.severeOrderValue[input.orderTotal.currency] : undefined;
  if (input.orderTotal && limit !== undefined && input.orderTotal.amount >= limit) reasons.push('order_value');
  return { severity: reasons.length > 0 ? 'severe' : 'normal', reasons, respondWithinHours: rules.responseHours };
}
