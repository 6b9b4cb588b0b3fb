import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { auditLog } from '../audit/schema.js';
import { people } from '../people/schema.js';
import { communesOf, getUnit, importUnits, resolveCommune, searchUnits, setPopulation, unitTree } from './service.js';

describe('unit queries', () => {
  let h: DbHandle;
  let fx: UnitFixture;
  let admin: Actor;

  beforeAll(async () => {
    h = await testDb();
    fx = await seedUnitFixture(h.db);
    admin = await actorFor(h.db, 'system_admin', fx.province);
    // Two spellings of the same syllable (old "Hoà", new "Hòa"), one typed decomposed (NFD).
    const lines = [
      'Mã,Tên,Tên Tiếng Anh,Cấp,Mã QH,Quận Huyện,Mã TP,Tỉnh / Thành Phố',
      '06970,Xã Hòa Bình,,Xã,195,Huyện Hoành Bồ,22,Tỉnh Quảng Ninh',
      `06973,${'Xã Hoà Lạc'.normalize('NFD')},,Xã,195,Huyện Hoành Bồ,22,Tỉnh Quảng Ninh`,
      '06976,Xã Đồng Lâm,,Xã,195,Huyện Hoành Bồ,22,Tỉnh Quảng Ninh',
    ];
    await importUnits(h.db, admin, { files: [{ name: 'x.csv', data: Buffer.from(lines.join('\n')) }], listVersion: '2021-11', validFrom: '2021-11-01' });
    const person = (fullName: string, communeId: number, districtId: number) => ({
      fullName,
      nameKey: fullName.toLowerCase(),
      birthYear: 1990,
      sex: 'male' as const,
      communeId,
      districtId,
      provinceId: fx.province,
    });
    const [kept] = await h.db.insert(people).values(person('Nguyễn Văn An', fx.hongHa, fx.halong)).returning({ id: people.id });
    await h.db.insert(people).values([
      person('Lê Văn Bình', fx.hongHa, fx.halong),
      person('Phạm Thị Cúc', fx.baiChay, fx.halong),
      person('Vũ Văn Dũng', fx.kaLong, fx.mongcai),
      { ...person('Nguyen Van An', fx.hongHa, fx.halong), mergedInto: kept.id },
    ]);
  });
  afterAll(() => h.close());

  it('searches accent- and case-insensitively by word start, current units first', async () => {
    const halong = await searchUnits(h.db, { q: 'ha long' });
    expect(halong[0]).toMatchObject({ id: fx.halong, fullName: 'Thành phố Hạ Long', provinceName: 'Tỉnh Quảng Ninh', districtName: null });
    expect((await searchUnits(h.db, { q: 'HẠ LONG' }))[0].id).toBe(fx.halong);

    const hoa = await searchUnits(h.db, { q: 'hoa', level: 'commune' });
    expect(hoa.map((u) => u.fullName).sort()).toEqual(['Xã Hoà Lạc'.normalize('NFC'), 'Xã Hòa Bình']);
    expect(hoa[0].districtName).toBe('Huyện Hoành Bồ');
    expect((await searchUnits(h.db, { q: 'Hoà' })).map((u) => u.fullName)).toContain('Xã Hòa Bình');
    expect((await searchUnits(h.db, { q: 'dong lam' })).map((u) => u.code)).toEqual(['06976']);
    expect(await searchUnits(h.db, { q: 'ong lam' })).toEqual([]);

    const inHalong = await searchUnits(h.db, { q: 'phuong', parentId: fx.halong });
    expect(inHalong.map((u) => u.id).sort()).toEqual([fx.hongHa, fx.baiChay].sort());
    expect(await searchUnits(h.db, { q: 'phuong', limit: 1 })).toHaveLength(1);
    expect(await searchUnits(h.db, { q: '  ,. ' })).toEqual([]);
  });

  it('gives a unit with its parent chain and children', async () => {
    const hongHa = await getUnit(h.db, fx.hongHa);
    expect(hongHa.chain.map((u) => u.id)).toEqual([fx.province, fx.halong]);
    expect(hongHa.children).toEqual([]);
    const halong = await getUnit(h.db, fx.halong);
    expect(halong.children.map((u) => u.fullName)).toEqual(['Phường Bãi Cháy', 'Phường Hồng Hà']);
    await expect(getUnit(h.db, 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists the tree of a province with people counted once per unit and rolled up, merged people excluded', async () => {
    const tree = await unitTree(h.db, admin);
    expect(tree.map((n) => [n.code, n.peopleCount])).toEqual([
      ['22', 4],
      ['193', 3],
      ['06673', 1],
      ['06697', 2],
      ['194', 1],
      ['06709', 1],
      ['195', 0],
      ['06970', 0],
      ['06973', 0],
      ['06976', 0],
    ]);
    expect(tree[0]).toMatchObject({ id: fx.province, level: 'province', name: 'Quảng Ninh', typeName: 'Tỉnh', parentId: null, population: 1_337_600 });
    expect(tree[1].parentId).toBe(fx.province);
  });

  it('limits the tree to a district officer’s district and a commune officer’s commune', async () => {
    const districtOfficer = await actorFor(h.db, 'district_officer', fx.halong);
    expect((await unitTree(h.db, districtOfficer)).map((n) => [n.id, n.peopleCount])).toEqual([
      [fx.halong, 3],
      [fx.baiChay, 1],
      [fx.hongHa, 2],
    ]);
    const communeOfficer = await actorFor(h.db, 'commune_officer', fx.kaLong);
    expect((await unitTree(h.db, communeOfficer)).map((n) => [n.id, n.peopleCount])).toEqual([[fx.kaLong, 1]]);
  });

  it('sets a population within the jurisdiction only, with an audit entry', async () => {
    const updated = await setPopulation(h.db, admin, fx.hongHa, 21_500);
    expect(updated).toMatchObject({ id: fx.hongHa, population: 21_500 });
    const [entry] = await h.db.select().from(auditLog).where(and(eq(auditLog.entity, 'admin_units'), eq(auditLog.action, 'update')));
    expect(entry).toMatchObject({ entityId: String(fx.hongHa), details: { population: { from: null, to: 21_500 } } });

    const districtAdmin = await actorFor(h.db, 'system_admin', fx.mongcai);
    await expect(setPopulation(h.db, districtAdmin, fx.hongHa, 1)).rejects.toMatchObject({ code: 'forbidden' });
    const officer = await actorFor(h.db, 'district_officer', fx.halong, 'officer-halong');
    await expect(setPopulation(h.db, officer, fx.hongHa, 1)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setPopulation(h.db, admin, fx.hongHa, -5)).rejects.toMatchObject({ field: 'population' });
    expect((await getUnit(h.db, fx.hongHa)).population).toBe(21_500);
  });

  it('lists the communes of a unit and resolves a commune to its district and province', async () => {
    expect((await communesOf(h.db, fx.halong)).map((c) => c.id)).toEqual([fx.baiChay, fx.hongHa]);
    expect(await communesOf(h.db, fx.province)).toHaveLength(6);
    expect((await communesOf(h.db, fx.kaLong)).map((c) => c.fullName)).toEqual(['Phường Ka Long']);
    expect(await resolveCommune(h.db, fx.kaLong)).toEqual({ communeId: fx.kaLong, districtId: fx.mongcai, provinceId: fx.province });
    await expect(resolveCommune(h.db, fx.mongcai)).rejects.toMatchObject({ field: 'communeId', messageKey: 'geo.errors.commune_unknown' });
  });
});
