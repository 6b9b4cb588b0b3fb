import { useEffect, useRef } from 'react';
import { init, use, type ECharts } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { OccupancyOption } from './model';

// Only the bar chart and what it needs: the whole of ECharts would be several times larger.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Occupancy against capacity and target per unit; the label says in words what it shows for screen readers. */
export default function OccupancyChart({ option, label, units, occupied, height = 340 }: { option: OccupancyOption; label: string; units: number; occupied: number; height?: number }) {
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

  return <div ref={ref} role="img" aria-label={label} data-testid="capacity-chart" data-units={units} data-occupied={occupied} style={{ width: '100%', height }} />;
}
