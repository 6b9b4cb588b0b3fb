import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { foldKey } from '../../shared/vn/text.js';
import { people, personDuplicates } from './schema.js';
import { createPerson, dismissDuplicate, findDuplicateCandidates, listDuplicates, scanDuplicates } from './service.js';
import { jaroWinkler, nameSimilarity } from './similarity.js';
import { auditRows, bulkPeople, cccd, count, peopleDb, personIn } from './test-helpers.js';

let h: DbHandle;
let units: UnitFixture;
let province: Actor;
beforeEach(async () => {
  ({ h, units } = await peopleDb());
  province = await actorFor(h.db, 'health_officer', units.province);
});
afterEach(() => h.close());

/** A person stored the way a bulk import stores them, without the service's checks. */
async function imported(communeId: number, districtId: number, v: { fullName: string; docNumber?: string; phone?: string; birthYear?: number }) {
  const [row] = await h.db
    .insert(people)
    .values({
      fullName: v.fullName,
      nameKey: foldKey(v.fullName),
      docType: v.docNumber ? 'cccd' : null,
      docNumber: v.docNumber ?? null,
      phone: v.phone ?? null,
      birthYear: v.birthYear ?? 1985,
      sex: 'male',
      communeId,
      districtId,
      provinceId: units.province,
    })
    .returning();
  return row;
}

describe('similarity', () => {
  it('scores folded Vietnamese names', () => {
    expect(jaroWinkler('nguyen van an', 'nguyen van an')).toBe(1);
    expect(jaroWinkler('nguyen van an', 'nguyen van anh')).toBeGreaterThan(0.95);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    // Relatives share the family name; the given name decides.
    expect(nameSimilarity('nguyen van anh', 'nguyen thi hoa')).toBeLessThan(0.85);
    expect(nameSimilarity('nguyen van an', 'nguyen van anh')).toBeGreaterThan(0.95);
  });
});

describe('findDuplicateCandidates', () => {
  it('same document: score 1.0', async () => {
    const doc = cccd('male', 1985, 11);
    const a = await imported(units.hongHa, units.halong, { fullName: 'Nguyễn Văn An', docNumber: doc });
    const b = await imported(units.kaLong, units.mongcai, { fullName: 'Nguyen Van Ann', docNumber: doc });
    expect(await findDuplicateCandidates(h.db, b)).toEqual([{ personA: a.id, personB: b.id, score: 1, reasons: ['same_id'] }]);
  });

  it('same phone and a similar name: 0.8–0.95 by similarity; a relative sharing the phone is not a duplicate', async () => {
    const { person: an } = await createPerson(h.db, province, personIn(units.hongHa, { phone: '0912345678' }));
    const { person: hoa } = await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Nguyễn Thị Hoa', sex: 'female', phone: '0912345678' }));
    expect(await findDuplicateCandidates(h.db, hoa)).toEqual([]);
    const { person: anh, duplicates } = await createPerson(
      h.db,
      province,
      personIn(units.baiChay, { fullName: 'Nguyễn Văn Anh', phone: '+84912345678', birthDate: '1986-01-01' }),
    );
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ reasons: ['same_phone_similar_name'], status: 'open', other: { id: an.id } });
    expect(duplicates[0].score).toBeGreaterThan(0.9);
    expect(duplicates[0].score).toBeLessThan(0.95);
    const { duplicates: same } = await createPerson(h.db, province, personIn(units.kaLong, { fullName: 'Nguyễn Văn Ân', phone: '0912345678' }));
    expect(same.map((d) => [d.other.id, d.score])).toEqual([
      [an.id, 0.95],
      [anh.id, expect.closeTo(duplicates[0].score, 3)],
    ]);
  });

  it('same name, birth date (or year when a date is missing) and commune: 0.7', async () => {
    const { person: mai } = await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Lê Thị Mai', sex: 'female', birthDate: '1990-04-01' }));
    const { duplicates: byDate } = await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'LÊ THỊ MAI', sex: 'female', birthDate: '1990-04-01' }));
    expect(byDate.map((d) => [d.other.id, d.score, d.reasons])).toEqual([[mai.id, 0.7, ['same_name_birth_commune']]]);
    const { duplicates: byYear } = await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Le Thi Mai', sex: 'female', birthDate: null, birthYear: 1990 }));
    expect(byYear).toHaveLength(2);
    const { duplicates: otherDay } = await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Lê Thị Mai', sex: 'female', birthDate: '1990-09-09' }));
    expect(otherDay.map((d) => d.other.birthDate)).toEqual([null]);
    const { duplicates: otherCommune } = await createPerson(h.db, province, personIn(units.baiChay, { fullName: 'Lê Thị Mai', sex: 'female', birthDate: '1990-04-01' }));
    expect(otherCommune).toEqual([]);
    expect(await count(h, 'person_duplicates')).toBe(4);
  });
});

