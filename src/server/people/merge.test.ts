import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { personDuplicates, personMerges } from './schema.js';
import { canonicalPersonId, createPerson, getPerson, listDuplicates, mergePeople, searchPeople, updatePerson } from './service.js';
import { auditRows, cccd, count, peopleDb, personIn } from './test-helpers.js';

let h: DbHandle;
let units: UnitFixture;
let halong: Actor;
beforeEach(async () => {
  ({ h, units } = await peopleDb());
  halong = await actorFor(h.db, 'district_officer', units.halong);
});
afterEach(() => h.close());

/** The same man registered twice: once at a checkpoint with his phone, once by the ward with his CCCD. */
async function twoRecords() {
  const { person: keep } = await createPerson(h.db, halong, personIn(units.hongHa, { phone: '0912345678', birthDate: null, birthYear: 1985 }));
  const { person: dup, duplicates } = await createPerson(
    h.db,
    halong,
    personIn(units.hongHa, { fullName: 'Nguyễn Văn Ân', docType: 'cccd', docNumber: cccd('male', 1985, 99), addressLine: 'Tổ 3, khu 5' }),
  );
  return { keep, dup, duplicateId: duplicates[0].id };
}

describe('mergePeople', () => {
  it('keeps both histories, fills blanks of the kept person and closes the candidate', async () => {
    const { keep, dup, duplicateId } = await twoRecords();
    const kept = await mergePeople(h.db, halong, { keepId: keep.id, mergeId: dup.id, reason: 'Cùng một người, đăng ký hai lần', duplicateId });

    expect(kept).toMatchObject({
      id: keep.id,
      phone: '0912345678',
      docType: 'cccd',
      docNumber: cccd('male', 1985, 99),
      birthDate: '1985-03-02',
      addressLine: 'Tổ 3, khu 5',
      mergedInto: null,
      mergedIds: [dup.id],
      duplicates: [],
    });
    expect(kept.merges).toHaveLength(1);
    expect(kept.merges[0]).toMatchObject({
      mergedId: dup.id,
      reason: 'Cùng một người, đăng ký hai lần',
      duplicateId,
      mergedBy: { accountId: halong.accountId, username: halong.username },
      mergedSnapshot: { id: dup.id, fullName: 'Nguyễn Văn Ân', docNumber: cccd('male', 1985, 99), phone: null },
      keptBefore: { id: keep.id, docNumber: null, birthDate: null, addressLine: '' },
    });

    const merged = await getPerson(h.db, halong, dup.id);
    expect(merged.mergedInto).toBe(keep.id);
    expect(await canonicalPersonId(h.db, dup.id)).toBe(keep.id);
    expect(await canonicalPersonId(h.db, keep.id)).toBe(keep.id);
    const [pair] = await h.db.select().from(personDuplicates).where(eq(personDuplicates.id, duplicateId));
    expect(pair).toMatchObject({ status: 'merged', decidedBy: halong.accountId });

    const merges = await auditRows(h, 'merge');
    expect(merges.map((r) => r.person_id)).toEqual([keep.id, dup.id]);
    expect(merges[0].details).toMatchObject({ keptId: keep.id, mergedId: dup.id, filled: ['docType', 'docNumber', 'birthDate', 'addressLine'] });

    // The merged record leaves searches and can no longer be edited; its document now finds the kept person.
    expect((await searchPeople(h.db, halong, { q: 'nguyen van an' })).rows.map((p) => p.id)).toEqual([keep.id]);
    expect((await searchPeople(h.db, halong, { q: cccd('male', 1985, 99) })).rows.map((p) => p.id)).toEqual([keep.id]);
    await expect(updatePerson(h.db, halong, dup.id, { phone: '0987654321' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(mergePeople(h.db, halong, { keepId: keep.id, mergeId: dup.id, reason: 'lần hai' })).rejects.toMatchObject({
      code: 'conflict',
      messageKey: 'people.errors.already_merged',
    });
  });

  it('follows chains of merges', async () => {
    const { keep, dup } = await twoRecords();
    const { person: third } = await createPerson(h.db, halong, personIn(units.baiChay, { fullName: 'Nguyễn Văn An', birthDate: null, birthYear: 1985 }));
    await mergePeople(h.db, halong, { keepId: keep.id, mergeId: dup.id, reason: 'trùng lần một' });
    const last = await mergePeople(h.db, halong, { keepId: third.id, mergeId: keep.id, reason: 'trùng lần hai' });
    expect(last.mergedIds).toEqual([keep.id, dup.id].sort((a, b) => a - b));
    expect(last.merges.map((m) => [m.keptId, m.mergedId])).toEqual([
      [keep.id, dup.id],
      [third.id, keep.id],
    ]);
    expect(await canonicalPersonId(h.db, dup.id)).toBe(third.id);
  });

  it('is refused across the jurisdiction, without the permission, and for a candidate of another pair', async () => {
    const { keep, dup } = await twoRecords();
    const province = await actorFor(h.db, 'health_officer', units.province);
    const { person: far } = await createPerson(h.db, province, personIn(units.kaLong, { phone: '0912345678' }));
    await expect(mergePeople(h.db, halong, { keepId: keep.id, mergeId: far.id, reason: 'khác địa bàn' })).rejects.toMatchObject({ code: 'not_found' });
    const commune = await actorFor(h.db, 'commune_officer', units.hongHa);
    await expect(mergePeople(h.db, commune, { keepId: keep.id, mergeId: dup.id, reason: 'không có quyền' })).rejects.toMatchObject({ code: 'forbidden' });
    const [farPair] = (await listDuplicates(h.db, province)).rows.filter((p) => p.b.id === far.id);
    await expect(
      mergePeople(h.db, province, { keepId: keep.id, mergeId: dup.id, reason: 'sai cặp', duplicateId: farPair.id }),
    ).rejects.toMatchObject({ field: 'duplicateId' });
    await expect(mergePeople(h.db, halong, { keepId: keep.id, mergeId: keep.id, reason: 'chính nó' })).rejects.toMatchObject({ field: 'mergeId' });
    expect(await count(h, 'person_merges')).toBe(0);
    expect(await h.db.select().from(personMerges)).toEqual([]);
    expect(await auditRows(h, 'merge')).toEqual([]);
  });
});
