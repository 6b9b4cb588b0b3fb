import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { people } from './schema.js';
import { createPerson, getPerson, searchPeople, classifyQuery } from './service.js';
import { matchCondition, nameOrder } from './search.js';
import { summaryColumns } from './views.js';
import type { Scope } from './access.js';
import { auditRows, bulkPeople, cccd, peopleDb, personIn } from './test-helpers.js';

let h: DbHandle;
let units: UnitFixture;
let province: Actor;
let hongHaOfficer: Actor;
let kaLongOfficer: Actor;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ h, units } = await peopleDb());
  province = await actorFor(h.db, 'health_officer', units.province);
  hongHaOfficer = await actorFor(h.db, 'commune_officer', units.hongHa);
  kaLongOfficer = await actorFor(h.db, 'commune_officer', units.kaLong);
  const add = async (key: string, input: ReturnType<typeof personIn>) => (ids[key] = (await createPerson(h.db, province, input)).person.id);
  await add('an', personIn(units.hongHa, { fullName: 'Nguyễn Văn An', phone: '0912345678', docType: 'cccd', docNumber: cccd('male', 1985, 7) }));
  await add('anh', personIn(units.hongHa, { fullName: 'Nguyễn Văn Anh', birthDate: '1990-05-05' }));
  await add('kaLongAn', personIn(units.kaLong, { fullName: 'Nguyễn Văn An', birthDate: '1970-01-01', phone: '0987654321' }));
  await add('binh', personIn(units.baiChay, { fullName: 'Trần Thị Bình', sex: 'female', docType: 'cmnd', docNumber: '100234567' }));
}, 120_000);
afterAll(() => h.close());

const names = (r: { rows: { fullName: string }[] }) => r.rows.map((p) => p.fullName);

