// The tracing worklist as an XLSX workbook, with the filters of the screen: commune teams work
// from printed or shared Excel lists as much as from the screen, and the committee asks for them.
// Every person on it is a read of personal health data, so each is written to the audit log; a
// community team works the list on screen, the export is for officials allowed to export people.
import ExcelJS from 'exceljs';
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { translate } from '../../shared/i18n/index.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { exportTasksQuery, type TaskView } from '../../shared/api/cases.js';
import { tracingTasks } from './schema.js';
import { taskFilter, taskViews } from './tasks.js';

/** A list longer than this is refused: filter by commune, kind or case instead. */
export const TASKS_EXPORT_LIMIT = 100_000;
/** taskViews names its rows in one statement: kept well under PostgreSQL's parameter limit. */
const CHUNK = 5_000;

const COLUMNS: [key: string, width: number][] = [
  ['taskId', 10],
  ['dueAt', 18],
  ['overdue', 9],
  ['kind', 24],
  ['level', 6],
  ['fullName', 26],
  ['birthYear', 9],
  ['sex', 8],
  ['docNumber', 15],
  ['phone', 13],
  ['address', 36],
  ['commune', 20],
  ['caseCode', 10],
  ['assignedTo', 22],
  ['status', 11],
  ['outcome', 22],
  ['note', 30],
  ['doneAt', 18],
];

export async function exportTasks(db: Db, actor: Actor, raw: unknown, now = new Date()): Promise<Buffer> {
  requirePermission(actor, 'tasks.work');
  // A list of people leaving the system is an export of personal data, whoever works the tasks.
  requirePermission(actor, 'people.export');
  const q = parseInput(exportTasksQuery, raw);
  const t = (key: string, params?: Record<string, unknown>) => translate(actor.lang, key, params);
  return db.transaction(async (tx) => {
    const { where } = await taskFilter(tx, actor, q, now);
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(tracingTasks).where(where);
    if (total > TASKS_EXPORT_LIMIT) throw new AppError('validation', 'tracing.errors.export_too_large', { max: TASKS_EXPORT_LIMIT }, 'unitId');
    const rows = await tx.select().from(tracingTasks).where(where).orderBy(asc(tracingTasks.dueAt), asc(tracingTasks.id));

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(t('tracing.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map(([key, width]) => ({ key, width, header: t(`tracing.export.${key}`) }));
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
    const read = new Set<number>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      for (const v of await taskViews(tx, actor, rows.slice(i, i + CHUNK), now)) {
        if (v.person) read.add(v.personId);
        sheet.addRow(cells(v, t));
      }
    }
    await audit.recordMany(tx, actor, [
      { action: 'export', entity: 'tracing_tasks', details: { ...q, total } },
      ...[...read].map((personId) => ({ action: 'read' as const, entity: 'tracing_task', personId })),
    ]);
    return Buffer.from(await book.xlsx.writeBuffer());
  });
}

function cells(v: TaskView, t: (key: string, params?: Record<string, unknown>) => string): Record<string, string | number | null> {
  const p = v.person;
  return {
    taskId: v.id,
    dueAt: formatDateTime(v.dueAt),
    overdue: t(v.overdue ? 'tracing.export.yes' : 'tracing.export.no'),
    kind: t(`tracing.taskKind.${v.kind}`),
    level: `F${v.level}`,
    fullName: p?.fullName ?? t('tracing.export.outside'),
    birthYear: p?.birthYear ?? null,
    sex: p ? t(`tracing.export.sex_${p.sex}`) : null,
    docNumber: p?.docNumber ?? null,
    phone: p?.phone ?? null,
    address: p ? [p.addressLine, p.communeName].filter(Boolean).join(', ') : null,
    commune: v.communeName,
    caseCode: v.caseCode,
    assignedTo: v.assignedTo?.name ?? null,
    status: t(`tracing.export.status_${v.status}`),
    outcome: v.outcome ? t(`tracing.outcome.${v.outcome}`) : null,
    note: v.note,
    doneAt: v.doneAt ? formatDateTime(v.doneAt) : null,
  };
}
