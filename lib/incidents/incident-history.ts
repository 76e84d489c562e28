import type pg from 'pg';
import { parseReasons } from '@/lib/correlate/incident-dto';
import type { IncidentHistoryDto } from '@/lib/domain/incident';

/**
 * An incident's history, in field order (when it happened; operators' actions: when they acted), then recorded order.
 * `actor` is a user id or a system name ('correlator'); `actorName` is what a person reads: the user's display name.
 */
export async function readIncidentHistory(db: pg.Pool | pg.PoolClient, incidentId: string): Promise<IncidentHistoryDto[]> {
  const { rows } = await db.query<{ at: Date; actor: string; actor_name: string | null; change: string; score: number; reasons: unknown }>(
    `SELECT coalesce(h.occurred_at, h.at) AS at, h.actor, u.display_name AS actor_name, h.change, h.score, h.reasons
       FROM incident_history h
       -- Compared as text: actor is a user id or 'correlator', and a uuid cast of the latter would fail the query.
       LEFT JOIN app_user u ON u.id::text = h.actor
      WHERE h.incident_id = $1 ORDER BY coalesce(h.occurred_at, h.at), h.id`, [incidentId]);
  return rows.map((h) => ({
    at: h.at.toISOString(), actor: h.actor, actorName: h.actor_name ?? h.actor, change: h.change, score: h.score, reasons: parseReasons(h.reasons),
  }));
}
