// Reads of the unit list (public reference data) that declarations need and the geo service
// does not offer in this shape: the GSO codes of a unit and of the units above it, for
// matching outbreak areas, and unit names for lists.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/handle.js';
import { adminUnits } from '../geo/schema.js';

export interface UnitCodes {
  id: number;
  code: string;
  fullName: string;
  level: 'province' | 'district' | 'commune';
  /** Its own code and the codes of its district and province. */
  lineage: string[];
  provinceId: number | null;
  districtId: number | null;
}

/** Current units by id with the codes of their ancestors; ids that are not current units are missing from the map. */
export async function currentUnits(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, UnitCodes>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const district = alias(adminUnits, 'district');
  const province = alias(adminUnits, 'province');
  const rows = await db
    .select({
      id: adminUnits.id,
      code: adminUnits.code,
      fullName: adminUnits.fullName,
      level: adminUnits.level,
      provinceId: adminUnits.provinceId,
      districtId: adminUnits.districtId,
      districtCode: district.code,
      provinceCode: province.code,
    })
    .from(adminUnits)
    .leftJoin(district, eq(district.id, adminUnits.districtId))
    .leftJoin(province, eq(province.id, adminUnits.provinceId))
    .where(and(inArray(adminUnits.id, wanted), isNull(adminUnits.validTo)));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        fullName: r.fullName,
        level: r.level,
        provinceId: r.provinceId,
        districtId: r.districtId,
        lineage: [...new Set([r.code, r.districtCode, r.provinceCode].filter((c): c is string => c !== null))],
      },
    ]),
  );
}

/** The current unit with a GSO code (codes of the three levels differ in length, so a code names one unit). */
export async function currentUnitByCode(db: DbOrTx, code: string): Promise<UnitCodes | undefined> {
  const [row] = await db.select({ id: adminUnits.id }).from(adminUnits).where(and(eq(adminUnits.code, code), isNull(adminUnits.validTo))).limit(1);
  return row ? (await currentUnits(db, [row.id])).get(row.id) : undefined;
}

export async function unitNames(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: adminUnits.id, name: adminUnits.fullName }).from(adminUnits).where(inArray(adminUnits.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
