import { useEffect, useRef } from 'react';
import { init, use, type ECharts } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { DailyOption } from './capacityModel';

// Only what the capacity charts draw: the whole of ECharts would be several times larger.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One chart of counts per day; the label says in words what it shows for screen readers. */
export default function DailyChart({ option, label, testId, series, total, height = 320 }: { option: DailyOption; label: string; testId: string; series: number; total: number; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = ref.current!;
    const c = init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} data-testid={testId} data-series={series} data-total={total} style={{ width: '100%', height }} />;
}
