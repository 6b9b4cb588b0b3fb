import { refusal } from '../db/fixtures.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { translate } from '../../shared/i18n/index.js';
import type { PersonInput } from '../../shared/api/people.js';
import { createPerson, updatePerson } from './service.js';
import { auditRows, cccd, count, peopleDb, personIn } from './test-helpers.js';

let h: DbHandle;
let units: UnitFixture;
let officer: Actor;
beforeEach(async () => {
  ({ h, units } = await peopleDb());
  officer = await actorFor(h.db, 'district_officer', units.halong);
});
afterEach(() => h.close());


describe('person input', () => {
  it('normalises what staff type', async () => {
    const { person } = await createPerson(h.db, officer, {
      fullName: '  nguyễn   văn AN ',
      sex: 'male',
      birthDate: '1985-03-02',
      docType: 'cccd',
      docNumber: '022 085 000 123',
      phone: '+84 912 345 678',
      nationality: 'vn',
      addressLine: 'Số 5, tổ 3, khu 2',
      communeId: units.hongHa,
    });
    expect(person).toMatchObject({
      fullName: 'Nguyễn Văn An',
      docNumber: '022085000123',
      phone: '0912345678',
      birthYear: 1985,
      nationality: 'VN',
      communeName: 'Phường Hồng Hà',
      districtId: units.halong,
      provinceId: units.province,
      commune: { id: units.hongHa, name: 'Phường Hồng Hà' },
      district: { id: units.halong, name: 'Thành phố Hạ Long' },
      province: { id: units.province, name: 'Tỉnh Quảng Ninh' },
    });
    const [created] = await auditRows(h, 'create');
    expect(created).toMatchObject({ person_id: person.id, username: officer.username });
  });

  it('accepts a child with neither document nor phone, and only a year of birth', async () => {
    const { person } = await createPerson(h.db, officer, { fullName: 'Trần Bảo Ngọc', sex: 'female', birthYear: 2019, communeId: units.baiChay });
    expect(person).toMatchObject({ docType: null, docNumber: null, phone: null, birthDate: null, birthYear: 2019 });
  });

  const cases: [string, Partial<PersonInput>, string, string][] = [
    ['a CCCD of 11 digits', { docType: 'cccd', docNumber: '02208500012' }, 'docNumber', 'people.errors.doc_format_cccd'],
    ['a CCCD of another birth year', { docType: 'cccd', docNumber: cccd('male', 1986, 1) }, 'docNumber', 'people.errors.doc_cccd_birth_year'],
    ['a CCCD of the other sex', { docType: 'cccd', docNumber: cccd('female', 1985, 1) }, 'docNumber', 'people.errors.doc_cccd_sex'],
    ['a CMND of 10 digits', { docType: 'cmnd', docNumber: '1002345678' }, 'docNumber', 'people.errors.doc_format_cmnd'],
    ['a document type without number', { docType: 'passport' }, 'docNumber', 'people.errors.doc_number_required'],
    ['a document number without type', { docNumber: 'C1234567' }, 'docType', 'people.errors.doc_type_required'],
    ['a bad phone', { phone: '0112345678' }, 'phone', 'people.errors.phone_invalid'],
    ['a future birth date', { birthDate: '2999-01-01' }, 'birthDate', 'people.errors.birth_date_future'],
    ['a birth date before 1890', { birthDate: '1889-12-31' }, 'birthDate', 'people.errors.birth_date_too_early'],
    ['an impossible birth date', { birthDate: '1985-02-30' }, 'birthDate', 'people.errors.birth_date_format'],
    ['neither birth date nor year', { birthDate: undefined }, 'birthDate', 'people.errors.birth_required'],
    ['a birth year that contradicts the date', { birthYear: 1984 }, 'birthYear', 'people.errors.birth_year_mismatch'],
    ['a one-letter name', { fullName: 'A' }, 'fullName', 'people.errors.full_name_length'],
    ['a name with digits', { fullName: 'Nguyễn Văn 2' }, 'fullName', 'people.errors.full_name_letters'],
    ['a nationality that is not a country code', { nationality: 'Vietnam' }, 'nationality', 'people.errors.nationality_format'],
  ];
  it.each(cases)('refuses %s, naming the field, and stores nothing', async (_, over, field, key) => {
    const err = await refusal(createPerson(h.db, officer, personIn(units.hongHa, over)));
    expect(err).toMatchObject({ code: 'validation', field, messageKey: key });
    expect(translate('vi', key)).not.toBe(key);
    expect(translate('en', key)).not.toBe(translate('vi', key));
    expect(await count(h, 'people')).toBe(0);
    expect(await auditRows(h, 'create')).toEqual([]);
  });

  it('words the CCCD errors as officials expect', () => {
    expect(translate('vi', 'people.errors.doc_format_cccd')).toBe('Số CCCD phải gồm 12 chữ số');
    expect(translate('vi', 'people.errors.doc_cccd_birth_year')).toBe('CCCD không khớp với năm sinh');
    expect(translate('vi', 'people.errors.phone_invalid')).toBe('Số điện thoại không hợp lệ');
    expect(translate('vi', 'people.errors.commune_unknown')).toBe('Xã/phường không tồn tại');
  });

  it('refuses an unknown commune, and a district as if it were a commune', async () => {
    for (const communeId of [999_999, units.halong]) {
      const err = await refusal(createPerson(h.db, officer, personIn(communeId)));
      expect(err).toMatchObject({ code: 'validation', field: 'communeId' });
      expect(err.messageKey).toMatch(/\.errors\.commune_unknown$/);
    }
    expect(await count(h, 'people')).toBe(0);
  });

  it('refuses a commune outside the jurisdiction', async () => {
    const err = await refusal(createPerson(h.db, officer, personIn(units.kaLong)));
    expect(err).toMatchObject({ code: 'forbidden', field: 'communeId', messageKey: 'errors.out_of_jurisdiction' });
    expect(await count(h, 'people')).toBe(0);
  });

  it('refuses a second living person with the same document (409 on docNumber)', async () => {
    const doc = { docType: 'cccd' as const, docNumber: cccd('male', 1985, 42) };
    await createPerson(h.db, officer, personIn(units.hongHa, doc));
    const err = await refusal(createPerson(h.db, officer, personIn(units.baiChay, { ...doc, fullName: 'Lê Văn Bình' })));
    expect(err).toMatchObject({ code: 'conflict', status: 409, field: 'docNumber', messageKey: 'people.errors.doc_taken' });
    expect(translate('vi', err.messageKey)).toContain('đã được đăng ký');
    expect(await count(h, 'people')).toBe(1);
  });

  it('requires people.write', async () => {
    const steering = await actorFor(h.db, 'steering_member', units.province);
    expect(await refusal(createPerson(h.db, steering, personIn(units.hongHa)))).toMatchObject({ code: 'forbidden' });
  });
});

