import type pg from 'pg';
import { z } from 'zod';
import { ACTIVE_STATUSES, ZIncidentStatus, type IncidentDto } from '@/lib/domain/incident';
import { invalid } from '@/lib/platform/errors/app-error';
import { INCIDENT_COLUMNS, incidentRowToDto, type IncidentRow } from '@/lib/correlate/incident-dto';

/** `status`: one status, or `active` (open, acknowledged, assigned, escalated). */
export const ZIncidentListQuery = z.strictObject({
  status: z.union([ZIncidentStatus, z.literal('active')]).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The queue: an agency's incidents of a status, most pressing first (score, then newest). */
export async function listIncidents(pool: pg.Pool, agencyId: string, query: unknown): Promise<IncidentDto[]> {
  const parsed = ZIncidentListQuery.safeParse(query);
  if (!parsed.success) throw invalid(parsed.error, 'query');
  const statuses = parsed.data.status === 'active' ? [...ACTIVE_STATUSES] : [parsed.data.status];
  const { rows } = await pool.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incident i
      WHERE i.agency_id = $1 AND i.status = ANY($2::text[])
      ORDER BY i.score DESC, i.opened_at DESC, i.id LIMIT $3`,
    [agencyId, statuses, parsed.data.limit],
  );
  return rows.map(incidentRowToDto);
}
