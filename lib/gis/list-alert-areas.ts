import type pg from 'pg';
import type { AlertAreaDto } from '@/lib/domain/gis-layer';
import { seqReceivedSince } from '@/lib/ingest/seq-received-since';

/** How long a CAP alert's area stays on the map after it was received. */
export const ALERT_AREA_HOURS = 24;

/**
 * Areas of the CAP alerts the agency's sources received over the last day (the adapter keeps the alert's polygons
 * and circles as one GeoJSON geometry in the event payload), newest first. Bounded by seq, not a time index.
 */
export async function listAlertAreas(pool: pg.Pool, agencyId: string): Promise<AlertAreaDto[]> {
  const since = await seqReceivedSince(pool, ALERT_AREA_HOURS);
  const { rows } = await pool.query<{ seq: string; title: string | null; type_code: string; occurred_at: Date; geometry: unknown }>(
    `SELECT e.seq::text AS seq, e.title, e.type_code, e.occurred_at, e.payload->'geometry' AS geometry
       FROM event e JOIN source s ON s.id = e.source_id
      WHERE e.seq >= $1::bigint AND e.kind = 'alert' AND s.agency_id = $2 AND jsonb_typeof(e.payload->'geometry') = 'object'
      ORDER BY e.seq DESC LIMIT 200`,
    [since.toString(), agencyId],
  );
  return rows.map((r) => ({ seq: r.seq, title: r.title ?? r.type_code, typeCode: r.type_code, occurredAt: r.occurred_at.toISOString(), geometry: r.geometry }));
}
