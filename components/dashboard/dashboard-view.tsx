'use client';

import { useCallback, useEffect, useState } from 'react';
import { callApi } from '@/components/teamwork/team-api';
import { ZDashboardDto, type DashboardDto, type DrillQuery } from '@/lib/domain/dashboard';
import { CallsCard } from './calls-card';
import { DrillPanel } from './drill-panel';
import { CamerasCard, SourcesCard, UnitsCard } from './field-cards';
import { OpenCard } from './open-card';
import { ResponseCard } from './response-card';

const PERIODS = [4, 12, 24] as const;
const REFRESH_MS = 30_000;

/**
 * The supervisor's dashboard, laid out for a tablet first: one column at 768 px, two at 1024, three on a wall.
 * Figures refresh every 30 s; every figure drills down to the incidents, calls, units or cameras behind it.
 */
export function DashboardView() {
  const [hours, setHours] = useState<number>(12);
  const [data, setData] = useState<DashboardDto | null>(null);
  const [err, setErr] = useState('');
  const [drill, setDrill] = useState<DrillQuery | null>(null);

  const load = useCallback(async () => {
    const r = await callApi(`/api/dashboard?hours=${hours}`, { schema: ZDashboardDto });
    if (r.ok) { setData(r.data); setErr(''); } else setErr(r.error);
  }, [hours]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- first load, then a refresh every 30 s
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);

  return (
    <div className="h-full overflow-y-auto overscroll-contain" data-testid="dashboard" data-loaded={data ? '1' : '0'}>
      <div className="flex flex-wrap items-center gap-2 border-b border-line bg-panel px-3 py-2">
        <h1 className="mr-2 text-lg font-semibold">Supervisor dashboard</h1>
        <div role="group" aria-label="Period" className="flex gap-1">
          {PERIODS.map((h) => (
            <button key={h} type="button" aria-pressed={hours === h} onClick={() => setHours(h)} className={`min-h-11 min-w-16 rounded border px-3 text-sm font-semibold ${hours === h ? 'border-accent text-accent' : 'border-line text-ink-muted'}`}>
              {h} h
            </button>
          ))}
        </div>
        <a href={`/dashboard/report?hours=${hours}`} className="inline-flex min-h-11 items-center rounded border border-line px-3 text-sm font-semibold">Shift report</a>
        <span className="ml-auto text-xs text-ink-muted" role="status">
          {err ? <span className="text-danger">{err}</span> : data ? `Updated ${new Date(data.generatedAt).toLocaleTimeString()}` : 'Loading…'}
        </span>
      </div>
      {data && (
        <div className="grid grid-cols-1 gap-3 p-3 lg:grid-cols-2 2xl:grid-cols-3">
          {drill && <DrillPanel query={drill} onClose={() => setDrill(null)} />}
          <OpenCard open={data.open} onDrill={setDrill} />
          <CallsCard calls={data.calls} onDrill={setDrill} />
          <ResponseCard response={data.response} hours={hours} onDrill={setDrill} />
          <div className="flex flex-col gap-3">
            <UnitsCard units={data.units} onDrill={setDrill} />
            <CamerasCard cameras={data.cameras} onDrill={setDrill} />
          </div>
          <SourcesCard sources={data.sources} now={Date.parse(data.generatedAt)} />
        </div>
      )}
    </div>
  );
}
