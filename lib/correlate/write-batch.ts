import type pg from 'pg';
import type { BatchOutput } from './engine';
import { CORRELATOR_ID } from './read-state';

export class CursorMovedError extends Error {
  constructor(expected: bigint) {
    super(`correlator cursor is no longer ${expected}: another node wrote; rebuilding`);
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Write one batch's incident changes and advance the cursor in ONE statement (one implicit transaction, one round
 * trip): after a crash either all of it is there and the cursor says so, or none is, so replaying from the cursor
 * never duplicates. Every part is guarded by the cursor compare-and-set: a stale leader (one that lost its advisory
 * lock without noticing) writes nothing. Data-modifying CTEs do not see each other's rows, so everything a part
 * needs (agency, merge targets, this batch's links of merged incidents) comes from memory, not from a join.
 */
export async function writeBatch(db: Queryable, out: BatchOutput, fromSeq: bigint, toSeq: bigint): Promise<void> {
  const inc = out.incidents;
  const agencyOf = new Map(inc.map((i) => [i.id, i.agencyId]));
  const numberOf = new Map(inc.map((i) => [i.id, i.number]));
  const into = new Map(out.merges.map((m) => [m.fromId, m.intoId]));
  const finalOf = (id: string): string => {
    let cur = id;
    for (let n = 0; into.has(cur) && n <= out.merges.length; n++) cur = into.get(cur)!;
    return cur;
  };
  // Links made in this batch to an incident merged in this batch also go to the survivor.
  const links = [...out.links];
  for (const l of out.links) {
    if (into.has(l.incidentId)) links.push({ incidentId: finalOf(l.incidentId), seq: l.seq, reason: `merged from ${numberOf.get(l.incidentId) ?? '?'}: ${l.reason}` });
  }
  const cams = [...out.cameraSets].flatMap(([incidentId, list]) => list.map((c, rank) => ({ incidentId, c, rank: rank + 1 })));
  const camIncidents = [...out.cameraSets.keys()];

  const { rows } = await db.query<{ ok: number }>(
    `WITH cur AS (
       UPDATE correlator_state SET last_seq = $2, updated_at = now() WHERE id = $1 AND last_seq = $3 RETURNING 1
     ), inc AS (
       INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, address, score, reasons, opened_at, updated_at,
                             closed_at, last_seq)
       SELECT u.id, u.agency_id, u.number, u.status, u.type_code, u.title, u.lat, u.lon, u.address, u.score, u.reasons,
              to_timestamp(u.opened / 1000.0), now(), CASE WHEN u.status IN ('merged', 'closed') THEN now() END, u.last_seq
         FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[], $11::float8[],
                     $12::text[], $13::int[], $14::jsonb[], $15::float8[], $16::bigint[])
           AS u(id, agency_id, number, status, type_code, title, lat, lon, address, score, reasons, opened, last_seq)
        WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT (id) DO UPDATE SET
         type_code = EXCLUDED.type_code, title = EXCLUDED.title, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
         address = EXCLUDED.address, score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = now(),
         last_seq = GREATEST(incident.last_seq, EXCLUDED.last_seq),
         -- Operators own the status; the correlator only sets 'merged', or 'closed' when the CAD clears a call.
         status = CASE WHEN EXCLUDED.status IN ('merged', 'closed') THEN EXCLUDED.status ELSE incident.status END,
         closed_at = CASE WHEN EXCLUDED.status IN ('merged', 'closed') THEN coalesce(incident.closed_at, now()) ELSE incident.closed_at END
       RETURNING 1
     ), links AS (
       INSERT INTO incident_event (incident_id, event_seq, reason)
       SELECT * FROM unnest($17::uuid[], $18::bigint[], $19::text[]) WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT DO NOTHING RETURNING 1
     ), merged_links AS (
       -- Earlier links of a merged incident, listed on the survivor too.
       INSERT INTO incident_event (incident_id, event_seq, reason)
       SELECT m.into_id, ie.event_seq, 'merged from ' || m.from_number || ': ' || ie.reason
         FROM unnest($20::uuid[], $21::uuid[], $22::text[]) AS m(from_id, into_id, from_number)
         JOIN incident_event ie ON ie.incident_id = m.from_id
        WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT DO NOTHING RETURNING 1
     ), units AS (
       INSERT INTO incident_unit (incident_id, call_sign, unit_id, source)
       SELECT u.incident_id, u.call_sign, un.id, 'cad'
         FROM unnest($23::uuid[], $24::text[], $25::uuid[]) AS u(incident_id, call_sign, agency_id)
         LEFT JOIN unit un ON un.agency_id = u.agency_id AND un.call_sign = u.call_sign
        WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT DO NOTHING RETURNING 1
     ), cams_gone AS (
       DELETE FROM incident_camera ic
        WHERE ic.incident_id = ANY($26::uuid[]) AND EXISTS (SELECT 1 FROM cur)
          AND NOT EXISTS (SELECT 1 FROM unnest($27::uuid[], $28::uuid[]) AS n(incident_id, camera_id)
                           WHERE n.incident_id = ic.incident_id AND n.camera_id = ic.camera_id)
       RETURNING 1
     ), cams AS (
       INSERT INTO incident_camera (incident_id, camera_id, rank, distance_m)
       SELECT * FROM unnest($27::uuid[], $28::uuid[], $29::int[], $30::float8[]) WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT (incident_id, camera_id) DO UPDATE SET rank = EXCLUDED.rank, distance_m = EXCLUDED.distance_m
       RETURNING 1
     ), hist AS (
       INSERT INTO incident_history (incident_id, actor, change, score, reasons)
       SELECT u.incident_id, 'correlator', u.change, u.score, u.reasons
         FROM unnest($31::uuid[], $32::text[], $33::int[], $34::jsonb[]) AS u(incident_id, change, score, reasons)
        WHERE EXISTS (SELECT 1 FROM cur)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM cur)::int AS ok, (SELECT count(*) FROM inc) + (SELECT count(*) FROM links)
          + (SELECT count(*) FROM merged_links) + (SELECT count(*) FROM units) + (SELECT count(*) FROM cams_gone)
          + (SELECT count(*) FROM cams) + (SELECT count(*) FROM hist) AS written`,
    [
      CORRELATOR_ID, toSeq.toString(), fromSeq.toString(),
      inc.map((i) => i.id), inc.map((i) => i.agencyId), inc.map((i) => i.number), inc.map((i) => i.status),
      inc.map((i) => i.typeCode), inc.map((i) => i.title), inc.map((i) => i.lat), inc.map((i) => i.lon),
      inc.map((i) => i.address), inc.map((i) => i.score), inc.map((i) => JSON.stringify(i.orderedReasons)),
      inc.map((i) => i.openedAtMs), inc.map((i) => i.lastSeq.toString()),
      links.map((l) => l.incidentId), links.map((l) => l.seq.toString()), links.map((l) => l.reason),
      out.merges.map((m) => m.fromId), out.merges.map((m) => finalOf(m.fromId)), out.merges.map((m) => numberOf.get(m.fromId) ?? '?'),
      out.unitLinks.map((u) => u.incidentId), out.unitLinks.map((u) => u.callSign), out.unitLinks.map((u) => agencyOf.get(u.incidentId) ?? null),
      camIncidents, cams.map((r) => r.incidentId), cams.map((r) => r.c.id), cams.map((r) => r.rank), cams.map((r) => r.c.distanceM),
      out.history.map((h) => h.incidentId), out.history.map((h) => h.change), out.history.map((h) => h.score), out.history.map((h) => JSON.stringify(h.reasons)),
    ],
  );
  if (rows[0]?.ok !== 1) throw new CursorMovedError(fromSeq);
}
