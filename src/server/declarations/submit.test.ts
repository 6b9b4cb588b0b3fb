import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import { AppError } from '../http/errors.js';
import { createPerson } from '../people/service.js';
import { rotateKey } from '../auth/signing.js';
import { cccd } from '../people/test-helpers.js';
import { declarations, personDevices } from './schema.js';
import { declarationForm, latestForDevice, markOutbreakArea, resolvePersonalQr, submitDeclaration } from './service.js';
import { countRows, daysAgo, declarationIn, declarationsDb } from './test-helpers.js';

async function fieldError(p: Promise<unknown>): Promise<{ field?: string; key: string; params: Record<string, unknown> }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  return { field: e.field, key: e.messageKey, params: e.params };
}

describe('public declarations', () => {
  let h: DbHandle;
  let units: UnitFixture;
  beforeAll(async () => {
    ({ h, units } = await declarationsDb());
  });
  afterAll(() => h.close());

  it('gives the form questions of the profile in force', async () => {
    const form = await declarationForm(h.db, '2022-03-01');
    const [profile] = await queryRows<{ id: number }>(h.db, sql`select id from disease_profiles where effective_from = '2022-02-21'`);
    expect(form.profileId).toBe(profile.id);
    expect(form.lookbackDays).toBe(14);
    expect(form.symptoms.map((s) => s.code)).toContain('fever');
    expect(form.exposureQuestions[0].name.vi).toBe('Tiếp xúc người bệnh hoặc nghi ngờ mắc bệnh');
    expect(form.vehicleTypes.find((v) => v.code === 'coach')?.name).toEqual({ vi: 'Ô tô khách', en: 'Coach' });
    expect(form.kinds.map((k) => k.code)).toEqual(['health', 'domestic_travel', 'arrival']);
  });

  it('registers a new person, returns a QR that resolves to them and a device key, and needs no triage when healthy', async () => {
    const res = await submitDeclaration(h.db, declarationIn(units.hongHa));
    expect(res.triage).toEqual({ status: 'not_needed', reasons: [] });
    expect(res.deviceKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await h.db.select().from(declarations).where(eq(declarations.id, res.declarationId));
    const [person] = await queryRows<{ id: number; full_name: string; phone: string }>(h.db, sql`select id::int, full_name, phone from people where id = ${row.personId}`);
    expect(person).toMatchObject({ full_name: 'Trần Thị Bình', phone: '0912345678' });
    expect(row).toMatchObject({ communeId: units.hongHa, districtId: units.halong, provinceId: units.province, supersedesId: null, triageStatus: 'not_needed' });
    expect(row.answers.identity.fullName).toBe('Trần Thị Bình');

    expect(res.verification).toBeNull();
    const token = res.qrToken!;
    // The token holds an opaque id, never personal data.
    const [qrId] = token.split('.');
    expect(qrId).toMatch(/^[A-Z2-7]{16}$/);
    expect(token).not.toContain('0912345678');
    expect(await resolvePersonalQr(h.db, token)).toEqual({ personId: row.personId });
    const [body, kid, mac] = token.split('.');
    const forged = `${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}.${kid}.${mac}`;
    expect(await resolvePersonalQr(h.db, forged)).toBeNull();
    expect(await resolvePersonalQr(h.db, `${body}.${kid}.${'A'.repeat(22)}`)).toBeNull();
    expect(await resolvePersonalQr(h.db, 'garbage')).toBeNull();
    // Still verifies after a key rotation.
    await rotateKey(h.db, 'personal-qr');
    expect(await resolvePersonalQr(h.db, token)).toEqual({ personId: row.personId });

    const audit = await queryRows<{ action: string; entity: string; account_id: number | null; details: Record<string, unknown> }>(
      h.db,
      sql`select action, entity, account_id, details from audit_log where person_id = ${row.personId} order by id`,
    );
    expect(audit).toEqual([
      { action: 'create', entity: 'person', account_id: null, details: { source: 'declaration', duplicates: 0 } },
      expect.objectContaining({ action: 'create', entity: 'declaration', account_id: null }),
    ]);
  });

  it('updates from the same device as a new declaration after the old one, which stays unchanged', async () => {
    const first = await submitDeclaration(h.db, declarationIn(units.baiChay, {}, { fullName: 'Lê Văn Cường', phone: '0987000111', birthDate: '1970-01-02', sex: 'male' }));
    const [before] = await h.db.select().from(declarations).where(eq(declarations.id, first.declarationId));
    const latest = await latestForDevice(h.db, first.deviceKey!);
    expect(latest).toMatchObject({ declarationId: first.declarationId, kind: 'health', qrToken: first.qrToken });
    expect((latest.answers.identity as { fullName: string }).fullName).toBe('Lê Văn Cường');

    const update = declarationIn(units.baiChay, { answers: { symptoms: ['cough'], onsetDate: daysAgo(1) } }, { fullName: 'Lê Văn Cường', phone: '0987000111', birthDate: '1970-01-02', sex: 'male' });
    const second = await submitDeclaration(h.db, update, { deviceKey: first.deviceKey! });
    expect(second.deviceKey).toBeNull();
    expect(second.qrToken).toBe(first.qrToken);
    const rows = await h.db.select().from(declarations).where(eq(declarations.personId, before.personId)).orderBy(declarations.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(before);
    expect(rows[1]).toMatchObject({ supersedesId: first.declarationId, deviceId: before.deviceId, triageStatus: 'pending' });
    expect((await latestForDevice(h.db, first.deviceKey!)).declarationId).toBe(second.declarationId);
    await expect(latestForDevice(h.db, 'not-a-key')).rejects.toMatchObject({ code: 'not_found' });

    // The same device declaring for someone else gets a key for that person.
    const other = await submitDeclaration(h.db, declarationIn(units.baiChay, {}, { fullName: 'Lê Thị Dung', phone: '0987000111', birthDate: '1972-03-04' }), { deviceKey: first.deviceKey! });
    expect(other.deviceKey).not.toBeNull();
    const devices = await h.db.select().from(personDevices).where(eq(personDevices.id, before.deviceId!));
    expect(devices[0].keyHash).toBe(createHash('sha256').update(first.deviceKey!).digest('hex'));
  });

  it('links to the registered person and records what differs instead of changing them', async () => {
    const officer = await actorFor(h.db, 'health_officer', units.province);
    const doc = cccd('male', 1985, 77);
    const { person } = await createPerson(h.db, officer, { fullName: 'Phạm Minh Đức', sex: 'male', birthDate: '1985-07-07', docType: 'cccd', docNumber: doc, phone: '0905111222', communeId: units.kaLong });
    const res = await submitDeclaration(h.db, declarationIn(units.kaLong, {}, { fullName: 'Phạm Minh Đức', sex: 'male', birthDate: '1985-07-07', docType: 'cccd', docNumber: doc, phone: '0905999888' }));
    const [row] = await h.db.select().from(declarations).where(eq(declarations.id, res.declarationId));
    expect(row.personId).toBe(person.id);
    expect(row.personDifferences).toEqual(['phone', 'addressLine']);
    const [stored] = await queryRows<{ phone: string }>(h.db, sql`select phone from people where id = ${person.id}`);
    expect(stored.phone).toBe('0905111222');
  });

  it('sends symptoms, exposures and outbreak areas to triage with their details', async () => {
    const officer = await actorFor(h.db, 'health_officer', units.province, 'ho_outbreak');
    const area = await markOutbreakArea(h.db, officer, { kind: 'unit', unitId: units.mongcai, fromDate: daysAgo(3) });
    const china = await markOutbreakArea(h.db, officer, { kind: 'country', country: 'cn', label: 'Trung Quốc', fromDate: daysAgo(30) });
    const who = (n: number) => ({ fullName: `Vũ Thị Hoa ${'ABCDEFGH'[n]}`.replace(/ [A-H]$/, ''), birthDate: `1995-01-0${n + 1}`, phone: `09130000${10 + n}` });

    const sick = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { symptoms: ['fever', 'cough'], onsetDate: daysAgo(2) } }, who(0)));
    expect(sick.triage).toEqual({ status: 'pending', reasons: [{ reason: 'symptoms', codes: ['fever', 'cough'] }] });

    const contact = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { exposures: [{ code: 'contact_sick_or_suspected', detail: 'Hàng xóm' }] } }, who(1)));
    expect(contact.triage).toEqual({ status: 'pending', reasons: [{ reason: 'exposure', codes: ['contact_sick_or_suspected'] }] });

    // A commune of the marked district, visited before the mark: the mark still covers people who came from there.
    const visited = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { placesVisited: [{ unitId: units.kaLong, date: daysAgo(5) }] } }, who(2)));
    expect(visited.triage).toEqual({ status: 'pending', reasons: [{ reason: 'outbreak_area', areas: [{ id: area.id, label: 'Thành phố Móng Cái' }] }] });

    const arrival = await submitDeclaration(
      h.db,
      declarationIn(units.hongHa, { kind: 'arrival', arrival: { travellerCategory: 'vietnamese_citizen', borderGate: 'Cửa khẩu quốc tế Móng Cái', countryFrom: 'CN', arrivalDate: daysAgo(0) } }, who(3)),
    );
    expect(arrival.triage.reasons).toEqual([{ reason: 'outbreak_area', areas: [{ id: china.id, label: 'Trung Quốc' }] }]);

    // Ha Long is not marked, and the province is only an ancestor of the mark, not inside it.
    const elsewhere = await submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { placesVisited: [{ unitId: units.baiChay, date: daysAgo(1) }, { unitId: units.province, date: daysAgo(1) }, { country: 'LA', date: daysAgo(2) }] } }, who(4)));
    expect(elsewhere.triage).toEqual({ status: 'not_needed', reasons: [] });

    const trip = await submitDeclaration(
      h.db,
      declarationIn(units.hongHa, { kind: 'domestic_travel', travel: { vehicleType: 'coach', vehicleNumber: '14B-123.45', seat: '12', fromUnitId: units.kaLong, toUnitId: units.hongHa, departureDate: daysAgo(0), arrivalDate: daysAgo(0) } }, who(5)),
    );
    expect(trip.triage.reasons).toEqual([{ reason: 'outbreak_area', areas: [{ id: area.id, label: 'Thành phố Móng Cái' }] }]);
    const [tripRow] = await h.db.select().from(declarations).where(eq(declarations.id, trip.declarationId));
    expect(tripRow.travel).toMatchObject({ vehicleType: 'coach', vehicleNumber: '14B-123.45', seat: '12' });
    expect(tripRow.arrival).toBeNull();
  });

  it('names the field of every problem and stores nothing', async () => {
    const before = await Promise.all((['declarations', 'people', 'person_devices', 'personal_qr'] as const).map((t) => countRows(h, t)));
    const cases: [Parameters<typeof declarationIn>, string, string][] = [
      [[units.hongHa, { answers: { symptoms: ['fever', 'hiccups'] } }], 'answers.symptoms[1]', 'declarations.errors.symptom_unknown'],
      [[units.hongHa, { answers: { exposures: [{ code: 'bitten_by_bat' }] } }], 'answers.exposures[0].code', 'declarations.errors.exposure_unknown'],
      [[units.hongHa, { kind: 'domestic_travel', travel: { vehicleType: 'coach', fromUnitId: units.kaLong, toUnitId: units.hongHa, departureDate: daysAgo(0) } }], 'travel.vehicleNumber', 'declarations.errors.travel_field_required'],
      [[units.hongHa, { kind: 'domestic_travel' }], 'travel.vehicleType', 'declarations.errors.travel_field_required'],
      [[units.hongHa, { kind: 'arrival', arrival: { travellerCategory: 'foreign_national', countryFrom: 'KR', arrivalDate: daysAgo(0) } }], 'arrival.borderGate', 'declarations.errors.arrival_field_required'],
      [[units.hongHa, { answers: { symptoms: ['fever'], onsetDate: '2999-01-01' } }], 'answers.onsetDate', 'declarations.errors.date_future'],
      [[units.hongHa, { answers: { placesVisited: [{ unitId: units.kaLong, date: daysAgo(15) }] } }], 'answers.placesVisited[0].date', 'declarations.errors.outside_lookback'],
      [[units.hongHa, { answers: { placesVisited: [{ unitId: 999_999, date: daysAgo(1) }] } }], 'answers.placesVisited[0].unitId', 'declarations.errors.unit_unknown'],
      [[units.hongHa, { answers: { vaccination: { doses: 1, product: 'snake-oil' } } }], 'answers.vaccination.product', 'declarations.errors.vaccine_unknown'],
      [[units.hongHa, {}, { phone: '12345' }], 'answers.identity.phone', 'people.errors.phone_invalid'],
      [[units.hongHa, {}, { docType: 'cccd', docNumber: '0221' }], 'answers.identity.docNumber', 'people.errors.doc_format_cccd'],
      [[999_999], 'answers.identity.communeId', 'geo.errors.commune_unknown'],
    ];
    for (const [args, field, key] of cases) {
      expect(await fieldError(submitDeclaration(h.db, declarationIn(...args))), field).toMatchObject({ field, key });
    }
    const lookback = await fieldError(submitDeclaration(h.db, declarationIn(units.hongHa, { answers: { placesVisited: [{ unitId: units.kaLong, date: daysAgo(15) }] } })));
    expect(lookback.params).toEqual({ days: 14 });
    const after = await Promise.all((['declarations', 'people', 'person_devices', 'personal_qr'] as const).map((t) => countRows(h, t)));
    expect(after).toEqual(before);
  });

  it('stores the profile the declaration was checked against', async () => {
    const res = await submitDeclaration(h.db, declarationIn(units.hongHa, {}, { fullName: 'Đỗ Quang Hải', birthDate: '1980-02-02', phone: '0977123456', sex: 'male' }), { now: new Date('2021-09-01T03:00:00Z') });
    const [row] = await h.db.select().from(declarations).where(eq(declarations.id, res.declarationId));
    const [v2021] = await queryRows<{ id: number }>(h.db, sql`select id from disease_profiles where effective_from = '2021-07-14'`);
    expect(row.profileId).toBe(v2021.id);
  });
});
