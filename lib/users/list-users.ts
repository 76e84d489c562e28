import type pg from 'pg';
import type { UserAdminDto } from '@/lib/domain/user-admin';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  agency_name: string;
  disabled: boolean;
  mfa_enrolled: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

/** Users of the admin's agency (an admin never sees or manages another agency's accounts). */
export async function listUsers(pool: pg.Pool | pg.PoolClient, agencyId: string, onlyId?: string): Promise<UserAdminDto[]> {
  const { rows } = await pool.query<UserRow>(
    `SELECT u.id, u.username, u.display_name, u.role, a.name AS agency_name, u.disabled, u.created_at, u.last_login_at,
            EXISTS (SELECT 1 FROM user_mfa m WHERE m.user_id = u.id AND m.enabled) AS mfa_enrolled,
            (SELECT t.locked_until FROM login_throttle t WHERE t.username = lower(u.username) AND t.locked_until > now()) AS locked_until
       FROM app_user u JOIN agency a ON a.id = u.agency_id
      WHERE u.agency_id = $1 AND ($2::uuid IS NULL OR u.id = $2)
      ORDER BY lower(u.username)`,
    [agencyId, onlyId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    agencyName: r.agency_name,
    disabled: r.disabled,
    mfaEnrolled: r.mfa_enrolled,
    lockedUntil: r.locked_until?.toISOString() ?? null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
