import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { peopleIn } from '../cases/test-helpers.js';
import { alertMissedReports, createReportLink, listHomeStays, recordHealthCheck, setHouseSign } from './monitoring-service.js';
import { MISSED_TEMPLATE } from './missed-reports.js';
import { facilityIn, messagesOf, monitoringFixture, stayFor, type MonitoringFixture } from './monitoring-test-helpers.js';

const NOW = new Date('2021-09-12T15:00:00+07:00');
const ADDRESS = 'Số 8 ngõ 12 Lê Thánh Tông';

describe('home quarantine and treatment', () => {
  let f: MonitoringFixture;
  let family: number[];
  let f1: { stayId: number; personId: number };
  let f0: { stayId: number; personId: number };
  let arrival: { stayId: number; personId: number };

  beforeAll(async () => {
    f = await monitoringFixture();
    family = await peopleIn(f, 4, { addressLine: ADDRESS, name: 'Phạm Thị' });
    await peopleIn(f, 1, { addressLine: ADDRESS, communeId: f.units.kaLong }); // same street name in another commune
    f1 = await stayFor(f, { personId: family[0], admittedAt: '2021-09-09T08:00:00+07:00' });
    f0 = await stayFor(f, { personId: family[1], kind: 'treatment', admittedAt: '2021-09-11T20:00:00+07:00' });
    arrival = await stayFor(f, { risk: 'arrival', admittedAt: '2021-09-12T08:00:00+07:00' });
    await stayFor(f, { personId: (await peopleIn(f, 1, { communeId: f.units.kaLong }))[0] });
    await stayFor(f, { facilityId: await facilityIn(f, { kind: 'quarantine_centralized' }) });
  }, 120_000);
  afterAll(() => f.h.close());

  it("lists the commune's home stays with the household, the sign and today's reports, fewest reports first", async () => {
    await recordHealthCheck(f.h.db, f.community, f1.stayId, { temperature: 36.9, at: '2021-09-12T07:00:00+07:00' }, NOW);
    await recordHealthCheck(f.h.db, f.community, f1.stayId, { temperature: 37.0, at: '2021-09-12T14:00:00+07:00' }, NOW);
    await createReportLink(f.h.db, f.community, f0.stayId, NOW);
    const list = await listHomeStays(f.h.db, f.community, {}, NOW);
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => r.stayId)).toEqual([f0.stayId, arrival.stayId, f1.stayId]);
    const [patient, , contact] = list.rows;
    expect(contact).toMatchObject({
      kind: 'quarantine',
      risk: 'f1',
      admissionDay: '2021-09-09',
      plannedUntil: '2021-09-22',
      dayNumber: 4,
      sign: { required: true, postedOn: null, removedOn: null },
      reports: { expectedPerDay: 2, today: 2, lastAt: new Date('2021-09-12T14:00:00+07:00').toISOString(), lastWarnings: [] },
      reportLinkCreatedAt: null,
    });
    expect(contact.household.map((m) => m.id).sort((a, b) => a - b)).toEqual(family.slice(1).sort((a, b) => a - b));
    expect(contact.household.find((m) => m.id === family[1])?.atHomeStay).toBe(true);
    expect(contact.household.find((m) => m.id === family[2])?.atHomeStay).toBe(false);
    expect(patient).toMatchObject({ kind: 'treatment', risk: 'f0', sign: { required: false }, reports: { today: 0 }, reportLinkCreatedAt: NOW.toISOString() });
    expect(list.rows[1].household).toEqual([]);

    expect((await listHomeStays(f.h.db, f.community, { missingToday: true }, NOW)).rows.map((r) => r.stayId)).toEqual([f0.stayId, arrival.stayId]);
    expect((await listHomeStays(f.h.db, f.community, { kind: 'treatment' }, NOW)).total).toBe(1);
    expect((await listHomeStays(f.h.db, f.otherCommune, {}, NOW)).total).toBe(1);
    expect((await listHomeStays(f.h.db, f.district, { communeId: f.units.hongHa }, NOW)).total).toBe(3);
    expect((await refusal(listHomeStays(f.h.db, f.commune, { communeId: f.units.kaLong }, NOW))).code).toBe('forbidden');
    const audit = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'home_stay' and person_id = ${family[0]}`);
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it('posts and removes the sign when the rule asks for one', async () => {
    const posted = await setHouseSign(f.h.db, f.community, f1.stayId, { action: 'post', on: '2021-09-09' }, NOW);
    expect(posted.sign).toEqual({ required: true, postedOn: '2021-09-09', removedOn: null });
    expect((await refusal(setHouseSign(f.h.db, f.community, f1.stayId, { action: 'remove', on: '2021-09-08' }, NOW))).field).toBe('on');
    expect((await refusal(setHouseSign(f.h.db, f.community, f1.stayId, { action: 'remove', on: '2021-09-13' }, NOW))).field).toBe('on');
    expect((await refusal(setHouseSign(f.h.db, f.community, arrival.stayId, { action: 'post', on: '2021-09-12' }, NOW))).messageKey).toBe('quarantineMonitoring.errors.sign_not_required');
    expect((await refusal(setHouseSign(f.h.db, f.otherCommune, f1.stayId, { action: 'post', on: '2021-09-12' }, NOW))).code).toBe('not_found');
    // Taken down after the stay ended.
    await f.h.db.execute(sql`update stays set status = 'discharged', discharged_at = '2021-09-23T08:00:00+07:00' where id = ${f1.stayId}`);
    const removed = await setHouseSign(f.h.db, f.community, f1.stayId, { action: 'remove', on: '2021-09-23' }, new Date('2021-09-23T09:00:00+07:00'));
    expect(removed.sign).toEqual({ required: true, postedOn: '2021-09-09', removedOn: '2021-09-23' });
    expect((await refusal(setHouseSign(f.h.db, f.community, f1.stayId, { action: 'post', on: '2021-09-23' }, new Date('2021-09-23T09:00:00+07:00')))).code).toBe('conflict');
    await f.h.db.execute(sql`update stays set status = 'active', discharged_at = null where id = ${f1.stayId}`);
  });

  it('alerts the commune once per stay and day for missed self-reports', async () => {
    // 12/09: f1 reported twice (enough); f0 (admitted the evening before) not at all; the arrival came that day.
    const after = new Date('2021-09-13T00:15:00+07:00');
    expect(await alertMissedReports(f.h.db, after)).toEqual({ day: '2021-09-12', missed: 2 });
    expect(await alertMissedReports(f.h.db, new Date('2021-09-13T05:15:00+07:00'))).toEqual({ day: '2021-09-12', missed: 0 });
    const alerts = await messagesOf(f, MISSED_TEMPLATE);
    expect(alerts.map((a) => a.params.stayId).sort()).toEqual([f0.stayId, (await otherCommuneStay())].sort());
    expect(alerts.find((a) => a.params.stayId === f0.stayId)).toMatchObject({ recipient: `unit:${f.units.hongHa}`, params: { day: '12/09/2021', expected: 2, done: 0 } });
    const events = await queryRows<{ params: { day: string } }>(f.h.db, sql`select params from stay_events where stay_id = ${f0.stayId} and kind = 'report_missed'`);
    expect(events).toEqual([{ params: { day: '2021-09-12', expected: 2, done: 0 } }]);
    // The next day everyone at home is due, the arrival too.
    expect((await alertMissedReports(f.h.db, new Date('2021-09-14T00:15:00+07:00'))).missed).toBe(4);
  });

  async function otherCommuneStay(): Promise<number> {
    const [row] = await queryRows<{ id: number }>(f.h.db, sql`select id::int from stays where place = 'home' and commune_id = ${f.units.kaLong}`);
    return row.id;
  }
});
