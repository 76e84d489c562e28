import type pg from 'pg';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { priorityBand, type PriorityBand } from '@/lib/domain/priority-band';
import { districtIndex } from '@/lib/districts/district-index';
import { priorityWeight } from '@/lib/correlate/reasons';
import { CALL_KEY_SQL, DISPATCHED_SQL, ON_SCENE_SQL, RECEIVED_SQL } from './call-key';
import { NO_DISTRICT } from './open-situations';
import { responseRow } from './percentile';
import type { Period } from './period';

/** One call for service with its intervals (seconds; null when the CAD did not record that step). */
export interface CallTimes {
  key: string;
  incidentId: string | null;
  title: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  receivedAt: Date;
  band: PriorityBand;
  district: string;
  dispatchS: number | null;
  onSceneS: number | null;
}

interface Row {
  k: string;
  title: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  pri: number | null;
  first_at: Date;
  received: Date | null;
  dispatched: Date | null;
  on_scene: Date | null;
  incident_id: string | null;
  score: number | null;
}

/** Past a day the record is wrong (a unit never marked on scene, a bad clock), not slow: left out. */
const MAX_INTERVAL_S = 24 * 3600;
const interval = (a: Date | null, b: Date | null): number | null => {
  if (!a || !b) return null;
  const s = (b.getTime() - a.getTime()) / 1000;
  return s >= 0 && s <= MAX_INTERVAL_S ? s : null;
};

/**
 * Every CAD call first seen in the period, with call → first dispatch and first dispatch → first on scene, from
 * the timestamps the CAD itself recorded (SF rows: received/dispatch/on-scene per unit; CAD JSON: status changes).
 * Band: the incident the call belongs to, else the call's own priority weighed as the correlator would.
 */
export async function selectCallTimes(pool: pg.Pool, sourceIds: readonly string[], p: Period, limit = 200_000): Promise<CallTimes[]> {
  const { rows } = await pool.query<Row>(
    `WITH calls AS (
       SELECT ${CALL_KEY_SQL} AS k, min(e.seq) AS seq, min(e.occurred_at) AS first_at, min(e.priority) AS pri,
              avg(e.lat) AS lat, avg(e.lon) AS lon, max(e.title) AS title, max(e.address) AS address,
              min(${RECEIVED_SQL}) AS received, min(${DISPATCHED_SQL}) AS dispatched, min(${ON_SCENE_SQL}) AS on_scene
         FROM event e
        WHERE e.kind = 'cad' AND e.source_id = ANY($1::uuid[]) AND e.occurred_at >= $2 AND e.occurred_at < $3
        GROUP BY 1)
     SELECT c.k, c.title, c.address, c.lat, c.lon, c.pri, c.first_at, c.received, c.dispatched, c.on_scene, l.incident_id, l.score
       FROM calls c
       LEFT JOIN LATERAL (SELECT i.id AS incident_id, i.score FROM incident_event ie JOIN incident i ON i.id = ie.incident_id
                           WHERE ie.event_seq = c.seq LIMIT 1) l ON true
      LIMIT $4`,
    [sourceIds, p.from.toISOString(), p.to.toISOString(), limit],
  );
  const idx = districtIndex();
  return rows.map((r) => ({
    key: r.k,
    incidentId: r.incident_id,
    title: r.title ?? r.k,
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    receivedAt: r.received ?? r.first_at,
    band: priorityBand(r.score ?? priorityWeight(r.pri)),
    district: idx.districtOf(r.lat, r.lon) ?? NO_DISTRICT,
    dispatchS: interval(r.received, r.dispatched),
    onSceneS: interval(r.dispatched, r.on_scene),
  }));
}

function summarise(calls: readonly CallTimes[]) {
  const d: number[] = [];
  const o: number[] = [];
  for (const c of calls) {
    if (c.dispatchS !== null) d.push(c.dispatchS);
    if (c.onSceneS !== null) o.push(c.onSceneS);
  }
  return responseRow(d, o, calls.length);
}

function groupBy<K>(calls: readonly CallTimes[], key: (c: CallTimes) => K): Map<K, CallTimes[]> {
  const m = new Map<K, CallTimes[]>();
  for (const c of calls) {
    const k = key(c);
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  }
  return m;
}

/** p50/p90 of both intervals overall, per priority band, and per district (slowest p90 dispatch first). */
export function groupResponse(calls: readonly CallTimes[]): DashboardDto['response'] {
  const bands = groupBy(calls, (c) => c.band);
  return {
    overall: summarise(calls),
    byPriority: ([1, 2, 3, 4] as const).map((priority) => ({ priority, ...summarise(bands.get(priority) ?? []) })),
    byDistrict: [...groupBy(calls, (c) => c.district).entries()]
      .map(([district, list]) => ({ district, ...summarise(list) }))
      .sort((a, b) => (b.dispatchP90 ?? -1) - (a.dispatchP90 ?? -1) || a.district.localeCompare(b.district)),
  };
}
