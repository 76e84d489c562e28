import crypto from 'node:crypto';
import type { SessionUser } from '@/lib/auth/session-user';
import type { Runtime } from '@/lib/platform/runtime';
import { assertAgencySource, saveHmacSecret } from './source-settings';

/**
 * POST /api/admin/sources/[id]/hmac-secret: a new random secret, shown once; from now on the source must sign
 * (X-RTCC-Signature: sha256=<hex HMAC of the raw body>). Stored in clear: verifying an HMAC needs the secret.
 */
export async function rotateSourceSecret(rt: Runtime, admin: SessionUser, sourceId: string): Promise<{ secret: string }> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  const secret = crypto.randomBytes(32).toString('base64url');
  await saveHmacSecret(rt.pool, sourceId, secret);
  return { secret };
}

/** DELETE /api/admin/sources/[id]/hmac-secret: the source goes back to unsigned requests. */
export async function removeSourceSecret(rt: Runtime, admin: SessionUser, sourceId: string): Promise<void> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  await saveHmacSecret(rt.pool, sourceId, null);
}
