import type pg from 'pg';
import { z } from 'zod';
import { ACTIVE_STATUSES, type IncidentStatus } from '@/lib/domain/incident';
import { AppError } from '@/lib/platform/errors/app-error';

export interface IncidentRef {
  id: string;
  number: string;
  agencyId: string;
  status: IncidentStatus;
  active: boolean;
}

const ZId = z.uuid();

/** An incident of the caller's agency (locked FOR UPDATE inside a transaction when `lock`), or 404. */
export async function loadIncidentRef(db: pg.Pool | pg.PoolClient, agencyId: string, id: string, lock = false): Promise<IncidentRef> {
  if (!ZId.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such incident');
  const { rows } = await db.query<{ id: string; number: string; agency_id: string; status: IncidentStatus }>(
    `SELECT id, number, agency_id, status FROM incident WHERE id = $1 AND agency_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, agencyId],
  );
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', 'No such incident');
  return { id: r.id, number: r.number, agencyId: r.agency_id, status: r.status, active: ACTIVE_STATUSES.includes(r.status) };
}
