import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import {
  declarationsOfPerson,
  endOutbreakArea,
  getDeclaration,
  listOutbreakAreas,
  markOutbreakArea,
  recordTriage,
  submitDeclaration,
  worklist,
} from './service.js';
import { daysAgo, declarationIn, declarationsDb } from './test-helpers.js';

describe('triage worklist', () => {
  let h: DbHandle;
  let units: UnitFixture;
  let hongHaOfficer: Actor;
  let kaLongOfficer: Actor;
  let district: Actor;
  let volunteer: Actor;
  let sickId: number;
  let healthyId: number;

  beforeAll(async () => {
    ({ h, units } = await declarationsDb());
    hongHaOfficer = await actorFor(h.db, 'commune_officer', units.hongHa);
    kaLongOfficer = await actorFor(h.db, 'commune_officer', units.kaLong);
    district = await actorFor(h.db, 'district_officer', units.halong);
    volunteer = await actorFor(h.db, 'community_member', units.hongHa);
    sickId = (await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { symptoms: ['fever'], onsetDate: daysAgo(1) } }))).declarationId;
    healthyId = (await submitDeclaration(h.db, declarationIn(units.hongHa, {}, { fullName: 'Ngô Văn Sơn', phone: '0933444555', sex: 'male', birthDate: '1960-06-06' }))).declarationId;
  });
  afterAll(() => h.close());

  it('shows pending declarations of the commune to its officers only', async () => {
    const mine = await worklist(h.db, hongHaOfficer);
    expect(mine.rows.map((r) => r.id)).toEqual([sickId]);
    expect(mine.rows[0]).toMatchObject({ fullName: 'Trần Thị Bình', phone: '0912345678', communeName: 'Phường Hồng Hà', triageStatus: 'pending', triageReasons: [{ reason: 'symptoms', codes: ['fever'] }], lastAction: null });
    expect((await worklist(h.db, district)).rows.map((r) => r.id)).toEqual([sickId]);
    expect((await worklist(h.db, kaLongOfficer)).rows).toEqual([]);
    expect((await worklist(h.db, hongHaOfficer, { status: 'not_needed' })).rows.map((r) => r.id)).toEqual([healthyId]);
    await expect(worklist(h.db, district, { unitId: units.kaLong })).rejects.toMatchObject({ code: 'forbidden', field: 'unitId' });
    expect((await worklist(h.db, district, { unitId: units.baiChay })).rows).toEqual([]);

    await expect(getDeclaration(h.db, kaLongOfficer, sickId)).rejects.toMatchObject({ code: 'not_found' });
    const steering = await actorFor(h.db, 'steering_member', units.province);
    await expect(worklist(h.db, steering)).rejects.toMatchObject({ code: 'forbidden' });

    const audit = await queryRows<{ username: string; details: { ids: number[] } }>(h.db, sql`select username, details from audit_log where action = 'search' and entity = 'declarations' order by id`);
    expect(audit[0]).toEqual({ username: hongHaOfficer.username, details: expect.objectContaining({ ids: [sickId], status: 'pending' }) });
  });

  it('records triage actions with their outcome, audited, and the declaration leaves the pending list', async () => {
    await expect(recordTriage(h.db, volunteer, sickId, { action: 'called' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordTriage(h.db, kaLongOfficer, sickId, { action: 'called' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordTriage(h.db, hongHaOfficer, sickId, { action: 'shouted' as 'called' })).rejects.toMatchObject({ field: 'action', messageKey: 'declarations.errors.action_unknown' });

    await recordTriage(h.db, hongHaOfficer, sickId, { action: 'called', outcome: 'Sốt nhẹ từ hôm qua' });
    const detail = await recordTriage(h.db, hongHaOfficer, sickId, { action: 'asked_to_test', outcome: 'Hẹn test nhanh sáng mai' });
    expect(detail.triageStatus).toBe('handled');
    expect(detail.actions.map((a) => [a.action, a.outcome, a.accountId])).toEqual([
      ['called', 'Sốt nhẹ từ hôm qua', hongHaOfficer.accountId],
      ['asked_to_test', 'Hẹn test nhanh sáng mai', hongHaOfficer.accountId],
    ]);
    expect(detail.lastAction?.action).toBe('asked_to_test');
    expect((await worklist(h.db, hongHaOfficer)).rows).toEqual([]);
    expect((await worklist(h.db, hongHaOfficer, { status: 'handled' })).rows.map((r) => r.id)).toEqual([sickId]);

    const audit = await queryRows<{ action: string; person_id: string; details: Record<string, unknown> }>(
      h.db,
      sql`select action, person_id::text, details from audit_log where entity = 'declaration' and entity_id = ${String(sickId)} and account_id is not null order by id`,
    );
    expect(audit.map((a) => [a.action, a.details.triage])).toEqual([
      ['update', 'called'],
      ['update', 'asked_to_test'],
    ]);
    expect(audit[0].person_id).toBe(String(detail.personId));

    const read = await getDeclaration(h.db, volunteer, sickId);
    expect(read.answers).toMatchObject({ symptoms: ['fever'] });
    const [reads] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from audit_log where action = 'read' and entity = 'declaration' and username = ${volunteer.username}`);
    expect(reads.n).toBe(1);
  });

  it("lists a person's declarations inside the jurisdiction, newest first", async () => {
    const { personId } = await getDeclaration(h.db, hongHaOfficer, sickId);
    const again = await submitDeclaration(h.db, declarationIn(units.hongHa));
    const list = await declarationsOfPerson(h.db, hongHaOfficer, personId);
    expect(list.map((d) => d.id)).toEqual([again.declarationId, sickId]);
    expect(await declarationsOfPerson(h.db, kaLongOfficer, personId)).toEqual([]);
    const [audit] = await queryRows<{ person_id: string }>(h.db, sql`select person_id::text from audit_log where entity = 'declarations' and action = 'read' order by id desc limit 1`);
    expect(audit.person_id).toBe(String(personId));

    // A declaration made under another record of the person, merged since, is the person's too.
    const other = await submitDeclaration(h.db, declarationIn(units.hongHa, {}, { fullName: 'Trần Thị Khác', phone: '0912 000 111', birthDate: '1991-02-03' }));
    const otherPerson = (await getDeclaration(h.db, hongHaOfficer, other.declarationId)).personId;
    expect(otherPerson).not.toBe(personId);
    await h.db.execute(sql`update people set merged_into = ${personId} where id = ${otherPerson}`);
    expect((await declarationsOfPerson(h.db, hongHaOfficer, personId)).map((d) => d.id)).toEqual([other.declarationId, again.declarationId, sickId]);
  });

  it('lets health officers mark and end outbreak areas inside their jurisdiction', async () => {
    const provinceHealth = await actorFor(h.db, 'health_officer', units.province);
    const districtHealth = await actorFor(h.db, 'health_officer', units.mongcai);
    await expect(markOutbreakArea(h.db, hongHaOfficer, { kind: 'unit', unitId: units.hongHa, fromDate: daysAgo(0) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markOutbreakArea(h.db, districtHealth, { kind: 'unit', unitId: units.hongHa, fromDate: daysAgo(0) })).rejects.toMatchObject({ code: 'forbidden', field: 'unitId' });
    await expect(markOutbreakArea(h.db, districtHealth, { kind: 'country', country: 'CN', label: 'Trung Quốc', fromDate: daysAgo(0) })).rejects.toMatchObject({ code: 'forbidden', field: 'country' });
    await expect(markOutbreakArea(h.db, provinceHealth, { kind: 'unit', fromDate: daysAgo(0) })).rejects.toMatchObject({ field: 'unitId', messageKey: 'declarations.errors.area_unit_required' });
    await expect(markOutbreakArea(h.db, provinceHealth, { kind: 'unit', unitId: 999_999, fromDate: daysAgo(0) })).rejects.toMatchObject({ field: 'unitId', messageKey: 'declarations.errors.unit_unknown' });

    const kaLong = await markOutbreakArea(h.db, districtHealth, { kind: 'unit', unitId: units.kaLong, fromDate: daysAgo(2) });
    expect(kaLong).toMatchObject({ kind: 'unit', unitCode: '06709', label: 'Phường Ka Long', untilDate: null });
    expect((await listOutbreakAreas(h.db, volunteer, daysAgo(0))).map((a) => a.id)).toEqual([kaLong.id]);

    const flagged = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { placesVisited: [{ unitId: units.kaLong, date: daysAgo(1) }] } }, { fullName: 'Bùi Thu Lan', phone: '0944555666', birthDate: '2000-01-01' }));
    expect(flagged.triage.status).toBe('pending');

    await expect(endOutbreakArea(h.db, districtHealth, kaLong.id, daysAgo(5))).rejects.toMatchObject({ field: 'until' });
    const ended = await endOutbreakArea(h.db, districtHealth, kaLong.id, daysAgo(2));
    expect(ended.untilDate).toBe(daysAgo(2));
    expect(await listOutbreakAreas(h.db, volunteer, daysAgo(0))).toEqual([]);
    // Only a visit on or before the last day of the mark counts now.
    const later = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { placesVisited: [{ unitId: units.kaLong, date: daysAgo(1) }] } }, { fullName: 'Bùi Thu Lan', phone: '0944555666', birthDate: '2000-01-01' }));
    expect(later.triage.status).toBe('not_needed');

    const audit = await queryRows<{ action: string }>(h.db, sql`select action from audit_log where entity = 'outbreak_area' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});
