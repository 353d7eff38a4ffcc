/** Random tokens (eTags, lock tokens): fresh CSPRNG bytes in base64url (16 bytes → 22 characters). */
import { randomBytes } from 'node:crypto';

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
