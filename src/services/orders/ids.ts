/** Unguessable identifiers: an RMA number is shown to the buyer and printed on the label. */
import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` RFC 4648 base32 characters, 5 random bits each (256 is a multiple of 32: no bias). */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

export const RMA_PATTERN = /^RMA-[A-Z2-7]{10}$/;

/** `RMA-` + 10 base32 characters (50 random bits). */
export function newRmaNumber(): string {
  return `RMA-${randomBase32(10)}`;
}

export function newRefundId(): string {
  return `RF-${randomBase32(10)}`;
}
