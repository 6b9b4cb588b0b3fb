import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import type { Actor, Jurisdiction } from '../auth/actor.js';
import { requirePermission, unitInJurisdiction } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { foldKey } from '../../shared/vn/text.js';
import type { UnitDetail, UnitLevelName, UnitSearchHit, UnitTreeNode, UnitView } from '../../shared/api/geo.js';
import { adminUnits } from './schema.js';

export { importUnits, importBoundaries } from './import.js';

const unitColumns = {
  id: adminUnits.id,
  code: adminUnits.code,
  level: adminUnits.level,
  name: adminUnits.name,
  fullName: adminUnits.fullName,
  typeName: adminUnits.typeName,
  nameEn: adminUnits.nameEn,
  parentId: adminUnits.parentId,
  provinceId: adminUnits.provinceId,
  districtId: adminUnits.districtId,
  listVersion: adminUnits.listVersion,
  validFrom: adminUnits.validFrom,
  validTo: adminUnits.validTo,
  population: adminUnits.population,
};

const LEVEL_RANK = sql`case ${adminUnits.level} when 'province' then 0 when 'district' then 1 else 2 end`;

export interface SearchUnitsQuery {
  q: string;
  level?: UnitLevelName;
  /** Only units inside this one (its children and, for a province, its communes too). */
  parentId?: number;
  includeRetired?: boolean;
  limit?: number;
}

/**
 * Units whose full name has a word starting with the query, accent- and case-insensitively
 * ("ha long" finds "Thành phố Hạ Long", "hoa" finds "Hòa" and "Hoà"); current units unless asked.
 * Unit lists are public reference data, so the search is not bounded by jurisdiction.
 */
export async function searchUnits(db: DbOrTx, query: SearchUnitsQuery): Promise<UnitSearchHit[]> {
  const key = foldKey(query.q);
  if (!key) return [];
  const district = alias(adminUnits, 'district');
  const province = alias(adminUnits, 'province');
  const where: SQL[] = [or(sql`${adminUnits.searchKey} like ${key + '%'}`, sql`${adminUnits.searchKey} like ${'% ' + key + '%'}`)!];
  if (!query.includeRetired) where.push(isNull(adminUnits.validTo));
  if (query.level) where.push(eq(adminUnits.level, query.level));
  if (query.parentId) {
    const p = query.parentId;
    where.push(sql`${adminUnits.id} <> ${p}`, or(eq(adminUnits.parentId, p), eq(adminUnits.districtId, p), eq(adminUnits.provinceId, p))!);
  }
  const rows = await db
    .select({ ...unitColumns, districtName: district.fullName, provinceName: province.fullName })
    .from(adminUnits)
    .leftJoin(district, and(eq(district.id, adminUnits.districtId), sql`${adminUnits.level} = 'commune'`))
    .leftJoin(province, and(eq(province.id, adminUnits.provinceId), sql`${adminUnits.level} <> 'province'`))
    .where(and(...where))
    .orderBy(sql`${adminUnits.validTo} is not null`, LEVEL_RANK, sql`length(${adminUnits.searchKey})`, asc(adminUnits.searchKey), asc(adminUnits.id))
    .limit(query.limit ?? 20);
  return rows;
}

/**
 * The current units directly under a unit (the provinces when parentId is null): districts of a
 * 2021 province, communes of a district or of a 2025 province. Public reference data, used by
 * citizens' address pickers.
 */
export async function childUnits(db: DbOrTx, parentId: number | null): Promise<UnitView[]> {
  return db
    .select(unitColumns)
    .from(adminUnits)
    .where(and(isNull(adminUnits.validTo), parentId === null ? eq(adminUnits.level, 'province') : eq(adminUnits.parentId, parentId)))
    .orderBy(asc(adminUnits.searchKey), asc(adminUnits.id));
}

/** A unit and the units above it, province first. */
export async function unitChain(db: DbOrTx, id: number): Promise<UnitView[]> {
  const unit = await unitById(db, id);
  if (!unit) throw notFound();
  return [...(await ancestorsOf(db, unit)), unit];
}

async function ancestorsOf(db: DbOrTx, unit: { parentId: number | null }): Promise<UnitView[]> {
  const chain: UnitView[] = [];
  for (let parentId = unit.parentId; parentId !== null; ) {
    const parent = await unitById(db, parentId);
    if (!parent) break;
    chain.unshift(parent);
    parentId = parent.parentId;
  }
  return chain;
}

async function unitById(db: DbOrTx, id: number): Promise<UnitView | undefined> {
  const [u] = await db.select(unitColumns).from(adminUnits).where(eq(adminUnits.id, id));
  return u;
}

/** A unit (current or retired) with its ancestors, province first, and its children. */
export async function getUnit(db: DbOrTx, id: number): Promise<UnitDetail> {
  const [row] = await db.select({ ...unitColumns, boundary: adminUnits.boundary }).from(adminUnits).where(eq(adminUnits.id, id));
  if (!row) throw notFound();
  const chain = await ancestorsOf(db, row);
  const children = await db
    .select(unitColumns)
    .from(adminUnits)
    .where(and(eq(adminUnits.parentId, id), row.validTo === null ? isNull(adminUnits.validTo) : undefined))
    .orderBy(asc(adminUnits.code));
  return { ...row, boundary: row.boundary ?? null, chain, children };
}

