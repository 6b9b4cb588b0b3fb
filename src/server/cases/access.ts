// Jurisdiction for cases, contacts and tracing rows: each stores its commune, district and
// province, and a reader sees the rows whose column at the reader's level holds their unit.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { unitInJurisdiction, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import type { UnitLevel } from '../../shared/roles.js';

export interface UnitScope {
  level: UnitLevel;
  unitId: number;
}

export const actorUnit = (actor: Actor): UnitScope => ({ level: actor.jurisdiction.level, unitId: actor.jurisdiction.unitId });

/** The condition "inside the scope" on a table alias that has commune_id, district_id, province_id. */
export function inUnit(scope: UnitScope, alias: string): SQL {
  const column = scope.level === 'province' ? 'province_id' : scope.level === 'district' ? 'district_id' : 'commune_id';
  return sql`${sql.raw(`${alias}.${column}`)} = ${scope.unitId}`;
}

export function placeInScope(scope: UnitScope, p: { communeId: number; districtId: number | null; provinceId: number }): boolean {
  const v = scope.level === 'province' ? p.provinceId : scope.level === 'district' ? p.districtId : p.communeId;
  return v === scope.unitId;
}

/** The actor's jurisdiction, or a unit inside it narrowing a list (unitId). */
export async function scopeOf(db: DbOrTx, actor: Actor, unitId?: number): Promise<UnitScope> {
  if (unitId === undefined) return actorUnit(actor);
  const [u] = await queryRows<{ id: number; level: UnitLevel; province_id: number | null; district_id: number | null }>(
    db,
    sql`select id, level, province_id, district_id from admin_units where id = ${unitId}`,
  );
  if (!u) throw invalid('unitId', 'cases.errors.unit_unknown');
  if (!unitInJurisdiction(actor.jurisdiction, { id: u.id, provinceId: u.province_id, districtId: u.district_id })) {
    throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'unitId');
  }
  return { level: u.level, unitId: u.id };
}

export const caseCode = (n: number | null | undefined): string | null => (n == null ? null : `BN${n}`);
