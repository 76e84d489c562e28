import type pg from 'pg';
import type { DashboardDto } from '@/lib/domain/dashboard';
import { priorityBand, type PriorityBand } from '@/lib/domain/priority-band';
import { districtIndex } from '@/lib/districts/district-index';
import { priorityWeight } from '@/lib/correlate/reasons';
import { callPartsSql, Params, rollupCursor } from './call-parts';
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
 * Band: the incident the call belongs to, else the call's own priority weighed as the correlator would. Whole
 * hours come from the rollup (lib/dashboard/rollup.ts): each CAD row's times are parsed once, when it is folded.
 */
export async function selectCallTimes(pool: pg.Pool, sourceIds: readonly string[], p: Period, limit = 200_000, cursor?: string): Promise<CallTimes[]> {
  const q = new Params();
  const hint = cursor ?? (await rollupCursor(pool));
  const parts = callPartsSql(q, { sources: q.add(sourceIds), kinds: q.add(['cad']), cursor: q.add(hint), from: p.from, to: p.to, cols: 'full' });
  const { rows } = await pool.query<Row>(
    `WITH calls AS (
       SELECT k, min(first_seq) AS seq, min(first_at) AS first_at, min(priority) AS pri,
              sum(lat_sum) / nullif(sum(lat_n), 0) AS lat, sum(lon_sum) / nullif(sum(lon_n), 0) AS lon, max(title) AS title, max(address) AS address,
              min(received_at) AS received, min(dispatched_at) AS dispatched, min(on_scene_at) AS on_scene
         FROM (${parts}) parts
        GROUP BY k)
     SELECT c.k, c.title, c.address, c.lat, c.lon, c.pri, c.first_at, c.received, c.dispatched, c.on_scene, l.incident_id, l.score
       FROM calls c
       LEFT JOIN LATERAL (SELECT i.id AS incident_id, i.score FROM incident_event ie JOIN incident i ON i.id = ie.incident_id
                           WHERE ie.event_seq = c.seq LIMIT 1) l ON true
      LIMIT ${q.add(limit)}`,
    q.values,
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
