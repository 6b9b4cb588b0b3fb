import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { and, eq, isNull } from 'drizzle-orm';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { auditLog } from '../audit/schema.js';
import { people } from '../people/schema.js';
import { adminUnits } from './schema.js';
import { getUnit, importBoundaries, importUnits, resolveCommune, searchUnits } from './service.js';
import { countCurrent, sharedFile, splitSet, unitsFingerprint } from './testing.js';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function currentUnit(h: DbHandle, level: 'province' | 'district' | 'commune', code: string) {
  const [u] = await h.db.select().from(adminUnits).where(and(eq(adminUnits.level, level), eq(adminUnits.code, code), isNull(adminUnits.validTo)));
  return u;
}

const csv = (name: string, lines: string[]) => ({ name, data: Buffer.from(lines.join('\n'), 'utf8') });
const GSO3_HEADER = ['Mã', 'Tên', 'Tên Tiếng Anh', 'Cấp', 'Mã QH', 'Quận Huyện', 'Mã TP', 'Tỉnh / Thành Phố'];
const GSO2_HEADER = ['Mã', 'Tên', 'Tên Tiếng Anh', 'Cấp', 'Mã TP', 'Tỉnh / Thành Phố'];

describe('the 2021-11 country list, re-imported, then Quảng Ninh replaced by the 2025 list', () => {
  let h: DbHandle;
  let fx: UnitFixture;
  let admin: Actor;
  let personAtKaLong: number;

  beforeAll(async () => {
    h = await testDb();
    fx = await seedUnitFixture(h.db);
    admin = await actorFor(h.db, 'system_admin', fx.province);
    const [p] = await h.db
      .insert(people)
      .values({ fullName: 'Trần Thị Lan', nameKey: 'tran thi lan', birthYear: 1980, sex: 'female', communeId: fx.kaLong, districtId: fx.mongcai, provinceId: fx.province })
      .returning({ id: people.id });
    personAtKaLong = p.id;
  });
  afterAll(() => h.close());

  it('imports the split CSV set: 63 provinces, 705 districts, 10,599 communes, matching the existing rows', async () => {
    const started = Date.now();
    const result = await importUnits(h.db, admin, { files: await splitSet('2021-11'), listVersion: '2021-11', validFrom: '2021-11-01', mode: 'add' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toEqual({ provinces: 63, districts: 705, communes: 10_599, retired: 0 });
    expect(await countCurrent(h.db)).toEqual({ province: 63, district: 705, commune: 10_599 });

    const kaLong = await getUnit(h.db, fx.kaLong);
    expect(kaLong).toMatchObject({ code: '06709', fullName: 'Phường Ka Long', name: 'Ka Long', typeName: 'Phường', nameEn: 'Ka Long', validTo: null });
    expect(kaLong.chain.map((u) => u.fullName)).toEqual(['Tỉnh Quảng Ninh', 'Thành phố Móng Cái']);

    const hanoi = await currentUnit(h, 'province', '01');
    expect(hanoi).toMatchObject({ name: 'Hà Nội', typeName: 'Thành phố', fullName: 'Thành phố Hà Nội', provinceId: hanoi.id, parentId: null });
    const q1 = await currentUnit(h, 'district', '760');
    expect(q1).toMatchObject({ fullName: 'Quận 1', name: '1', typeName: 'Quận', districtId: q1.id, provinceId: (await currentUnit(h, 'province', '79')).id });
    const ward = await currentUnit(h, 'commune', '27337');
    expect(ward).toMatchObject({ parentId: ward.districtId, provinceId: q1.provinceId, searchKey: 'phuong 06' });

    const entries = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'import'), eq(auditLog.entity, 'admin_units')));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ accountId: admin.accountId, details: expect.objectContaining({ listVersion: '2021-11', communes: 10_599 }) });
  });

  it('re-imports the same list version without duplicates and updates names', async () => {
    await h.db.update(adminUnits).set({ name: 'Sai tên', fullName: 'Phường Sai tên' }).where(eq(adminUnits.id, fx.kaLong));
    const before = await h.db.$count(adminUnits);
    const result = await importUnits(h.db, admin, { files: await splitSet('2021-11'), listVersion: '2021-11', validFrom: '2021-11-01', mode: 'add' });
    expect(result.communes).toBe(10_599);
    expect(await h.db.$count(adminUnits)).toBe(before);
    expect((await getUnit(h.db, fx.kaLong)).fullName).toBe('Phường Ka Long');
  });

  it('refuses the 2025 list in add mode where current 2021 units hold its codes', async () => {
    const before = await unitsFingerprint(h.db);
    const err = await failure(
      importUnits(h.db, admin, { files: await splitSet('2025-07'), listVersion: '2025-07', validFrom: '2025-07-01', mode: 'add', provinceCode: '22' }),
    );
    expect(err.messageKey).toBe('geo.errors.import_rows');
    expect(err.details?.rows).toContainEqual(
      expect.objectContaining({ file: 'wards.csv', field: 'commune', messageKey: 'geo.errors.code_in_use', params: expect.objectContaining({ code: '06709', name: 'Phường Ka Long' }) }),
    );
    expect(await unitsFingerprint(h.db)).toBe(before);
  });

  it('replaces Quảng Ninh by the two-level 2025 list, keeping the old units for the records tied to them', async () => {
    const result = await importUnits(h.db, admin, {
      files: await splitSet('2025-07'),
      listVersion: '2025-07',
      validFrom: '2025-07-01',
      mode: 'replace',
      provinceCode: '22',
    });
    expect(result).toEqual({ provinces: 1, districts: 0, communes: 54, retired: 13 + 177 });
    expect(await countCurrent(h.db)).toEqual({ province: 63, district: 705 - 13, commune: 10_599 - 177 + 54 });

    const province = await getUnit(h.db, fx.province);
    expect(province).toMatchObject({ code: '22', fullName: 'Tỉnh Quảng Ninh', validTo: null });
    expect(province.children).toHaveLength(54);
    expect(province.children.every((c) => c.level === 'commune' && c.listVersion === '2025-07' && c.districtId === null)).toBe(true);

    const oldKaLong = await getUnit(h.db, fx.kaLong);
    expect(oldKaLong).toMatchObject({ fullName: 'Phường Ka Long', listVersion: '2021-11', validTo: '2025-07-01' });
    expect(oldKaLong.chain.map((u) => [u.fullName, u.validTo])).toEqual([
      ['Tỉnh Quảng Ninh', null],
      ['Thành phố Móng Cái', '2025-07-01'],
    ]);
    await expect(resolveCommune(h.db, fx.kaLong)).rejects.toMatchObject({ field: 'communeId', messageKey: 'geo.errors.commune_unknown' });

    const mongCai2 = await currentUnit(h, 'commune', '06709');
    expect(mongCai2).toMatchObject({ fullName: 'Phường Móng Cái 2', parentId: fx.province, provinceId: fx.province, districtId: null });
    expect(await resolveCommune(h.db, mongCai2.id)).toEqual({ communeId: mongCai2.id, districtId: null, provinceId: fx.province });
    expect((await currentUnit(h, 'commune', '07192')).fullName).toBe('Đặc khu Cô Tô');

    // The record made in 2021 still shows the names it was made with.
    const [person] = await h.db
      .select({ commune: adminUnits.fullName })
      .from(people)
      .innerJoin(adminUnits, eq(adminUnits.id, people.communeId))
      .where(eq(people.id, personAtKaLong));
    expect(person.commune).toBe('Phường Ka Long');
    expect((await searchUnits(h.db, { q: 'ka long' })).map((u) => u.id)).not.toContain(fx.kaLong);
    expect((await searchUnits(h.db, { q: 'ka long', includeRetired: true })).map((u) => u.id)).toContain(fx.kaLong);

    // Replacing again with the same list changes nothing.
    const again = await importUnits(h.db, admin, { files: await splitSet('2025-07'), listVersion: '2025-07', validFrom: '2025-07-01', mode: 'replace', provinceCode: '22' });
    expect(again.retired).toBe(0);
    expect(await countCurrent(h.db)).toEqual({ province: 63, district: 705 - 13, commune: 10_599 - 177 + 54 });
  });

  it('stores the 2025 commune boundaries of Quảng Ninh on the current units', async () => {
    const file = await sharedFile('geo/quang-ninh-communes-2025.geojson');
    const result = await importBoundaries(h.db, admin, file.data);
    expect(result).toEqual({ matched: 54, unmatched: [] });
    const haTu = await getUnit(h.db, (await currentUnit(h, 'commune', '06652')).id);
    expect(haTu.boundary).toMatchObject({ type: 'MultiPolygon' });
    expect((await getUnit(h.db, fx.kaLong)).boundary).toBeNull();

    const other = await importBoundaries(h.db, admin, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { MA: 6709 }, geometry: { type: 'Point', coordinates: [107.9, 21.5] } },
        { type: 'Feature', properties: { code_gso: '99999' }, geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    });
    expect(other).toEqual({ matched: 1, unmatched: ['99999', '#3'] });

    await expect(importBoundaries(h.db, admin, '{"type": "FeatureCollection", ')).rejects.toMatchObject({ field: 'file', messageKey: 'geo.errors.geojson_invalid' });
    await expect(importBoundaries(h.db, admin, '{"type": "Feature"}')).rejects.toMatchObject({ field: 'file', messageKey: 'geo.errors.geojson_not_collection' });
  });
});

