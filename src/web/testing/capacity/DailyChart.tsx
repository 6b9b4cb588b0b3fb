import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import EChart from '../../components/EChart';
import type { DailyOption } from './capacityModel';

// Only what the capacity charts draw: the whole of ECharts would be several times larger.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One chart of counts per day; the label says in words what it shows for screen readers. */
export default function DailyChart({ option, label, testId, series, total, height = 320 }: { option: DailyOption; label: string; testId: string; series: number; total: number; height?: number }) {
  return <EChart option={option} label={label} data-testid={testId} data-series={series} data-total={total} height={height} />;
}
