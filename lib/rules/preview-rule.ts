import type pg from 'pg';
import { z } from 'zod';
import { describeMatch, matchPremise, type RuleFacts } from '@/lib/correlate/rule-engine';
import { GeofenceIndex, type GeofenceGeo } from '@/lib/correlate/geofences';
import type { EventKind } from '@/lib/domain/event';
import { ZPolygon } from '@/lib/domain/geofence';
import { ZPremise } from '@/lib/domain/rule';

/** How many of the agency's latest events of the premise's kind a preview reads, newest first. */
export const PREVIEW_SCAN = 20_000;
const SAMPLE = 10;

export const ZRulePreviewRequest = z.strictObject({ premise: ZPremise });

export interface RulePreview {
  /** Events read (the latest of the kind, at most PREVIEW_SCAN) and how many of them the premise matches. */
  scanned: number;
  matched: number;
  /** The oldest event read: the preview covers from then to now. */
  since: string | null;
  /** More events of the kind exist than were read. */
  truncated: boolean;
  /** enter / leave are judged on a unit's movement: the preview counts positions inside the geofence instead. */
  approximate: string | null;
  sample: { seq: string; occurredAt: string; typeCode: string; title: string | null; address: string | null; why: string }[];
  /** Incidents that hold matched events: how many, and the latest few. */
  incidents: { count: number; sample: { id: string; number: string; title: string; status: string; openedAt: string }[] };
}

interface Row {
  seq: string;
  type_code: string;
  priority: number | null;
  title: string | null;
  address: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  lat: number | null;
  lon: number | null;
}

/**
 * What a rule would have matched: its premise run over the agency's latest events of its kind with the correlator's
 * own matcher (conditions, geofence, time of day), and the incidents those events belong to. Nothing is stored.
 */
export async function previewRule(pool: pg.Pool, agencyId: string, input: z.infer<typeof ZRulePreviewRequest>): Promise<RulePreview> {
  const premise = input.premise;
  const { rows } = await pool.query<Row>(
    `SELECT e.seq::text AS seq, e.type_code, e.priority, e.title, e.address, e.payload, e.occurred_at, e.lat, e.lon
       FROM event e
      WHERE e.kind = $1 AND e.source_id IN (SELECT id FROM source WHERE agency_id = $2) AND e.occurred_at <= now() + interval '1 day'
      ORDER BY e.occurred_at DESC
      LIMIT ${PREVIEW_SCAN + 1}`,
    [premise.kind, agencyId],
  );
  const truncated = rows.length > PREVIEW_SCAN;
  const read = truncated ? rows.slice(0, PREVIEW_SCAN) : rows;
  const fences = premise.geofence ? await agencyFences(pool, agencyId) : null;
  const matched: { row: Row; why: string }[] = [];
  for (const r of read) {
    const inside = fences && r.lat !== null && r.lon !== null ? fences.near(agencyId, { lat: r.lat, lon: r.lon }, 0).map((n) => n.fence) : [];
    const facts: RuleFacts = {
      kind: premise.kind as EventKind,
      typeCode: r.type_code,
      priority: r.priority,
      title: r.title,
      address: r.address,
      payload: r.payload ?? {},
      occurredAtMs: r.occurred_at.getTime(),
      inside,
      entered: inside,
      left: inside,
    };
    if (matchPremise(premise, facts)) matched.push({ row: r, why: describeMatch(premise, facts) });
  }
  const seqs = matched.map((m) => m.row.seq);
  const incidents = seqs.length
    ? await pool.query<{ id: string; number: string; title: string; status: string; opened_at: Date; n: string }>(
        `SELECT i.id, i.number, i.title, i.status, i.opened_at, count(*) OVER () AS n
           FROM incident i WHERE i.agency_id = $1 AND i.id IN (SELECT incident_id FROM incident_event WHERE event_seq = ANY($2::bigint[]))
          ORDER BY i.opened_at DESC LIMIT ${SAMPLE}`,
        [agencyId, seqs],
      )
    : { rows: [] };
  return {
    scanned: read.length,
    matched: matched.length,
    since: read.length ? read[read.length - 1]!.occurred_at.toISOString() : null,
    truncated,
    approximate: premise.geofence && premise.geofence.relation !== 'inside' ? `“${premise.geofence.relation}” is judged on a unit's movement; the preview counts positions inside the geofence` : null,
    sample: matched.slice(0, SAMPLE).map(({ row, why }) => ({ seq: row.seq, occurredAt: row.occurred_at.toISOString(), typeCode: row.type_code, title: row.title, address: row.address, why })),
    incidents: {
      count: Number(incidents.rows[0]?.n ?? 0),
      sample: incidents.rows.map((i) => ({ id: i.id, number: i.number, title: i.title, status: i.status, openedAt: i.opened_at.toISOString() })),
    },
  };
}

async function agencyFences(pool: pg.Pool, agencyId: string): Promise<GeofenceIndex> {
  const { rows } = await pool.query<{ id: string; name: string; kind: GeofenceGeo['kind']; polygon: unknown }>(
    'SELECT id, name, kind, polygon FROM geofence WHERE agency_id = $1',
    [agencyId],
  );
  return new GeofenceIndex(
    rows.flatMap((f) => {
      const p = ZPolygon.safeParse(f.polygon);
      return p.success ? [{ id: f.id, agencyId, name: f.name, kind: f.kind, polygon: p.data }] : [];
    }),
  );
}
