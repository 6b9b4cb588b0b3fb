// Jurisdiction for testing. Sites, labs and campaigns store the units they lie in; samples store
// the units of the person sampled. Operations on a sample (send, receive, result) follow the site
// it was taken at; personal data follows the person (summariesInJurisdiction).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { unitInJurisdiction, type Actor } from '../auth/actor.js';
import { actorScope, inUnit, placeInScope, type UnitScope } from '../auth/scope.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { getUnit } from '../geo/service.js';
import { testingLabs, testingSites, type LabRow, type SiteRow } from './schema.js';

export { actorScope, inUnit, placeInScope, type UnitScope };

/** A unit of the actor's jurisdiction, with the columns a record made for it stores. */
export async function unitPlace(db: DbOrTx, actor: Actor, unitId: number, field = 'unitId') {
  const unit = await getUnit(db, unitId).catch(() => null);
  if (!unit) throw invalid(field, 'testing.errors.unit_unknown');
  if (!unitInJurisdiction(actor.jurisdiction, { id: unit.id, provinceId: unit.provinceId, districtId: unit.districtId })) {
    throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, field);
  }
  return {
    unit,
    scope: { level: unit.level, unitId: unit.id } as UnitScope,
    communeId: unit.level === 'commune' ? unit.id : null,
    districtId: unit.level === 'province' ? null : (unit.districtId ?? null),
    provinceId: unit.provinceId ?? unit.id,
  };
}

/** The actor's jurisdiction, or a unit inside it narrowing a view. */
export async function scopeFor(db: DbOrTx, actor: Actor, unitId?: number): Promise<UnitScope> {
  return unitId === undefined ? actorScope(actor) : (await unitPlace(db, actor, unitId)).scope;
}

/** A site of the jurisdiction; others do not exist for the actor. */
export async function visibleSite(db: DbOrTx, actor: Actor, id: number, field = 'siteId'): Promise<SiteRow> {
  const [row] = await db.select().from(testingSites).where(eq(testingSites.id, id));
  if (!row || !placeInScope(actorScope(actor), row)) throw new AppError('validation', 'testing.errors.site_unknown', {}, field);
  return row;
}

/** A lab samples may be sent to: any active lab of the actor's province. */
export async function labInProvince(db: DbOrTx, actor: Actor, id: number, field = 'labId'): Promise<LabRow> {
  const [row] = await db.select().from(testingLabs).where(eq(testingLabs.id, id));
  if (!row || !row.active || row.provinceId !== actor.jurisdiction.provinceId) throw invalid(field, 'testing.errors.lab_unknown');
  return row;
}

/** A lab the actor works for (receives at, enters results of): inside the jurisdiction. */
export async function labOfActor(db: DbOrTx, actor: Actor, id: number, field = 'labId'): Promise<LabRow> {
  const row = await labInProvince(db, actor, id, field);
  if (!placeInScope(actorScope(actor), row)) throw invalid(field, 'testing.errors.lab_unknown');
  return row;
}

export const siteNotFound = () => notFound('testing.errors.site_unknown');
