'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useDistricts } from '@/components/queue/districts';
import { callApi } from '@/components/teamwork/team-api';
import { ZDrillDto, type DrillDto, type DrillQuery } from '@/lib/domain/dashboard';
import { snapshotSvg, type Mark } from '@/lib/maps/snapshot-svg';

const PRIORITY_TEXT = ['text-danger', 'text-warn', 'text-accent', 'text-ink-muted'];
const toSearch = (q: DrillQuery) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();

/** What is behind a figure: a map of the items (district outlines, our own SVG) and the list, each incident a link. */
export function DrillPanel({ query, onClose }: { query: DrillQuery; onClose: () => void }) {
  const [data, setData] = useState<DrillDto | null>(null);
  const [err, setErr] = useState('');
  const districts = useDistricts();
  const ref = useRef<HTMLElement>(null);
  const search = toSearch(query);

  useEffect(() => {
    let live = true;
    void callApi(`/api/dashboard/drill?${search}`, { schema: ZDrillDto }).then((r) => {
      if (!live) return;
      if (r.ok) { setData(r.data); setErr(''); } else setErr(r.error);
    });
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    return () => {
      live = false;
    };
  }, [search]);

  const svg = useMemo(() => {
    const marks: Mark[] = (data?.items ?? []).filter((i) => i.lat !== null && i.lon !== null).map((i) => ({
      lat: i.lat!, lon: i.lon!, kind: query.chart === 'cameras' ? 'camera' : query.chart === 'units' ? 'unit' : 'incident',
    }));
    return marks.length ? snapshotSvg(districts, marks, { width: 640, height: 360, minSpanM: 1500, title: data?.title }) : null;
  }, [data, districts, query.chart]);

  return (
    <section ref={ref} aria-label="Drill-down" data-testid="drill-panel" className="col-span-full flex flex-col gap-2 rounded-md border border-accent bg-panel p-3">
      <header className="flex items-center gap-2">
        <h2 className="text-sm font-semibold">{data?.title ?? 'Loading…'}</h2>
        <span className="text-xs text-ink-muted">{data ? `${data.items.length}${data.truncated ? '+' : ''} item(s)` : ''}</span>
        <button type="button" onClick={onClose} className="ml-auto min-h-11 rounded border border-line px-3 text-sm">Close</button>
      </header>
      {err && <p role="alert" className="text-sm text-danger">{err}</p>}
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        {/* Our own SVG string (lib/maps/snapshot-svg.ts escapes every text it writes). */}
        {svg && <div className="[&_svg]:h-auto [&_svg]:w-full" data-testid="drill-map" dangerouslySetInnerHTML={{ __html: svg }} />}
        <ul className="max-h-[420px] overflow-y-auto overscroll-contain" data-testid="drill-list">
          {data?.items.length === 0 && <li className="text-sm text-ink-muted">Nothing behind this figure.</li>}
          {data?.items.map((i) => {
            const body = (
              <>
                <span className="flex gap-2 text-sm">
                  {i.priority && <b className={PRIORITY_TEXT[i.priority - 1]}>P{i.priority}</b>}
                  <span className="truncate">{i.label}</span>
                </span>
                <span className="truncate text-xs text-ink-muted">{i.detail}{i.at ? ` · ${new Date(i.at).toLocaleString()}` : ''}</span>
              </>
            );
            return (
              <li key={`${i.id}-${i.at}`} className="border-b border-line/60">
                {i.incidentId ? (
                  <Link href={`/incidents/${i.incidentId}`} data-testid="drill-item" className="flex min-h-11 flex-col justify-center px-1 py-1 hover:bg-line/40">{body}</Link>
                ) : (
                  <div data-testid="drill-item" className="flex min-h-11 flex-col justify-center px-1 py-1">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
