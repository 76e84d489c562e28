import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LockedUser {
  username: string;
  role: string;
  disabled: boolean;
}

/** The user row, locked for this transaction; 404 unless it belongs to the admin's agency (no cross-agency edits). */
export async function lockAgencyUser(client: pg.PoolClient, agencyId: string, userId: string): Promise<LockedUser> {
  const { rows } = UUID.test(userId)
    ? await client.query<LockedUser>('SELECT username, role, disabled FROM app_user WHERE id = $1 AND agency_id = $2 FOR UPDATE', [userId, agencyId])
    : { rows: [] };
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such user in your agency');
  return rows[0];
}
