// The capacity charts as ECharts options: pure data work, kept apart from the chart so the rules
// (every day of the window on the axis, empty days as zero, the busiest series first, the tail
// folded into one) are testable.
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

export interface DailyPoint {
  day: string;
  id: number;
  name: string;
  value: number;
}

export interface DailySeries {
  /** null for the series that folds the rest together. */
  id: number | null;
  name: string;
  data: number[];
  total: number;
}

/** Every calendar day from `from` to `to` (yyyy-MM-dd), both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 400; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** One series per id over the given days, busiest first; points outside the days are left out. */
export function dailySeries(days: string[], points: DailyPoint[]): DailySeries[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const byId = new Map<number, DailySeries>();
  for (const p of points) {
    const i = index.get(p.day);
    if (i === undefined) continue;
    let s = byId.get(p.id);
    if (!s) byId.set(p.id, (s = { id: p.id, name: p.name, data: days.map(() => 0), total: 0 }));
    s.data[i] += p.value;
    s.total += p.value;
  }
  return [...byId.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
}

/** The first `max - 1` series as they are and the rest summed into one, so a legend stays readable. */
export function foldTail(series: DailySeries[], max: number, otherName: string): DailySeries[] {
  if (series.length <= max) return series;
  const kept = series.slice(0, max - 1);
  const rest = series.slice(max - 1);
  const data = rest[0].data.map((_, i) => rest.reduce((sum, s) => sum + s.data[i], 0));
  return [...kept, { id: null, name: otherName, data, total: rest.reduce((sum, s) => sum + s.total, 0) }];
}

export type DailyOption = {
  grid: GridComponentOption;
  legend: LegendComponentOption;
  tooltip: TooltipComponentOption;
  xAxis: { type: 'category'; data: string[] };
  yAxis: { type: 'value'; minInterval: number };
  series: (BarSeriesOption | LineSeriesOption)[];
  animation: boolean;
};

export function buildDailyOption(days: string[], series: DailySeries[], opts: { kind: 'bar' | 'line'; dayLabel: (day: string) => string }): DailyOption {
  return {
    grid: { left: 48, right: 16, top: 48, bottom: 32 },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map(opts.dayLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) =>
      opts.kind === 'bar'
        ? ({ type: 'bar', name: s.name, stack: 'samples', data: s.data, emphasis: { focus: 'series' } } satisfies BarSeriesOption)
        : ({ type: 'line', name: s.name, data: s.data, symbolSize: 6, emphasis: { focus: 'series' } } satisfies LineSeriesOption),
    ),
    animation: false,
  };
}

/** dd/MM of a yyyy-MM-dd day: the axis has no room for the year. */
export const shortDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
