// The capacity view's units as a tree (province → districts → communes), how full a unit is
// against its plan target, which projections need attention, and the occupancy-vs-target chart
// as an ECharts option: pure data work, testable without a browser.
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { CapacityResponse } from '../../../shared/api/quarantine-monitoring.js';

export type UnitRow = CapacityResponse['units'][number];
export type CapacityKind = UnitRow['kind'];
export type UnitTreeRow = UnitRow & { key: string; children?: UnitTreeRow[] };

/** Fewer days than this until full is a warning (a week to open another facility). */
export const SOON_DAYS = 7;
export const soonFull = (days: number | null): boolean => days !== null && days < SOON_DAYS;

/** The units of one kind nested under their parents, each level in name order; a unit whose parent is not in the view is a root. */
export function unitTree(units: readonly UnitRow[], kind: CapacityKind): UnitTreeRow[] {
  const rows = units.filter((u) => u.kind === kind).map((u): UnitTreeRow => ({ ...u, key: `${u.kind}:${u.unit.id}` }));
  const byId = new Map(rows.map((r) => [r.unit.id, r]));
  const roots: UnitTreeRow[] = [];
  for (const r of rows) {
    const parent = r.unit.parentId === null ? undefined : byId.get(r.unit.parentId);
    if (parent) (parent.children ??= []).push(r);
    else roots.push(r);
  }
  const sort = (list: UnitTreeRow[]) => {
    list.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
    for (const r of list) if (r.children) sort(r.children);
  };
  sort(roots);
  return roots;
}

/** Occupied places as a share of the target, in whole percent; null without a target. */
export function targetPercent(occupied: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.round((occupied / target) * 100);
}

/**
 * The units the chart compares: the children of the unit viewed (its districts, or communes) that
 * have places, people or a target, busiest first; the unit itself when none has.
 */
export function chartUnits(roots: readonly UnitTreeRow[], max = 25): UnitTreeRow[] {
  const children = roots.flatMap((r) => r.children ?? []).filter((u) => u.capacity > 0 || u.occupied > 0 || u.atHome > 0 || u.target !== null);
  const list = children.length ? children : [...roots];
  return [...list].sort((a, b) => b.occupied - a.occupied || b.capacity - a.capacity || a.unit.name.localeCompare(b.unit.name, 'vi')).slice(0, max);
}

export type OccupancyOption = {
  grid: GridComponentOption;
  legend: LegendComponentOption;
  tooltip: TooltipComponentOption;
  xAxis: { type: 'category'; data: string[]; axisLabel: { interval: number; rotate: number; width: number; overflow: 'truncate' } };
  yAxis: { type: 'value'; minInterval: number };
  series: BarSeriesOption[];
  animation: boolean;
};

/** Unit names on the axis lose the "Thành phố", "Huyện", "Phường" that every one of them has. */
export function shortUnitName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|Thị xã|Huyện|Quận|Phường|Xã|Thị trấn)\s+/u, '');
}

/** Bars of people in facilities, places, and the plan target per unit; a unit without a target has no target bar. */
export function occupancyOption(units: readonly UnitTreeRow[], labels: { occupied: string; capacity: string; target: string }): OccupancyOption {
  return {
    grid: { left: 48, right: 16, top: 40, bottom: units.length > 8 ? 90 : 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: units.map((u) => shortUnitName(u.unit.name)), axisLabel: { interval: 0, rotate: units.length > 8 ? 40 : 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: labels.occupied, data: units.map((u) => u.occupied), itemStyle: { color: '#0b6e69' } },
      { type: 'bar', name: labels.capacity, data: units.map((u) => u.capacity), itemStyle: { color: '#91caff' } },
      { type: 'bar', name: labels.target, data: units.map((u) => u.target ?? '-'), itemStyle: { color: '#fa8c16' } },
    ],
    animation: false,
  };
}

/** Rows opened at first: the unit viewed, and every unit below with places, people or a target. */
export function openKeys(roots: readonly UnitTreeRow[]): string[] {
  const out: string[] = [];
  const walk = (rows: readonly UnitTreeRow[], top: boolean) => {
    for (const r of rows) {
      if (!r.children?.length) continue;
      if (top || r.capacity > 0 || r.occupied > 0 || r.atHome > 0 || r.target !== null) out.push(r.key);
      walk(r.children, false);
    }
  };
  walk(roots, true);
  return out;
}