describe('searchPeople', () => {
  it('classifies the query', () => {
    expect(classifyQuery('022 085 000 007')).toEqual({ kind: 'doc', value: '022085000007' });
    expect(classifyQuery('100234567')).toEqual({ kind: 'doc', value: '100234567' });
    expect(classifyQuery('c1234567')).toEqual({ kind: 'doc', value: 'C1234567' });
    expect(classifyQuery('+84 912 345 678')).toEqual({ kind: 'phone', value: '0912345678' });
    expect(classifyQuery('NGUYỄN  Văn')).toEqual({ kind: 'name', value: 'nguyen van' });
    expect(() => classifyQuery('%%')).toThrow(AppError);
  });

  it('finds names without accents or case, as a prefix, in name order', async () => {
    const r = await searchPeople(h.db, province, { q: 'nguyen van an' });
    expect(r.kind).toBe('name');
    expect(names(r)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn An', 'Nguyễn Văn Anh']);
    expect(r.rows[0]).toMatchObject({ id: ids.an, communeName: 'Phường Hồng Hà' });
    expect(names(await searchPeople(h.db, province, { q: 'TRẦN thi' }))).toEqual(['Trần Thị Bình']);
  });

  it('finds a phone written in +84 form and a document number exactly', async () => {
    const byPhone = await searchPeople(h.db, province, { q: '+84 912 345 678' });
    expect(byPhone.kind).toBe('phone');
    expect(byPhone.rows.map((p) => p.id)).toEqual([ids.an]);
    const byDoc = await searchPeople(h.db, province, { q: cccd('male', 1985, 7) });
    expect(byDoc.kind).toBe('doc');
    expect(byDoc.rows.map((p) => p.id)).toEqual([ids.an]);
    expect((await searchPeople(h.db, province, { q: '100 234 567' })).rows.map((p) => p.id)).toEqual([ids.binh]);
  });

  it('pages with hasMore and no count', async () => {
    const first = await searchPeople(h.db, province, { q: 'nguyen', limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const rest = await searchPeople(h.db, province, { q: 'nguyen', limit: 2, offset: 2 });
    expect(rest.rows.map((p) => p.id)).toEqual([ids.anh]);
    expect(rest.hasMore).toBe(false);
  });

  it('never shows a commune officer a person of another commune', async () => {
    const own = await searchPeople(h.db, hongHaOfficer, { q: 'nguyen van an' });
    expect(own.rows.map((p) => p.id).sort()).toEqual([ids.an, ids.anh].sort());
    expect((await searchPeople(h.db, hongHaOfficer, { q: '0987654321' })).rows).toEqual([]);
    expect((await searchPeople(h.db, kaLongOfficer, { q: '0912345678' })).rows).toEqual([]);
    expect((await searchPeople(h.db, kaLongOfficer, { q: 'nguyen van an' })).rows.map((p) => p.id)).toEqual([ids.kaLongAn]);
    await expect(searchPeople(h.db, hongHaOfficer, { q: 'nguyen', unitId: units.halong })).rejects.toMatchObject({ code: 'forbidden', field: 'unitId' });
  });

  it('lets a province officer narrow to a unit inside the province', async () => {
    const r = await searchPeople(h.db, province, { q: 'nguyen van an', unitId: units.mongcai });
    expect(r.rows.map((p) => p.id)).toEqual([ids.kaLongAn]);
  });

  it('writes one audit row per search with what was looked for', async () => {
    const before = (await auditRows(h, 'search')).length;
    await searchPeople(h.db, hongHaOfficer, { q: 'Nguyễn Văn' });
    const rows = await auditRows(h, 'search');
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ username: hongHaOfficer.username, person_id: null, details: { q: 'Nguyễn Văn', kind: 'name', count: 2 } });
  });
});

describe('getPerson', () => {
  it('shows a person inside the jurisdiction and audits the read', async () => {
    const p = await getPerson(h.db, hongHaOfficer, ids.an);
    expect(p).toMatchObject({ id: ids.an, commune: { name: 'Phường Hồng Hà' }, mergedIds: [], merges: [] });
    const reads = await auditRows(h, 'read');
    expect(reads.at(-1)).toMatchObject({ person_id: ids.an, username: hongHaOfficer.username });
  });

  it('answers 404 for a person outside the jurisdiction, as for one that does not exist', async () => {
    const reads = (await auditRows(h, 'read')).length;
    await expect(getPerson(h.db, hongHaOfficer, ids.kaLongAn)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(getPerson(h.db, hongHaOfficer, 987_654)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    expect(await auditRows(h, 'read')).toHaveLength(reads);
  });
});

describe('search plans', () => {
  let big: DbHandle;
  let bigUnits: UnitFixture;
  beforeAll(async () => {
    ({ h: big, units: bigUnits } = await peopleDb());
    await bulkPeople(big, bigUnits, 30_000);
  }, 120_000);
  afterAll(() => big.close());

  async function plan(scope: Scope, q: string): Promise<string> {
    const query = big.db.select(summaryColumns).from(people).where(matchCondition(scope, classifyQuery(q))).orderBy(...nameOrder).limit(51);
    const rows = await queryRows<Record<string, string>>(big.db, sql`explain ${query}`);
    return rows.map((r) => Object.values(r)[0]).join('\n');
  }

  it.each([
    ['doc', 'province', '022000012345', 'people_doc'],
    ['phone', 'province', '+84 91 001 2345', 'people_phone'],
    ['name', 'province', 'nguyen van', 'people_province_name_id'],
    ['name', 'district', 'tran thi', 'people_district_name_id'],
    ['name', 'commune', 'le duc', 'people_commune_name_id'],
  ] as const)('a %s search in a %s uses an index', async (kind, level, q, index) => {
    const unitId = level === 'province' ? bigUnits.province : level === 'district' ? bigUnits.halong : bigUnits.hongHa;
    const text = await plan({ level, unitId }, q);
    expect(text).toContain(index);
    expect(text).not.toMatch(/Seq Scan on people/);
    // The name indexes hand rows over in (name_key, id) order: no sort of the matches.
    if (kind === 'name') expect(text).not.toMatch(/^\s*(->\s*)?Sort\b/m);
  });
});
