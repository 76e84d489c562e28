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

  // Only the parts this batch has rows for: a live batch (a few dozen events) usually touches incidents, links and
  // history only, and the empty parts' fixed cost was about half of its write.
  const parts: Part[] = [];
  if (inc.length) {
    parts.push({ name: 'inc', values: [JSON.stringify(inc.map((i) => ({
      id: i.id, agency_id: i.agencyId, number: i.number, status: i.status, type_code: i.typeCode, title: i.title, lat: i.lat, lon: i.lon,
      address: i.address, score: i.score, reasons: i.orderedReasons, opened: i.openedAtMs, last_seq: i.lastSeq.toString(),
      cad_status: i.cadStatus, closed_by: i.closedBy, merged_into: i.mergedInto, last_event: i.lastEventAtMs,
    })))] });
  }
  if (links.length) parts.push({ name: 'links', values: [JSON.stringify(links.map((l) => ({ i: l.incidentId, s: l.seq.toString(), r: l.reason })))] });
  if (out.merges.length) {
    parts.push({ name: 'merged_links', values: [
      JSON.stringify(out.merges.map((m) => ({ from_id: m.fromId, into_id: finalOf(m.fromId), from_number: numberOf.get(m.fromId) ?? '?' }))),
      out.merges.map((m) => m.fromId),
    ] });
  }
  if (out.unitLinks.length) parts.push({ name: 'units', values: [JSON.stringify(out.unitLinks.map((u) => ({ i: u.incidentId, c: u.callSign, a: agencyOf.get(u.incidentId) ?? null })))] });
  if (camIncidents.length) {
    parts.push({ name: 'cams', values: [camIncidents, JSON.stringify(cams.map((r) => ({ i: r.incidentId, c: r.c.id, rank: r.rank, d: r.c.distanceM })))] });
  }
  if (out.history.length) parts.push({ name: 'hist', values: [JSON.stringify(out.history.map((h) => ({ i: h.incidentId, change: h.change, score: h.score, reasons: h.reasons, t: h.occurredAtMs })))] });

  const { rows } = await db.query<{ ok: number }>(batchStatement(parts, [CORRELATOR_ID, toSeq.toString(), fromSeq.toString()]));
  if (rows[0]?.ok !== 1) throw new CursorMovedError(fromSeq);
}

interface Part {
  name: keyof typeof PARTS;
  values: unknown[];
}

/**
 * The statement's parts: SQL with `$1`… numbered from 1 within the part, renumbered when the statement is put
 * together. `cur` ($1 id, $2 new cursor, $3 expected cursor) is always there; every part is guarded by it.
 */
