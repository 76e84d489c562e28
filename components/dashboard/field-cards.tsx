'use client';

import type { DashboardDto, DrillQuery } from '@/lib/domain/dashboard';
import { Card, Tile } from './card';

/** The unit status board: available, committed (dispatched, en route, on scene), out of service. */
export function UnitsCard({ units, onDrill }: { units: DashboardDto['units']; onDrill: (q: DrillQuery) => void }) {
  const detail = Object.entries(units.byStatus).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s.replace(/_/g, ' ')} ${n}`).join(' · ');
  return (
    <Card title="Units" note={detail || 'no unit heard from in 24 h'} testId="card-units">
      <div className="flex gap-2">
        <Tile label="Available" value={units.available} tone="ok" testId="units-available" onClick={() => onDrill({ chart: 'units', status: 'available' })} />
        <Tile label="Committed" value={units.committed} tone="warn" testId="units-committed" onClick={() => onDrill({ chart: 'units', status: 'committed' })} />
        <Tile label="Out of service" value={units.outOfService} testId="units-oos" onClick={() => onDrill({ chart: 'units', status: 'out_of_service' })} />
      </div>
    </Card>
  );
}

export function CamerasCard({ cameras, onDrill }: { cameras: DashboardDto['cameras']; onDrill: (q: DrillQuery) => void }) {
  return (
    <Card title="Camera health" note={`${cameras.total} cameras`} testId="card-cameras">
      <div className="flex gap-2">
        <Tile label="Online" value={cameras.onlinePct === null ? '—' : `${cameras.onlinePct} %`} tone={cameras.onlinePct !== null && cameras.onlinePct < 90 ? 'warn' : 'ok'} onClick={() => onDrill({ chart: 'cameras', status: 'online' })} />
        <Tile label="Offline" value={cameras.offline} tone={cameras.offline ? 'danger' : 'muted'} onClick={() => onDrill({ chart: 'cameras', status: 'offline' })} />
        <Tile label="Never reported" value={cameras.unknown} onClick={() => onDrill({ chart: 'cameras', status: 'unknown' })} />
      </div>
    </Card>
  );
}

const ago = (iso: string | null, now: number) => {
  if (!iso) return 'none in 24 h';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : `${(s / 3600).toFixed(1)} h ago`;
};

/** Each source: last event, events in the last hour, lag (received − occurred, median), error rate of the period. */
export function SourcesCard({ sources, now }: { sources: DashboardDto['sources']; now: number }) {
  return (
    <Card title="Source health" note={`${sources.length} sources`} testId="card-sources">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[420px] text-left text-xs">
          <thead>
            <tr className="text-ink-muted">
              <th className="py-1 font-normal">Source</th><th className="font-normal">Last event</th><th className="font-normal">Events/h</th><th className="font-normal">Lag p50</th><th className="font-normal">Errors</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => {
              const stale = !s.lastEventAt || now - Date.parse(s.lastEventAt) > 15 * 60_000;
              const failing = (s.errorRate ?? 0) > 0.05;
              return (
                <tr key={s.id} className="border-t border-line/60" data-testid="source-row">
                  <td className="py-1.5"><span className={!s.enabled ? 'text-ink-muted line-through' : ''}>{s.name}</span> <span className="text-ink-muted">{s.kind}</span></td>
                  <td className={stale ? 'text-warn' : ''}>{ago(s.lastEventAt, now)}</td>
                  <td className="tabular">{s.eventsLastHour}</td>
                  <td className="tabular">{s.lagP50Ms === null ? '—' : s.lagP50Ms < 2000 ? `${s.lagP50Ms} ms` : `${(s.lagP50Ms / 1000).toFixed(1)} s`}</td>
                  <td className={`tabular ${failing ? 'text-danger' : ''}`}>{s.errorRate === null ? '—' : `${(s.errorRate * 100).toFixed(1)} % of ${s.accepted + s.rejected}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
