import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { actorFor, refusal } from '../db/fixtures.js';
import { casesFixture, expose, peopleIn, type CasesFixture } from './test-helpers.js';
import { recentCase, tasksOf } from './tracing-test-helpers.js';
import { assignTask, completeTask, listTasks } from './tasks.js';
import { markOverdueTasks } from './tasks-overdue.js';

let f: CasesFixture;
afterEach(async () => {
  await f?.h.close();
});

const HOUR = 3_600_000;

/** A case in Hồng Hà with an F1 there and an F1 in Ka Long, found by tracing `hoursAgo` hours ago. */
async function contacts(hoursAgo = 3) {
  f = await casesFixture();
  const [source, local] = await peopleIn(f, 2);
  const [outside] = await peopleIn(f, 1, { communeId: f.units.kaLong });
  const kase = await recentCase(f, source);
  await expose(f, [[source, local], [source, outside]], { setting: 'workplace', startedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString() });
  // Deadlines run from when the contact was found: move them back as if that was hoursAgo.
  await f.h.db.execute(sql`update tracing_tasks set due_at = due_at - make_interval(hours => ${hoursAgo})`);
  return { source, local, outside, kase };
}

describe('tracing tasks', () => {
  it('lists the tasks of the jurisdiction with overdue ones flagged and counted', async () => {
    const { local, outside, kase } = await contacts(3);
    const list = await listTasks(f.h.db, f.commune, {});
    expect(list.total).toBe(3);
    expect(list.overdue).toBe(1);
    expect(list.rows.map((r) => [r.personId, r.kind, r.overdue, r.caseCode, r.communeName])).toEqual([
      [local, 'reach_phone', true, `BN${kase.number}`, 'Phường Hồng Hà'],
      [local, 'quarantine', false, `BN${kase.number}`, 'Phường Hồng Hà'],
      [local, 'test', false, `BN${kase.number}`, 'Phường Hồng Hà'],
    ]);
    expect(list.rows[0].person?.id).toBe(local);
    const late = await listTasks(f.h.db, f.commune, { overdue: true });
    expect([late.total, late.rows.map((r) => r.kind)]).toEqual([1, ['reach_phone']]);
    expect((await listTasks(f.h.db, f.otherCommune, {})).rows.map((r) => r.personId)).toEqual([outside, outside, outside]);
    const district = await listTasks(f.h.db, f.district, { kind: 'quarantine' });
    expect(district.rows.map((r) => r.personId)).toEqual([local]);
    const narrowed = await listTasks(f.h.db, f.province, { unitId: f.units.kaLong, kind: 'test' });
    expect(narrowed.rows.map((r) => r.personId)).toEqual([outside]);
    const outsideUnit = await refusal(listTasks(f.h.db, f.commune, { unitId: f.units.kaLong }));
    expect([outsideUnit.code, outsideUnit.field]).toEqual(['forbidden', 'unitId']);
  });

  it('completes a task with its outcome once, within the jurisdiction', async () => {
    const { local } = await contacts();
    const [task] = await tasksOf(f, local);
    const other = await refusal(completeTask(f.h.db, f.otherCommune, task.id, { outcome: 'reached' }));
    expect(other.code).toBe('not_found');
    const done = await completeTask(f.h.db, f.commune, task.id, { outcome: 'reached', note: 'Đã gọi, đang ở nhà' });
    expect([done.status, done.outcome, done.note, done.overdue, done.doneAt !== null]).toEqual(['done', 'reached', 'Đã gọi, đang ở nhà', false, true]);
    const again = await refusal(completeTask(f.h.db, f.commune, task.id, { outcome: 'unreachable' }));
    expect([again.code, again.messageKey]).toEqual(['conflict', 'tracing.errors.task_closed']);
    const bad = await refusal(completeTask(f.h.db, f.commune, (await tasksOf(f, local))[1].id, { outcome: 'maybe' as never }));
    expect([bad.messageKey, bad.field]).toEqual(['cases.errors.outcome_unknown', 'outcome']);
    expect((await listTasks(f.h.db, f.commune, { status: 'done' })).rows.map((r) => r.id)).toEqual([task.id]);
  });

  it('assigns to an active account of the jurisdiction that works tasks in the commune', async () => {
    const { local } = await contacts();
    const [task] = await tasksOf(f, local);
    const team = await actorFor(f.h.db, 'community_member', f.units.hongHa, 'to_covid_hong_ha');
    const elsewhere = await actorFor(f.h.db, 'community_member', f.units.baiChay, 'to_covid_bai_chay');
    const steering = await actorFor(f.h.db, 'steering_member', f.units.hongHa, 'bcd_hong_ha');
    const assigned = await assignTask(f.h.db, f.commune, task.id, { accountId: team.accountId });
    expect(assigned.assignedTo).toEqual({ id: team.accountId, name: 'to_covid_hong_ha' });
    // The team member works the task they were given.
    expect((await listTasks(f.h.db, team, {})).rows.find((r) => r.id === task.id)?.assignedTo?.id).toBe(team.accountId);
    for (const who of [elsewhere, steering]) {
      const err = await refusal(assignTask(f.h.db, f.district, task.id, { accountId: who.accountId }));
      expect([err.messageKey, err.field]).toEqual(['tracing.errors.assignee_invalid', 'accountId']);
    }
    const outside = await actorFor(f.h.db, 'commune_officer', f.units.kaLong, 'ka_long_2');
    expect((await refusal(assignTask(f.h.db, f.commune, task.id, { accountId: outside.accountId }))).field).toBe('accountId');
    expect((await assignTask(f.h.db, f.commune, task.id, { accountId: null })).assignedTo).toBeNull();
  });

  it('alerts each overdue task once through the outbox (the job function)', async () => {
    const { local, outside, kase } = await contacts(3);
    expect(await markOverdueTasks(f.h.db)).toEqual({ overdue: 2 });
    expect(await markOverdueTasks(f.h.db)).toEqual({ overdue: 0 });
    const alerts = await queryRows<{ recipient: string; template: string; params: Record<string, unknown> }>(
      f.h.db,
      sql`select recipient, template, params from outbox where template = 'tracing.notify.task_overdue' order by id`,
    );
    expect(alerts.map((a) => [a.recipient, a.params.personId, a.params.kind, a.params.level, a.params.caseCode])).toEqual([
      [`unit:${f.units.hongHa}`, local, 'Gọi điện liên hệ', 1, `BN${kase.number}`],
      [`unit:${f.units.kaLong}`, outside, 'Gọi điện liên hệ', 1, `BN${kase.number}`],
    ]);
    // A day later the quarantine and test tasks are late too.
    expect(await markOverdueTasks(f.h.db, new Date(Date.now() + 24 * HOUR))).toEqual({ overdue: 4 });
  });
});
