/**
 * Secrets that were random per process (label links, widget tokens, buyer tokens) made stable with
 * `DATA_DIR`: generated once, kept in `<DATA_DIR>/secrets/<name>` readable by this user only
 * (0600, in a 0700 directory), and read back on every start, so a label link promised for 7 days
 * and a widget's token survive a restart. A configured secret always wins over the stored one.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SecretName = 'label-secret' | 'direct-line-token-secret' | 'buyer-token-secret';

/** The stored secret (64 hex characters), created on first use. */
export function stableSecret(dataDir: string, name: SecretName): string {
  const dir = join(dataDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  try {
    // 'wx': create only; two processes starting at once both end up reading the winner's secret.
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST')) throw err;
  }
  // A copied data directory may have lost its modes: restore them.
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file}: stored secret is too short; delete it to generate a new one`);
  return secret;
}
