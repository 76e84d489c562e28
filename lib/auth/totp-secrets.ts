import type pg from 'pg';
import { isSealed, seal, unseal } from './secret-box';

/** AAD of a user's TOTP seed: the ciphertext opens only on that user's row. */
const context = (userId: string) => `totp:${userId}`;

export function encryptTotpSecret(userId: string, secret: string): string {
  return seal(secret, context(userId));
}

/** The base32 seed, or null when the stored value cannot be opened with this key (wrong key, altered row). */
export function decryptTotpSecret(userId: string, stored: string): string | null {
  return unseal(stored, context(userId));
}

/**
 * Enrolments made before encryption stored the base32 seed in clear: encrypt them in place at boot, so old
 * enrolments keep working. Conditional on the old value, so two nodes booting together do not double-encrypt.
 */
export async function encryptClearTotpSecrets(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ user_id: string; secret: string }>(`SELECT user_id, secret FROM user_mfa WHERE secret NOT LIKE 'enc:%'`);
  let n = 0;
  for (const r of rows) {
    if (isSealed(r.secret)) continue;
    const res = await pool.query('UPDATE user_mfa SET secret = $3 WHERE user_id = $1 AND secret = $2', [r.user_id, r.secret, encryptTotpSecret(r.user_id, r.secret)]);
    n += res.rowCount ?? 0;
  }
  return n;
}