describe('other layouts and bad uploads', () => {
  let h: DbHandle;
  let fx: UnitFixture;
  let admin: Actor;
  beforeAll(async () => {
    h = await testDb();
    fx = await seedUnitFixture(h.db);
    admin = await actorFor(h.db, 'system_admin', fx.province);
  });
  afterAll(() => h.close());

  it('reads a GSO three-level list written as XLSX, restoring leading zeros of numeric codes', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(GSO3_HEADER);
    ws.addRow(['06673', 'Phường Bãi Cháy', 'Bai Chay Ward', 'Phường', '193', 'Thành phố Hạ Long', '22', 'Tỉnh Quảng Ninh']);
    ws.addRow(['06709', 'Phường Ka Long', '', 'Phường', '194', 'Thành phố Móng Cái', '22', 'Tỉnh Quảng Ninh']);
    ws.addRow([1, 'Phường Phúc Xá', '', 'Phường', 1, 'Quận Ba Đình', 1, 'Thành phố Hà Nội']);
    ws.addRow(['00004', 'Trúc Bạch', '', 'Phường', '001', 'Quận Ba Đình', '01', 'Thành phố Hà Nội']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const result = await importUnits(h.db, admin, { files: [{ name: 'danh-sach.xlsx', data }], listVersion: '2021-11', validFrom: '2021-11-01', mode: 'add' });
    expect(result).toEqual({ provinces: 2, districts: 3, communes: 4, retired: 0 });
    expect((await currentUnit(h, 'commune', '06673')).id).toBe(fx.baiChay);
    const phucXa = await currentUnit(h, 'commune', '00001');
    expect(phucXa).toMatchObject({ fullName: 'Phường Phúc Xá', typeName: 'Phường' });
    // A name without its type prefix gets it from the Cấp column.
    expect(await currentUnit(h, 'commune', '00004')).toMatchObject({ name: 'Trúc Bạch', fullName: 'Phường Trúc Bạch' });
    const [hit] = await searchUnits(h.db, { q: 'phuc xa' });
    expect(hit).toMatchObject({ id: phucXa.id, districtName: 'Quận Ba Đình', provinceName: 'Thành phố Hà Nội' });
  });

  it('reads a GSO two-level (2025) list written as legacy XLS and replaces a province with it', async () => {
    const rows = [
      GSO2_HEADER,
      ['06652', 'Phường Hà Tu', 'Ha Tu Ward', 'Phường', '22', 'Tỉnh Quảng Ninh'],
      ['06709', 'Phường Móng Cái 2', '', 'Phường', '22', 'Tỉnh Quảng Ninh'],
      ['06673', 'Phường Bãi Cháy', '', 'Phường', '22', 'Tỉnh Quảng Ninh'],
      ['07192', 'Đặc khu Cô Tô', '', 'Đặc khu', '22', 'Tỉnh Quảng Ninh'],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    const data = XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
    const result = await importUnits(h.db, admin, {
      files: [{ name: 'DanhMuc.xls', data }],
      listVersion: '2025-07',
      validFrom: '2025-07-01',
      mode: 'replace',
      provinceCode: '22',
    });
    // Hạ Long, Móng Cái and their three wards.
    expect(result).toEqual({ provinces: 1, districts: 0, communes: 4, retired: 5 });
    expect(await currentUnit(h, 'commune', '07192')).toMatchObject({ name: 'Cô Tô', typeName: 'Đặc khu', parentId: fx.province, districtId: null });
    expect((await getUnit(h.db, fx.baiChay)).validTo).toBe('2025-07-01');
    // Hà Nội (another province) was not touched by a one-province replace.
    expect(await currentUnit(h, 'commune', '00001')).toBeDefined();
  });

  it('rejects unreadable, empty and unknown files with a file error and leaves the table unchanged', async () => {
    const before = await unitsFingerprint(h.db);
    const junk = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    const opts = { listVersion: '2021-11', validFrom: '2021-11-01', mode: 'add' as const };
    for (const [file, key] of [
      [{ name: 'list.xls', data: junk }, 'geo.errors.file_unreadable'],
      [{ name: 'list.xlsx', data: junk }, 'geo.errors.file_unreadable'],
      [{ name: 'list.xlsx', data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junk]) }, 'geo.errors.file_unreadable'],
      [{ name: 'list.xls', data: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), junk]) }, 'geo.errors.file_unreadable'],
      [{ name: 'list.csv', data: Buffer.alloc(0) }, 'geo.errors.file_empty'],
      [{ name: 'list.csv', data: Buffer.from([0xff, 0xfe, 0x41, 0x00]) }, 'geo.errors.file_encoding'],
      [csv('list.csv', ['ho ten,ngay sinh', 'An,1990']), 'geo.errors.unknown_layout'],
      [csv('list.csv', [GSO3_HEADER.join(',')]), 'geo.errors.no_units'],
    ] as const) {
      const err = await failure(importUnits(h.db, admin, { files: [file], ...opts }));
      expect([err.field, err.messageKey]).toEqual(['file', key]);
    }
    const lonely = await failure(importUnits(h.db, admin, { files: [(await splitSet('2021-11'))[2]], ...opts }));
    expect(lonely).toMatchObject({ field: 'file', messageKey: 'geo.errors.missing_companion', params: { file: 'wards.csv', needed: 'provinces.csv' } });
    expect(await unitsFingerprint(h.db)).toBe(before);
  });

  it('reports every bad row with its number, column and reason, and writes nothing', async () => {
    const before = await unitsFingerprint(h.db);
    const gso = csv('xa.csv', [
      GSO3_HEADER.join(','),
      '06661,Phường Hồng Gai,,Phường,193,Thành phố Hạ Long,22,Tỉnh Quảng Ninh',
      '6664,Phường Bạch Đằng,,Phường,193,Thành phố Hạ Long,22,Tỉnh Quảng Ninh',
      '06661,Phường Hồng Gai,,Phường,193,Thành phố Hạ Long,22,Tỉnh Quảng Ninh',
      '06667,Phường Trần Hưng Đạo,,Phường,193,Thành phố Hạ Long,,Tỉnh Quảng Ninh',
      '06670,,,Phường,19A,Thành phố Hạ Long,22,Tỉnh Quảng Ninh',
    ]);
    const split = [
      csv('provinces.csv', ['code,name,name_en,full_name,full_name_en,code_name', '22,Quảng Ninh,Quang Ninh,Tỉnh Quảng Ninh,Quang Ninh Province,quang_ninh']),
      csv('districts.csv', [
        'code,name,name_en,full_name,full_name_en,code_name,province_code',
        '193,Hạ Long,Ha Long,Thành phố Hạ Long,Ha Long City,ha_long,22',
        '195,Cẩm Phả,Cam Pha,Thành phố Cẩm Phả,Cam Pha City,cam_pha,23',
      ]),
      csv('wards.csv', [
        'code,name,name_en,full_name,full_name_en,code_name,district_code',
        '06700,Hà Khánh,Ha Khanh,Phường Hà Khánh,Ha Khanh Ward,ha_khanh,193',
        '06703,Hà Phong,Ha Phong,Phường Hà Phong,Ha Phong Ward,ha_phong,999',
        '06700,Hà Khánh,Ha Khanh,Phường Hà Khánh,Ha Khanh Ward,ha_khanh,193',
      ]),
    ];
    const err = await failure(importUnits(h.db, admin, { files: [gso, ...split], listVersion: '2021-11', validFrom: '2021-11-01', mode: 'add' }));
    expect(err).toMatchObject({ code: 'validation', field: 'file', messageKey: 'geo.errors.import_rows', params: { count: 8 } });
    const rows = err.details!.rows!.map(({ file, row, field, messageKey, params }) => ({ file, row, field, messageKey, params }));
    expect(rows).toEqual([
      { file: 'districts.csv', row: 3, field: 'province_code', messageKey: 'geo.errors.parent_unknown', params: { code: '23' } },
      { file: 'wards.csv', row: 3, field: 'district_code', messageKey: 'geo.errors.parent_unknown', params: { code: '999' } },
      { file: 'wards.csv', row: 4, field: 'code', messageKey: 'geo.errors.code_duplicate', params: { code: '06700', other: '2' } },
      { file: 'xa.csv', row: 3, field: 'Mã', messageKey: 'geo.errors.code_format', params: { code: '6664', length: 5 } },
      { file: 'xa.csv', row: 4, field: 'Mã', messageKey: 'geo.errors.code_duplicate', params: { code: '06661', other: '2' } },
      { file: 'xa.csv', row: 5, field: 'Mã TP', messageKey: 'geo.errors.code_missing', params: {} },
      { file: 'xa.csv', row: 6, field: 'Tên', messageKey: 'geo.errors.name_missing', params: {} },
      { file: 'xa.csv', row: 6, field: 'Mã QH', messageKey: 'geo.errors.code_format', params: { code: '19A', length: 3 } },
    ]);
    expect(await unitsFingerprint(h.db)).toBe(before);
  });

  it('caps the listed problems at 200 but counts them all', async () => {
    const lines = [GSO2_HEADER.join(',')];
    for (let i = 0; i < 250; i++) lines.push(`${i},Xã ${i},,Xã,22,Tỉnh Quảng Ninh`);
    const err = await failure(importUnits(h.db, admin, { files: [csv('x.csv', lines)], listVersion: '2025-07', validFrom: '2025-07-01', mode: 'add' }));
    expect(err.params).toEqual({ count: 250 });
    expect(err.details!.rows).toHaveLength(200);
  });

  it('needs units.manage and valid form fields', async () => {
    const officer = await actorFor(h.db, 'health_officer', fx.province);
    const files = [csv('x.csv', [GSO2_HEADER.join(','), '06652,Phường Hà Tu,,Phường,22,Tỉnh Quảng Ninh'])];
    await expect(importUnits(h.db, officer, { files, listVersion: '2025-07', validFrom: '2025-07-01' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(importUnits(h.db, admin, { files, listVersion: '2025 07', validFrom: '2025-07-01' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['listVersion'] })] });
    await expect(importUnits(h.db, admin, { files, listVersion: '2025-07', validFrom: '2025-07-01', provinceCode: '01' })).rejects.toMatchObject({ field: 'provinceCode', messageKey: 'geo.errors.province_not_in_file' });
    // A replace list may not start before the list it replaces.
    await expect(importUnits(h.db, admin, { files, listVersion: '2025-07b', validFrom: '2021-01-01', mode: 'replace', provinceCode: '22' })).rejects.toMatchObject({ field: 'validFrom' });
  });
});

describe('the 2025-07 country list', () => {
  it('replaces the whole list: 34 provinces and 3,321 communes stay current, the dropped ones are retired', async () => {
    const h = await testDb();
    try {
      const fx = await seedUnitFixture(h.db);
      const admin = await actorFor(h.db, 'system_admin', fx.province);
      const result = await importUnits(h.db, admin, { files: await splitSet('2025-07'), listVersion: '2025-07', validFrom: '2025-07-01', mode: 'replace' });
      expect(result).toEqual({ provinces: 34, districts: 0, communes: 3_321, retired: 5 });
      expect(await countCurrent(h.db)).toEqual({ province: 34, commune: 3_321 });
      expect((await getUnit(h.db, fx.province)).validTo).toBeNull();
    } finally {
      await h.close();
    }
  });
});
