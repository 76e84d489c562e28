import type pg from 'pg';
import type { DashboardDto, PeriodQuery } from '@/lib/domain/dashboard';
import { agencyScope } from './agency-sources';
import { callsPerHour } from './calls-per-hour';
import { groupCameras, selectCameraStates } from './camera-health';
import { groupOpen, selectOpen } from './open-situations';
import { resolvePeriod } from './period';
import { groupResponse, selectCallTimes } from './response-times';
import { sourceHealth } from './source-health';
import { groupUnits, selectUnitStates } from './unit-board';

/**
 * Every figure of the supervisor dashboard (and of the shift report) for one agency and period, from the stored
 * events and incidents. The queries run side by side; each is bounded by time or by the agency's own rows.
 */
export async function getDashboard(pool: pg.Pool, agencyId: string, q: PeriodQuery, now = new Date()): Promise<DashboardDto> {
  const period = resolvePeriod(q, now);
  // What needs only the agency starts at once, each on its own pool client; what reads the agency's sources
  // starts when their list (and the rollup cursor) is back: the one round trip the others do not wait for.
  const scoped = agencyScope(pool, agencyId).then(({ sources, cursor }) =>
    Promise.all([
      callsPerHour(pool, sources, period, cursor),
      selectCallTimes(pool, sources, period, undefined, cursor),
      selectUnitStates(pool, agencyId, sources, now, cursor),
    ]),
  );
  const [open, cameras, health, [calls, times, units]] = await Promise.all([
    selectOpen(pool, agencyId),
    selectCameraStates(pool, agencyId),
    sourceHealth(pool, agencyId, period),
    scoped,
  ]);
  return {
    generatedAt: now.toISOString(),
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    open: groupOpen(open),
    calls,
    response: groupResponse(times),
    units: groupUnits(units),
    cameras: groupCameras(cameras),
    sources: health,
  };
}
