import { describe, expect, it } from 'vitest';
import { chartUnits, occupancyOption, openKeys, shortUnitName, soonFull, targetPercent, unitTree, type UnitRow } from './model';

const unit = (id: number, name: string, level: UnitRow['unit']['level'], parentId: number | null, kind: UnitRow['kind'], over: Partial<UnitRow> = {}): UnitRow => ({
  unit: { id, name, level, parentId },
  kind,
  facilities: 0,
  capacity: 0,
  occupied: 0,
  free: 0,
  admissions7d: [0, 0, 0, 0, 0, 0, 0],
  discharges7d: [0, 0, 0, 0, 0, 0, 0],
  daysUntilFull: null,
  target: null,
  atHome: 0,
  ...over,
});

const units: UnitRow[] = [
  unit(14, 'Tỉnh Quảng Ninh', 'province', null, 'quarantine', { capacity: 32, occupied: 15, target: 400 }),
  unit(14, 'Tỉnh Quảng Ninh', 'province', null, 'treatment', { capacity: 44, occupied: 3 }),
  unit(216, 'Huyện Ba Chẽ', 'district', 14, 'quarantine'),
  unit(208, 'Thành phố Hạ Long', 'district', 14, 'quarantine', { capacity: 32, occupied: 15, target: 300 }),
  unit(3255, 'Phường Hồng Gai', 'commune', 208, 'quarantine', { capacity: 32, occupied: 15, target: 50 }),
  unit(3241, 'Phường Hà Khánh', 'commune', 208, 'quarantine'),
  unit(3300, 'Xã Đồn Đạc', 'commune', 216, 'quarantine'),
];

describe('capacity screen', () => {
  it('nests the units of one kind under their parents, each level in Vietnamese name order', () => {
    const roots = unitTree(units, 'quarantine');
    expect(roots.map((r) => r.unit.id)).toEqual([14]);
    expect(roots[0].children!.map((r) => r.unit.name)).toEqual(['Huyện Ba Chẽ', 'Thành phố Hạ Long']);
    expect(roots[0].children![1].children!.map((r) => r.unit.id)).toEqual([3241, 3255]);
    expect(roots[0].children![1].children![0].children).toBeUndefined();
    expect(unitTree(units, 'treatment').map((r) => r.key)).toEqual(['treatment:14']);
    // A district viewed alone: its row is the root.
    expect(unitTree(units.filter((u) => u.unit.level !== 'province'), 'quarantine').map((r) => r.unit.id)).toEqual([216, 208]);
  });

  it('opens the unit viewed and those below it with places, people or a target', () => {
    expect(openKeys(unitTree(units, 'quarantine'))).toEqual(['quarantine:14', 'quarantine:208']);
  });

  it('measures occupancy against the target and flags a projection under a week', () => {
    expect(targetPercent(15, 50)).toBe(30);
    expect(targetPercent(60, 50)).toBe(120);
    expect(targetPercent(15, null)).toBeNull();
    expect(targetPercent(15, 0)).toBeNull();
    expect(soonFull(6)).toBe(true);
    expect(soonFull(7)).toBe(false);
    expect(soonFull(null)).toBe(false);
  });

  it('charts the children of the unit viewed that hold anything, busiest first, with the target where there is one', () => {
    const roots = unitTree(units, 'quarantine');
    const chart = chartUnits(roots);
    expect(chart.map((u) => u.unit.id)).toEqual([208]);
    const option = occupancyOption(chart, { occupied: 'Đang ở', capacity: 'Số chỗ', target: 'Chỉ tiêu' });
    expect(option.xAxis.data).toEqual(['Hạ Long']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Đang ở', [15]],
      ['Số chỗ', [32]],
      ['Chỉ tiêu', [300]],
    ]);
    // A commune viewed: no child holds anything, the commune itself is charted; no target, no bar.
    const alone = unitTree([unit(3241, 'Phường Hà Khánh', 'commune', 208, 'quarantine')], 'quarantine');
    expect(occupancyOption(chartUnits(alone), { occupied: 'a', capacity: 'b', target: 'c' }).series[2].data).toEqual(['-']);
    expect(shortUnitName('Thành phố Hạ Long')).toBe('Hạ Long');
    expect(shortUnitName('Thị trấn Cái Rồng')).toBe('Cái Rồng');
  });
});
