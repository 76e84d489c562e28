import type pg from 'pg';
import type { Assignee } from '@/lib/domain/teamwork';
import { AppError } from '@/lib/platform/errors/app-error';

/** Roles that can own an incident: the people who work the queue. */
export const OWNER_ROLES = ['operator', 'supervisor', 'admin'] as const;

interface Row {
  id: string;
  display_name: string;
  username: string;
  role: string;
}
const toAssignee = (r: Row): Assignee => ({ userId: r.id, name: r.display_name, username: r.username, role: r.role });

/** The agency's users who may own incidents (enabled), by name: the owner picker and the hand-off list. */
export async function listAssignees(pool: pg.Pool, agencyId: string): Promise<Assignee[]> {
  const { rows } = await pool.query<Row>(
    `SELECT id, display_name, username, role FROM app_user WHERE agency_id = $1 AND role = ANY($2::text[]) AND NOT disabled ORDER BY display_name, username`,
    [agencyId, [...OWNER_ROLES]],
  );
  return rows.map(toAssignee);
}

/** One assignee of the agency, or 400 naming the field. */
export async function loadAssignee(db: pg.Pool | pg.PoolClient, agencyId: string, userId: string, field: string): Promise<Assignee> {
  const { rows } = await db.query<Row>(
    `SELECT id, display_name, username, role FROM app_user WHERE id = $1 AND agency_id = $2 AND role = ANY($3::text[]) AND NOT disabled`,
    [userId, agencyId, [...OWNER_ROLES]],
  );
  if (!rows[0]) throw new AppError('BAD_REQUEST', `${field}: not an active operator, supervisor or admin of your agency`, [{ path: field, message: 'unknown assignee' }]);
  return toAssignee(rows[0]);
}
