// Facilities: centralized quarantine (public or a paid hotel) and treatment facilities (field
// hospital, district or provincial hospital, with their tier), each with its structure of zones,
// rooms and beds written in one call, its status, and the occupancy read from the active stays.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { getUnit, resolveCommune } from '../geo/service.js';
import { parseInput } from '../people/validate.js';
import {
  facilityInput,
  facilityStatusBody,
  listFacilitiesQuery,
  type FacilityDetail,
  type FacilitySummary,
  type ListFacilitiesQuery,
} from '../../shared/api/quarantine.js';
import { inUnit, managedFacility, readableFacility, unitInScope, type UnitScope } from './access.js';
import { writeStructure } from './facility-structure.js';
import { cameraViews, staffViews } from './facility-duty.js';
import { roomViews } from './room-views.js';
import { facilities } from './schema.js';

type Input = ReturnType<typeof parseFacility>;
const parseFacility = (raw: unknown) => parseInput(facilityInput, raw);

/** The units a facility input names, checked: its commune in the jurisdiction, the managing unit in the province. */
async function placeOf(db: DbOrTx, actor: Actor, input: Input) {
  const place = await resolveCommune(db, input.communeId);
  if (!unitInScope(actor, { id: place.communeId, provinceId: place.provinceId, districtId: place.districtId })) {
    throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'communeId');
  }
  const managingUnitId = input.managingUnitId ?? place.districtId ?? place.provinceId;
  const managing = await getUnit(db, managingUnitId).catch(() => null);
  if (!managing || (managing.provinceId ?? managing.id) !== place.provinceId) throw invalid('managingUnitId', 'quarantine.errors.unit_unknown');
  return { ...place, managingUnitId };
}

async function codeFree(db: DbOrTx, code: string, exceptId?: number): Promise<void> {
  const [taken] = await db.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code));
  if (taken && taken.id !== exceptId) throw new AppError('conflict', 'quarantine.errors.facility_code_taken', {}, 'code');
}

function columns(input: Input) {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    tier: input.tier,
    paid: input.paid,
    fundingSource: input.fundingSource,
    addressLine: input.addressLine,
    oxygenBeds: input.oxygenBeds,
    icuBeds: input.icuBeds,
    familyRooms: input.familyRooms,
  };
}

export async function createFacility(db: Db, actor: Actor, raw: unknown): Promise<FacilityDetail> {
  requirePermission(actor, 'quarantine.manage');
  const input = parseFacility(raw);
  const place = await placeOf(db, actor, input);
  const id = await db.transaction(async (tx) => {
    await codeFree(tx, input.code);
    const [row] = await tx
      .insert(facilities)
      .values({ ...columns(input), ...place, createdBy: actor.accountId })
      .returning({ id: facilities.id });
    await writeStructure(tx, row.id, input.zones);
    await audit.record(tx, actor, { action: 'create', entity: 'facility', entityId: row.id, details: { code: input.code, kind: input.kind, rooms: input.zones.reduce((n, z) => n + z.rooms.length, 0) } });
    return row.id;
  });
  return getFacility(db, actor, id);
}

/** Rewrites a facility and its structure; rooms in use keep their people (see writeStructure). */
export async function updateFacility(db: Db, actor: Actor, id: number, raw: unknown): Promise<FacilityDetail> {
  requirePermission(actor, 'quarantine.manage');
  const input = parseFacility(raw);
  await db.transaction(async (tx) => {
    const before = await managedFacility(tx, actor, id, true);
    const place = await placeOf(tx, actor, input);
    await codeFree(tx, input.code, id);
    if (before.kind !== input.kind && (await activeStays(tx, id)) > 0) throw invalid('kind', 'quarantine.errors.facility_in_use');
    await tx
      .update(facilities)
      .set({ ...columns(input), ...place, updatedAt: new Date() })
      .where(eq(facilities.id, id));
    await writeStructure(tx, id, input.zones);
    await audit.record(tx, actor, { action: 'update', entity: 'facility', entityId: id, details: { code: input.code } });
  });
  return getFacility(db, actor, id);
}

