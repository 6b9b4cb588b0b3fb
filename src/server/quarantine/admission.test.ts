import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { queryRows } from '../db/handle.js';
import { confirmCase, expose } from '../cases/test-helpers.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { admit } from './admission.js';
import { createFacility } from './facilities.js';
import { moveStayRoom } from './room-override.js';
import { getStay } from './stays.js';
import { BY_DECISION, count, facilityWith, quarantineFixture, residents, roomsOf, vnMorning, type QuarantineFixture } from './test-helpers.js';

describe('admission', () => {
  let f: QuarantineFixture;
  beforeAll(async () => {
    f = await quarantineFixture();
  }, 60_000);
  afterAll(() => f.h.close());

  it('admits an F1 list in bulk on two days; people of different days never share a room', async () => {
    const facility = await facilityWith(f, Array.from({ length: 10 }, () => ({ capacity: 4 })), { code: 'KCL-2DAYS' });
    const day1 = await residents(f, 15);
    const day2 = await residents(f, 15);
    const first = await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: day1, admittedAt: vnMorning('2021-09-10') });
    expect(first.admitted).toBe(15);
    const second = await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: day2, admittedAt: vnMorning('2021-09-11') });
    expect(second.admitted).toBe(15);
    const rooms = await roomsOf(f.h, [...day1, ...day2]);
    const day1Rooms = new Set(day1.map((p) => rooms.get(p)));
    const day2Rooms = new Set(day2.map((p) => rooms.get(p)));
    expect([...day1Rooms].filter((r) => day2Rooms.has(r))).toEqual([]);
    expect([...rooms.values()].every((r) => r !== null)).toBe(true);
    // Men and women alternate in the lists: unmarked rooms still hold one sex each.
    const perRoom = await queryRows<{ room_id: number; sexes: number; people: number }>(
      f.h.db,
      sql`select s.room_id, count(distinct p.sex)::int as sexes, count(*)::int as people from stays s join people p on p.id = s.person_id
          where s.facility_id = ${facility.id} and s.status = 'active' group by s.room_id`,
    );
    expect(perRoom.every((r) => r.sexes === 1 && r.people <= 4)).toBe(true);

    // The 2021 rule for F1: 14 days, tests on days 1, 7 and 14, planned to the 23rd.
    expect(first.stays[0]).toMatchObject({ admissionDay: '2021-09-10', ruleId: 'f1-2021-07', plannedUntil: '2021-09-23', risk: 'f1' });
    const stay = await getStay(f.h.db, f.commune, first.stays[0].stayId!);
    expect(stay.tests.map((t) => [t.dayNumber, t.dueOn, t.status])).toEqual([
      [1, '2021-09-10', 'open'],
      [7, '2021-09-16', 'open'],
      [14, '2021-09-23', 'open'],
    ]);
    expect(stay).toMatchObject({ place: 'centralized', kind: 'quarantine', plannedDays: 14, facility: { id: facility.id }, person: { id: day1[0] } });
    expect(stay.events.map((e) => e.kind)).toEqual(['admitted']);
    const audited = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'stay' and action = 'create' and person_id = any(${`{${day1.join(',')}}`}::bigint[])`);
    expect(audited[0].n).toBe(15);
    expect((await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'stay' and action = 'read' and entity_id = ${String(stay.id)}`))[0].n).toBe(1);
  });

  it('keeps a household together in a family room, and men and women in their marked rooms', async () => {
    const facility = await facilityWith(f, [{ capacity: 3, sex: 'male' }, { capacity: 3, sex: 'female' }, { capacity: 4 }], { code: 'KCL-FAM', familyRooms: true });
    const family = await residents(f, 3, { addressLine: 'Số 12 ngõ 5 Lê Thánh Tông' });
    const men = await residents(f, 2, { sex: 'male' });
    const women = await residents(f, 2, { sex: 'female' });
    const r = await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'manual', personIds: [...men, ...family, ...women], placeReason: BY_DECISION });
    const byPerson = new Map(r.stays.map((s) => [s.personId, s.room!.code]));
    expect(family.map((p) => byPerson.get(p))).toEqual(['A103', 'A103', 'A103']);
    expect(men.map((p) => byPerson.get(p))).toEqual(['A101', 'A101']);
    expect(women.map((p) => byPerson.get(p))).toEqual(['A102', 'A102']);
  });

  it('refuses clearly when the facility lacks room, admitting nobody', async () => {
    const facility = await facilityWith(f, [{ capacity: 2 }, { capacity: 2 }], { code: 'KCL-SMALL' });
    const people = await residents(f, 5, { sex: 'female' });
    const err = await refusal(admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: people, placeReason: BY_DECISION }));
    expect({ field: err.field, key: err.messageKey, params: err.params }).toEqual({ field: 'facilityId', key: 'quarantine.errors.no_room', params: { unplaced: 1, total: 5, free: 4 } });
    expect(await count(f.h, 'stays', sql`facility_id = ${facility.id}`)).toBe(0);
    // A dry run proposes the rooms and writes nothing.
    const dry = await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: people.slice(0, 4), dryRun: true, placeReason: BY_DECISION });
    expect(dry).toMatchObject({ dryRun: true, admitted: 0, rooms: [{ code: 'A101', people: 2 }, { code: 'A102', people: 2 }] });
    expect(await count(f.h, 'stays', sql`facility_id = ${facility.id}`)).toBe(0);
  });

  it('admits only people of the jurisdiction, once at a time', async () => {
    const facility = await facilityWith(f, [{ capacity: 10 }], { code: 'KCL-JUR' });
    const [local] = await residents(f, 1);
    const [far] = await residents(f, 1, { communeId: f.units.kaLong });
    const outside = await refusal(admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: [local, far] }));
    expect({ field: outside.field, key: outside.messageKey }).toEqual({ field: 'personIds[1]', key: 'quarantine.errors.person_unknown' });
    await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: [local], placeReason: BY_DECISION });
    const twice = await refusal(admit(f.h.db, f.commune, { facilityId: facility.id, source: 'manual', personIds: [local] }));
    expect({ code: twice.code, field: twice.field }).toEqual({ code: 'conflict', field: 'personIds[0]' });
    const noCategory = await refusal(admit(f.h.db, f.commune, { facilityId: facility.id, source: 'checkpoint', personIds: [far] }));
    expect(noCategory.field).toBe('category');
    expect((await refusal(admit(f.h.db, f.steering, { facilityId: facility.id, source: 'manual', personIds: [far] }))).code).toBe('forbidden');
  });

  it('admits the F1s of a case through the cases service, checkpoint arrivals, and a case for treatment', async () => {
    const quarantine = await facilityWith(f, Array.from({ length: 4 }, () => ({ capacity: 4 })), { code: 'KCL-CASE' });
    const hospital = await createFacility(f.h.db, f.province, {
      code: 'BV-HL',
      name: 'Bệnh viện Đa khoa Hạ Long',
      kind: 'treatment_district',
      tier: 2,
      communeId: f.units.hongHa,
      zones: [{ name: 'Khoa Truyền nhiễm', rooms: [{ code: 'P1', capacity: 2, beds: [{ code: 'G1', kind: 'oxygen' }, { code: 'G2' }] }] }],
    });
    const [index, ...contacts] = await residents(f, 4);
    const theCase = await confirmCase(f as never, index);
    await expose(f as never, contacts.map((c) => [index, c] as [number, number]));
    const f1s = await admit(f.h.db, f.commune, { facilityId: quarantine.id, source: 'f1_list', caseId: theCase.id, placeReason: BY_DECISION });
    expect(f1s.stays.map((s) => s.personId).sort()).toEqual([...contacts].sort());
    const stay = await getStay(f.h.db, f.commune, f1s.stays[0].stayId!);
    expect(stay).toMatchObject({ caseId: theCase.id, risk: 'f1', source: 'f1_list', category: 'close_contact' });
    // The index case is F0: refused as an F1, admitted for treatment with the hospital's tier.
    const asF1 = await refusal(admit(f.h.db, f.commune, { facilityId: quarantine.id, source: 'manual', personIds: [index] }));
    expect(asF1.messageKey).toBe('quarantine.errors.person_is_case');
    const wrongPlace = await refusal(admit(f.h.db, f.commune, { facilityId: quarantine.id, source: 'case', caseId: theCase.id }));
    expect(wrongPlace.field).toBe('facilityId');
    const treated = await admit(f.h.db, f.commune, { facilityId: hospital.id, source: 'case', caseId: theCase.id });
    const t = await getStay(f.h.db, f.commune, treated.stays[0].stayId!);
    const release = (await queryRows<{ days: number }>(f.h.db, sql`select (rules->'treatment'->'release'->>'days')::int as days from disease_profiles where id = (select profile_id from stays where id = ${t.id})`))[0].days;
    expect(t).toMatchObject({ kind: 'treatment', place: 'facility', tier: 2, risk: 'f0', category: 'case', ruleId: 'treatment.release', plannedDays: release, bed: { code: 'G2', kind: 'normal' } });
    expect(t.tests.map((x) => x.dayNumber)).toEqual([release]);
    // The case now says where it is treated.
    const [placed] = await queryRows<{ location: string; treatment_tier: number; location_note: string }>(f.h.db, sql`select location, treatment_tier, location_note from cases where id = ${theCase.id}`);
    expect(placed).toEqual({ location: 'hospital', treatment_tier: 2, location_note: hospital.name });

    const arrivals = await residents(f, 2);
    const came = await admit(f.h.db, f.commune, { facilityId: quarantine.id, source: 'checkpoint', category: 'arrival_lockdown_area', personIds: arrivals, admittedAt: vnMorning('2021-09-12') });
    expect(came.stays.map((s) => [s.risk, s.ruleId])).toEqual([
      ['arrival', 'lockdown-area-arrival'],
      ['arrival', 'lockdown-area-arrival'],
    ]);
    // Arrivals are their own cohort: not in the F1s' rooms.
    const f1Rooms = new Set(f1s.stays.map((s) => s.room!.id));
    expect(came.stays.some((s) => f1Rooms.has(s.room!.id))).toBe(false);
  });

  it('takes today\'s rule when admitted now, and lets staff move one person with a reason', async () => {
    const facility = await facilityWith(f, [{ capacity: 2 }, { capacity: 2 }], { code: 'KCL-NOW' });
    const people = await residents(f, 3, { sex: 'male' });
    const r = await admit(f.h.db, f.commune, { facilityId: facility.id, source: 'f1_list', personIds: people, placeReason: BY_DECISION });
    expect(r.stays[0].admissionDay).toBe(todayInVietnam());
    // Under the 2022 profile an F1 of unknown vaccination gets the longer rule (7 days).
    expect(r.stays[0]).toMatchObject({ ruleId: 'f1-other-2022-02' });
    const alone = r.stays.find((s) => s.room!.code === 'A102')!;
    const full = await refusal(moveStayRoom(f.h.db, f.commune, r.stays.find((s) => s.room!.code === 'A101')!.stayId!, { roomId: alone.room!.id, reason: 'ab' }));
    expect(full.field).toBe('reason');
    const partner = r.stays.find((s) => s.room!.code === 'A101')!;
    const moved = await moveStayRoom(f.h.db, f.commune, partner.stayId!, { roomId: alone.room!.id, reason: 'Ở cùng anh trai để chăm sóc' });
    expect(moved).toMatchObject({ room: { code: 'A102' }, overrideReason: 'Ở cùng anh trai để chăm sóc' });
    expect(moved.events.at(-1)).toMatchObject({ kind: 'moved_room', params: { reason: 'Ở cùng anh trai để chăm sóc', mixesCohort: false } });
    const last = r.stays.find((s) => s.room!.code === 'A101' && s.stayId !== partner.stayId)!;
    const noPlace = await refusal(moveStayRoom(f.h.db, f.commune, last.stayId!, { roomId: alone.room!.id, reason: 'Thử phòng đầy' }));
    expect({ field: noPlace.field, key: noPlace.messageKey }).toEqual({ field: 'roomId', key: 'quarantine.errors.room_full' });
  });

  it('asks for a reason to place people where the rule in force does not, and keeps it on the stay', async () => {
    const facility = await facilityWith(f, [{ capacity: 4 }, { capacity: 4 }]);
    // From 16/12/2021 a vaccinated F1 stays at home (10696/BYT-MT); an arrival from abroad is centralized.
    const [vaccinated, arrival] = await residents(f, 2);
    const toFacility = { facilityId: facility.id, source: 'f1_list', personIds: [vaccinated], vaccination: 'fully_vaccinated_or_recovered', admittedAt: vnMorning('2021-12-20') } as const;
    for (const dryRun of [true, false]) {
      const refused = await refusal(admit(f.h.db, f.commune, { ...toFacility, dryRun }));
      expect({ field: refused.field, key: refused.messageKey }).toEqual({ field: 'placeReason', key: 'quarantine.errors.place_not_in_rule' });
    }
    const home = { facilityId: null, source: 'checkpoint', category: 'arrival_abroad', personIds: [arrival], admittedAt: vnMorning('2021-12-20') } as const;
    expect((await refusal(admit(f.h.db, f.commune, home))).field).toBe('placeReason');
    expect((await refusal(admit(f.h.db, f.commune, { ...home, placeReason: 'ab' }))).messageKey).toBe('quarantine.errors.reason_length');

    const reason = 'Nhà không có phòng riêng để cách ly';
    const admitted = await admit(f.h.db, f.commune, { ...toFacility, placeReason: reason });
    const stay = await getStay(f.h.db, f.commune, admitted.stays[0].stayId!);
    expect(stay).toMatchObject({ place: 'centralized', placeReason: reason, overrideReason: null });
    const [audited] = await queryRows<{ details: { placeReason: string } }>(f.h.db, sql`select details from audit_log where entity = 'stay' and entity_id = ${String(stay.id)} and action = 'create'`);
    expect(audited.details.placeReason).toBe(reason);
    // A later room move gives its own reason without losing this one.
    const [otherRoom] = await queryRows<{ id: number }>(f.h.db, sql`select id from facility_rooms where facility_id = ${facility.id} and id <> ${stay.room!.id}`);
    const moved = await moveStayRoom(f.h.db, f.commune, stay.id, { roomId: otherRoom.id, reason: 'Phòng cũ hỏng điều hòa' });
    expect(moved).toMatchObject({ placeReason: reason, overrideReason: 'Phòng cũ hỏng điều hòa' });
    // Where the rule allows the place, no reason is asked for, and one given is not kept.
    const [other] = await residents(f, 1);
    const plain = await admit(f.h.db, f.commune, { facilityId: null, source: 'f1_list', personIds: [other], admittedAt: vnMorning('2021-12-20'), placeReason: reason });
    expect((await getStay(f.h.db, f.commune, plain.stays[0].stayId!)).placeReason).toBeNull();
  });

  it('admits to home quarantine (no facility, no room) with the rule\'s tests', async () => {
    const people = await residents(f, 2);
    const r = await admit(f.h.db, f.commune, { facilityId: null, source: 'f1_list', personIds: people, admittedAt: vnMorning('2021-09-20') });
    expect(r).toMatchObject({ facilityId: null, admitted: 2, rooms: [] });
    const stay = await getStay(f.h.db, f.commune, r.stays[0].stayId!);
    expect(stay).toMatchObject({ place: 'home', facility: null, room: null, kind: 'quarantine', plannedUntil: '2021-10-03' });
    expect(stay.tests.map((t) => t.dayNumber)).toEqual([1, 7, 14]);
  });
});
