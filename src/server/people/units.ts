// Reads of admin_units that people need and the geo service does not offer in this shape: a
// unit's place for jurisdiction checks and the names of many units at once.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { adminUnits } from '../geo/schema.js';
import type { UnitLevel } from '../../shared/roles.js';

export interface UnitPlace {
  id: number;
  level: UnitLevel;
  provinceId: number | null;
  districtId: number | null;
}

/** Any unit, current or retired: people keep pointing at the unit row they were registered with. */
export async function findUnit(db: DbOrTx, id: number): Promise<UnitPlace | undefined> {
  const [u] = await db
    .select({ id: adminUnits.id, level: adminUnits.level, provinceId: adminUnits.provinceId, districtId: adminUnits.districtId })
    .from(adminUnits)
    .where(eq(adminUnits.id, id));
  return u;
}

/** Full names ("Phường Hồng Hà") of units by id. */
export async function unitNames(db: DbOrTx, ids: Iterable<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: adminUnits.id, name: adminUnits.fullName }).from(adminUnits).where(inArray(adminUnits.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
