// Jurisdiction as a filter: rows that store their commune, district and province are inside a
// scope when the column at the scope's level holds its unit. Every capability filters this way.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from './actor.js';
import type { UnitLevel } from '../../shared/roles.js';

export interface UnitScope {
  level: UnitLevel;
  unitId: number;
}

/** Where a row lies; a commune may be unknown (a facility or lab registered for a district). */
export interface Place {
  communeId: number | null;
  districtId: number | null;
  provinceId: number;
}

export const actorScope = (actor: Actor): UnitScope => ({ level: actor.jurisdiction.level, unitId: actor.jurisdiction.unitId });

/** "Inside the scope" on a table alias with commune_id, district_id and province_id columns. */
export function inUnit(scope: UnitScope, alias: string): SQL {
  const column = scope.level === 'province' ? 'province_id' : scope.level === 'district' ? 'district_id' : 'commune_id';
  return sql`${sql.raw(`${alias}.${column}`)} = ${scope.unitId}`;
}

export function placeInScope(scope: UnitScope, p: Place): boolean {
  const v = scope.level === 'province' ? p.provinceId : scope.level === 'district' ? p.districtId : p.communeId;
  return v === scope.unitId;
}
