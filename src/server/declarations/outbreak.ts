// Outbreak areas a health officer marks (a unit by its GSO code, or a country), and the check of
// a declaration's places against them. A place visited on day D matches a mark when the place
// or one of the units above it is marked (a marked district covers its communes, a marked
// province everything in it; a marked commune does not make its district an outbreak area) and
// the mark was in force at some point between D and the day of the declaration, so an area
// marked after the visit still flags the people who came from it.
import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, unitInJurisdiction, type Actor } from '../auth/actor.js';
import { can } from '../../shared/roles.js';
import * as audit from '../audit/service.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { parseInput } from '../people/validate.js';
import { outbreakAreaInput, type OutbreakAreaInput, type OutbreakAreaView } from '../../shared/api/declarations.js';
import { outbreakAreas, type OutbreakAreaRow } from './schema.js';
import { currentUnitByCode, currentUnits, type UnitCodes } from './units.js';

export const areaView = (r: OutbreakAreaRow): OutbreakAreaView => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function listOutbreakAreas(db: DbOrTx, actor: Actor, on?: string): Promise<OutbreakAreaView[]> {
  if (!can(actor.role, 'outbreak_areas.manage')) requirePermission(actor, 'declarations.read');
  const rows = await db
    .select()
    .from(outbreakAreas)
    .where(on ? and(lte(outbreakAreas.fromDate, on), or(isNull(outbreakAreas.untilDate), gte(outbreakAreas.untilDate, on))) : undefined)
    .orderBy(asc(outbreakAreas.fromDate), asc(outbreakAreas.id));
  return rows.map(areaView);
}

/** Units are marked inside the actor's jurisdiction; countries only at province level. */
function requireMayMark(actor: Actor, area: { kind: 'unit' | 'country'; unit?: UnitCodes }): void {
  const allowed =
    area.kind === 'country'
      ? actor.jurisdiction.level === 'province'
      : area.unit !== undefined && unitInJurisdiction(actor.jurisdiction, area.unit);
  if (!allowed) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, area.kind === 'unit' ? 'unitId' : 'country');
}

export async function markOutbreakArea(db: Db, actor: Actor, raw: OutbreakAreaInput): Promise<OutbreakAreaView> {
  requirePermission(actor, 'outbreak_areas.manage');
  const input = parseInput(outbreakAreaInput, raw);
  let unit: UnitCodes | undefined;
  if (input.kind === 'unit') {
    unit = (await currentUnits(db, [input.unitId!])).get(input.unitId!);
    if (!unit) throw invalid('unitId', 'declarations.errors.unit_unknown');
  }
  requireMayMark(actor, { kind: input.kind, unit });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(outbreakAreas)
      .values({
        kind: input.kind,
        unitCode: unit?.code ?? null,
        countryCode: input.kind === 'country' ? input.country : null,
        label: input.label ?? unit!.fullName,
        fromDate: input.fromDate,
        untilDate: input.untilDate,
        createdBy: actor.accountId,
      })
      .returning();
    await audit.record(tx, actor, { action: 'create', entity: 'outbreak_area', entityId: row.id, details: { kind: row.kind, unitCode: row.unitCode, countryCode: row.countryCode, fromDate: row.fromDate, untilDate: row.untilDate } });
    return areaView(row);
  });
}

/** Ends a mark: it stops counting after `until` (today when absent). */
export async function endOutbreakArea(db: Db, actor: Actor, id: number, until = todayInVietnam()): Promise<OutbreakAreaView> {
  requirePermission(actor, 'outbreak_areas.manage');
  return db.transaction(async (tx) => {
    const [area] = await tx.select().from(outbreakAreas).where(eq(outbreakAreas.id, id)).for('update');
    if (!area) throw notFound();
    const unit = area.unitCode ? await currentUnitByCode(tx, area.unitCode) : undefined;
    requireMayMark(actor, { kind: area.kind, unit });
    if (until < area.fromDate) throw invalid('until', 'declarations.errors.until_before_from');
    const [row] = await tx.update(outbreakAreas).set({ untilDate: until }).where(eq(outbreakAreas.id, id)).returning();
    await audit.record(tx, actor, { action: 'update', entity: 'outbreak_area', entityId: id, details: { untilDate: { before: area.untilDate, after: until } } });
    return areaView(row);
  });
}

export interface PlaceToCheck {
  /** Codes of the unit visited and the units above it; null for a country. */
  lineage: string[] | null;
  country: string | null;
  date: string;
}

/** The marked areas any of the places touches (see the rule at the top of this file). */
export async function outbreakAreasTouched(db: DbOrTx, places: PlaceToCheck[], today: string): Promise<{ id: number; label: string }[]> {
  if (places.length === 0) return [];
  const codes = places.flatMap((p) => p.lineage ?? []);
  const countries = places.flatMap((p) => (p.country ? [p.country] : []));
  const earliest = places.reduce((min, p) => (p.date < min ? p.date : min), today);
  const keys: SQL[] = [];
  if (codes.length) keys.push(inArray(outbreakAreas.unitCode, codes));
  if (countries.length) keys.push(inArray(outbreakAreas.countryCode, countries));
  const marks = await db
    .select()
    .from(outbreakAreas)
    .where(and(or(...keys), lte(outbreakAreas.fromDate, today), or(isNull(outbreakAreas.untilDate), gte(outbreakAreas.untilDate, earliest))))
    .orderBy(asc(outbreakAreas.id));
  return marks
    .filter((m) =>
      places.some(
        (p) =>
          (m.untilDate === null || m.untilDate >= p.date) &&
          (m.kind === 'unit' ? (p.lineage ?? []).includes(m.unitCode!) : p.country === m.countryCode),
      ),
    )
    .map((m) => ({ id: m.id, label: m.label }));
}
