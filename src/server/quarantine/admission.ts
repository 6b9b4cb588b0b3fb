// Admission, one person or thousands in one transaction: who comes in (admission-people.ts), the
// profile's rule for each (planned end, test days), rooms from allocateRooms over the facility's
// current rooms, then the stays, their test tasks and admission events written set-based.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { profileInForce } from '../profiles/service.js';
import { DISEASE, placeCases } from '../cases/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { admitInput, isTreatmentKind, type AdmissionResult, type AdmittedStay, type StayKind } from '../../shared/api/quarantine.js';
import { readableFacility } from './access.js';
import { candidatesOf, type Candidate } from './admission-people.js';
import { allocateRooms, type AllocationRules } from './allocation.js';
import { facilityRooms, householdOf } from './room-state.js';
import { lastDay, quarantinePlan, treatmentPlan, type StayPlan } from './stay-rules.js';
import type { FacilityRow } from './schema.js';

/** A device clock this far ahead is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

export const placeOf = (facility: FacilityRow | null) =>
  facility === null ? 'home' : facility.kind === 'quarantine_centralized' ? 'centralized' : facility.kind === 'quarantine_hotel' ? 'hotel' : 'facility';
export const kindOf = (facility: FacilityRow | null, source: string): StayKind =>
  facility === null ? (source === 'case' ? 'treatment' : 'quarantine') : isTreatmentKind(facility.kind) ? 'treatment' : 'quarantine';

export async function admit(db: Db, actor: Actor, raw: unknown, now = new Date()): Promise<AdmissionResult> {
  requirePermission(actor, 'quarantine.admit');
  const input = parseInput(admitInput, raw);
  const admittedAt = input.admittedAt ? new Date(input.admittedAt) : now;
  if (admittedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('admittedAt', 'quarantine.errors.time_future');
  const day = todayInVietnam(admittedAt);
  const profile = await profileInForce(db, DISEASE, day).catch(() => {
    throw invalid('admittedAt', 'quarantine.errors.no_profile');
  });
  if (input.facilityId !== null) await readableFacility(db, actor, input.facilityId);
  const candidates = await candidatesOf(db, actor, input);

  return db.transaction(async (tx) => {
    // One admission at a time per facility, so two never fill the same free place.
    const facility = input.facilityId === null ? null : await readableFacility(tx, actor, input.facilityId, 'facilityId', true);
    if (facility?.status === 'closed') throw invalid('facilityId', 'quarantine.errors.facility_closed');
    const kind = kindOf(facility, input.source);
    if (input.source === 'case' && kind !== 'treatment') throw invalid('facilityId', 'quarantine.errors.case_needs_treatment');
    if (input.source !== 'case' && kind === 'treatment') throw invalid('facilityId', 'quarantine.errors.treatment_for_cases');
    await refuseStaying(tx, candidates, input.personIds.length ? 'personIds' : 'caseId');

    const plans = new Map<string, StayPlan>();
    const planOf = (c: Candidate): StayPlan => {
      if (!plans.has(c.category)) plans.set(c.category, c.category === 'case' ? treatmentPlan(profile.rules) : quarantinePlan(profile.rules, c.category, input.vaccination, day));
      return plans.get(c.category)!;
    };
    candidates.forEach(planOf);
    const outside = outsideRule(kind, facility, [...plans.values()]);
    if (outside.length && input.placeReason === null) throw invalid('placeReason', 'quarantine.errors.place_not_in_rule', { rule: outside[0] });
    const placeReason = (c: Candidate) => (outside.includes(planOf(c).ruleId) ? input.placeReason : null);

    const placed = facility ? await allocate(tx, facility, candidates, day, profile.rules.quarantine.allocation) : null;
    const stays: AdmittedStay[] = candidates.map((c) => {
      const plan = planOf(c);
      const where = placed?.get(c.person.id) ?? null;
      return {
        stayId: null,
        personId: c.person.id,
        fullName: c.person.fullName,
        room: where?.room ?? null,
        bed: where?.bed ?? null,
        admissionDay: day,
        risk: c.risk,
        ruleId: plan.ruleId,
        plannedUntil: lastDay(day, plan.days),
      };
    });
    if (!input.dryRun) {
      const ids = await insertStays(tx, actor, { facility, kind, source: input.source, profileId: profile.id, admittedAt, day }, candidates, stays, planOf, placeReason);
      for (const s of stays) s.stayId = ids.get(s.personId)!;
      if (kind === 'treatment') await placeTreatedCases(tx, actor, facility, candidates);
      await audit.recordMany(
        tx,
        actor,
        stays.map((s, i) => ({
          action: 'create' as const,
          entity: 'stay',
          entityId: s.stayId,
          personId: s.personId,
          details: { facilityId: facility?.id ?? null, roomId: s.room?.id ?? null, source: input.source, placeReason: placeReason(candidates[i]) },
        })),
      );
    }
    const rooms = new Map<number, { id: number; code: string; people: number }>();
    for (const s of stays) if (s.room) rooms.set(s.room.id, { ...s.room, people: (rooms.get(s.room.id)?.people ?? 0) + 1 });
    return { dryRun: input.dryRun, facilityId: facility?.id ?? null, admitted: input.dryRun ? 0 : stays.length, rooms: [...rooms.values()], stays };
  });
}

/**
 * The quarantine rules of this admission that do not put people where it puts them (a hotel is
 * centralized quarantine): staff may still do it, with a reason kept on each such stay.
 */
function outsideRule(kind: StayKind, facility: FacilityRow | null, plans: StayPlan[]): string[] {
  if (kind !== 'quarantine') return [];
  const place = placeOf(facility) === 'home' ? 'home' : 'centralized';
  return plans.filter((p) => p.places && !p.places.includes(place)).map((p) => p.ruleId);
}