describe('scanDuplicates', () => {
  it('scans 20,000 people in a couple of seconds and stores each pair once', async () => {
    await bulkPeople(h, units, 20_000);
    const doc = '022000000005';
    const copy = await imported(units.kaLong, units.mongcai, { fullName: 'Someone Else', docNumber: doc });
    const started = performance.now();
    const first = await scanDuplicates(h.db, province);
    const took = performance.now() - started;
    // About 2 s on PGlite and 0.6 s on PostgreSQL on an idle machine; the bound leaves room for a busy one.
    expect(took).toBeLessThan(8000);
    expect(first.found).toBeGreaterThan(100);
    expect(first.created).toBe(first.found);
    expect(await count(h, 'person_duplicates')).toBe(first.found);
    const [byDoc] = await h.db.select().from(personDuplicates).where(eq(personDuplicates.personB, copy.id));
    expect(byDoc).toMatchObject({ score: 1, reasons: ['same_id'] });

    const again = await scanDuplicates(h.db, province);
    expect(again).toMatchObject({ found: first.found, created: 0 });
  });

  it('keeps to the jurisdiction and does not reopen dismissed pairs', async () => {
    const a = await imported(units.hongHa, units.halong, { fullName: 'Phạm Quốc Long', phone: '0977000111' });
    const b = await imported(units.hongHa, units.halong, { fullName: 'Phạm Quốc Long', phone: '0977000111' });
    await imported(units.kaLong, units.mongcai, { fullName: 'Đỗ Hữu Tâm', phone: '0977000222' });
    await imported(units.kaLong, units.mongcai, { fullName: 'Đỗ Hữu Tâm', phone: '0977000222' });
    const halong = await actorFor(h.db, 'district_officer', units.halong);
    expect(await scanDuplicates(h.db, halong)).toEqual({ found: 1, created: 1, skippedGroups: 0 });
    const [pair] = (await listDuplicates(h.db, halong)).rows;
    expect(pair).toMatchObject({ a: { id: a.id }, b: { id: b.id }, score: 0.95, reasons: ['same_phone_similar_name', 'same_name_birth_commune'] });

    await dismissDuplicate(h.db, halong, pair.id, 'Hai anh em sinh đôi, cùng số điện thoại');
    expect((await listDuplicates(h.db, halong)).rows).toEqual([]);
    expect((await listDuplicates(h.db, halong, { status: 'dismissed' })).rows.map((p) => p.id)).toEqual([pair.id]);
    const dismissals = await auditRows(h, 'dismiss');
    expect(dismissals.map((r) => r.person_id)).toEqual([a.id, b.id]);
    expect(dismissals[0].details).toMatchObject({ reason: 'Hai anh em sinh đôi, cùng số điện thoại' });

    expect(await scanDuplicates(h.db, province)).toEqual({ found: 2, created: 1, skippedGroups: 0 });
    expect((await listDuplicates(h.db, province, { status: 'dismissed' })).rows.map((p) => p.id)).toEqual([pair.id]);
    await expect(dismissDuplicate(h.db, halong, pair.id, 'lần nữa')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('skips a phone shared by more people than one family', async () => {
    for (let i = 0; i < 51; i++) await imported(units.hongHa, units.halong, { fullName: `Người Số ${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'abc'[i % 3]}`, phone: '02033825555', birthYear: 1930 + i });
    expect(await scanDuplicates(h.db, province)).toEqual({ found: 0, created: 0, skippedGroups: 1 });
  });
});

describe('listDuplicates', () => {
  it('never shows a pair with a person outside the jurisdiction', async () => {
    const { person: an } = await createPerson(h.db, province, personIn(units.hongHa, { phone: '0912345678' }));
    const { person: kaLongAn } = await createPerson(h.db, province, personIn(units.kaLong, { phone: '0912345678' }));
    await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Vũ Thu Hà', sex: 'female', birthDate: '2000-02-02' }));
    await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Vũ Thu Hà', sex: 'female', birthDate: '2000-02-02' }));
    const hongHa = await actorFor(h.db, 'commune_officer', units.hongHa);
    const kaLong = await actorFor(h.db, 'commune_officer', units.kaLong);
    expect((await listDuplicates(h.db, hongHa)).rows.map((p) => p.a.fullName)).toEqual(['Vũ Thu Hà']);
    expect((await listDuplicates(h.db, kaLong)).rows).toEqual([]);
    const all = await listDuplicates(h.db, province);
    expect(all.rows.map((p) => [p.a.id, p.b.id, p.score])).toContainEqual([an.id, kaLongAn.id, 0.95]);
    expect(all.rows).toHaveLength(2);
    await expect(dismissDuplicate(h.db, hongHa, all.rows[0].id, 'không phải một người')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('writes who looked at the review list and who scanned, in the audit log', async () => {
    await scanDuplicates(h.db, province);
    await listDuplicates(h.db, province, { status: 'open' });
    expect((await auditRows(h, 'search')).map((r) => [r.username, r.details?.scan])).toContainEqual([province.username, true]);
    expect((await auditRows(h, 'read')).map((r) => r.details)).toContainEqual({ status: 'open', count: 0, offset: 0 });
  });
});
