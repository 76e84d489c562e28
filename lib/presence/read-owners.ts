import type pg from 'pg';
import { ACTIVE_STATUSES } from '@/lib/domain/incident';
import type { Person } from '@/lib/domain/teamwork';

interface OwnerRow {
  incident_id: string;
  user_id: string;
  display_name: string;
  role: string;
}

const toPerson = (r: OwnerRow): Person => ({ userId: r.user_id, name: r.display_name, role: r.role });

/** The owners of the given incidents (those that have one). */
export async function readOwners(pool: pg.Pool | pg.PoolClient, incidentIds: readonly string[]): Promise<Map<string, Person>> {
  if (!incidentIds.length) return new Map();
  const { rows } = await pool.query<OwnerRow>(
    `SELECT o.incident_id, o.user_id, u.display_name, u.role FROM incident_owner o JOIN app_user u ON u.id = o.user_id
      WHERE o.incident_id = ANY($1::uuid[])`,
    [incidentIds],
  );
  return new Map(rows.map((r) => [r.incident_id, toPerson(r)]));
}

/** Owners of the still-active incidents of these agencies (the queue's "monitored by" after a reconnect). */
export async function readActiveOwners(pool: pg.Pool, agencyIds: readonly string[]): Promise<Map<string, Person>> {
  const { rows } = await pool.query<OwnerRow>(
    `SELECT o.incident_id, o.user_id, u.display_name, u.role
       FROM incident_owner o JOIN app_user u ON u.id = o.user_id JOIN incident i ON i.id = o.incident_id
      WHERE o.agency_id = ANY($1::uuid[]) AND i.status = ANY($2::text[])`,
    [agencyIds, [...ACTIVE_STATUSES]],
  );
  return new Map(rows.map((r) => [r.incident_id, toPerson(r)]));
}
