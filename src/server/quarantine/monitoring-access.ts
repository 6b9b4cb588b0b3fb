// Who may watch which stay. A stay is inside a jurisdiction when the person lives there (the
// commune's teams follow their residents wherever they stay) or when the facility lies there (the
// facility's staff look after everyone inside, arrivals from other provinces too). Community
// teams see only the home stays of their commune.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { requirePermission, unitInJurisdiction, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import { unitChain } from '../geo/service.js';
import type { Permission } from '../../shared/roles.js';
import { actorScope, inUnit, type UnitScope } from './access.js';
import { facilities, stays, type FacilityRow, type StayRow } from './schema.js';

export const E = (key: string) => `quarantineMonitoring.errors.${key}`;

/** "Inside the scope" for a stay alias `s` left-joined to its facility `f`. */
export function stayInScope(actor: Actor, scope: UnitScope = actorScope(actor), s = 's', f = 'f'): SQL {
  if (actor.role === 'community_member') return sql`(${sql.raw(s)}.place = 'home' and ${inUnit(scope, s)})`;
  return sql`(${inUnit(scope, s)} or coalesce(${inUnit(scope, f)}, false))`;
}

function stayVisible(actor: Actor, stay: StayRow, facility: FacilityRow | null): boolean {
  const j = actor.jurisdiction;
  const at = (p: { communeId: number; districtId: number | null; provinceId: number }) =>
    (j.level === 'province' ? p.provinceId : j.level === 'district' ? p.districtId : p.communeId) === j.unitId;
  if (actor.role === 'community_member') return stay.place === 'home' && at(stay);
  return at(stay) || (facility !== null && at(facility));
}

export interface WatchedStay {
  stay: StayRow;
  facility: FacilityRow | null;
}

/** A stay the actor may act on with the permission; one outside the jurisdiction does not exist for them. */
export async function watchedStay(db: DbOrTx, actor: Actor, stayId: number, permission: Permission = 'quarantine.monitor'): Promise<WatchedStay> {
  requirePermission(actor, permission);
  const [row] = await db.select({ stay: stays, facility: facilities }).from(stays).leftJoin(facilities, eq(facilities.id, stays.facilityId)).where(eq(stays.id, stayId));
  if (!row || !stayVisible(actor, row.stay, row.facility)) throw new AppError('not_found', E('stay_unknown'));
  return row;
}

export function requireActive(stay: StayRow): void {
  if (stay.status !== 'active') throw new AppError('conflict', E('stay_not_active'));
}

/** The actor's jurisdiction, or a current unit inside it that narrows a view (named by `field`). */
export async function scopeFor(db: DbOrTx, actor: Actor, unitId: number | undefined, field = 'unitId'): Promise<UnitScope> {
  if (unitId === undefined) return actorScope(actor);
  const chain = await unitChain(db, unitId).catch(() => []);
  const unit = chain[chain.length - 1];
  if (!unit || unit.validTo !== null) throw invalid(field, E('unit_unknown'));
  if (!unitInJurisdiction(actor.jurisdiction, unit)) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, field);
  return { level: unit.level, unitId: unit.id };
}