const PARTS = {
  inc: {
    sql: `inc AS (
       INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, address, score, reasons, opened_at, updated_at,
                             closed_at, last_seq, cad_status, closed_by, merged_into, last_event_at)
       SELECT u.id, u.agency_id, u.number, u.status, u.type_code, u.title, u.lat, u.lon, u.address, u.score, u.reasons,
              to_timestamp(u.opened / 1000.0), now(), CASE WHEN u.status IN ('merged', 'closed') THEN now() END, u.last_seq,
              u.cad_status, u.closed_by, u.merged_into, to_timestamp(u.last_event / 1000.0)
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, agency_id uuid, number text, status text, type_code text, title text,
                                               lat float8, lon float8, address text, score int, reasons jsonb, opened float8, last_seq bigint,
                                               cad_status text, closed_by text, merged_into uuid, last_event float8)
        WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT (id) DO UPDATE SET
         type_code = EXCLUDED.type_code, title = EXCLUDED.title, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
         address = EXCLUDED.address, score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = now(),
         last_seq = GREATEST(incident.last_seq, EXCLUDED.last_seq),
         cad_status = coalesce(EXCLUDED.cad_status, incident.cad_status), last_event_at = EXCLUDED.last_event_at,
         merged_into = coalesce(incident.merged_into, EXCLUDED.merged_into),
         -- Operators own the status; the correlator only sets 'merged', 'closed' (the CAD cleared the call, or the
         -- situation went stale), or 'open' again for a stale one an event joined. A close by the CAD or an operator stands.
         status = CASE WHEN incident.status IN ('merged', 'closed') AND incident.closed_by IS DISTINCT FROM 'stale' THEN incident.status
                       WHEN EXCLUDED.status IN ('merged', 'closed') THEN EXCLUDED.status
                       WHEN incident.status = 'closed' AND EXCLUDED.status = 'open' THEN 'open'
                       ELSE incident.status END,
         closed_by = CASE WHEN incident.status IN ('merged', 'closed') AND incident.closed_by IS DISTINCT FROM 'stale' THEN incident.closed_by
                          WHEN EXCLUDED.status IN ('merged', 'closed') THEN EXCLUDED.closed_by
                          WHEN incident.status = 'closed' AND EXCLUDED.status = 'open' THEN NULL
                          ELSE incident.closed_by END,
         closed_at = CASE WHEN incident.status IN ('merged', 'closed') AND incident.closed_by IS DISTINCT FROM 'stale' THEN incident.closed_at
                          WHEN EXCLUDED.status IN ('merged', 'closed') THEN coalesce(incident.closed_at, now())
                          WHEN incident.status = 'closed' AND EXCLUDED.status = 'open' THEN NULL
                          ELSE incident.closed_at END
       RETURNING 1
     )`,
    counted: ['inc'],
  },
  links: {
    sql: `links AS (
       INSERT INTO incident_event (incident_id, event_seq, reason)
       SELECT l.i, l.s, l.r FROM jsonb_to_recordset($1::jsonb) AS l(i uuid, s bigint, r text) WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT DO NOTHING RETURNING 1
     )`,
    counted: ['links'],
  },
  merged_links: {
    // Earlier links of a merged incident, listed on the survivor too. ANY() lets the planner use the primary key; a
    // plain hash join scanned the whole table on every merge.
    sql: `merged_links AS (
       INSERT INTO incident_event (incident_id, event_seq, reason)
       SELECT m.into_id, ie.event_seq, 'merged from ' || m.from_number || ': ' || ie.reason
         FROM jsonb_to_recordset($1::jsonb) AS m(from_id uuid, into_id uuid, from_number text)
         JOIN incident_event ie ON ie.incident_id = m.from_id
        WHERE ie.incident_id = ANY($2::uuid[]) AND EXISTS (SELECT 1 FROM cur)
       ON CONFLICT DO NOTHING RETURNING 1
     )`,
    counted: ['merged_links'],
  },
  units: {
    sql: `units AS (
       INSERT INTO incident_unit (incident_id, call_sign, unit_id, source)
       SELECT u.i, u.c, un.id, 'cad'
         FROM jsonb_to_recordset($1::jsonb) AS u(i uuid, c text, a uuid)
         LEFT JOIN unit un ON un.agency_id = u.a AND un.call_sign = u.c
        WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT DO NOTHING RETURNING 1
     )`,
    counted: ['units'],
  },
  cams: {
    sql: `cams_new AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS n(i uuid, c uuid, rank int, d float8)
     ), cams_gone AS (
       DELETE FROM incident_camera ic
        WHERE ic.incident_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM cur)
          AND NOT EXISTS (SELECT 1 FROM cams_new n WHERE n.i = ic.incident_id AND n.c = ic.camera_id)
       RETURNING 1
     ), cams AS (
       INSERT INTO incident_camera (incident_id, camera_id, rank, distance_m)
       SELECT n.i, n.c, n.rank, n.d FROM cams_new n WHERE EXISTS (SELECT 1 FROM cur)
       ON CONFLICT (incident_id, camera_id) DO UPDATE SET rank = EXCLUDED.rank, distance_m = EXCLUDED.distance_m
       RETURNING 1
     )`,
    counted: ['cams_gone', 'cams'],
  },
  hist: {
    sql: `hist AS (
       INSERT INTO incident_history (incident_id, actor, change, score, reasons, occurred_at)
       SELECT h.i, 'correlator', h.change, h.score, h.reasons, to_timestamp(h.t / 1000.0)
         FROM jsonb_to_recordset($1::jsonb) AS h(i uuid, change text, score int, reasons jsonb, t float8)
        WHERE EXISTS (SELECT 1 FROM cur)
       RETURNING 1
     )`,
    counted: ['hist'],
  },
} as const;

/**
 * One statement for the parts present, named by which they are: parsed once per connection, and PostgreSQL switches
 * to a cached generic plan (planning this statement cost more than executing it for the small batches of live
 * traffic). Rows travel as one JSON document per table: JSON.stringify is native, where pg's per-element array
 * escaping was a fifth of the correlator's CPU (and jsonb_to_recordset parses ~4× faster than json_to_recordset, and
 * than jsonb[] arrays at bind time).
 */
function batchStatement(parts: Part[], cursorValues: unknown[]): pg.QueryConfig {
  const values = [...cursorValues];
  const ctes = ['cur AS (\n       UPDATE correlator_state SET last_seq = $2, updated_at = now() WHERE id = $1 AND last_seq = $3 RETURNING 1\n     )'];
  const counted: string[] = [];
  for (const part of parts) {
    const offset = values.length;
    ctes.push(PARTS[part.name].sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`));
    values.push(...part.values);
    counted.push(...PARTS[part.name].counted);
  }
  const written = counted.length ? counted.map((c) => `(SELECT count(*) FROM ${c})`).join(' + ') : '0';
  return {
    name: `correlator-write-batch:${parts.map((p) => p.name).join(',')}`,
    text: `WITH ${ctes.join(', ')}\n     SELECT (SELECT count(*) FROM cur)::int AS ok, ${written} AS written`,
    values,
  };
}
