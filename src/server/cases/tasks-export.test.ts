import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../db/handle.js';
import { refusal, sessionCookie } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { casesFixture, expose, peopleIn, type CasesFixture } from './test-helpers.js';
import { recentCase } from './tracing-test-helpers.js';
import { completeTask, listTasks } from './tasks.js';
import { exportTasks } from './tasks-export.js';
import { formatDateTime } from '../../shared/vn/dates.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

async function sheetOf(file: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

describe('tracing tasks as an XLSX workbook', () => {
  it('exports the worklist with the screen’s filters, in the reader’s language, within the jurisdiction, audited', async () => {
    f = await casesFixture();
    const [source, local] = await peopleIn(f, 2, { name: 'Nguyễn Thị Lan' });
    const [outside] = await peopleIn(f, 1, { communeId: f.units.kaLong });
    const kase = await recentCase(f, source);
    await expose(f, [[source, local], [source, outside]], { setting: 'workplace' });
    // The first task is past due; another is done with an outcome.
    await f.h.db.execute(sql`update tracing_tasks set due_at = now() - interval '1 hour' where person_id = ${local} and kind = 'reach_phone'`);
    const test = (await listTasks(f.h.db, f.commune, { kind: 'test' })).rows[0];
    await completeTask(f.h.db, f.commune, test.id, { outcome: 'tested', note: 'Mẫu gộp 5' });

    const [first] = (await listTasks(f.h.db, f.commune, {})).rows;
    const [{ before }] = await queryRows<{ before: number }>(f.h.db, sql`select max(id)::int as before from audit_log`);

    const open = await sheetOf(await exportTasks(f.h.db, f.commune, {}));
    expect(open[0]).toEqual(['Mã nhiệm vụ', 'Hạn (giờ Việt Nam)', 'Quá hạn', 'Loại nhiệm vụ', 'Cấp', 'Họ và tên', 'Năm sinh', 'Giới tính', 'CCCD/CMND', 'Số điện thoại', 'Địa chỉ', 'Xã/phường', 'Ca nguồn', 'Người phụ trách', 'Trạng thái', 'Kết quả', 'Ghi chú', 'Hoàn thành lúc']);
    // Only Hồng Hà's open tasks, soonest due first; Ka Long's contact is not on the commune's list.
    expect(open.slice(1).map((r) => [r[2], r[3], r[4], r[5], r[11], r[12], r[14]])).toEqual([
      ['Có', 'Gọi điện liên hệ', 'F1', 'Nguyễn Thị Lan 2', 'Phường Hồng Hà', `BN${kase.number}`, 'Đang mở'],
      ['', 'Đưa đi cách ly', 'F1', 'Nguyễn Thị Lan 2', 'Phường Hồng Hà', `BN${kase.number}`, 'Đang mở'],
    ]);
    // Vietnam time, as the screen shows it.
    expect([open[1][0], open[1][1]]).toEqual([String(first.id), formatDateTime(first.dueAt)]);
    expect(open[1][1]).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);

    const done = await sheetOf(await exportTasks(f.h.db, { ...f.commune, lang: 'en' }, { status: 'done' }));
    expect(done[0][3]).toBe('Task');
    expect(done.slice(1).map((r) => [r[3], r[14], r[15], r[16]])).toEqual([['Test', 'Done', 'Sampled for a test', 'Mẫu gộp 5']]);
    expect(done[1][17]).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);

    const province = await sheetOf(await exportTasks(f.h.db, f.province, { unitId: f.units.kaLong }));
    expect(province.slice(1).map((r) => r[11])).toEqual(['Phường Ka Long', 'Phường Ka Long', 'Phường Ka Long']);

    const audited = await queryRows<{ action: string; person_id: number | null; username: string }>(
      f.h.db,
      sql`select action, person_id::int, username from audit_log where id > ${before} order by id`,
    );
    expect(audited.filter((a) => a.action === 'export').length).toBe(3);
    expect(audited.filter((a) => a.action === 'read').map((a) => a.person_id)).toEqual([local, local, outside]);

    const outsideUnit = await refusal(exportTasks(f.h.db, f.commune, { unitId: f.units.kaLong }));
    expect([outsideUnit.code, outsideUnit.field]).toEqual(['forbidden', 'unitId']);
    const bad = await refusal(exportTasks(f.h.db, f.commune, { kind: 'dance' }));
    expect([bad.code, bad.field]).toEqual(['validation', 'kind']);
    // A community team works the tasks on screen but may not take the list of people away.
    expect((await refusal(exportTasks(f.h.db, { ...f.commune, role: 'community_member' }, {}))).code).toBe('forbidden');
  });

  it('over HTTP: an XLSX download named for the day, and a bad filter named in Vietnamese', async () => {
    f = await casesFixture();
    const [source, local] = await peopleIn(f, 2);
    await recentCase(f, source);
    await expose(f, [[source, local]], { setting: 'household' });
    const app = await buildApp({ handle: f.h });
    try {
      const headers = { cookie: await sessionCookie(app, f.commune.username) };
      const res = await app.inject({ method: 'GET', url: '/api/tracing/tasks/export?kind=quarantine', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toMatch(/filename="nhiem-vu-truy-vet-\d{2}-\d{2}-\d{4}\.xlsx"/);
      const rows = await sheetOf(res.rawPayload);
      expect(rows.slice(1).map((r) => r[3])).toEqual(['Đưa đi cách ly']);
      const bad = await app.inject({ method: 'GET', url: '/api/tracing/tasks/export?status=lost', headers });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('status');
    } finally {
      await app.close();
    }
  });
});
