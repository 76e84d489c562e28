import 'server-only';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { DashboardDto } from '@/lib/domain/dashboard';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * The shift report's charts, drawn on the server by ECharts' SVG renderer (its server-side mode: no DOM, no
 * script in the page): vector figures that print sharp, in the same library as the live dashboard.
 */
function svg(option: echarts.EChartsCoreOption, width = 720, height = 260): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const hh = (iso: string) => iso.slice(11, 16);

export function callsChartSvg(calls: DashboardDto['calls']): string {
  return svg({
    grid: { left: 40, right: 16, top: 30, bottom: 30 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: calls.hours.map((h) => hh(h.at)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'This period', type: 'bar', data: calls.hours.map((h) => h.count), color: '#0369a1' },
      { name: 'Same hours last week', type: 'line', data: calls.hours.map((h) => h.lastWeek), color: '#64748b' },
    ],
  });
}

export function openChartSvg(open: DashboardDto['open']): string {
  const top = open.byDistrict.slice(0, 12);
  const colors = ['#dc2626', '#d97706', '#0284c7', '#64748b'];
  return svg({
    grid: { left: 170, right: 16, top: 30, bottom: 20 },
    legend: { top: 0 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: top.map((d) => d.district) },
    series: [0, 1, 2, 3].map((p) => ({ name: `P${p + 1}`, type: 'bar', stack: 'open', color: colors[p], data: top.map((d) => d.byPriority[p]) })),
  }, 720, Math.max(120, 40 + top.length * 22));
}