describe('updatePerson', () => {
  it('checks the changed person as a whole and audits what changed', async () => {
    const { person } = await createPerson(h.db, officer, personIn(units.hongHa, { phone: '0912345678' }));
    const err = await refusal(updatePerson(h.db, officer, person.id, { docType: 'cccd', docNumber: cccd('male', 1990, 1) }));
    expect(err).toMatchObject({ field: 'docNumber', messageKey: 'people.errors.doc_cccd_birth_year' });

    const updated = await updatePerson(h.db, officer, person.id, { phone: null, addressLine: 'Tổ 5', communeId: units.baiChay });
    expect(updated).toMatchObject({ phone: null, addressLine: 'Tổ 5', communeId: units.baiChay, fullName: 'Nguyễn Văn An' });
    const [row] = await auditRows(h, 'update');
    expect(row.person_id).toBe(person.id);
    expect(row.details).toEqual({ before: { phone: '0912345678', addressLine: '', communeId: units.hongHa } });
  });

  it('does not move a person out of the jurisdiction, nor show one outside it', async () => {
    const { person } = await createPerson(h.db, officer, personIn(units.hongHa));
    expect(await refusal(updatePerson(h.db, officer, person.id, { communeId: units.kaLong }))).toMatchObject({ code: 'forbidden', field: 'communeId' });
    const commune = await actorFor(h.db, 'commune_officer', units.baiChay);
    expect(await refusal(updatePerson(h.db, commune, person.id, { addressLine: 'x' }))).toMatchObject({ code: 'not_found' });
  });
});
