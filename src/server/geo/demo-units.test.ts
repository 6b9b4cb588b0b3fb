import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDb } from '../db/testing.js';
import { queryRows } from '../db/handle.js';
import { loadDemoUnits } from '../demo/units.js';
import { getUnit } from './service.js';
import { countCurrent } from './testing.js';

describe('demo units from the dvhcvn package', () => {
  it('loads the whole 2021 country list quickly and gives the demo province a plausible population', async () => {
    const h = await testDb();
    try {
      const started = Date.now();
      const provinceId = await loadDemoUnits(h.db);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(await countCurrent(h.db)).toEqual({ province: 63, district: 705, commune: 10_599 });

      const province = await getUnit(h.db, provinceId);
      expect(province).toMatchObject({ code: '22', fullName: 'Tỉnh Quảng Ninh', listVersion: '2021-07', validFrom: '2021-07-01', population: 1_337_600 });
      const halong = province.children.find((c) => c.code === '193')!;
      expect(halong).toMatchObject({ fullName: 'Thành phố Hạ Long', typeName: 'Thành phố', name: 'Hạ Long' });

      const sums = await queryRows<{ id: number; population: number; communes: number }>(
        h.db,
        sql`select d.id, d.population, sum(c.population)::int as communes from admin_units d
            join admin_units c on c.district_id = d.id and c.level = 'commune'
            where d.province_id = ${provinceId} and d.level = 'district' group by d.id, d.population`,
      );
      expect(sums).toHaveLength(13);
      for (const d of sums) expect(d.population).toBe(d.communes);
      expect(sums.reduce((a, d) => a + d.population, 0)).toBe(1_337_600);

      const byType = await queryRows<{ type_name: string; avg: number; min: number }>(
        h.db,
        sql`select type_name, avg(population)::float as avg, min(population) as min from admin_units
            where province_id = ${provinceId} and level = 'commune' group by type_name`,
      );
      const avg = Object.fromEntries(byType.map((t) => [t.type_name, t.avg]));
      expect(avg['Phường']).toBeGreaterThan(avg['Thị trấn']);
      expect(avg['Thị trấn']).toBeGreaterThan(avg['Xã']);
      expect(Math.min(...byType.map((t) => t.min))).toBeGreaterThan(0);
      const [other] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from admin_units where population is not null and province_id <> ${provinceId}`);
      expect(other.n).toBe(0);

      // Loading again keeps the same rows and the same numbers.
      const populations = await queryRows<{ id: number; population: number }>(h.db, sql`select id, population from admin_units where population is not null order by id`);
      expect(await loadDemoUnits(h.db)).toBe(provinceId);
      expect(await countCurrent(h.db)).toEqual({ province: 63, district: 705, commune: 10_599 });
      expect(await queryRows(h.db, sql`select id, population from admin_units where population is not null order by id`)).toEqual(populations);
    } finally {
      await h.close();
    }
  });
});
