// The tracing tasks a level change calls for: the profile's tasks for the new level (due counted
// from the exposure), and the open tasks that no longer fit cancelled (the person is no longer
// traced, became a case, or moved to another level).
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { idArray } from './levels.js';
import type { LevelChange } from './types.js';

export interface TaskChanges {
  created: number;
  /** The tasks created per commune and the people they are for: what the communes are told. */
  byCommune: { communeId: number; tasks: number; people: number }[];
  cancelled: number;
}

export async function applyTaskChanges(tx: DbOrTx, changes: readonly LevelChange[], taskRules: ProfileRules['tracing']['tasks'], now = new Date()): Promise<TaskChanges> {
  const moved = changes.filter((c) => c.fromLevel !== c.toLevel);
  if (moved.length === 0) return { created: 0, byCommune: [], cancelled: 0 };
  // A person untraced or now a case keeps no contact task (target level -1 matches none).
  const targets = moved.map((c) => (c.toLevel === null || c.toLevel === 0 ? -1 : c.toLevel));
  const cancelled = await queryRows<{ id: number }>(
    tx,
    sql`update tracing_tasks t set status = 'cancelled', done_at = ${now.toISOString()}::timestamptz
          from unnest(${idArray(moved.map((c) => c.personId))}::int8[], ${`{${targets.join(',')}}`}::int[]) as m(person_id, level)
         where t.person_id = m.person_id and t.status = 'open' and t.level <> m.level
        returning t.id::int`,
  );

  const wanted = moved.filter((c) => c.toLevel !== null && c.toLevel > 0 && taskRules.some((t) => t.level === c.toLevel));
  if (wanted.length === 0) return { created: 0, byCommune: [], cancelled: cancelled.length };
  const rules = sql.join(
    taskRules.map((t) => sql`(${t.level}::int, ${t.kind}::text, ${t.dueHours}::int)`),
    sql`, `,
  );
  // The deadline runs from when tracing learned of the contact: a contact found days after the
  // exposure is not overdue the moment it is found.
  const starts = wanted.map((c) => new Date(Math.max(c.exposedAt?.getTime() ?? 0, now.getTime())).toISOString());
  // One open task per person and kind (unique index): an open task of the same kind at this
  // level is kept as it is.
  // Counted per commune where they are made: a cluster's F2s are hundreds of thousands of tasks.
  const counts = await queryRows<{ commune_id: number; tasks: number; people: number }>(
    tx,
    sql`with made as (
        insert into tracing_tasks (person_id, kind, level, case_id, commune_id, district_id, province_id, due_at)
        select w.person_id, r.kind, w.level, w.case_id, p.commune_id, p.district_id, p.province_id,
               w.started_at + make_interval(hours => r.due_hours)
          from unnest(${idArray(wanted.map((c) => c.personId))}::int8[], ${`{${wanted.map((c) => c.toLevel).join(',')}}`}::int[],
                      ${`{${wanted.map((c) => c.caseId ?? 'NULL').join(',')}}`}::int8[], ${`{${starts.map((s) => `"${s}"`).join(',')}}`}::timestamptz[])
               as w(person_id, level, case_id, started_at)
          join (values ${rules}) as r(level, kind, due_hours) on r.level = w.level
          join people p on p.id = w.person_id
        on conflict do nothing
        returning person_id, commune_id)
        select commune_id, count(*)::int as tasks, count(distinct person_id)::int as people from made group by commune_id order by commune_id`,
  );
  const byCommune = counts.map((c) => ({ communeId: Number(c.commune_id), tasks: c.tasks, people: c.people }));
  return { created: byCommune.reduce((n, c) => n + c.tasks, 0), byCommune, cancelled: cancelled.length };
}
