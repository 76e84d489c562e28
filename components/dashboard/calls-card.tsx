'use client';

import { useMemo } from 'react';
import type { DashboardDto, DrillQuery } from '@/lib/domain/dashboard';
import { Card } from './card';
import { EChart } from './echart';

const hh = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Calls per hour of the period (bars) against the same hours a week earlier (line); a bar drills to its calls. */
export function CallsCard({ calls, onDrill }: { calls: DashboardDto['calls']; onDrill: (q: DrillQuery) => void }) {
  const option = useMemo(() => ({
    grid: { left: 8, right: 12, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: '#a3b1c6' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: calls.hours.map((h) => hh(h.at)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'This period', type: 'bar', data: calls.hours.map((h) => h.count), color: '#38bdf8', barMaxWidth: 28 },
      { name: 'Same hours last week', type: 'line', data: calls.hours.map((h) => h.lastWeek), color: '#a3b1c6', symbolSize: 6 },
    ],
  }), [calls]);
  const delta = calls.lastWeekTotal ? Math.round((100 * (calls.total - calls.lastWeekTotal)) / calls.lastWeekTotal) : null;
  return (
    <Card title="Calls per hour" note={`${calls.total} calls · last week ${calls.lastWeekTotal}${delta === null ? '' : ` (${delta >= 0 ? '+' : ''}${delta} %)`}`} testId="card-calls">
      <EChart
        label={`Calls per hour: ${calls.hours.map((h) => `${hh(h.at)} ${h.count} (last week ${h.lastWeek})`).join(', ')}`}
        option={option}
        onClick={(c) => c.seriesIndex === 0 && calls.hours[c.dataIndex] && onDrill({ chart: 'calls', hour: calls.hours[c.dataIndex]!.at })}
      />
    </Card>
  );
}
