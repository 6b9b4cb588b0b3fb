import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { generatePeople, insertPeople, NEAR_DUPLICATE_SHARE, type GeneratedPerson, type PopulationCommune } from './population.js';
import { permute } from './random.js';
import { checkDocNumber } from '../../shared/vn/id-document.js';
import { normalizePhone } from '../../shared/vn/phone.js';
import { foldKey } from '../../shared/vn/text.js';
import { testDb } from '../db/testing.js';
import { queryRows, type DbHandle } from '../db/handle.js';
import { seedUnitFixture } from '../db/fixtures.js';

const COMMUNES: PopulationCommune[] = [
  { id: 11, districtId: 2, provinceId: 1, code: '06661', population: 30_000 },
  { id: 12, districtId: 2, provinceId: 1, code: '06673', population: 10_000, urban: true },
  { id: 13, districtId: 3, provinceId: 1, code: '06703', population: 20_000, urban: false },
];

function all(seed: number, count: number, extra: { startId?: number; batchSize?: number } = {}): GeneratedPerson[] {
  return [...generatePeople({ seed, count, communes: COMMUNES, provinceCode: '22', ...extra })].flat();
}

const AS_OF_YEAR = 2021;
const people = all(7, 30_000);
const share = (pred: (p: GeneratedPerson) => boolean, rows = people) => rows.filter(pred).length / rows.length;

