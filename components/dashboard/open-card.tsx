'use client';

import { useMemo } from 'react';
import type { DashboardDto, DrillQuery } from '@/lib/domain/dashboard';
import { Card, PRIORITY_COLORS, Tile, type Tone } from './card';
import { EChart } from './echart';

const TONES: Tone[] = ['danger', 'warn', 'accent', 'muted'];
const TOP = 10;

/** Open situations by priority (tiles) and by district (stacked bars, busiest ten); each drills to the list. */
export function OpenCard({ open, onDrill }: { open: DashboardDto['open']; onDrill: (q: DrillQuery) => void }) {
  const top = open.byDistrict.slice(0, TOP);
  const option = useMemo(() => ({
    grid: { left: 8, right: 12, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: '#a3b1c6' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: top.map((d) => d.district), axisLabel: { width: 130, overflow: 'truncate' } },
    series: [0, 1, 2, 3].map((p) => ({ name: `P${p + 1}`, type: 'bar', stack: 'open', color: PRIORITY_COLORS[p], data: top.map((d) => d.byPriority[p]), barMaxWidth: 22 })),
  }), [top]);
  return (
    <Card title="Open situations" note={`${open.total} open now`} testId="card-open">
      <div className="flex gap-2">
        {open.byPriority.map((n, i) => (
          <Tile key={i} label={`P${i + 1} open`} value={n} tone={n && i < 2 ? TONES[i] : 'muted'} testId={`open-p${i + 1}`} onClick={() => onDrill({ chart: 'open', priority: i + 1 })} />
        ))}
      </div>
      {top.length ? (
        <EChart
          label={`Open situations by district: ${top.map((d) => `${d.district} ${d.total}`).join(', ')}`}
          option={option}
          className="h-72"
          onClick={(c) => onDrill({ chart: 'open', district: top[c.dataIndex]?.district, priority: c.seriesIndex + 1 })}
        />
      ) : (
        <p className="text-sm text-ink-muted">No open situation.</p>
      )}
      {top.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="Open situations by district">
          {top.map((d) => (
            <li key={d.district}>
              <button type="button" className="min-h-11 rounded border border-line px-2 text-xs hover:bg-line/40" onClick={() => onDrill({ chart: 'open', district: d.district })} data-testid="open-district">
                {d.district} <b className="tabular">{d.total}</b>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
