// Jurisdiction for cases, contacts and tracing rows: each stores its commune, district and
// province, and a reader sees the rows whose column at the reader's level holds their unit.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { unitInJurisdiction, type Actor } from '../auth/actor.js';
import { actorScope, inUnit, placeInScope, type UnitScope } from '../auth/scope.js';
import { AppError, invalid } from '../http/errors.js';
import type { UnitLevel } from '../../shared/roles.js';

export { inUnit, placeInScope, type UnitScope };

export const actorUnit = actorScope;

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
