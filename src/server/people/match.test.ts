import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import { AppError } from '../http/errors.js';
import { createPerson, matchOrCreatePerson } from './service.js';
import { cccd, count, peopleDb, personIn } from './test-helpers.js';

const ctx = { actor: null, source: 'declaration', fieldPrefix: 'answers.identity' };

describe('matchOrCreatePerson', () => {
  let h: DbHandle;
  let units: UnitFixture;
  let an: number;
  let hoa: number;

  beforeAll(async () => {
    ({ h, units } = await peopleDb());
    const officer = await actorFor(h.db, 'district_officer', units.halong);
    an = (await createPerson(h.db, officer, personIn(units.hongHa, { docType: 'cccd', docNumber: cccd('male', 1985, 1), phone: '0912345678' }))).person.id;
    hoa = (await createPerson(h.db, officer, personIn(units.baiChay, { fullName: 'Nguyễn Thị Hoa', sex: 'female', birthDate: null, birthYear: 1962, phone: '0988000111' }))).person.id;
  });
  afterAll(() => h.close());

  const match = (input: Parameters<typeof matchOrCreatePerson>[1]) => h.db.transaction((tx) => matchOrCreatePerson(tx, input, ctx));

  it('finds the holder of the same document, whatever else differs, and changes nothing', async () => {
    const res = await match(personIn(units.kaLong, { fullName: 'Nguyen Van An', docType: 'cccd', docNumber: cccd('male', 1985, 1), phone: '0900000001' }));
    expect(res).toEqual({ personId: an, matched: 'doc', differences: ['phone', 'fullName', 'communeId'] });
    const [row] = await queryRows<{ phone: string; full_name: string }>(h.db, sql`select phone, full_name from people where id = ${an}`);
    expect(row).toEqual({ phone: '0912345678', full_name: 'Nguyễn Văn An' });
  });

  it('finds the same phone with a similar name, but not a relative sharing the phone', async () => {
    expect(await match(personIn(units.kaLong, { fullName: 'Nguyễn Văn Ann', phone: '+84912345678' }))).toMatchObject({ personId: an, matched: 'phone_name' });
    // Same phone, same name, another birth year: the son, not the father.
    const before = await count(h, 'people');
    const son = await match(personIn(units.hongHa, { phone: '0912345678', birthDate: '2010-01-01' }));
    expect(son).toMatchObject({ matched: null });
    expect(son.personId).not.toBe(an);
    expect(await count(h, 'people')).toBe(before + 1);
  });

  it('finds the same name, birth year and commune', async () => {
    expect(await match(personIn(units.baiChay, { fullName: 'nguyễn thị hoa', sex: 'female', birthDate: null, birthYear: 1962 }))).toEqual({
      personId: hoa,
      matched: 'name_birth_commune',
      differences: [],
    });
  });

  it('registers a new person otherwise, audited as made by the declaration, with duplicate candidates stored', async () => {
    const res = await match(personIn(units.kaLong, { fullName: 'Hoàng Minh Tuấn', phone: '0988000111', birthDate: '1999-02-03' }));
    expect(res.matched).toBeNull();
    const [audit] = await queryRows<{ account_id: number | null; details: Record<string, unknown> }>(
      h.db,
      sql`select account_id, details from audit_log where action = 'create' and person_id = ${res.personId}`,
    );
    expect(audit).toEqual({ account_id: null, details: { source: 'declaration', duplicates: 0 } });
  });

  it('names the field of bad input under the prefix', async () => {
    const err = await match(personIn(units.hongHa, { docType: 'cccd', docNumber: '123' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ field: 'answers.identity.docNumber', messageKey: 'people.errors.doc_format_cccd' });
    const commune = await match(personIn(999_999, { fullName: 'Ai Đó Mới' })).catch((e: unknown) => e);
    expect(commune).toMatchObject({ field: 'answers.identity.communeId' });
  });
});
