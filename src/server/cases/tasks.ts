// The commune teams' tracing worklist: tasks of the jurisdiction with their due times, completed
// with an outcome, assigned to an account that can see them.
import { and, asc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { accountIdsInJurisdiction } from '../auth/service.js';
import { summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { can, type Role, type UnitLevel } from '../../shared/roles.js';
import { assignTaskBody, completeTaskBody, exportTasksQuery, listTasksQuery, type TaskView } from '../../shared/api/cases.js';
import { tracingTasks } from './schema.js';
import { caseCode, scopeOf } from './access.js';

type TaskRow = typeof tracingTasks.$inferSelect;
const columnOf = (level: UnitLevel) => (level === 'province' ? tracingTasks.provinceId : level === 'district' ? tracingTasks.districtId : tracingTasks.communeId);

/** The tasks of the actor's jurisdiction, or of a unit inside it. */
async function scopeCondition(db: DbOrTx, actor: Actor, unitId?: number): Promise<SQL> {
  const scope = await scopeOf(db, actor, unitId);
  return eq(columnOf(scope.level), scope.unitId);
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Tasks as the worklist shows them; a person who moved out of the jurisdiction is not named. */
export async function taskViews(tx: DbOrTx, actor: Actor, rows: readonly TaskRow[], now = new Date()): Promise<TaskView[]> {
  if (rows.length === 0) return [];
  const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.personId));
  const facts = await queryRows<{ id: number; commune_name: string; case_number: number | null; account_name: string | null }>(
    tx,
    sql`select t.id::int, u.full_name as commune_name, c.number as case_number, a.display_name as account_name
          from tracing_tasks t join admin_units u on u.id = t.commune_id
          left join cases c on c.id = t.case_id left join accounts a on a.id = t.assigned_to
         where t.id in (${sql.join(rows.map((r) => sql`${r.id}::int8`), sql`, `)})`,
  );
  const byId = new Map(facts.map((f) => [Number(f.id), f]));
  return rows.map((r) => {
    const f = byId.get(r.id);
    return {
      id: r.id,
      person: people.get(r.personId) ?? null,
      personId: r.personId,
      kind: r.kind,
      level: r.level,
      caseCode: caseCode(f?.case_number),
      caseId: r.caseId,
      communeName: f?.commune_name ?? '',
      dueAt: r.dueAt.toISOString(),
      overdue: r.status === 'open' && r.dueAt < now,
      assignedTo: r.assignedTo !== null ? { id: r.assignedTo, name: f?.account_name ?? '' } : null,
      status: r.status,
      outcome: (r.outcome as TaskView['outcome']) ?? null,
      note: r.note,
      doneAt: iso(r.doneAt),
    };
  });
}

/** The worklist's filter: the jurisdiction (or a unit in it) and the list's choices; late = open past due. */
export async function taskFilter(tx: DbOrTx, actor: Actor, q: z.output<typeof exportTasksQuery>, now: Date) {
  const base = and(
    await scopeCondition(tx, actor, q.unitId),
    q.kind ? eq(tracingTasks.kind, q.kind) : undefined,
    q.caseId ? eq(tracingTasks.caseId, q.caseId) : undefined,
    q.personId ? eq(tracingTasks.personId, q.personId) : undefined,
  );
  const late = and(eq(tracingTasks.status, 'open'), lt(tracingTasks.dueAt, now));
  return { base, late, where: and(base, eq(tracingTasks.status, q.status), q.overdue ? late : undefined) };
}

export async function listTasks(db: Db, actor: Actor, raw: unknown, now = new Date()): Promise<{ total: number; overdue: number; rows: TaskView[] }> {
  requirePermission(actor, 'tasks.work');
  const q = parseInput(listTasksQuery, raw);
  return db.transaction(async (tx) => {
    const { base, late, where } = await taskFilter(tx, actor, q, now);
    // One after another: a transaction is one connection, which takes one query at a time.
    const rows = await tx.select().from(tracingTasks).where(where).orderBy(asc(tracingTasks.dueAt), asc(tracingTasks.id)).limit(q.limit).offset(q.offset);
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(tracingTasks).where(where);
    const [{ overdue }] = await tx.select({ overdue: sql<number>`count(*)::int` }).from(tracingTasks).where(and(base, late));
    const views = await taskViews(tx, actor, rows, now);
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'tracing_tasks', details: { ...q, total } },
      ...[...new Set(views.filter((v) => v.person).map((v) => v.personId))].map((personId) => ({ action: 'read' as const, entity: 'tracing_task', personId })),
    ]);
    return { total, overdue, rows: views };
  });
}

/** An open task of the jurisdiction, locked for a change; 404 outside it, 409 once closed. */
async function openTask(tx: DbOrTx, actor: Actor, id: number): Promise<TaskRow> {
  const [task] = await tx
    .select()
    .from(tracingTasks)
    .where(and(eq(tracingTasks.id, id), await scopeCondition(tx, actor)))
    .for('update');
  if (!task) throw notFound('tracing.errors.task_unknown');
  if (task.status !== 'open') throw new AppError('conflict', 'tracing.errors.task_closed', {}, 'id');
  return task;
}

export async function completeTask(db: Db, actor: Actor, id: number, raw: unknown): Promise<TaskView> {
  requirePermission(actor, 'tasks.work');
  const body = parseInput(completeTaskBody, raw);
  return db.transaction(async (tx) => {
    await openTask(tx, actor, id);
    const [row] = await tx
      .update(tracingTasks)
      .set({ status: 'done', outcome: body.outcome, note: body.note, doneAt: new Date(), doneBy: actor.accountId })
      .where(eq(tracingTasks.id, id))
      .returning();
    await audit.record(tx, actor, { action: 'update', entity: 'tracing_task', entityId: id, personId: row.personId, details: { outcome: body.outcome } });
    return (await taskViews(tx, actor, [row]))[0];
  });
}

/** Assigns (or, with null, unassigns) a task to an active account of the jurisdiction that works tasks and sees the task's commune. */
export async function assignTask(db: Db, actor: Actor, id: number, raw: unknown): Promise<TaskView> {
  requirePermission(actor, 'tasks.work');
  const { accountId } = parseInput(assignTaskBody, raw);
  return db.transaction(async (tx) => {
    const task = await openTask(tx, actor, id);
    if (accountId !== null) {
      const [a] = await queryRows<{ role: Role; unit_id: number; active: boolean }>(
        tx,
        sql`select role, unit_id, active from accounts where id = ${accountId} and id in (${accountIdsInJurisdiction(tx, actor)})`,
      );
      const seesTask = a && [task.communeId, task.districtId, task.provinceId].includes(a.unit_id);
      if (!a || !a.active || !can(a.role, 'tasks.work') || !seesTask) throw invalid('accountId', 'tracing.errors.assignee_invalid');
    }
    const [row] = await tx.update(tracingTasks).set({ assignedTo: accountId }).where(eq(tracingTasks.id, id)).returning();
    await audit.record(tx, actor, { action: 'update', entity: 'tracing_task', entityId: id, personId: row.personId, details: { assignedTo: accountId } });
    return (await taskViews(tx, actor, [row]))[0];
  });
}
