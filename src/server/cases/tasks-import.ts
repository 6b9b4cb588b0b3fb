// Outcomes written into the exported worklist (tasks-export.ts) by teams in the field, uploaded
// back: each row with an outcome completes its task. The task id is the key, so the same file
// uploaded twice changes nothing; every row is checked before anything is written, and one bad
// row means none is.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid, type RowProblem } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { translate } from '../../shared/i18n/index.js';
import { TASK_OUTCOMES } from '../../shared/api/cases.js';
import { foldKey } from '../../shared/vn/text.js';
import { readWorkbook, rowsError, text, type Cell } from './contact-import-rows.js';
import type { UploadedList } from './contact-import.js';
import { actorUnit, inUnit } from './access.js';
import { idArray } from './levels.js';

type Outcome = (typeof TASK_OUTCOMES)[number];
const COLUMNS = ['taskId', 'outcome', 'note'] as const;
type Column = (typeof COLUMNS)[number];
export const MAX_OUTCOME_ROWS = 20_000;

const label = (lang: 'vi' | 'en', c: Column) => translate(lang, `tracing.export.${c}`);
const HEADERS = new Map<string, Column>(COLUMNS.flatMap((c) => [c, label('vi', c), label('en', c)].map((k) => [foldKey(k), c] as [string, Column])));
const OUTCOMES = new Map<string, Outcome>(
  TASK_OUTCOMES.flatMap((o) => [o, translate('vi', `tracing.outcome.${o}`), translate('en', `tracing.outcome.${o}`)].map((w) => [foldKey(w), o] as [string, Outcome])),
);

interface OutcomeRow {
  row: number;
  taskId: number;
  outcome: Outcome;
  note: string;
}

function parse(sheet: { row: number; cells: Cell[] }[], problems: RowProblem[]): OutcomeRow[] {
  const headerAt = sheet.slice(0, 10).findIndex((r) => r.cells.filter((c) => HEADERS.get(foldKey(text(c))) === 'taskId' || HEADERS.get(foldKey(text(c))) === 'outcome').length >= 2);
  if (headerAt < 0) throw invalid('file', 'tracing.errors.columns_missing', { columns: [label('vi', 'taskId'), label('vi', 'outcome')].join(', ') });
  const index = new Map<Column, number>();
  sheet[headerAt].cells.forEach((c, i) => {
    const col = HEADERS.get(foldKey(text(c)));
    if (col && !index.has(col)) index.set(col, i);
  });
  const data = sheet.slice(headerAt + 1);
  if (data.length > MAX_OUTCOME_ROWS) throw invalid('file', 'tracing.errors.too_many_rows', { max: MAX_OUTCOME_ROWS });
  const seen = new Map<number, number>();
  const out: OutcomeRow[] = [];
  for (const { row, cells } of data) {
    const get = (c: Column): string => (index.has(c) ? text(cells[index.get(c)!] ?? null).trim() : '');
    const outcomeText = get('outcome');
    // A row left without an outcome is work still to do.
    if (!outcomeText) continue;
    const idText = get('taskId');
    const taskId = /^\d{1,15}$/.test(idText) ? Number(idText) : null;
    const outcome = OUTCOMES.get(foldKey(outcomeText));
    const before = problems.length;
    if (taskId === null) problems.push({ row, field: 'taskId', messageKey: 'tracing.errors.task_id_invalid', params: { value: idText } });
    else if (seen.has(taskId)) problems.push({ row, field: 'taskId', messageKey: 'tracing.errors.task_repeated', params: { row: seen.get(taskId) } });
    if (!outcome) problems.push({ row, field: 'outcome', messageKey: 'tracing.errors.outcome_unknown_row', params: { value: outcomeText } });
    if (taskId !== null && !seen.has(taskId)) seen.set(taskId, row);
    if (problems.length === before) out.push({ row, taskId: taskId!, outcome: outcome!, note: get('note').slice(0, 1000) });
  }
  if (out.length === 0 && problems.length === 0) throw invalid('file', 'tracing.errors.no_outcomes');
  return out;
}

export async function importTaskOutcomes(db: Db, actor: Actor, file: UploadedList): Promise<{ rows: number; completed: number; unchanged: number }> {
  requirePermission(actor, 'tasks.work');
  if (file.data.length === 0) throw invalid('file', 'tracing.errors.file_empty');
  const problems: RowProblem[] = [];
  const rows = parse(await readWorkbook(file.data), problems);
  return db.transaction(async (tx) => {
    const tasks = await queryRows<{ id: number; status: string; outcome: string | null; person_id: number }>(
      tx,
      sql`select id::int, status, outcome, person_id::int from tracing_tasks
           where id = any(${idArray(rows.map((r) => r.taskId))}::int8[]) and ${inUnit(actorUnit(actor), 'tracing_tasks')}
           order by id for update`,
    );
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const complete: (OutcomeRow & { personId: number })[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const t = byId.get(r.taskId);
      if (!t) problems.push({ row: r.row, field: 'taskId', messageKey: 'tracing.errors.task_unknown_row', params: { value: r.taskId } });
      else if (t.status === 'open') complete.push({ ...r, personId: t.person_id });
      else if (t.status === 'done' && t.outcome === r.outcome) unchanged++;
      else problems.push({ row: r.row, field: 'outcome', messageKey: 'tracing.errors.task_closed_row', params: { value: r.taskId } });
    }
    if (problems.length) throw rowsError(problems);
    if (complete.length) {
      await tx.execute(sql`
        update tracing_tasks t set status = 'done', outcome = u.outcome, note = case when u.note <> '' then u.note else t.note end,
               done_at = now(), done_by = ${actor.accountId}::int
          from jsonb_to_recordset(${JSON.stringify(complete.map((c) => ({ id: c.taskId, outcome: c.outcome, note: c.note })))}::jsonb) as u(id bigint, outcome text, note text)
         where t.id = u.id`);
    }
    await audit.recordMany(tx, actor, [
      { action: 'import', entity: 'tracing_tasks', details: { file: file.name, rows: rows.length, completed: complete.length, unchanged } },
      ...complete.map((c) => ({ action: 'update' as const, entity: 'tracing_task', entityId: c.taskId, personId: c.personId, details: { outcome: c.outcome, file: file.name, row: c.row } })),
    ]);
    return { rows: rows.length, completed: complete.length, unchanged };
  });
}
