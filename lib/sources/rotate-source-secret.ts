import crypto from 'node:crypto';
import type { SessionUser } from '@/lib/auth/session-user';
import type { Runtime } from '@/lib/platform/runtime';
import { auditAdminChange } from '@/lib/audit/record';
import { assertAgencySource, saveHmacSecret } from './source-settings';

/**
 * POST /api/admin/sources/[id]/hmac-secret: a new random secret, shown once; from now on the source must sign
 * (X-RTCC-Signature: sha256=<hex HMAC of the raw body>). Stored in clear: verifying an HMAC needs the secret.
 */
export async function rotateSourceSecret(rt: Runtime, admin: SessionUser, sourceId: string, ip: string | null): Promise<{ secret: string }> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  const secret = crypto.randomBytes(32).toString('base64url');
  await saveHmacSecret(rt.pool, sourceId, secret);
  // The secret itself never enters the log.
  await auditAdminChange(rt.pool, { user: admin, ip, action: 'admin.source.hmac_secret.set', targetType: 'source', targetId: sourceId });
  return { secret };
}

/** DELETE /api/admin/sources/[id]/hmac-secret: the source goes back to unsigned requests. */
export async function removeSourceSecret(rt: Runtime, admin: SessionUser, sourceId: string, ip: string | null): Promise<void> {
  await assertAgencySource(rt.pool, sourceId, admin.agencyId);
  await saveHmacSecret(rt.pool, sourceId, null);
  await auditAdminChange(rt.pool, { user: admin, ip, action: 'admin.source.hmac_secret.remove', targetType: 'source', targetId: sourceId });
}
