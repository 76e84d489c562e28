'use client';

import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

type Chart = import('echarts/core').ECharts;

/** The console's colours for charts (app/globals.css), on the built-in dark theme. */
export const CHART_BASE = {
  backgroundColor: 'transparent',
  textStyle: { color: '#a3b1c6', fontFamily: 'system-ui, sans-serif' },
  color: ['#38bdf8', '#a3b1c6', '#fbbf24', '#f87171', '#34d399'],
  animation: false,
};

/**
 * A small React owner of one ECharts instance (instead of echarts-for-react, which adds two dependencies for this):
 * created in an effect once the chunk loads, given each new option, resized with its box, disposed on unmount.
 * A tap on a bar calls `onClick` (the dashboard's drill-down).
 */
export function EChart({ option, onClick, label, className = 'h-64' }: { option: EChartsCoreOption; onClick?: (c: ChartClick) => void; label: string; className?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const clickRef = useRef(onClick);
  const optionRef = useRef(option);
  useEffect(() => {
    clickRef.current = onClick;
    optionRef.current = option;
  });

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, 'dark', { renderer: 'canvas' });
      chart.current = c;
      c.setOption({ ...CHART_BASE, ...optionRef.current });
      c.on('click', (p) => clickRef.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex, name: p.name }));
      ro = new ResizeObserver(() => c.resize());
      ro.observe(el.current);
    });
    return () => {
      disposed = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...CHART_BASE, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={label} className={`w-full ${className}`} data-testid="echart" />;
}
