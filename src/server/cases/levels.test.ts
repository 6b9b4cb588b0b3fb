import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { changeCaseStatus, currentLevels, removeExposure } from './service.js';
import { casesFixture, changesOf, confirmCase, expose, levelsOf, peopleIn, saveModifiedProfile, type CasesFixture } from './test-helpers.js';

describe('contact levels derived from exposures', () => {
  let f: CasesFixture;
  beforeEach(async () => {
    f = await casesFixture();
  }, 60_000);
  afterEach(() => f.h.close());

  /** A → B → C → D, A confirmed. */
  async function chain() {
    const [a, b, c, d] = await peopleIn(f, 4);
    const caseA = await confirmCase(f, a);
    await expose(f, [
      [a, b],
      [b, c],
      [c, d],
    ]);
    return { a, b, c, d, caseA };
  }

  it('derives F0 → F1 → F2 and stops at the profile maxTracingLevel, each move with its reason', async () => {
    const { a, b, c, d, caseA } = await chain();
    expect(await levelsOf(f, [a, b, c, d])).toEqual([0, 1, 2, null]);
    const levels = await currentLevels(f.h.db, [b, c, d]);
    expect(levels.get(c)).toMatchObject({ level: 2, rootCaseId: caseA.id, viaPersonId: b });
    expect(levels.has(d)).toBe(false);
    expect(await changesOf(f, a)).toEqual([{ from_level: null, to_level: 0, reason: 'case_confirmed', reason_params: { caseCode: `BN${caseA.number}` }, case_id: caseA.id }]);
    const [cChange] = await changesOf(f, c);
    expect(cChange).toMatchObject({ from_level: null, to_level: 2, reason: 'contact_of', case_id: caseA.id, reason_params: { caseCode: `BN${caseA.number}` } });
    expect(cChange.reason_params.via).toMatch(/^Nguyễn Văn/);
  });

  it('reads maxTracingLevel from the profile in force, not a constant', async () => {
    await saveModifiedProfile(f, (r) => (r.contacts.maxTracingLevel = 3));
    const { a, b, c, d } = await chain();
    expect(await levelsOf(f, [a, b, c, d])).toEqual([0, 1, 2, 3]);
  });

  it('makes a confirmed F1 an F0 and moves everyone downstream up one level (source_moved_up)', async () => {
    const { b, c, d, caseA } = await chain();
    const caseB = await confirmCase(f, b);
    expect(caseB).toMatchObject({ sourceCaseId: caseA.id, sourceKnown: true });
    expect(await levelsOf(f, [b, c, d])).toEqual([0, 1, 2]);
    const [, cUp] = await changesOf(f, c);
    expect(cUp).toMatchObject({ from_level: 2, to_level: 1, reason: 'source_moved_up', case_id: caseB.id, reason_params: { caseCode: `BN${caseB.number}` } });
    const [bName] = await queryRows<{ full_name: string }>(f.h.db, sql`select full_name from people where id = ${b}`);
    expect(cUp.reason_params.person).toBe(bName.full_name);
    expect((await changesOf(f, d)).map((x) => [x.from_level, x.to_level, x.reason])).toEqual([[null, 2, 'source_moved_up']]);
    expect((await changesOf(f, b)).map((x) => [x.from_level, x.to_level, x.reason])).toEqual([
      [null, 1, 'contact_of'],
      [1, 0, 'case_confirmed'],
    ]);
  });

  it('lets levels fall back when a case is ruled out (case_ruled_out)', async () => {
    const { a, b, c, d, caseA } = await chain();
    const caseB = await confirmCase(f, b);
    await changeCaseStatus(f.h.db, f.province, caseB.id, { status: 'ruled_out', note: 'Kết quả dương tính giả' });
    expect(await levelsOf(f, [a, b, c, d])).toEqual([0, 1, 2, null]);
    expect((await changesOf(f, d)).map((x) => [x.from_level, x.to_level, x.reason])).toEqual([
      [null, 2, 'source_moved_up'],
      [2, null, 'case_ruled_out'],
    ]);
    const last = (await changesOf(f, c)).at(-1)!;
    expect(last).toMatchObject({ from_level: 1, to_level: 2, reason: 'case_ruled_out', case_id: caseA.id, reason_params: { caseCode: `BN${caseB.number}` } });
    await changeCaseStatus(f.h.db, f.province, caseA.id, { status: 'ruled_out', note: 'Sai sót nhập liệu' });
    expect(await levelsOf(f, [a, b, c, d])).toEqual([null, null, null, null]);
  });

  it('lets levels fall back when an exposure is removed (exposure_removed)', async () => {
    const { a, b, c } = await chain();
    const [ex] = await queryRows<{ id: number }>(f.h.db, sql`select id from exposures where source_id = ${a} and contact_id = ${b}`);
    expect(await removeExposure(f.h.db, f.commune, Number(ex.id), { reason: 'Nhầm người' })).toEqual({ levelChanges: 2 });
    expect(await levelsOf(f, [a, b, c])).toEqual([0, null, null]);
    expect((await changesOf(f, b)).at(-1)).toMatchObject({ from_level: 1, to_level: null, reason: 'exposure_removed' });
    const [row] = await queryRows<{ removed_reason: string; removed_by: number }>(f.h.db, sql`select removed_reason, removed_by from exposures where id = ${ex.id}`);
    expect(row).toEqual({ removed_reason: 'Nhầm người', removed_by: f.commune.accountId });
  });

  it('keeps the shorter of two paths and, between equal ones, the earliest exposure', async () => {
    const [a, b, c, x] = await peopleIn(f, 4);
    await confirmCase(f, a);
    await expose(f, [
      [a, b],
      [b, x],
    ]);
    expect(await levelsOf(f, [x])).toEqual([2]);
    await expose(f, [[a, x]], { setting: 'workplace' });
    expect(await levelsOf(f, [x])).toEqual([1]);
    expect((await changesOf(f, x)).map((r) => [r.from_level, r.to_level, r.reason])).toEqual([
      [null, 2, 'contact_of'],
      [2, 1, 'contact_of'],
    ]);
    // c is F2 through two F1s: the exposure that began first names the via.
    await expose(f, [[b, c]], { startedAt: '2021-09-09T10:00:00+07:00' });
    await expose(f, [[x, c]], { startedAt: '2021-09-09T07:00:00+07:00' });
    expect((await currentLevels(f.h.db, [c])).get(c)).toMatchObject({ level: 2, viaPersonId: x });
  });

  it('with escalateOnPositive off, a contact who becomes a case does not re-level their own contacts', async () => {
    await saveModifiedProfile(f, (r) => (r.contacts.escalateOnPositive = false));
    const { a, b, c, d, caseA } = await chain();
    const caseB = await confirmCase(f, b);
    expect(caseB.sourceCaseId).toBe(caseA.id);
    // b is F0 itself, c stays F2 of A's chain, d stays untraced.
    expect(await levelsOf(f, [a, b, c, d])).toEqual([0, 0, 2, null]);
    expect((await currentLevels(f.h.db, [c])).get(c)).toMatchObject({ rootCaseId: caseA.id, viaPersonId: b });
    expect(await changesOf(f, c)).toHaveLength(1);
  });

  it('recomputes a whole batch of exposures at once', async () => {
    const [a] = await peopleIn(f, 1);
    const caseA = await confirmCase(f, a);
    const f1 = await peopleIn(f, 300);
    const f2 = await peopleIn(f, 300);
    const { ids, changes } = await expose(f, [...f1.map((p) => [a, p] as [number, number]), ...f1.map((p, i) => [p, f2[i]] as [number, number])], { setting: 'venue' });
    expect(ids).toHaveLength(600);
    expect(changes).toHaveLength(600);
    expect(changes.every((c) => c.caseId === caseA.id && c.reason === 'contact_of')).toBe(true);
    expect((await levelsOf(f, [...f1, ...f2])).filter((l) => l === 1)).toHaveLength(300);
    // The same batch again is idempotent: same ids, nothing moves.
    const again = await expose(f, [...f1.map((p) => [a, p] as [number, number]), ...f1.map((p, i) => [p, f2[i]] as [number, number])], { setting: 'venue' });
    expect(again.ids).toEqual(ids);
    expect(again.changes).toEqual([]);
  });
});
