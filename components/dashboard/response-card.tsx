'use client';

import { useMemo } from 'react';
import type { DashboardDto, DrillQuery } from '@/lib/domain/dashboard';
import { Card, fmtSeconds } from './card';
import { EChart } from './echart';

const min = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);
const SLOWEST = 8;

/**
 * Call → dispatch and dispatch → on scene, p50 and p90 (minutes), by priority (bars) and by district (the slowest
 * dispatch p90 first); a bar or a district row drills to its calls, slowest first.
 */
export function ResponseCard({ response, hours, onDrill }: { response: DashboardDto['response']; hours: DrillQuery['hours']; onDrill: (q: DrillQuery) => void }) {
  const rows = response.byPriority;
  const option = useMemo(() => ({
    grid: { left: 8, right: 12, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: '#a3b1c6' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} min` : '—') },
    xAxis: { type: 'category', data: rows.map((r) => `P${r.priority} (${r.calls})`) },
    yAxis: { type: 'value', name: 'min' },
    series: [
      { name: 'Dispatch p50', type: 'bar', data: rows.map((r) => min(r.dispatchP50)), color: '#38bdf8' },
      { name: 'Dispatch p90', type: 'bar', data: rows.map((r) => min(r.dispatchP90)), color: '#0369a1' },
      { name: 'On scene p50', type: 'bar', data: rows.map((r) => min(r.onSceneP50)), color: '#34d399' },
      { name: 'On scene p90', type: 'bar', data: rows.map((r) => min(r.onSceneP90)), color: '#047857' },
    ],
  }), [rows]);
  const o = response.overall;
  return (
    <Card title="Response times" note={`${o.calls} CAD calls · dispatch p50 ${fmtSeconds(o.dispatchP50)} / p90 ${fmtSeconds(o.dispatchP90)} · on scene p50 ${fmtSeconds(o.onSceneP50)} / p90 ${fmtSeconds(o.onSceneP90)}`} testId="card-response">
      <EChart
        label={`Response times by priority: ${rows.map((r) => `P${r.priority} dispatch p50 ${fmtSeconds(r.dispatchP50)} p90 ${fmtSeconds(r.dispatchP90)}, on scene p50 ${fmtSeconds(r.onSceneP50)} p90 ${fmtSeconds(r.onSceneP90)}`).join('; ')}`}
        option={option}
        onClick={(c) => onDrill({ chart: 'response', priority: rows[c.dataIndex]?.priority, hours })}
      />
      <table className="w-full text-left text-xs">
        <caption className="pb-1 text-left text-ink-muted">Slowest districts (dispatch p90)</caption>
        <thead>
          <tr className="text-ink-muted">
            <th className="font-normal">District</th><th className="font-normal">Calls</th><th className="font-normal">Dispatch p50 / p90</th><th className="font-normal">On scene p50 / p90</th>
          </tr>
        </thead>
        <tbody>
          {response.byDistrict.slice(0, SLOWEST).map((d) => (
            <tr key={d.district} className="border-t border-line/60">
              <td>
                <button type="button" className="min-h-11 text-left text-accent hover:underline" onClick={() => onDrill({ chart: 'response', district: d.district, hours })}>{d.district}</button>
              </td>
              <td className="tabular">{d.calls}</td>
              <td className="tabular">{fmtSeconds(d.dispatchP50)} / {fmtSeconds(d.dispatchP90)}</td>
              <td className="tabular">{fmtSeconds(d.onSceneP50)} / {fmtSeconds(d.onSceneP90)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
