import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { errorBody } from '../http/errors.js';
import { casesFixture, expose, peopleIn, type CasesFixture } from './test-helpers.js';
import { recentCase } from './tracing-test-helpers.js';
import { listTasks } from './tasks.js';
import { exportTasks } from './tasks-export.js';
import { importTaskOutcomes } from './tasks-import.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

/** The commune's exported worklist with `fill` writing into each data row (cells by header). */
async function filledIn(file: Buffer, fill: (row: Map<string, ExcelJS.Cell>, n: number) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  for (let n = 2; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    fill(new Map(headers.map((h, i) => [h, row.getCell(i + 1)])), n);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function worklist() {
  f = await casesFixture();
  const [source, a, b] = await peopleIn(f, 3);
  const [outside] = await peopleIn(f, 1, { communeId: f.units.kaLong });
  await recentCase(f, source);
  await expose(f, [[source, a], [source, b], [source, outside]], { setting: 'workplace' });
  const tasks = (await listTasks(f.h.db, f.commune, {})).rows;
  return { a, b, outside, tasks, file: await exportTasks(f.h.db, f.commune, {}) };
}

describe('task outcomes uploaded in the exported worklist', () => {
  it('completes the tasks whose row has an outcome, keeps notes, skips blank rows, and changes nothing the second time', async () => {
    const { tasks, file } = await worklist();
    expect(tasks.length).toBe(6);
    const filled = await filledIn(file, (row, n) => {
      if (n === 2) row.get('Kết quả')!.value = 'Đã liên hệ được';
      if (n === 3) {
        row.get('Kết quả')!.value = 'da cach ly'; // without accents, as typed on a phone
        row.get('Ghi chú')!.value = 'Khu cách ly Trường CĐ Du lịch';
      }
    });
    expect(await importTaskOutcomes(f.h.db, f.commune, { name: 'ket-qua.xlsx', data: filled })).toEqual({ rows: 2, completed: 2, unchanged: 0 });
    const done = (await listTasks(f.h.db, f.commune, { status: 'done' })).rows;
    expect(done.map((t) => [t.id, t.outcome, t.note])).toEqual([
      [tasks[0].id, 'reached', ''],
      [tasks[1].id, 'quarantined', 'Khu cách ly Trường CĐ Du lịch'],
    ]);
    expect((await listTasks(f.h.db, f.commune, {})).total).toBe(4);
    const audited = await queryRows<{ action: string; entity_id: string | null; person_id: number | null; details: { file?: string } }>(
      f.h.db,
      sql`select action, entity_id, person_id::int, details from audit_log where entity in ('tracing_tasks', 'tracing_task') and action in ('import', 'update') order by id`,
    );
    expect(audited.map((r) => [r.action, r.entity_id])).toEqual([
      ['import', null],
      ['update', String(tasks[0].id)],
      ['update', String(tasks[1].id)],
    ]);
    expect(audited[1].person_id).toBe(tasks[0].personId);
    // The same file again: nothing moves.
    expect(await importTaskOutcomes(f.h.db, f.commune, { name: 'ket-qua.xlsx', data: filled })).toEqual({ rows: 2, completed: 0, unchanged: 2 });
  });

  it('reports every bad row with its number and field, in Vietnamese, and completes none of the good ones', async () => {
    const { tasks, file } = await worklist();
    const [outsideTask] = (await listTasks(f.h.db, f.otherCommune, {})).rows;
    const filled = await filledIn(file, (row, n) => {
      if (n === 2) row.get('Kết quả')!.value = 'Đã liên hệ được';
      if (n === 3) row.get('Kết quả')!.value = 'Đi vắng';
      if (n === 4) {
        row.get('Mã nhiệm vụ')!.value = tasks[0].id;
        row.get('Kết quả')!.value = 'Không liên hệ được';
      }
      if (n === 5) {
        row.get('Mã nhiệm vụ')!.value = outsideTask.id;
        row.get('Kết quả')!.value = 'Đã liên hệ được';
      }
      if (n === 6) {
        row.get('Mã nhiệm vụ')!.value = 'abc';
        row.get('Kết quả')!.value = 'Đã liên hệ được';
      }
    });
    const err = await refusal(importTaskOutcomes(f.h.db, f.commune, { name: 'ket-qua.xlsx', data: filled }));
    expect([err.code, err.messageKey, err.field]).toEqual(['validation', 'tracing.errors.import_rows', 'file']);
    expect(err.details?.rows?.map((r) => [r.row, r.field, r.messageKey])).toEqual([
      [3, 'outcome', 'tracing.errors.outcome_unknown_row'],
      [4, 'taskId', 'tracing.errors.task_repeated'],
      [6, 'taskId', 'tracing.errors.task_id_invalid'],
      // Known only once the tasks are read: the task of another commune.
      [5, 'taskId', 'tracing.errors.task_unknown_row'],
    ].sort((x, y) => (x[0] as number) - (y[0] as number)));
    const worded = errorBody('vi', err).error as { details: { rows: { row: number; message: string }[] } };
    expect(worded.details.rows.find((r) => r.row === 3)?.message).toBe('Kết quả "Đi vắng" không có trong danh mục; ghi đúng như trên màn hình, ví dụ "Đã liên hệ được", "Đã cách ly"');
    expect((await listTasks(f.h.db, f.commune, { status: 'done' })).total).toBe(0);
  });

  it('refuses a task ended otherwise, a file without the columns or without outcomes, and a role that does not work tasks', async () => {
    const { tasks, file } = await worklist();
    await f.h.db.execute(sql`update tracing_tasks set status = 'cancelled' where id = ${tasks[0].id}`);
    const cancelled = await filledIn(file, (row, n) => {
      if (n === 2) row.get('Kết quả')!.value = 'Đã liên hệ được';
    });
    const closed = await refusal(importTaskOutcomes(f.h.db, f.commune, { name: 'a.xlsx', data: cancelled }));
    expect(closed.details?.rows?.map((r) => [r.row, r.field, r.messageKey])).toEqual([[2, 'outcome', 'tracing.errors.task_closed_row']]);

    const blank = await refusal(importTaskOutcomes(f.h.db, f.commune, { name: 'b.xlsx', data: file }));
    expect([blank.messageKey, blank.field]).toEqual(['tracing.errors.no_outcomes', 'file']);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['Họ và tên', 'Ghi chú']);
    const other = await refusal(importTaskOutcomes(f.h.db, f.commune, { name: 'c.xlsx', data: Buffer.from(await book.xlsx.writeBuffer()) }));
    expect([other.messageKey, other.field]).toEqual(['tracing.errors.columns_missing', 'file']);
    const notExcel = await refusal(importTaskOutcomes(f.h.db, f.commune, { name: 'd.xlsx', data: Buffer.from('not a workbook') }));
    expect(notExcel.messageKey).toBe('tracing.errors.file_unreadable');
    expect((await refusal(importTaskOutcomes(f.h.db, { ...f.commune, role: 'steering_member' }, { name: 'a.xlsx', data: cancelled }))).code).toBe('forbidden');
  });

  it('reads the English headers and outcome names of a workbook exported in English', async () => {
    const { tasks } = await worklist();
    const english = await exportTasks(f.h.db, { ...f.commune, lang: 'en' }, {});
    const filled = await filledIn(english, (row, n) => {
      if (n === 2) row.get('Outcome')!.value = 'Unreachable';
    });
    expect(await importTaskOutcomes(f.h.db, f.commune, { name: 'outcomes.xlsx', data: filled })).toMatchObject({ completed: 1 });
    expect((await listTasks(f.h.db, f.commune, { status: 'done' })).rows.map((t) => [t.id, t.outcome])).toEqual([[tasks[0].id, 'unreachable']]);
  });
});