function jurisdictionFilter(j: Jurisdiction, columns: { id: SQL; provinceId: SQL; districtId: SQL }): SQL {
  if (j.level === 'province') return sql`${columns.provinceId} = ${j.unitId}`;
  if (j.level === 'district') return sql`${columns.districtId} = ${j.unitId}`;
  return sql`${columns.id} = ${j.unitId}`;
}

/**
 * The current units of the actor's jurisdiction as a flat list in tree order, each with the
 * number of people recorded in it. People are counted once, grouped by their commune, district
 * and province, and each group adds to every listed unit it names, so people still tied to a
 * retired commune count for the province they remain in.
 */
export async function unitTree(db: DbOrTx, actor: Actor): Promise<UnitTreeNode[]> {
  requirePermission(actor, 'units.read');
  const j = actor.jurisdiction;
  const units = await db
    .select({
      id: adminUnits.id,
      code: adminUnits.code,
      level: adminUnits.level,
      name: adminUnits.name,
      fullName: adminUnits.fullName,
      typeName: adminUnits.typeName,
      parentId: adminUnits.parentId,
      population: adminUnits.population,
    })
    .from(adminUnits)
    .where(and(isNull(adminUnits.validTo), jurisdictionFilter(j, { id: sql`${adminUnits.id}`, provinceId: sql`${adminUnits.provinceId}`, districtId: sql`${adminUnits.districtId}` })))
    .orderBy(asc(adminUnits.code));
  const groups = await queryRows<{ commune_id: number; district_id: number | null; province_id: number; n: number }>(
    db,
    sql`select commune_id, district_id, province_id, count(*)::int as n from people
        where merged_into is null and ${jurisdictionFilter(j, { id: sql`commune_id`, provinceId: sql`province_id`, districtId: sql`district_id` })}
        group by commune_id, district_id, province_id`,
  );
  const nodes = new Map(units.map((u) => [u.id, { ...u, peopleCount: 0 }]));
  for (const g of groups) {
    for (const id of new Set([g.commune_id, g.district_id, g.province_id])) {
      const node = id === null ? undefined : nodes.get(id);
      if (node) node.peopleCount += g.n;
    }
  }
  return treeOrder([...nodes.values()]);
}

/** Depth first, children by code, so the web can indent the flat list as it comes. */
function treeOrder(nodes: UnitTreeNode[]): UnitTreeNode[] {
  const byParent = new Map<number | null, UnitTreeNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), n]);
  }
  const out: UnitTreeNode[] = [];
  const visit = (parent: number | null) => {
    for (const n of byParent.get(parent) ?? []) {
      out.push(n);
      visit(n.id);
    }
  };
  visit(null);
  return out;
}

/** Sets the population used for per-100,000 rates; only inside the actor's jurisdiction. */
export async function setPopulation(db: Db, actor: Actor, unitId: number, population: number | null): Promise<UnitView> {
  requirePermission(actor, 'units.manage');
  if (population !== null && (!Number.isInteger(population) || population < 0 || population > 200_000_000)) {
    throw invalid('population', 'geo.errors.population');
  }
  return db.transaction(async (tx) => {
    const unit = await unitById(tx, unitId);
    if (!unit) throw notFound();
    if (!unitInJurisdiction(actor.jurisdiction, unit)) throw new AppError('forbidden', 'errors.out_of_jurisdiction');
    const [updated] = await tx.update(adminUnits).set({ population }).where(eq(adminUnits.id, unitId)).returning(unitColumns);
    await audit.record(tx, actor, {
      action: 'update',
      entity: 'admin_units',
      entityId: unitId,
      details: { population: { from: unit.population, to: population } },
    });
    return updated;
  });
}

export interface CommuneRef {
  id: number;
  code: string;
  name: string;
  fullName: string;
  districtId: number | null;
  provinceId: number;
  population: number | null;
}

/** The current communes inside a unit (the commune itself for a commune), by code. */
export async function communesOf(db: DbOrTx, unitId: number): Promise<CommuneRef[]> {
  const rows = await db
    .select({
      id: adminUnits.id,
      code: adminUnits.code,
      name: adminUnits.name,
      fullName: adminUnits.fullName,
      districtId: adminUnits.districtId,
      provinceId: adminUnits.provinceId,
      population: adminUnits.population,
    })
    .from(adminUnits)
    .where(
      and(
        eq(adminUnits.level, 'commune'),
        isNull(adminUnits.validTo),
        or(eq(adminUnits.id, unitId), eq(adminUnits.districtId, unitId), eq(adminUnits.provinceId, unitId)),
      ),
    )
    .orderBy(asc(adminUnits.code));
  return rows.map((r) => ({ ...r, provinceId: r.provinceId! }));
}

/** The district and province of a current commune, for records that store all three; else a communeId field error. */
export async function resolveCommune(db: DbOrTx, communeId: number): Promise<{ communeId: number; districtId: number | null; provinceId: number }> {
  const [c] = await db
    .select({ id: adminUnits.id, districtId: adminUnits.districtId, provinceId: adminUnits.provinceId })
    .from(adminUnits)
    .where(and(eq(adminUnits.id, communeId), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo)));
  if (!c || c.provinceId === null) throw invalid('communeId', 'geo.errors.commune_unknown');
  return { communeId: c.id, districtId: c.districtId, provinceId: c.provinceId };
}
