import type pg from 'pg';
import { ACTIVE_STATUSES } from '@/lib/domain/incident';
import { agencyScope } from '@/lib/dashboard/agency-sources';
import { selectUnitStates } from '@/lib/dashboard/unit-board';

export interface UnitStatus {
  status: string;
  since: Date;
}

/**
 * A unit's status now: the newest of what its tracker reported, what its CAD records say (dispatched, en route,
 * on scene, cleared) and an operator's assignment to an active incident (`assigned`, until CAD or the tracker
 * says something newer).
 */
export async function currentUnitStatuses(pool: pg.Pool, agencyId: string, now = new Date()): Promise<Map<string, UnitStatus>> {
  const [states, assigned] = await Promise.all([
    agencyScope(pool, agencyId).then((scope) => selectUnitStates(pool, agencyId, scope.sources, now, scope.cursor)),
    pool.query<{ call_sign: string; linked_at: Date }>(
      `SELECT DISTINCT ON (iu.call_sign) iu.call_sign, iu.linked_at
         FROM incident_unit iu JOIN incident i ON i.id = iu.incident_id
        WHERE i.agency_id = $1 AND i.status = ANY($2::text[]) AND iu.source = 'assigned'
        ORDER BY iu.call_sign, iu.linked_at DESC`,
      [agencyId, ACTIVE_STATUSES],
    ),
  ]);
  const out = new Map<string, UnitStatus>(states.map((s) => [s.callSign, { status: s.status, since: s.since }]));
  for (const a of assigned.rows) {
    const prev = out.get(a.call_sign);
    if (!prev || prev.since < a.linked_at) out.set(a.call_sign, { status: 'assigned', since: a.linked_at });
  }
  return out;
}
