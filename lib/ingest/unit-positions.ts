import type pg from 'pg';
import type { AvlFix } from './adapters/avl-osmand';
import type { IngestResult } from './ingest-events';

/**
 * Move `unit` rows to the newest fresh fix of each unit in a batch, inside the batch's transaction (called
 * from ingestEvents' afterInsert), so the event log and the unit table never disagree. Duplicates (retries)
 * are skipped: a late retry must not drag a unit back to where it was. Status changes only when reported.
 */
export async function moveUnits(client: pg.PoolClient, agencyId: string, fixes: AvlFix[], results: IngestResult[]): Promise<void> {
  const newest = new Map<string, AvlFix>();
  fixes.forEach((f, i) => {
    if (results[i]?.duplicate !== false) return;
    const prev = newest.get(f.unitId);
    if (!prev || f.occurredAt >= prev.occurredAt) newest.set(f.unitId, f);
  });
  if (!newest.size) return;
  const list = [...newest.values()];
  await client.query(
    `INSERT INTO unit (id, agency_id, call_sign, unit_type, status, status_at, lat, lon, heading, updated_at)
     SELECT gen_random_uuid(), $1, u.call_sign, u.unit_type, coalesce(u.status, 'available'), CASE WHEN u.status IS NOT NULL THEN u.at END,
            u.lat, u.lon, u.heading, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::timestamptz[])
            AS u(call_sign, unit_type, status, lat, lon, heading, at)
     ON CONFLICT (agency_id, call_sign) DO UPDATE
       SET lat = EXCLUDED.lat, lon = EXCLUDED.lon, heading = coalesce(EXCLUDED.heading, unit.heading),
           unit_type = coalesce(EXCLUDED.unit_type, unit.unit_type), updated_at = now()`,
    [
      agencyId,
      list.map((f) => f.unitId),
      list.map((f) => f.unitType),
      list.map((f) => f.status),
      list.map((f) => f.lat),
      list.map((f) => f.lon),
      list.map((f) => f.heading),
      list.map((f) => f.occurredAt),
    ],
  );
  const reported = list.filter((f) => f.status !== null);
  if (reported.length) {
    await client.query(
      `UPDATE unit SET status = s.status, status_at = s.at
         FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS s(call_sign, status, at)
        WHERE unit.agency_id = $1 AND unit.call_sign = s.call_sign`,
      [agencyId, reported.map((f) => f.unitId), reported.map((f) => f.status), reported.map((f) => f.occurredAt)],
    );
  }
}
