import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { queryRows } from '../db/handle.js';
import { createCase } from '../cases/service.js';
import { confirmedInput } from '../cases/test-helpers.js';
import { createLab, createSite, recordSample, recordResult, moveSamples } from '../testing/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { admit } from './admission.js';
import { createFacility } from './facilities.js';
import { dischargeStay } from './discharge.js';
import { recordStayTest } from './stay-tests.js';
import { dueTests, getStay, listStays } from './stays.js';
import { transferStay } from './transfer.js';
import { facilityWith, quarantineFixture, residents, vnMorning, type QuarantineFixture } from './test-helpers.js';

const testedOn = (day: string) => `${day}T09:30:00+07:00`;

describe('a stay from admission to discharge', () => {
  let f: QuarantineFixture;
  let facilityId: number;
  beforeAll(async () => {
    f = await quarantineFixture();
    facilityId = (await facilityWith(f, Array.from({ length: 6 }, () => ({ capacity: 3 })), { code: 'KCL-LIFE' })).id;
  }, 60_000);
  afterAll(() => f.h.close());

  async function admitted(n: number, day: string) {
    const people = await residents(f, n, { sex: 'female' });
    const r = await admit(f.h.db, f.commune, { facilityId, source: 'f1_list', personIds: people, admittedAt: vnMorning(day) });
    return r.stays.map((s) => s.stayId!);
  }

  async function negatives(stayId: number) {
    const stay = await getStay(f.h.db, f.commune, stayId);
    for (const t of stay.tests.filter((x) => x.status === 'open')) await recordStayTest(f.h.db, f.commune, stayId, t.id, { result: 'negative', testedAt: testedOn(t.dueOn) });
  }

  it('counts the days and lists the test tasks that are due', async () => {
    const [stayId] = await admitted(1, '2021-09-01');
    const detail = await getStay(f.h.db, f.commune, stayId);
    expect(detail.dayNumber).toBeGreaterThan(14);
    const due = await dueTests(f.h.db, f.manager, { facilityId, dueOn: '2021-09-07' });
    expect(due.rows.filter((r) => r.stayId === stayId).map((r) => r.dayNumber)).toEqual([1, 7]);
    expect(due.rows[0].fullName).toBeNull(); // the Bãi Cháy manager sees the task, not the Hồng Hà resident's name
    const listed = await listStays(f.h.db, f.manager, { facilityId, admissionDay: '2021-09-01' });
    expect(listed.rows.map((r) => [r.id, r.person])).toEqual([[stayId, null]]);
    expect((await refusal(getStay(f.h.db, f.otherCommune, stayId))).code).toBe('not_found');
  });

  it('refuses discharge with the reason, then discharges with a certificate and hands over to the commune', async () => {
    const [stayId] = await admitted(1, '2021-09-02');
    const early = await refusal(dischargeStay(f.h.db, f.commune, stayId, { at: vnMorning('2021-09-10') }));
    expect({ code: early.code, field: early.field, key: early.messageKey }).toEqual({ code: 'conflict', field: 'at', key: 'quarantine.discharge.period_not_over' });
    const untested = await refusal(dischargeStay(f.h.db, f.commune, stayId, {}));
    expect({ field: untested.field, key: untested.messageKey, params: untested.params }).toEqual({ field: 'tests', key: 'quarantine.discharge.test_missing', params: { dayNumber: 1, plannedUntil: '15/09/2021' } });
    const check = (await getStay(f.h.db, f.commune, stayId)).discharge;
    expect(check.eligible).toBe(false);
    expect(check.blocks.map((b) => b.message)).toEqual([
      'Chưa có kết quả xét nghiệm ngày thứ 1',
      'Chưa có kết quả xét nghiệm ngày thứ 7',
      'Chưa có kết quả xét nghiệm ngày thứ 14',
    ]);
    await negatives(stayId);
    const ready = await getStay(f.h.db, f.commune, stayId);
    expect(ready.discharge).toEqual({ eligible: true, blocks: [], monitoringDays: 14 });
    const done = await dischargeStay(f.h.db, f.commune, stayId, { at: vnMorning('2021-09-15'), note: 'Hoàn thành 14 ngày' });
    expect(done).toMatchObject({ status: 'discharged', certificateNumber: `${stayId}/GXN-KCL-LIFE`, dayNumber: null });
    expect(done.events.slice(-2).map((e) => [e.kind, e.params])).toEqual([
      ['discharged', { certificateNumber: `${stayId}/GXN-KCL-LIFE`, note: 'Hoàn thành 14 ngày' }],
      ['handed_over', { communeId: f.units.hongHa, monitoringDays: 14, monitorUntil: '2021-09-29' }],
    ]);
    const [notice] = await queryRows<{ recipient: string; template: string; params: Record<string, unknown> }>(
      f.h.db,
      sql`select recipient, template, params from outbox where template like 'quarantine.%' and params->>'stayId' = ${String(stayId)}`,
    );
    expect(notice).toEqual({
      recipient: `unit:${f.units.hongHa}`,
      template: 'quarantine.notify.handed_over',
      params: { stayId, facility: 'Khu cách ly tập trung Trường Cao đẳng Du lịch', dischargedOn: '15/09/2021', monitoringDays: 14, monitorUntil: '29/09/2021' },
    });
    const again = await refusal(dischargeStay(f.h.db, f.commune, stayId, {}));
    expect(again.messageKey).toBe('quarantine.discharge.not_active');
  });

  it('extends the stay and its roommates on a positive test, from the day of the sample', async () => {
    const [a, b, c] = await admitted(3, '2021-09-03');
    const before = await getStay(f.h.db, f.commune, a);
    expect(before.room!.id).toBe((await getStay(f.h.db, f.commune, b)).room!.id);
    const day1 = before.tests[0];
    await recordStayTest(f.h.db, f.commune, a, day1.id, { result: 'negative', testedAt: testedOn('2021-09-03') });
    const day7 = before.tests[1];
    const after = await recordStayTest(f.h.db, f.commune, a, day7.id, { result: 'positive', testedAt: testedOn('2021-09-09') });
    // 14 days from the 9th (day 7): until the 22nd; tests laid again on days 7, 13 and 20.
    expect(after.plannedUntil).toBe('2021-09-22');
    expect(after.tests.map((t) => [t.dayNumber, t.status, t.result])).toEqual([
      [1, 'done', 'negative'],
      [7, 'done', 'positive'],
      [13, 'open', null],
      [14, 'cancelled', null],
      [20, 'open', null],
    ]);
    expect(after.events.map((e) => e.kind)).toEqual(['admitted', 'test_recorded', 'test_recorded', 'extended']);
    for (const roommate of [b, c]) {
      const s = await getStay(f.h.db, f.commune, roommate);
      expect(s.plannedUntil).toBe('2021-09-22');
      expect(s.events.at(-1)).toMatchObject({ kind: 'extended', params: { reason: 'roommate_positive_test', sourceStayId: a, from: '2021-09-16', to: '2021-09-22' } });
    }
    const recorded = await refusal(recordStayTest(f.h.db, f.commune, a, day7.id, { result: 'negative' }));
    expect(recorded.messageKey).toBe('quarantine.errors.test_closed');
    const discharge = await refusal(dischargeStay(f.h.db, f.commune, a, {}));
    expect(discharge.messageKey).toBe('quarantine.discharge.test_positive');
    const [notice] = await queryRows<{ params: Record<string, unknown> }>(f.h.db, sql`select params from outbox where template = 'quarantine.notify.positive_in_stay'`);
    expect(notice.params).toMatchObject({ stayId: a, sampleDay: '09/09/2021', extended: 3 });
  });

  it('transfers a positive person to a treatment facility, linking the new stay to the old', async () => {
    const hospital = await createFacility(f.h.db, f.province, {
      code: 'BV-DC-1',
      name: 'Bệnh viện dã chiến số 1',
      kind: 'treatment_field',
      tier: 1,
      communeId: f.units.baiChay,
      zones: [{ name: 'Khu A', rooms: [{ code: 'A1', capacity: 10 }] }],
    });
    const [stayId] = await admitted(1, '2021-09-04');
    const stay = await getStay(f.h.db, f.commune, stayId);
    const theCase = await createCase(f.h.db, f.province, confirmedInput(stay.personId));
    const moved = await transferStay(f.h.db, f.commune, stayId, { facilityId: hospital.id, reason: 'Xét nghiệm dương tính, chuyển điều trị' });
    expect(moved).toMatchObject({ kind: 'treatment', tier: 1, risk: 'f0', category: 'case', caseId: theCase.id, source: 'transfer', transferredFromStayId: stayId, facility: { id: hospital.id }, room: { code: 'A1' } });
    expect(moved.admissionDay).toBe(todayInVietnam());
    const old = await getStay(f.h.db, f.commune, stayId);
    expect(old).toMatchObject({ status: 'transferred', transferredToStayId: moved.id });
    expect(old.tests.every((t) => t.status === 'cancelled')).toBe(true);
    expect(old.events.at(-1)).toMatchObject({ kind: 'transferred', params: { toStayId: moved.id, toTier: 1 } });
    const back = await refusal(transferStay(f.h.db, f.commune, moved.id, { facilityId, reason: 'Thử chuyển ngược' }));
    expect(back.messageKey).toBe('quarantine.errors.treatment_to_quarantine');
  });

  it('moves a quarantined person between facilities keeping the period and the open tests', async () => {
    const other = await facilityWith(f, [{ capacity: 2 }], { code: 'KCL-2' });
    const [stayId] = await admitted(1, '2021-09-05');
    const before = await getStay(f.h.db, f.commune, stayId);
    await recordStayTest(f.h.db, f.commune, stayId, before.tests[0].id, { result: 'negative', testedAt: testedOn('2021-09-05') });
    const moved = await transferStay(f.h.db, f.commune, stayId, { facilityId: other.id, reason: 'Khu cách ly cũ quá tải' });
    expect(moved).toMatchObject({ kind: 'quarantine', admissionDay: '2021-09-05', plannedUntil: before.plannedUntil, ruleId: before.ruleId, room: { code: 'A101' } });
    expect(moved.tests.map((t) => t.dayNumber)).toEqual([7, 14]);
  });

  it('reads a test result from a sample taken through the testing capability', async () => {
    const [stayId] = await admitted(1, '2021-09-06');
    const stay = await getStay(f.h.db, f.commune, stayId);
    const site = await createSite(f.h.db, f.commune, { name: 'Điểm lấy mẫu khu cách ly', kind: 'facility', communeId: f.units.hongHa });
    const lab = await createLab(f.h.db, f.province, { code: 'CDC-QN', name: 'CDC Quảng Ninh', communeId: f.units.hongHa });
    const sample = await recordSample(f.h.db, f.commune, { siteId: site.id, personId: stay.personId, collectedAt: testedOn('2021-09-06') });
    const pending = await recordStayTest(f.h.db, f.commune, stayId, stay.tests[0].id, { sampleCode: sample.code });
    expect(pending.tests[0]).toMatchObject({ status: 'open', sampleCode: sample.code, result: null });
    await moveSamples(f.h.db, f.commune, { codes: [sample.code], to: 'sent', labId: lab.id, at: '2021-09-06T10:00:00+07:00' });
    await moveSamples(f.h.db, f.province, { codes: [sample.code], to: 'received', at: '2021-09-06T12:00:00+07:00' });
    await recordResult(f.h.db, f.province, { code: sample.code, testType: 'rt_pcr', result: 'negative', testedAt: '2021-09-06T16:00:00+07:00', labId: lab.id });
    const read = await recordStayTest(f.h.db, f.commune, stayId, stay.tests[0].id, { sampleCode: sample.code });
    expect(read.tests[0]).toMatchObject({ status: 'done', result: 'negative', sampleCode: sample.code, resultAt: '2021-09-06T09:00:00.000Z' });
    const [other] = await residents(f, 1);
    const foreign = await recordSample(f.h.db, f.commune, { siteId: site.id, personId: other });
    const wrong = await refusal(recordStayTest(f.h.db, f.commune, stayId, stay.tests[1].id, { sampleCode: foreign.code }));
    expect({ field: wrong.field, key: wrong.messageKey }).toEqual({ field: 'sampleCode', key: 'quarantine.errors.sample_other_person' });
    expect((await refusal(recordStayTest(f.h.db, f.manager, stayId, stay.tests[1].id, { sampleCode: foreign.code }))).field).toBe('sampleCode');
  });
});