async function refuseStaying(tx: DbOrTx, candidates: Candidate[], field: string): Promise<void> {
  const ids = candidates.map((c) => c.person.id);
  const staying = await queryRows<{ person_id: number }>(tx, sql`select person_id from stays where status = 'active' and person_id = any(${`{${ids.join(',')}}`}::bigint[]) limit 1`);
  if (staying.length === 0) return;
  const i = ids.indexOf(Number(staying[0].person_id));
  throw new AppError('conflict', 'quarantine.errors.already_staying', { name: candidates[i].person.fullName }, field === 'personIds' ? `personIds[${i}]` : field);
}

interface Spot {
  room: { id: number; code: string };
  bed: { id: number; code: string } | null;
}

async function allocate(tx: DbOrTx, facility: FacilityRow, candidates: Candidate[], day: string, profileRules: AllocationRules): Promise<Map<number, Spot>> {
  const state = await facilityRooms(tx, facility.id);
  const rules = { ...profileRules, familyRooms: profileRules.familyRooms && facility.familyRooms };
  const result = allocateRooms(
    state.rooms,
    candidates.map((c) => ({ personId: c.person.id, day, risk: c.risk, sex: c.person.sex, household: householdOf(c.person) })),
    rules,
  );
  if (result.unplaced.length > 0) {
    const free = state.rooms.reduce((n, r) => n + Math.max(0, r.capacity - r.occupants.length), 0);
    throw invalid('facilityId', 'quarantine.errors.no_room', { unplaced: result.unplaced.length, total: candidates.length, free });
  }
  const spots = new Map<number, Spot>();
  for (const [personId, roomId] of result.rooms) {
    const bed = state.freeBeds.get(roomId)?.shift() ?? null;
    spots.set(personId, { room: { id: roomId, code: state.codes.get(roomId)! }, bed });
  }
  return spots;
}

interface Batch {
  facility: FacilityRow | null;
  kind: StayKind;
  source: string;
  profileId: number;
  admittedAt: Date;
  day: string;
}

/** The stays, their test tasks and 'admitted' events in one statement; person → stay id. */
async function insertStays(
  tx: DbOrTx,
  actor: Actor,
  b: Batch,
  candidates: Candidate[],
  stays: AdmittedStay[],
  planOf: (c: Candidate) => StayPlan,
  placeReason: (c: Candidate) => string | null,
): Promise<Map<number, number>> {
  const rows = candidates.map((c, i) => ({
    person_id: c.person.id,
    room_id: stays[i].room?.id ?? null,
    bed_id: stays[i].bed?.id ?? null,
    category: c.category,
    risk: c.risk,
    case_id: c.caseId,
    rule_id: stays[i].ruleId,
    planned_until: stays[i].plannedUntil,
    commune_id: c.person.communeId,
    district_id: c.person.districtId,
    province_id: c.person.provinceId,
    test_days: planOf(c).testDays,
    place_reason: placeReason(c),
  }));
  const f = b.facility;
  const tier = b.kind === 'treatment' ? (f?.tier ?? null) : null;
  const inserted = await queryRows<{ id: number; person_id: number }>(
    tx,
    sql`with x as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(person_id bigint, room_id int, bed_id int, category text, risk text,
            case_id bigint, rule_id text, planned_until date, commune_id int, district_id int, province_id int, test_days jsonb, place_reason text)
        ), ins as (
          insert into stays (person_id, kind, place, facility_id, room_id, bed_id, tier, category, risk, source, case_id, profile_id, rule_id,
                             admitted_at, admission_day, planned_until, funding_source, commune_id, district_id, province_id, created_by, place_reason)
          select x.person_id, ${b.kind}, ${placeOf(f)}, ${f?.id ?? null}::int, x.room_id, x.bed_id, ${tier}::smallint, x.category, x.risk, ${b.source},
                 x.case_id, ${b.profileId}::int, x.rule_id, ${b.admittedAt.toISOString()}::timestamptz, ${b.day}::date, x.planned_until,
                 ${f?.fundingSource ?? 'state'}, x.commune_id, x.district_id, x.province_id, ${actor.accountId}::int, x.place_reason
          from x
          returning id, person_id
        ), tests as (
          insert into stay_tests (stay_id, day_number, due_on)
          select ins.id, d.n, ${b.day}::date + (d.n - 1)
          from ins join x on x.person_id = ins.person_id
          cross join lateral (select value::int as n from jsonb_array_elements_text(x.test_days)) d
        ), events as (
          insert into stay_events (stay_id, kind, at, by, params)
          select ins.id, 'admitted', ${b.admittedAt.toISOString()}::timestamptz, ${actor.accountId}::int,
                 jsonb_build_object('source', ${b.source}::text, 'facilityId', ${f?.id ?? null}::int, 'roomId', x.room_id, 'ruleId', x.rule_id, 'placeReason', x.place_reason)
          from ins join x on x.person_id = ins.person_id
        )
        select id, person_id from ins`,
  );
  return new Map(inserted.map((r) => [Number(r.person_id), Number(r.id)]));
}

/** The cases admitted for treatment now say where they are cared for (the case page shows it). */
async function placeTreatedCases(tx: DbOrTx, actor: Actor, facility: FacilityRow | null, candidates: Candidate[]): Promise<void> {
  const caseIds = candidates.map((c) => c.caseId).filter((id): id is number => id !== null);
  const location = facility === null ? 'home' : facility.kind === 'treatment_field' ? 'facility' : 'hospital';
  await placeCases(tx, actor, caseIds, { location, treatmentTier: facility?.tier ?? 1, note: facility?.name ?? '' });
}
