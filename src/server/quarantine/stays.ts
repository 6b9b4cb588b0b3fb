// Reading stays: one with its tests, events and whether it may be discharged; lists by facility,
// room or unit; the test tasks due. Personal health data: every read is audited.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { getUnit } from '../geo/service.js';
import { getProfile } from '../profiles/service.js';
import { parseInput } from '../people/validate.js';
import { summariesInJurisdiction } from '../people/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { unitInJurisdiction } from '../auth/actor.js';
import { dueTestsQuery, listStaysQuery, type DueTestsQuery, type ListStaysQuery, type StayDetail, type StayView } from '../../shared/api/quarantine.js';
import { inUnit, stayVisible, type UnitScope } from './access.js';
import { stays, type StayRow } from './schema.js';
import { stayViews, testsOf, testView } from './stay-views.js';
import { dischargeBlocks, dischargeCheck } from './discharge-rules.js';
import { planOfStay } from './stay-rules.js';

/** A stay the actor may see (person's home or facility in the jurisdiction); 404 otherwise. */
export async function visibleStay(tx: DbOrTx, actor: Actor, id: number, opts: { lock?: boolean } = {}): Promise<StayRow> {
  const q = tx.select().from(stays).where(and(eq(stays.id, id), stayVisible(actor, 'stays')));
  const [row] = opts.lock ? await q.for('update', { of: stays }) : await q;
  if (!row) throw notFound('quarantine.errors.stay_unknown');
  return row;
}

/** The detail of a stay, read inside the caller's transaction (no audit: callers audit what they did). */
export async function stayDetailOf(tx: DbOrTx, actor: Actor, row: StayRow, today = todayInVietnam()): Promise<StayDetail> {
  const [view] = await stayViews(tx, actor, sql`s.id = ${row.id}`, sql``, today);
  const tests = await testsOf(tx, row.id);
  const events = await queryRows<{ id: number; kind: StayDetail['events'][number]['kind']; at: string | Date; display_name: string | null; params: Record<string, unknown> }>(
    tx,
    sql`select e.id, e.kind, e.at, a.display_name, e.params from stay_events e left join accounts a on a.id = e.by where e.stay_id = ${row.id} order by e.id`,
  );
  const [from] = await queryRows<{ id: number }>(tx, sql`select id from stays where transferred_to_stay_id = ${row.id}`);
  const plan = planOfStay((await getProfile(tx, row.profileId)).rules, row);
  return {
    ...view,
    tests: tests.map(testView),
    events: events.map((e) => ({ id: Number(e.id), kind: e.kind, at: new Date(e.at).toISOString(), byName: e.display_name, params: e.params })),
    discharge: dischargeCheck(actor.lang, dischargeBlocks(row, tests, today), row.plannedUntil, plan.monitoringDays),
    transferredFromStayId: from ? Number(from.id) : null,
  };
}

export async function getStay(db: Db, actor: Actor, id: number): Promise<StayDetail> {
  requirePermission(actor, 'quarantine.read');
  return db.transaction(async (tx) => {
    const row = await visibleStay(tx, actor, id);
    await audit.record(tx, actor, { action: 'read', entity: 'stay', entityId: id, personId: row.personId });
    return stayDetailOf(tx, actor, row);
  });
}

async function unitScope(db: DbOrTx, actor: Actor, unitId: number): Promise<UnitScope> {
  const unit = await getUnit(db, unitId).catch(() => null);
  if (!unit) throw invalid('unitId', 'quarantine.errors.unit_unknown');
  if (!unitInJurisdiction(actor.jurisdiction, { id: unit.id, provinceId: unit.provinceId, districtId: unit.districtId })) throw invalid('unitId', 'quarantine.errors.unit_unknown');
  return { level: unit.level, unitId: unit.id };
}

export async function listStays(db: Db, actor: Actor, raw: ListStaysQuery = {}): Promise<{ total: number; rows: StayView[] }> {
  requirePermission(actor, 'quarantine.read');
  const q = parseInput(listStaysQuery, raw);
  return db.transaction(async (tx) => {
    const where: SQL[] = [stayVisible(actor, 's')];
    if (q.facilityId !== undefined) where.push(sql`s.facility_id = ${q.facilityId}`);
    if (q.roomId !== undefined) where.push(sql`s.room_id = ${q.roomId}`);
    if (q.unitId !== undefined) where.push(inUnit(await unitScope(tx, actor, q.unitId), 's'));
    if (q.status) where.push(sql`s.status = ${q.status}`);
    if (q.kind) where.push(sql`s.kind = ${q.kind}`);
    if (q.place) where.push(sql`s.place = ${q.place}`);
    if (q.admissionDay) where.push(sql`s.admission_day = ${q.admissionDay}`);
    const cond = sql.join(where, sql` and `);
    const rows = await stayViews(tx, actor, cond, sql`order by s.admission_day desc, s.room_id nulls last, s.id limit ${q.limit} offset ${q.offset}`);
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from stays s where ${cond}`);
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'stays', details: { ...q, total } },
      ...rows.filter((r) => r.person).map((r) => ({ action: 'read' as const, entity: 'stay', entityId: r.id, personId: r.personId })),
    ]);
    return { total, rows };
  });
}

/** Open test tasks of active stays due on or before a day (today): the sampling worklist. */
export async function dueTests(db: Db, actor: Actor, raw: DueTestsQuery = {}) {
  requirePermission(actor, 'quarantine.read');
  const q = parseInput(dueTestsQuery, raw);
  return db.transaction(async (tx) => {
    const where: SQL[] = [stayVisible(actor, 's'), sql`s.status = 'active'`, sql`t.status = 'open'`, sql`t.due_on <= ${q.dueOn ?? todayInVietnam()}`];
    if (q.facilityId !== undefined) where.push(sql`s.facility_id = ${q.facilityId}`);
    if (q.unitId !== undefined) where.push(inUnit(await unitScope(tx, actor, q.unitId), 's'));
    const cond = sql.join(where, sql` and `);
    const rows = await queryRows<{ id: number; stay_id: number; person_id: number; day_number: number; due_on: string; sample_code: string | null; facility: string | null; room: string | null }>(
      tx,
      sql`select t.id, t.stay_id, s.person_id, t.day_number, t.due_on::text as due_on, t.sample_code, f.name as facility, r.code as room
          from stay_tests t join stays s on s.id = t.stay_id
          left join facilities f on f.id = s.facility_id left join facility_rooms r on r.id = s.room_id
          where ${cond} order by t.due_on, f.name, r.code, t.id limit ${q.limit} offset ${q.offset}`,
    );
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from stay_tests t join stays s on s.id = t.stay_id where ${cond}`);
    const people = await summariesInJurisdiction(tx, actor, rows.map((r) => Number(r.person_id)));
    await audit.record(tx, actor, { action: 'search', entity: 'stay_tests', details: { ...q, total } });
    return {
      total,
      rows: rows.map((r) => ({
        id: Number(r.id),
        stayId: Number(r.stay_id),
        personId: Number(r.person_id),
        fullName: people.get(Number(r.person_id))?.fullName ?? null,
        dayNumber: r.day_number,
        dueOn: r.due_on,
        status: 'open' as const,
        sampleCode: r.sample_code,
        result: null,
        resultAt: null,
        facility: r.facility,
        room: r.room,
      })),
    };
  });
}
