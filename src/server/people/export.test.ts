import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { DbHandle } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { createPerson, exportPeople } from './service.js';
import { auditRows, bulkPeople, cccd, peopleDb, personIn } from './test-helpers.js';

let h: DbHandle;
let units: UnitFixture;
let province: Actor;

beforeAll(async () => {
  ({ h, units } = await peopleDb());
  province = await actorFor(h.db, 'health_officer', units.province);
  await createPerson(h.db, province, personIn(units.hongHa, { fullName: 'Nguyễn Văn An', docType: 'cccd', docNumber: cccd('male', 1985, 1), phone: '0912345678' }));
  await createPerson(h.db, province, personIn(units.kaLong, { fullName: 'Trần Thị Bình', sex: 'female', birthDate: null, birthYear: 1950 }));
}, 60_000);
afterAll(() => h.close());

async function sheetRows(file: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  // Empty cells read back as undefined; compare them as ''.
  book.worksheets[0].eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? '')));
  return rows;
}

describe('exportPeople', () => {
  it('writes Vietnamese headers and dd/MM/yyyy dates, and audits the count', async () => {
    const rows = await sheetRows(await exportPeople(h.db, province, {}));
    expect(rows[0]).toEqual([
      'Mã', 'Họ và tên', 'Ngày sinh', 'Năm sinh', 'Giới tính', 'Loại giấy tờ', 'Số giấy tờ', 'Số điện thoại', 'Quốc tịch', 'Địa chỉ', 'Xã/phường', 'Quận/huyện', 'Tỉnh/thành phố',
    ]);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      ['Nguyễn Văn An', '02/03/1985', 1985, 'Nam', 'CCCD', cccd('male', 1985, 1), '0912345678', 'VN', '', 'Phường Hồng Hà', 'Thành phố Hạ Long', 'Tỉnh Quảng Ninh'],
      ['Trần Thị Bình', '', 1950, 'Nữ', '', '', '', 'VN', '', 'Phường Ka Long', 'Thành phố Móng Cái', 'Tỉnh Quảng Ninh'],
    ]);
    expect((await auditRows(h, 'export')).at(-1)).toMatchObject({ username: province.username, details: { count: 2, q: null } });
  });

  it('exports only the jurisdiction, and a search within it', async () => {
    const kaLong = await actorFor(h.db, 'commune_officer', units.kaLong);
    expect((await sheetRows(await exportPeople(h.db, kaLong, {}))).slice(1).map((r) => r[1])).toEqual(['Trần Thị Bình']);
    expect((await sheetRows(await exportPeople(h.db, kaLong, { q: 'nguyen' }))).slice(1)).toEqual([]);
    expect((await sheetRows(await exportPeople(h.db, province, { q: '0912345678' }))).slice(1).map((r) => r[1])).toEqual(['Nguyễn Văn An']);
    await expect(exportPeople(h.db, kaLong, { unitId: units.hongHa })).rejects.toMatchObject({ code: 'forbidden', field: 'unitId' });
    const checkpoint = await actorFor(h.db, 'checkpoint_officer', units.kaLong);
    await expect(exportPeople(h.db, checkpoint, {})).rejects.toMatchObject({ code: 'forbidden' });
    expect((await auditRows(h, 'export')).at(-1)?.details).toMatchObject({ q: '0912345678', kind: 'phone', count: 1 });
  });

  it('pages through a large unit in name order without losing or repeating anyone', async () => {
    await bulkPeople(h, units, 12_000);
    const rows = (await sheetRows(await exportPeople(h.db, province, { unitId: units.halong }))).slice(1);
    expect(rows).toHaveLength(8_000 + 1);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    const keys = rows.map((r) => String(r[1]).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase());
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }, 120_000);
});
