// Jurisdiction for quarantine. A facility stores the units it lies in; a stay stores the units of
// the person's home. Facilities are shared across the province (a commune sends its F1s to the
// district's centralized facility), but only officials of the facility's own jurisdiction change
// them. A stay is seen by the officials of the person's home and by those of the facility.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { unitInJurisdiction, type Actor } from '../auth/actor.js';
import { actorScope, inUnit, placeInScope, type UnitScope } from '../auth/scope.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { can, type Permission } from '../../shared/roles.js';
import { facilities, type FacilityRow } from './schema.js';

export { actorScope, inUnit, placeInScope, type UnitScope };

/** A stay row (alias) the actor may read: the person's home or the facility lies in the jurisdiction. */
export function stayVisible(actor: Actor, alias: string): SQL {
  const scope = actorScope(actor);
  return sql`(${inUnit(scope, alias)} or exists (select 1 from facilities vf where vf.id = ${sql.raw(`${alias}.facility_id`)} and ${inUnit(scope, 'vf')}))`;
}

export function requireAny(actor: Actor, permissions: Permission[]): void {
  if (!permissions.some((p) => can(actor.role, p))) throw new AppError('forbidden');
}

/** A facility of the actor's province (facilities are shared across it); others do not exist for the actor. */
export async function readableFacility(db: DbOrTx, actor: Actor, id: number, field = 'facilityId', lock = false): Promise<FacilityRow> {
  const q = db.select().from(facilities).where(eq(facilities.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || row.provinceId !== actor.jurisdiction.provinceId) throw field === 'id' ? notFound('quarantine.errors.facility_unknown') : invalid(field, 'quarantine.errors.facility_unknown');
  return row;
}

/** A facility the actor runs: inside the jurisdiction. */
export async function managedFacility(db: DbOrTx, actor: Actor, id: number, lock = false): Promise<FacilityRow> {
  const row = await readableFacility(db, actor, id, 'id', lock);
  if (!placeInScope(actorScope(actor), row)) throw new AppError('forbidden', 'quarantine.errors.facility_not_yours');
  return row;
}

/** Whether a unit lies in the actor's jurisdiction. */
export function unitInScope(actor: Actor, unit: { id: number; provinceId: number | null; districtId: number | null }): boolean {
  return unitInJurisdiction(actor.jurisdiction, unit);
}
