import type { Lang } from '../../shared/i18n/index.js';
import type { Permission, Role, UnitLevel } from '../../shared/roles.js';
import { can } from '../../shared/roles.js';
import { AppError } from '../http/errors.js';

export interface Jurisdiction {
  unitId: number;
  level: UnitLevel;
  provinceId: number;
  districtId: number | null;
}

/** Who is acting, from where and through which screen: services need all of it for access and audit. */
export interface Actor {
  accountId: number;
  username: string;
  role: Role;
  jurisdiction: Jurisdiction;
  lang: Lang;
  ip: string;
  via: string;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new AppError('forbidden');
}

/** Whether a unit (given by its own id and its province/district ids) lies inside the actor's jurisdiction. */
export function unitInJurisdiction(
  j: Jurisdiction,
  unit: { id: number; provinceId: number | null; districtId: number | null },
): boolean {
  if (j.level === 'province') return unit.provinceId === j.unitId || unit.id === j.unitId;
  if (j.level === 'district') return unit.districtId === j.unitId || unit.id === j.unitId;
  return unit.id === j.unitId;
}
