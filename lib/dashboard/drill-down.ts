import type pg from 'pg';
import type { DrillDto, DrillItem, DrillQuery } from '@/lib/domain/dashboard';
import { priorityBand } from '@/lib/domain/priority-band';
import { districtIndex } from '@/lib/districts/district-index';
import { AppError } from '@/lib/platform/errors/app-error';
import { priorityWeight } from '@/lib/correlate/reasons';
import { agencyScope } from './agency-sources';
import { selectCallsIn } from './calls-per-hour';
import { selectCameraStates } from './camera-health';
import { NO_DISTRICT, selectOpen } from './open-situations';
import { resolvePeriod } from './period';
import { selectCallTimes } from './response-times';
import { selectUnitStates } from './unit-board';

const MAX_ITEMS = 300;
const HOUR = 3_600_000;
const fmtS = (s: number | null) => (s === null ? '—' : s < 120 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);

function take(title: string, items: DrillItem[]): DrillDto {
  return { title, items: items.slice(0, MAX_ITEMS), truncated: items.length > MAX_ITEMS };
}

/**
 * What is behind one bar or tile of the dashboard: the incidents, calls, units or cameras it counts, each with
 * its position (the drill-down map) and, where there is one, its incident (the way into the workspace).
 */
export async function drillDown(pool: pg.Pool, agencyId: string, q: DrillQuery, now = new Date()): Promise<DrillDto> {
  const inDistrict = (lat: number | null, lon: number | null) => !q.district || (districtIndex().districtOf(lat, lon) ?? NO_DISTRICT) === q.district;
  const where = [q.priority ? `P${q.priority}` : null, q.district].filter(Boolean).join(' · ');

  if (q.chart === 'open') {
    const rows = (await selectOpen(pool, agencyId))
      .filter((r) => (!q.priority || priorityBand(r.score) === q.priority) && inDistrict(r.lat, r.lon))
      .sort((a, b) => b.score - a.score || a.opened_at.getTime() - b.opened_at.getTime());
    return take(`Open situations${where ? ` · ${where}` : ''}`, rows.map((r) => ({
      id: r.id, label: `#${r.number} ${r.title}`, detail: `${r.status} · score ${r.score}`, lat: r.lat, lon: r.lon,
      incidentId: r.id, at: r.opened_at.toISOString(), priority: priorityBand(r.score),
    })));
  }

  if (q.chart === 'units' || q.chart === 'cameras') {
    if (q.chart === 'units') {
      const scope = await agencyScope(pool, agencyId);
      const units = (await selectUnitStates(pool, agencyId, scope.sources, now, scope.cursor)).filter((u) => !q.status || u.group === q.status || u.status === q.status);
      return take(`Units${q.status ? ` · ${q.status.replace(/_/g, ' ')}` : ''}`, units.map((u) => ({
        id: u.callSign, label: u.callSign, detail: `${u.status.replace(/_/g, ' ')} (${u.from.toUpperCase()})`, lat: u.lat, lon: u.lon,
        incidentId: null, at: u.since.toISOString(), priority: null,
      })));
    }
    const cams = (await selectCameraStates(pool, agencyId)).filter((c) => !q.status || c.status === q.status);
    return take(`Cameras${q.status ? ` · ${q.status}` : ''}`, cams.map((c) => ({
      id: c.id, label: c.name, detail: `${c.status}${c.lastSeenAt ? ` · last heartbeat ${c.lastSeenAt.toISOString()}` : ''}`, lat: c.lat, lon: c.lon,
      incidentId: null, at: c.lastSeenAt?.toISOString() ?? null, priority: null,
    })));
  }

  const { sources, cursor } = await agencyScope(pool, agencyId);
  if (q.chart === 'calls') {
    if (!q.hour) throw new AppError('BAD_REQUEST', 'hour: required for the calls chart', [{ path: 'hour', message: 'required' }]);
    const from = new Date(q.hour);
    const rows = await selectCallsIn(pool, sources, { from, to: new Date(from.getTime() + HOUR) });
    return take(`Calls first seen ${from.toISOString().slice(11, 16)}–${new Date(from.getTime() + HOUR).toISOString().slice(11, 16)} UTC`, rows.map((c) => ({
      id: c.k, label: c.title ?? c.k, detail: `${c.kind === 'call911' ? '911 call' : 'CAD'} · ${c.address ?? 'no address'}`, lat: c.lat, lon: c.lon,
      incidentId: c.incident_id, at: c.first_at.toISOString(), priority: priorityBand(c.score ?? priorityWeight(c.pri)),
    })));
  }
  const calls = (await selectCallTimes(pool, sources, resolvePeriod(q, now), undefined, cursor))
    .filter((c) => (!q.priority || c.band === q.priority) && (!q.district || c.district === q.district))
    .sort((a, b) => (b.dispatchS ?? -1) - (a.dispatchS ?? -1) || a.key.localeCompare(b.key));
  return take(`Response times${where ? ` · ${where}` : ''} (slowest dispatch first)`, calls.map((c) => ({
    id: c.key, label: c.title, detail: `${c.address ?? 'no address'} · dispatch ${fmtS(c.dispatchS)} · on scene ${fmtS(c.onSceneS)}`,
    lat: c.lat, lon: c.lon, incidentId: c.incidentId, at: c.receivedAt.toISOString(), priority: c.band,
  })));
}
