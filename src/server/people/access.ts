// Jurisdiction rules for people. A person outside the actor's jurisdiction is treated as not
// existing (404), so ids cannot be probed; a unit outside it is refused with 403
// out_of_jurisdiction, since units are public.
import { eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/handle.js';
import { unitInJurisdiction, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import type { UnitLevel } from '../../shared/roles.js';
import { people } from './schema.js';
import { findUnit } from './units.js';
import type { resolveCommune } from '../geo/service.js';

/** Where a commune lies, as the geo service's resolveCommune returns it. */
export type CommunePlace = Awaited<ReturnType<typeof resolveCommune>>;

/** The people of one unit: those whose province, district or commune column holds it. */
export interface Scope {
  level: UnitLevel;
  unitId: number;
}

export const actorScope = (actor: Actor): Scope => ({ level: actor.jurisdiction.level, unitId: actor.jurisdiction.unitId });

type PeopleColumns = Record<'provinceId' | 'districtId' | 'communeId', AnyPgColumn>;

/** The condition on the people table (or an alias of it) for a scope. */
export function inScope(scope: Scope, table: PeopleColumns = people): SQL {
  const column = scope.level === 'province' ? table.provinceId : scope.level === 'district' ? table.districtId : table.communeId;
  return eq(column, scope.unitId);
}

export function personInScope(scope: Scope, p: { provinceId: number; districtId: number | null; communeId: number }): boolean {
  const value = scope.level === 'province' ? p.provinceId : scope.level === 'district' ? p.districtId : p.communeId;
  return value === scope.unitId;
}

/** The actor's jurisdiction, or a unit inside it that narrows a search or an export. */
export async function scopeFor(db: DbOrTx, actor: Actor, unitId?: number): Promise<Scope> {
  if (unitId === undefined) return actorScope(actor);
  const unit = await findUnit(db, unitId);
  if (!unit) throw invalid('unitId', 'people.errors.unit_unknown');
  if (!unitInJurisdiction(actor.jurisdiction, unit)) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'unitId');
  return { level: unit.level, unitId: unit.id };
}

export function requireCommuneInJurisdiction(actor: Actor, place: CommunePlace): void {
  if (!unitInJurisdiction(actor.jurisdiction, { id: place.communeId, provinceId: place.provinceId, districtId: place.districtId })) {
    throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'communeId');
  }
}