async function activeStays(db: DbOrTx, facilityId: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stays where facility_id = ${facilityId} and status = 'active'`);
  return r.n;
}

/** ready → active → closed, and back; a facility with people in it does not close. */
export async function setFacilityStatus(db: Db, actor: Actor, id: number, raw: unknown): Promise<FacilityDetail> {
  requirePermission(actor, 'quarantine.manage');
  const { status } = parseInput(facilityStatusBody, raw);
  await db.transaction(async (tx) => {
    const before = await managedFacility(tx, actor, id, true);
    if (status === 'closed' && (await activeStays(tx, id)) > 0) throw new AppError('conflict', 'quarantine.errors.facility_has_stays', {}, 'status');
    await tx.update(facilities).set({ status, updatedAt: new Date() }).where(eq(facilities.id, id));
    await audit.record(tx, actor, { action: 'update', entity: 'facility', entityId: id, details: { from: before.status, to: status } });
  });
  return getFacility(db, actor, id);
}

interface SummaryRow {
  id: number;
  code: string;
  name: string;
  kind: FacilitySummary['kind'];
  tier: number | null;
  paid: boolean;
  funding_source: FacilitySummary['fundingSource'];
  commune_id: number;
  commune_name: string;
  district_id: number | null;
  province_id: number;
  managing_unit_id: number | null;
  managing_name: string | null;
  address_line: string;
  status: FacilitySummary['status'];
  oxygen_beds: number;
  icu_beds: number;
  family_rooms: boolean;
  rooms: number;
  capacity: number;
  occupied: number;
}

async function summaries(db: DbOrTx, where: SQL): Promise<FacilitySummary[]> {
  const rows = await queryRows<SummaryRow>(
    db,
    sql`select f.id, f.code, f.name, f.kind, f.tier, f.paid, f.funding_source, f.commune_id, cu.full_name as commune_name,
          f.district_id, f.province_id, f.managing_unit_id, mu.full_name as managing_name, f.address_line, f.status,
          f.oxygen_beds, f.icu_beds, f.family_rooms,
          coalesce(r.rooms, 0)::int as rooms, coalesce(r.capacity, 0)::int as capacity, coalesce(o.occupied, 0)::int as occupied
        from facilities f
        join admin_units cu on cu.id = f.commune_id
        left join admin_units mu on mu.id = f.managing_unit_id
        left join (select facility_id, count(*) as rooms, sum(capacity) as capacity from facility_rooms group by facility_id) r on r.facility_id = f.id
        left join (select facility_id, count(*) as occupied from stays where status = 'active' and facility_id is not null group by facility_id) o on o.facility_id = f.id
        where ${where}
        order by f.status = 'closed', f.name, f.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    tier: r.tier,
    paid: r.paid,
    fundingSource: r.funding_source,
    communeId: r.commune_id,
    communeName: r.commune_name,
    districtId: r.district_id,
    provinceId: r.province_id,
    managingUnit: r.managing_unit_id === null ? null : { id: r.managing_unit_id, name: r.managing_name ?? '' },
    addressLine: r.address_line,
    status: r.status,
    oxygenBeds: r.oxygen_beds,
    icuBeds: r.icu_beds,
    familyRooms: r.family_rooms,
    rooms: r.rooms,
    capacity: r.capacity,
    occupied: r.occupied,
    free: Math.max(0, r.capacity - r.occupied),
  }));
}

/** Facilities of the province (shared by its communes), or of a unit inside it. */
export async function listFacilities(db: Db, actor: Actor, raw: ListFacilitiesQuery = {}): Promise<{ rows: FacilitySummary[] }> {
  requirePermission(actor, 'quarantine.read');
  const q = parseInput(listFacilitiesQuery, raw);
  const where: SQL[] = [sql`f.province_id = ${actor.jurisdiction.provinceId}`];
  if (q.unitId !== undefined) where.push(inUnit(await provinceUnit(db, actor, q.unitId), 'f'));
  if (q.kind) where.push(sql`f.kind = ${q.kind}`);
  if (q.status) where.push(sql`f.status = ${q.status}`);
  return { rows: await summaries(db, sql.join(where, sql` and `)) };
}

async function provinceUnit(db: DbOrTx, actor: Actor, unitId: number): Promise<UnitScope> {
  const unit = await getUnit(db, unitId).catch(() => null);
  if (!unit || (unit.provinceId ?? unit.id) !== actor.jurisdiction.provinceId) throw invalid('unitId', 'quarantine.errors.unit_unknown');
  return { level: unit.level, unitId: unit.id };
}

export async function getFacility(db: DbOrTx, actor: Actor, id: number): Promise<FacilityDetail> {
  requirePermission(actor, 'quarantine.read');
  await readableFacility(db, actor, id, 'id');
  const [summary] = await summaries(db, sql`f.id = ${id}`);
  return {
    ...summary,
    zones: await roomViews(db, id),
    staffOnDuty: (await staffViews(db, id, new Date())).filter((s) => s.onDuty),
    cameras: await cameraViews(db, id),
  };
}