describe('generatePeople', () => {
  it('gives the same people for the same seed, others for another seed', () => {
    expect(all(7, 3000)).toEqual(people.slice(0, 3000));
    expect(all(8, 3000)).not.toEqual(people.slice(0, 3000));
  });

  it('yields exactly count rows in batches of at most batchSize', () => {
    const batches = [...generatePeople({ seed: 1, count: 1234, communes: COMMUNES, provinceCode: '22', batchSize: 500 })];
    expect(batches.map((b) => b.length)).toEqual([500, 500, 234]);
    expect([...generatePeople({ seed: 1, count: 0, communes: COMMUNES, provinceCode: '22' })]).toEqual([]);
  });

  it('gives adults valid, unique CCCDs (or a 9-digit CMND) and children under 14 none', () => {
    const docs = people.filter((p) => p.docNumber);
    for (const p of docs) {
      expect(checkDocNumber(p.docType!, p.docNumber!, { birthYear: p.birthYear, sex: p.sex }), p.docNumber!).toBeNull();
    }
    expect(new Set(docs.map((p) => p.docNumber)).size).toBe(docs.length);
    expect(share((p) => p.docType === 'cccd')).toBeGreaterThan(0.6);
    const cmnd = share((p) => p.docType === 'cmnd');
    expect(cmnd).toBeGreaterThan(0.01);
    expect(cmnd).toBeLessThan(0.1);
    expect(people.filter((p) => p.docNumber && AS_OF_YEAR - p.birthYear < 14)).toEqual([]);
    expect(people.filter((p) => p.docType === 'cmnd' && AS_OF_YEAR - p.birthYear < 40)).toEqual([]);
  });

  it('gives valid mobile phones, own numbers unique, shared only within a household or a re-registration', () => {
    const withPhone = people.filter((p) => p.phone);
    for (const p of withPhone) expect(normalizePhone(p.phone!)).toBe(p.phone);
    const byPhone = new Map<string, GeneratedPerson[]>();
    for (const p of withPhone) byPhone.set(p.phone!, [...(byPhone.get(p.phone!) ?? []), p]);
    for (const group of byPhone.values()) expect(new Set(group.map((p) => p.communeId)).size).toBe(1);
    expect(byPhone.size / withPhone.length).toBeGreaterThan(0.85);
    const young = people.filter((p) => AS_OF_YEAR - p.birthYear < 14);
    expect(share((p) => p.phone !== null, young)).toBeLessThan(0.45);
    expect(share((p) => p.phone !== null)).toBeGreaterThan(0.7);
  });

  it('writes NFC names with their fold key and ISO birth dates', () => {
    for (const p of people) {
      expect(p.fullName).toBe(p.fullName.normalize('NFC'));
      expect(p.nameKey).toBe(foldKey(p.fullName));
      expect(p.fullName.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(p.birthDate === null || p.birthDate.startsWith(`${p.birthYear}-`)).toBe(true);
      expect(p.birthDate ?? '2000-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has Vietnamese proportions: Nguyễn, sexes, ages, communes by population', () => {
    const nguyen = share((p) => p.fullName.startsWith('Nguyễn '));
    expect(nguyen).toBeGreaterThan(0.3);
    expect(nguyen).toBeLessThan(0.45);
    expect(share((p) => p.fullName.startsWith('Trần '))).toBeGreaterThan(0.07);
    expect(share((p) => p.sex === 'female' && p.fullName.split(' ')[1] === 'Thị')).toBeGreaterThan(0.15);
    const male = share((p) => p.sex === 'male');
    expect(male).toBeGreaterThan(0.46);
    expect(male).toBeLessThan(0.54);
    const under15 = share((p) => AS_OF_YEAR - p.birthYear < 15);
    expect(under15).toBeGreaterThan(0.18);
    expect(under15).toBeLessThan(0.3);
    expect(share((p) => AS_OF_YEAR - p.birthYear >= 65)).toBeGreaterThan(0.05);
    expect(share((p) => p.communeId === 11)).toBeCloseTo(0.5, 1);
    expect(share((p) => p.communeId === 12)).toBeCloseTo(1 / 6, 1);
    expect(people.find((p) => p.communeId === 12)!.addressLine).toMatch(/^(Số \d+, )?(Tổ \d+, )?Khu \d+$/);
    expect(people.find((p) => p.communeId === 13)!.addressLine).toMatch(/Thôn /);
  });

  it('re-registers about 0.5 % of people as near-duplicates right after the original', () => {
    // Adults always get a document; a document-less adult row is a second registration.
    const dupIndexes = people.flatMap((p, i) => (!p.docNumber && AS_OF_YEAR - p.birthYear > 18 ? [i] : []));
    expect(dupIndexes.length / people.length).toBeGreaterThan(NEAR_DUPLICATE_SHARE * 0.6);
    expect(dupIndexes.length / people.length).toBeLessThan(NEAR_DUPLICATE_SHARE * 1.4);
    for (const i of dupIndexes) {
      const [original, dup] = [people[i - 1], people[i]];
      expect(dup.communeId).toBe(original.communeId);
      const samePhone = dup.phone !== null && dup.phone === original.phone && dup.fullName !== original.fullName;
      const sameIdentity = dup.fullName === original.fullName && dup.birthDate === original.birthDate;
      expect(samePhone || sameIdentity).toBe(true);
    }
  });

  it('keeps documents and phones apart across calls over disjoint ranges', () => {
    const first = all(7, 4000);
    const second = all(7, 4000, { startId: 4000 });
    const numbers = (rows: GeneratedPerson[]) => new Set(rows.flatMap((p) => [p.docNumber, p.phone]).filter(Boolean));
    const a = numbers(first);
    expect([...numbers(second)].filter((n) => a.has(n))).toEqual([]);
  });
});

describe('permute', () => {
  it('is a bijection on its range', () => {
    const out = new Set(Array.from({ length: 1000 }, (_, i) => permute(i, 1000, 42)));
    expect(out.size).toBe(1000);
    expect(Math.max(...out)).toBe(999);
  });
});

describe('insertPeople', () => {
  let h: DbHandle | undefined;
  afterEach(async () => h?.close());

  it('stores generated people in the units they were generated for', async () => {
    h = await testDb();
    const u = await seedUnitFixture(h.db);
    const communes = [
      { id: u.hongHa, districtId: u.halong, provinceId: u.province, code: '06661' },
      { id: u.kaLong, districtId: u.mongcai, provinceId: u.province, code: '06703' },
    ];
    for (const batch of generatePeople({ seed: 3, count: 2500, communes, provinceCode: '22', batchSize: 2500 })) {
      await insertPeople(h.db, batch);
    }
    const rows = await queryRows<{ n: number; communes: number; cccd: number }>(
      h.db,
      sql`select count(*)::int as n, count(distinct commune_id)::int as communes,
                 count(*) filter (where doc_type = 'cccd')::int as cccd from people`,
    );
    expect(rows[0].n).toBe(2500);
    expect(rows[0].communes).toBe(2);
    expect(rows[0].cccd).toBeGreaterThan(1500);
  });
});
