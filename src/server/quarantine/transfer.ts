// Transfer to another facility or tier: the stay ends as 'transferred' and a new one, linked to
// it, starts at the destination. Within quarantine (or within treatment) the period, cohort day
// and open tests carry over; a quarantined person moved to treatment (now a case) starts the
// profile's treatment period. Treatment never moves back to quarantine: it ends by discharge.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesByIds } from '../people/service.js';
import { casesOfPeople, DISEASE } from '../cases/service.js';
import { getProfile, profileInForce } from '../profiles/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { transferBody, type StayDetail, type TransferBody } from '../../shared/api/quarantine.js';
import { readableFacility } from './access.js';
import { allocateRooms, type AllocationRules } from './allocation.js';
import { facilityRooms, householdOf } from './room-state.js';
import { kindOf, placeOf } from './admission.js';
import { lastDay, treatmentPlan } from './stay-rules.js';
import { stayEvents, stays, stayTests, type FacilityRow, type StayRow } from './schema.js';
import { stayDetailOf, visibleStay } from './stays.js';

export async function transferStay(db: Db, actor: Actor, stayId: number, raw: TransferBody, now = new Date()): Promise<StayDetail> {
  return db.transaction(async (tx) => stayDetailOf(tx, actor, await visibleStay(tx, actor, await transferStayIn(tx, actor, stayId, raw, now))));
}

/** The transfer inside the caller's transaction (an accepted transfer proposal); the new stay's id. */
export async function transferStayIn(tx: DbOrTx, actor: Actor, stayId: number, raw: TransferBody, now = new Date()): Promise<number> {
  requirePermission(actor, 'quarantine.admit');
  const body = parseInput(transferBody, raw);
  const stay = await visibleStay(tx, actor, stayId, { lock: true });
  if (stay.status !== 'active') throw invalid('stayId', 'quarantine.errors.stay_not_active');
  const to = await readableFacility(tx, actor, body.facilityId, 'facilityId', true);
  if (to.status === 'closed') throw invalid('facilityId', 'quarantine.errors.facility_closed');
  if (to.id === stay.facilityId) throw invalid('facilityId', 'quarantine.errors.same_facility');
  const kind = kindOf(to, 'transfer');
  if (stay.kind === 'treatment' && kind === 'quarantine') throw invalid('facilityId', 'quarantine.errors.treatment_to_quarantine');
  const today = todayInVietnam(now);

  let carry: Carried = { category: stay.category, risk: stay.risk, ruleId: stay.ruleId, admissionDay: stay.admissionDay, plannedUntil: stay.plannedUntil, caseId: stay.caseId, profileId: stay.profileId };
  // null: the open tests carry over; otherwise the day numbers of a new plan
  let newTestDays: number[] | null = null;
  let profile = await getProfile(tx, stay.profileId);
  if (stay.kind === 'quarantine' && kind === 'treatment') {
    profile = await profileInForce(tx, DISEASE, today);
    const plan = treatmentPlan(profile.rules);
    const open = (await casesOfPeople(tx, [stay.personId])).get(stay.personId);
    carry = { category: 'case', risk: 'f0', ruleId: plan.ruleId, admissionDay: today, plannedUntil: lastDay(today, plan.days), caseId: open?.id ?? null, profileId: profile.id };
    newTestDays = plan.testDays;
  }
  const spot = await spotIn(tx, to, stay, carry, body.roomId, profile.rules.quarantine.allocation);

  // The old stay ends first: a person has one active stay at a time.
  await tx.update(stays).set({ status: 'transferred', dischargedAt: now }).where(eq(stays.id, stay.id));
  const [created] = await tx
    .insert(stays)
    .values({
      personId: stay.personId,
      kind,
      place: placeOf(to),
      facilityId: to.id,
      roomId: spot.roomId,
      bedId: spot.bedId,
      tier: kind === 'treatment' ? to.tier : null,
      ...carry,
      source: 'transfer',
      admittedAt: now,
      fundingSource: to.fundingSource,
      communeId: stay.communeId,
      districtId: stay.districtId,
      provinceId: stay.provinceId,
      createdBy: actor.accountId,
    })
    .returning({ id: stays.id });
  await tx.update(stays).set({ transferredToStayId: created.id }).where(eq(stays.id, stay.id));
  await carryTests(tx, stay, created.id, carry.admissionDay, newTestDays);
  await tx.insert(stayEvents).values([
    { stayId: stay.id, kind: 'transferred', at: now, by: actor.accountId, params: { toStayId: created.id, toFacilityId: to.id, toTier: to.tier, reason: body.reason } },
    { stayId: created.id, kind: 'admitted', at: now, by: actor.accountId, params: { source: 'transfer', fromStayId: stay.id, facilityId: to.id, roomId: spot.roomId, ruleId: carry.ruleId } },
  ]);
  await audit.record(tx, actor, { action: 'update', entity: 'stay', entityId: stay.id, personId: stay.personId, details: { transferredTo: created.id, facilityId: to.id, reason: body.reason } });
  return created.id;
}

type Carried = Pick<StayRow, 'category' | 'risk' | 'ruleId' | 'admissionDay' | 'plannedUntil' | 'caseId' | 'profileId'>;

/** The room given (in the facility, with a free place) or the one allocation proposes. */
async function spotIn(tx: DbOrTx, to: FacilityRow, stay: StayRow, carry: Carried, roomId: number | null, rules: AllocationRules): Promise<{ roomId: number | null; bedId: number | null }> {
  const state = await facilityRooms(tx, to.id);
  const free = () => state.rooms.reduce((n, r) => n + Math.max(0, r.capacity - r.occupants.length), 0);
  if (roomId !== null) {
    const held = state.rooms.find((r) => r.id === roomId);
    if (!held) throw invalid('roomId', 'quarantine.errors.room_unknown');
    if (held.occupants.length >= held.capacity) throw invalid('roomId', 'quarantine.errors.room_full', { code: state.codes.get(roomId) });
    return { roomId, bedId: state.freeBeds.get(roomId)?.[0]?.id ?? null };
  }
  const person = (await summariesByIds(tx, [stay.personId])).get(stay.personId)!;
  const result = allocateRooms(state.rooms, [{ personId: stay.personId, day: carry.admissionDay, risk: carry.risk, sex: person.sex, household: householdOf(person) }], { ...rules, familyRooms: false });
  const chosen = result.rooms.get(stay.personId);
  if (chosen === undefined) throw invalid('facilityId', 'quarantine.errors.no_room', { unplaced: 1, total: 1, free: free() });
  return { roomId: chosen, bedId: state.freeBeds.get(chosen)?.[0]?.id ?? null };
}

/** Open tests move with the person when the plan carries over; a new (treatment) plan lays its own. */
async function carryTests(tx: DbOrTx, from: StayRow, toStayId: number, admissionDay: string, newTestDays: number[] | null): Promise<void> {
  if (newTestDays === null) {
    await tx.execute(sql`insert into stay_tests (stay_id, day_number, due_on, sample_code)
      select ${toStayId}, day_number, due_on, sample_code from stay_tests where stay_id = ${from.id} and status = 'open'`);
  } else if (newTestDays.length) {
    await tx.insert(stayTests).values(newTestDays.map((d) => ({ stayId: toStayId, dayNumber: d, dueOn: lastDay(admissionDay, d) })));
  }
  await tx.update(stayTests).set({ status: 'cancelled' }).where(and(eq(stayTests.stayId, from.id), eq(stayTests.status, 'open')));
}
