import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { createPerson } from '../people/service.js';
import { cccd } from '../people/test-helpers.js';
import { formatDate } from '../../shared/vn/dates.js';
import { casesFixture, levelsOf, peopleIn, type CasesFixture } from './test-helpers.js';
import { dayBefore, recentCase } from './tracing-test-helpers.js';
import { contactListTemplate, importContactList } from './contact-import.js';
import { IMPORT_COLUMNS, columnLabel } from './contact-import-rows.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

type Row = (string | number | Date | null)[];
async function workbook(rows: Row[], opts: { title?: string; lang?: 'vi' | 'en' } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('DS');
  if (opts.title) sheet.addRow([opts.title]);
  sheet.addRow(IMPORT_COLUMNS.map((c) => columnLabel(opts.lang ?? 'vi', c)));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const count = async (table: string) => (await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;
const yesterday = formatDate(dayBefore(1));

async function scene() {
  f = await casesFixture();
  const [source] = await peopleIn(f, 1);
  const kase = await recentCase(f, source);
  const registered = await createPerson(f.h.db, f.commune, { fullName: 'Lê Văn Tám', sex: 'male', birthDate: '1985-03-02', docType: 'cccd', docNumber: cccd('male', 1985, 4321), communeId: f.units.hongHa });
  return { source, code: `BN${kase.number}`, registered: registered.person };
}

describe('contact list import', () => {
  it('imports contacts of a case and of its F1, matching registered people, and adds nothing the second time', async () => {
    const { code, registered } = await scene();
    // columns: subject, fullName, docNumber, phone, birthYear, sex, addressLine, communeCode, setting, time, place
    const file = await workbook(
      [
        [code, 'le van tam', registered.docNumber, null, 1985, 'Nam', '', '06697', 'Nơi làm việc', `${yesterday} 08:30`, 'Xưởng may số 2'],
        [code, 'Phạm Thị Hoa', null, '0912 345 678', 1990, 'Nữ', 'Số 3 tổ 5', 6697, 'hộ gia đình', `${yesterday} 19:00`, ''],
        [registered.docNumber, 'Ngô Văn Nam', null, null, '2001', 'nam', '', '06673', 'Địa điểm công cộng', new Date(`${dayBefore(2)}T09:15:00Z`), 'Chợ Hạ Long 1'],
      ],
      { title: 'Danh sách F1 của ca bệnh' },
    );
    const first = await importContactList(f.h.db, f.commune, { name: 'ds-f1.xlsx', data: file });
    expect(first).toEqual({ rows: 3, created: 3, existing: 0, peopleCreated: 2 });
    const contacts = await queryRows<{ id: number; full_name: string; commune_id: number; origin: string; setting: string; place: string; started_at: Date }>(
      f.h.db,
      sql`select p.id::int, p.full_name, p.commune_id, e.origin, e.setting, e.place, e.started_at from exposures e join people p on p.id = e.contact_id order by e.id`,
    );
    expect(contacts.map((c) => [c.full_name, c.setting, c.place, c.origin])).toEqual([
      ['Lê Văn Tám', 'workplace', 'Xưởng may số 2', 'import'],
      ['Phạm Thị Hoa', 'household', '', 'import'],
      ['Ngô Văn Nam', 'venue', 'Chợ Hạ Long 1', 'import'],
    ]);
    expect(contacts[0].id).toBe(registered.id);
    expect(contacts[2].commune_id).toBe(f.units.baiChay);
    // A spreadsheet date-time is Vietnam wall-clock time: 09:15 there is 02:15 UTC.
    expect(new Date(contacts[2].started_at).toISOString()).toBe(`${dayBefore(2)}T02:15:00.000Z`);
    expect(new Date(contacts[0].started_at).getTime()).toBe(new Date(`${dayBefore(1)}T08:30:00+07:00`).getTime());
    expect(await levelsOf(f, contacts.map((c) => c.id))).toEqual([1, 1, 2]);

    const again = await importContactList(f.h.db, f.commune, { name: 'ds-f1.xlsx', data: file });
    expect(again).toEqual({ rows: 3, created: 0, existing: 3, peopleCreated: 0 });
    expect(await count('exposures')).toBe(3);
  });

  it('reports every bad row with its number and field, and writes nothing', async () => {
    const { code } = await scene();
    const [people, exposures, audits] = [await count('people'), await count('exposures'), await count('audit_log')];
    const ok = [code, 'Phạm Thị Hoa', null, null, 1990, 'Nữ', '', '06697', 'Nơi làm việc', `${yesterday} 08:00`, ''];
    const file = await workbook([
      ok,
      ['BN99999', 'Trần Văn Một', null, null, 1990, 'Nam', '', '06697', 'Nơi làm việc', `${yesterday} 08:00`, ''],
      [code, 'Trần Văn Hai', '12345', null, 1990, 'Nam', '', '06697', 'Nơi làm việc', `${yesterday} 08:00`, ''],
      [code, 'Trần Văn Ba', null, 'abc', 1990, 'x', '', '99999', 'trên trời', '31/02/2021', ''],
      [code, '', null, null, null, 'Nam', '', '06697', 'Nơi làm việc', '', ''],
      [code, 'Trần Văn Năm', null, null, 1990, 'Nam', '', '06709', 'Nơi làm việc', '01/01/2099 08:00', ''],
    ]);
    const err = await refusal(importContactList(f.h.db, f.commune, { name: 'ds.xlsx', data: file }));
    expect([err.code, err.messageKey, err.field]).toEqual(['validation', 'tracing.errors.import_rows', 'file']);
    expect(err.details?.rows?.map((r) => [r.row, r.field, r.messageKey])).toEqual([
      [3, 'subject', 'tracing.errors.subject_unknown'],
      [4, 'docNumber', 'tracing.errors.doc_invalid'],
      [5, 'sex', 'tracing.errors.sex_unknown'],
      [5, 'communeCode', 'tracing.errors.commune_unknown'],
      [5, 'setting', 'tracing.errors.setting_unknown'],
      [5, 'time', 'tracing.errors.time_invalid'],
      [5, 'phone', 'people.errors.phone_invalid'],
      [6, 'birthYear', 'tracing.errors.birth_year_invalid'],
      [6, 'time', 'tracing.errors.time_required'],
      [6, 'fullName', 'people.errors.full_name_length'],
      [7, 'time', 'tracing.errors.time_future'],
    ]);
    expect([await count('people'), await count('exposures'), await count('audit_log')]).toEqual([people, exposures, audits]);
  });

  it('finds a subject by phone only inside the jurisdiction, and reads English headers', async () => {
    await scene();
    const [outsider] = await peopleIn(f, 1, { communeId: f.units.kaLong });
    await f.h.db.execute(sql`update people set phone = '0987000111' where id = ${outsider}`);
    const row = ['0987 000 111', 'Phạm Thị Hoa', null, null, 1990, 'female', '', '06697', 'workplace', `${yesterday} 08:00`, ''];
    const err = await refusal(importContactList(f.h.db, f.commune, { name: 'en.xlsx', data: await workbook([row], { lang: 'en' }) }));
    expect(err.details?.rows?.map((r) => [r.row, r.field, r.messageKey, r.params])).toEqual([[2, 'subject', 'tracing.errors.subject_unknown', { value: '0987 000 111' }]]);
    expect(await importContactList(f.h.db, f.province, { name: 'en.xlsx', data: await workbook([row], { lang: 'en' }) })).toMatchObject({ created: 1, peopleCreated: 1 });
  });

  it('refuses a file that is not a contact list', async () => {
    f = await casesFixture();
    const notXlsx = await refusal(importContactList(f.h.db, f.commune, { name: 'a.xlsx', data: Buffer.from('hello') }));
    expect([notXlsx.messageKey, notXlsx.field]).toEqual(['tracing.errors.file_unreadable', 'file']);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['Họ tên', 'Ngày']);
    const wrong = await refusal(importContactList(f.h.db, f.commune, { name: 'b.xlsx', data: Buffer.from(await book.xlsx.writeBuffer()) }));
    expect(wrong.messageKey).toBe('tracing.errors.columns_missing');
    const headerOnly = await refusal(importContactList(f.h.db, f.commune, { name: 'c.xlsx', data: await workbook([]) }));
    expect(headerOnly.messageKey).toBe('tracing.errors.file_empty');
  });

  it('gives a template the importer reads back', async () => {
    const { code } = await scene();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await contactListTemplate()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Danh sách tiếp xúc', 'Hướng dẫn']);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => columnLabel('vi', c)));
    sheet.addRow([code, 'Đỗ Thị Lan', null, '0903 111 222', 1999, 'Nữ', 'Tổ 2', '06697', 'Cùng hộ gia đình', `${yesterday} 07:00`, '']);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    expect(await importContactList(f.h.db, f.commune, { name: 'mau.xlsx', data })).toEqual({ rows: 1, created: 1, existing: 0, peopleCreated: 1 });
  });
});
