import { use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import EChart from '../../components/EChart';
import type { OccupancyOption } from './model';

// Only the bar chart and what it needs: the whole of ECharts would be several times larger.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Occupancy against capacity and target per unit; the label says in words what it shows for screen readers. */
export default function OccupancyChart({ option, label, units, occupied, height = 340 }: { option: OccupancyOption; label: string; units: number; occupied: number; height?: number }) {
  return <EChart option={option} label={label} data-testid="capacity-chart" data-units={units} data-occupied={occupied} height={height} />;
}
