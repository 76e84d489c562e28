import type pg from 'pg';
import type { DashboardDto, UnitGroup } from '@/lib/domain/dashboard';
import { pastCursorSql, rollupCursor } from './call-parts';
import { UNIT_ROWS_SQL } from './rollup';

export interface UnitState {
  callSign: string;
  status: string;
  group: UnitGroup;
  /** When this status was reported (AVL) or took effect (CAD). */
  since: Date;
  lat: number | null;
  lon: number | null;
  from: 'avl' | 'cad';
}

const COMMITTED = new Set(['dispatched', 'en_route', 'on_scene', 'assigned']);
export function unitGroup(status: string): UnitGroup {
  if (status === 'out_of_service') return 'out_of_service';
  return COMMITTED.has(status) ? 'committed' : 'available';
}

interface CadRow {
  unit: string;
  occurred_at: Date;
  recorded: Date | null;
  dispatch: Date | null;
  on_scene: Date | null;
  available: Date | null;
  status: string | null;
  lat: number | null;
  lon: number | null;
}

/**
 * A unit's state now from its newest CAD record. SF rows carry the call's dispatch / on-scene / available times
 * on the record's own clock (a replay shifts them by occurred_at − recordedAt); CAD JSON rows say the status.
 */
export function cadUnitState(r: CadRow, now: Date): UnitState {
  const shift = r.recorded ? r.occurred_at.getTime() - r.recorded.getTime() : 0;
  const at = (d: Date | null) => (d ? new Date(d.getTime() + shift) : null);
  let status: string;
  let since = r.occurred_at;
  if (r.status) {
    status = r.status === 'cleared' || r.status === 'received' ? (r.status === 'cleared' ? 'available' : 'dispatched') : r.status;
  } else {
    const [dispatch, onScene, available] = [at(r.dispatch), at(r.on_scene), at(r.available)];
    if (available && available <= now) [status, since] = ['available', available];
    else if (onScene && onScene <= now) [status, since] = ['on_scene', onScene];
    else if (dispatch && dispatch <= now) [status, since] = ['en_route', dispatch];
    else status = 'dispatched';
  }
  return { callSign: r.unit, status, group: unitGroup(status), since, lat: r.lat, lon: r.lon, from: 'cad' };
}

/**
 * Each unit's newest CAD record among the events `scope` selects (a condition on `e`): SF rows (one unit each,
 * `unitId` + its times) and CAD JSON updates (a `units` list, each with a status). For one incident's events; the
 * agency-wide board below reads the rollup.
 */
export function cadUnitRowsSql(scope: string): string {
  return `SELECT DISTINCT ON (unit) unit, occurred_at, recorded, dispatch, on_scene, available, status, lat, lon FROM (
         SELECT e.payload->>'unitId' AS unit, e.occurred_at, rtcc_try_timestamptz(e.payload->>'recordedAt') AS recorded,
                rtcc_try_timestamptz(e.payload->>'dispatchAt') AS dispatch, rtcc_try_timestamptz(e.payload->>'onSceneAt') AS on_scene,
                rtcc_try_timestamptz(e.payload->>'availableAt') AS available, NULL::text AS status, e.lat, e.lon
           FROM event e
          WHERE e.kind = 'cad' AND ${scope} AND e.payload ? 'unitId'
         UNION ALL
         SELECT u->>'callSign', e.occurred_at, NULL, NULL, NULL, NULL, coalesce(u->>'status', e.payload->>'status'), e.lat, e.lon
           FROM event e
           CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload->'units') = 'array' THEN e.payload->'units' ELSE '[]'::jsonb END) u
          WHERE e.kind = 'cad' AND ${scope}
       ) s
       WHERE unit IS NOT NULL
       ORDER BY unit, occurred_at DESC`;
}

export type { CadRow };

/**
 * Every unit heard from in the last 24 h, with its current status: the newer of what its tracker reported
 * (`unit.status_at`; fixes without a status say nothing about it) and its CAD records (events).
 */
export async function selectUnitStates(pool: pg.Pool, agencyId: string, sourceIds: readonly string[], now = new Date(), cursor?: string): Promise<UnitState[]> {
  const [avl, cad] = await Promise.all([
    pool.query<{ call_sign: string; status: string; status_at: Date | null; updated_at: Date; lat: number | null; lon: number | null }>(
      `SELECT call_sign, status, status_at, updated_at, lat, lon FROM unit WHERE agency_id = $1 AND updated_at > now() - interval '24 hours'`,
      [agencyId],
    ),
    // Each unit's newest record: the rollup's (per source) and the CAD rows past its cursor. Only those few
    // hundred winners then have their payload times parsed.
    (async () =>
      pool.query<CadRow>(
        `WITH latest AS (
           SELECT DISTINCT ON (unit) unit, occurred_at, seq, sf, status, lat, lon FROM (
             SELECT unit, occurred_at, seq, sf, status, lat, lon FROM dashboard_unit_latest
              WHERE source_id = ANY($1::uuid[]) AND occurred_at > now() - interval '24 hours'
             UNION ALL
             SELECT x.unit, e.occurred_at, e.seq, x.sf, x.status, e.lat, e.lon FROM event e ${UNIT_ROWS_SQL}
              WHERE ${pastCursorSql('$2')} AND e.kind = 'cad' AND e.source_id = ANY($1::uuid[]) AND e.occurred_at > now() - interval '24 hours'
                AND x.unit IS NOT NULL) c
           ORDER BY unit, occurred_at DESC)
         SELECT l.unit, l.occurred_at, rtcc_try_timestamptz(p.payload->>'recordedAt') AS recorded,
                rtcc_try_timestamptz(p.payload->>'dispatchAt') AS dispatch, rtcc_try_timestamptz(p.payload->>'onSceneAt') AS on_scene,
                rtcc_try_timestamptz(p.payload->>'availableAt') AS available, l.status, l.lat, l.lon
           FROM latest l LEFT JOIN event p ON l.sf AND p.seq = l.seq`,
        [sourceIds, cursor ?? (await rollupCursor(pool))],
      ))(),
  ]);
  const byUnit = new Map<string, UnitState>();
  for (const r of cad.rows) byUnit.set(r.unit, cadUnitState(r, now));
  for (const u of avl.rows) {
    const prev = byUnit.get(u.call_sign);
    const lat = u.lat ?? prev?.lat ?? null;
    const lon = u.lon ?? prev?.lon ?? null;
    if (prev && (u.status_at === null || prev.since > u.status_at)) {
      byUnit.set(u.call_sign, { ...prev, lat, lon });
      continue;
    }
    byUnit.set(u.call_sign, { callSign: u.call_sign, status: u.status, group: unitGroup(u.status), since: u.status_at ?? u.updated_at, lat, lon, from: 'avl' });
  }
  return [...byUnit.values()].sort((a, b) => a.callSign.localeCompare(b.callSign));
}

export function groupUnits(units: readonly UnitState[]): DashboardDto['units'] {
  const byStatus: Record<string, number> = {};
  const groups = { available: 0, committed: 0, out_of_service: 0 };
  for (const u of units) {
    byStatus[u.status] = (byStatus[u.status] ?? 0) + 1;
    groups[u.group] += 1;
  }
  return { available: groups.available, committed: groups.committed, outOfService: groups.out_of_service, byStatus };
}
