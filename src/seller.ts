/** The seller's profile file: who they are, where returns go, when agents work. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AddressSchema } from './services/orders/index.js';
import { BusinessHoursSchema } from './services/handoff/business-hours.js';

export const SellerSchema = z.object({
  name: z.string().min(1),
  returnAddress: AddressSchema,
  businessHours: BusinessHoursSchema.default(BusinessHoursSchema.parse({})),
  minutesPerTicket: z.number().positive().default(6),
  agentsOnDuty: z.number().int().positive().default(1),
});
export type Seller = z.infer<typeof SellerSchema>;

export class SellerFileError extends Error {
  readonly code = 'SELLER_FILE_INVALID';
}

export function loadSeller(path: string): Seller {
  const parsed = SellerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new SellerFileError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
