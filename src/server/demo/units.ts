import { sql } from 'drizzle-orm';
import { level1s, Type } from 'dvhcvn';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { splitType, type UnitRow } from '../geo/rows.js';
import { writeUnits } from '../geo/write.js';

const TYPE_NAMES: Record<Type, string> = {
  [Type.tinh]: 'Tỉnh',
  [Type.tptw]: 'Thành phố',
  [Type.tp]: 'Thành phố',
  [Type.quan]: 'Quận',
  [Type.huyen]: 'Huyện',
  [Type.thi_xa]: 'Thị xã',
  [Type.phuong]: 'Phường',
  [Type.thi_tran]: 'Thị trấn',
  [Type.xa]: 'Xã',
};

/** The 2021 country list of the dvhcvn package as import rows (its names carry the type prefix). */
export function dvhcvnRows(): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const p of level1s) {
    const province = splitType(p.name, TYPE_NAMES[p.type]);
    for (const d of p.children ?? []) {
      const district = splitType(d.name, TYPE_NAMES[d.type]);
      const parents = {
        provinceCode: p.id,
        provinceName: province.name,
        provinceType: province.type,
        districtCode: d.id,
        districtName: district.name,
        districtType: district.type,
      };
      // Island districts without communes (Hoàng Sa, Bạch Long Vĩ, …) still need their row.
      if (!d.children?.length) rows.push({ ...parents, source: { file: 'dvhcvn', row: rows.length + 1 } });
      for (const c of d.children ?? []) {
        const commune = splitType(c.name, TYPE_NAMES[c.type]);
        rows.push({ ...parents, communeCode: c.id, communeName: commune.name, communeType: commune.type, source: { file: 'dvhcvn', row: rows.length + 1 } });
      }
    }
  }
  return rows;
}

/** Quảng Ninh's population at the 2020 estimate. */
const DEMO_POPULATION = 1_337_600;
/** Wards are denser than townships, townships than rural communes. */
const TYPE_WEIGHT: Record<string, number> = { Phường: 1.8, 'Thị trấn': 1.3, Xã: 0.8 };

/** A stable number in [0, 1) from a code (FNV-1a), so the demo populations never change between runs. */
function unitNoise(code: string): number {
  let h = 0x811c9dc5;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** Spreads the province total over its communes (largest remainders keep the sum exact), then sums up. */
async function setDemoPopulation(db: DbOrTx, provinceId: number): Promise<void> {
  const communes = await queryRows<{ id: number; code: string; type_name: string }>(
    db,
    sql`select id, code, type_name from admin_units where province_id = ${provinceId} and level = 'commune' and valid_to is null order by code`,
  );
  const weights = communes.map((c) => (TYPE_WEIGHT[c.type_name] ?? 1) * (0.6 + 0.8 * unitNoise(c.code)));
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (w / total) * DEMO_POPULATION);
  const people = shares.map(Math.floor);
  const left = DEMO_POPULATION - people.reduce((a, b) => a + b, 0);
  shares
    .map((s, i) => ({ i, frac: s - Math.floor(s) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i)
    .slice(0, left)
    .forEach(({ i }) => people[i]++);
  const records = communes.map((c, i) => ({ id: c.id, population: people[i] }));
  await db.execute(sql`update admin_units u set population = x.population
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id int, population int) where u.id = x.id`);
  await db.execute(sql`update admin_units u set population = s.total
    from (select district_id, sum(population)::int as total from admin_units
          where province_id = ${provinceId} and level = 'commune' and valid_to is null group by district_id) s
    where u.id = s.district_id`);
  await db.execute(sql`update admin_units set population = ${DEMO_POPULATION} where id = ${provinceId}`);
}

/**
 * Loads the whole 2021 country list (so an address anywhere can be recorded) through the same
 * write path as a staff import, as a system import without actor or audit entry, gives the demo
 * province's units a plausible population and returns that province's id. Running it again
 * updates the same rows.
 */
export async function loadDemoUnits(db: Db, provinceCode = '22'): Promise<number> {
  return db.transaction(async (tx) => {
    await writeUnits(tx, dvhcvnRows(), { listVersion: '2021-07', validFrom: '2021-07-01', mode: 'add' });
    const [province] = await queryRows<{ id: number }>(
      tx,
      sql`select id from admin_units where level = 'province' and code = ${provinceCode} and valid_to is null`,
    );
    if (!province) throw new Error(`province ${provinceCode} is not in the dvhcvn list`);
    await setDemoPopulation(tx, province.id);
    return province.id;
  });
}
