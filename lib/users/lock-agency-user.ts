import type pg from 'pg';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/platform/errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LockedUser {
  username: string;
  role: string;
  disabled: boolean;
}

/**
 * The user an administrator acts on (role, unlock, MFA reset, password), locked for this transaction. 404 unless
 * it belongs to the admin's agency (no cross-agency edits); 403 when it is a platform administrator and the actor
 * is not one: an agency admin manages only their agency's non-platform users, never the deployment's administrator.
 */
export async function lockAgencyUser(client: pg.PoolClient, admin: Pick<SessionUser, 'agencyId' | 'role'>, userId: string): Promise<LockedUser> {
  const { rows } = UUID.test(userId)
    ? await client.query<LockedUser>('SELECT username, role, disabled FROM app_user WHERE id = $1 AND agency_id = $2 FOR UPDATE', [userId, admin.agencyId])
    : { rows: [] };
  const target = rows[0];
  if (!target) throw new AppError('NOT_FOUND', 'No such user in your agency');
  if (target.role === 'platform_admin' && admin.role !== 'platform_admin') {
    throw new AppError('FORBIDDEN', 'Only a platform administrator changes a platform administrator');
  }
  return target;
}
