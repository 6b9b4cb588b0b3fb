// The overdue-tasks job: each open task past its due time is marked once and its commune team
// alerted through the outbox, in one transaction so a task is never alerted twice nor missed.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { translate } from '../../shared/i18n/index.js';
import { formatDateTime } from '../../shared/vn/dates.js';
import { communeRecipient, enqueue } from './outbox.js';

export const OVERDUE_TEMPLATE = 'tracing.notify.task_overdue';

export async function markOverdueTasks(db: Db, now = new Date()): Promise<{ overdue: number }> {
  return db.transaction(async (tx) => {
    const late = await queryRows<{ id: number; person_id: number; kind: string; level: number; commune_id: number; due_at: Date | string; number: number | null }>(
      tx,
      sql`with late as (
            update tracing_tasks set overdue_notified_at = ${now.toISOString()}::timestamptz
             where status = 'open' and due_at < ${now.toISOString()}::timestamptz and overdue_notified_at is null
            returning id, person_id, kind, level, case_id, commune_id, due_at
          )
          select l.id::int, l.person_id::int, l.kind, l.level, l.commune_id, l.due_at, c.number
            from late l left join cases c on c.id = l.case_id order by l.id`,
    );
    await enqueue(
      tx,
      late.map((t) => ({
        channel: 'log' as const,
        recipient: communeRecipient(t.commune_id),
        template: OVERDUE_TEMPLATE,
        params: {
          taskId: t.id,
          personId: t.person_id,
          level: t.level,
          kind: translate('vi', `tracing.taskKind.${t.kind}`),
          caseCode: t.number === null ? '' : `BN${t.number}`,
          dueAt: formatDateTime(new Date(t.due_at)),
        },
      })),
    );
    return { overdue: late.length };
  });
}
