// Who automated tracing looks at, and over which stretch of time: a case while it is infectious,
// a traced contact from the exposure that made them a contact until their quarantine began.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import { SOURCE_STATUSES } from '../../shared/api/cases.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { idArray } from './levels.js';
import { rulesOn } from './window.js';

export interface TracingRules {
  contacts: ProfileRules['contacts'];
  tracing: ProfileRules['tracing'];
}

/** The contact and tracing rules of the profile in force today. */
export async function tracingRules(db: DbOrTx, now = new Date()): Promise<TracingRules> {
  const { rules } = await rulesOn(db, todayInVietnam(now));
  return { contacts: rules.contacts, tracing: rules.tracing };
}

export interface SubjectWindow {
  personId: number;
  /** 0 for a case that is a source, else the contact level */
  level: number;
  from: Date;
  to: Date;
}

/** The start of a Vietnamese calendar day (the country keeps +07:00 all year). */
export const dayStart = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`);

interface WindowRow {
  person_id: number;
  infectious_from: string | null;
  infectious_until: string | null;
  is_source: boolean;
  level: number | null;
  exposed_at: Date | string | null;
  quarantined_at: Date | string | null;
}

/**
 * The windows of those people who are tracing subjects now: a case in a source status from its
 * infectious_from (day start) to the end of infectious_until or now; a contact below the deepest
 * traced level from exposed_at to the completion of their quarantine task or now. Others are left out.
 */
export async function subjectWindows(db: DbOrTx, personIds: readonly number[], rules: TracingRules, now = new Date()): Promise<SubjectWindow[]> {
  if (personIds.length === 0) return [];
  const rows = await queryRows<WindowRow>(
    db,
    sql`select p.id::int as person_id, c.infectious_from::text, c.infectious_until::text, (c.id is not null) as is_source,
               l.level::int as level, l.exposed_at, q.done_at as quarantined_at
          from unnest(${idArray([...new Set(personIds)])}::int8[]) as p(id)
          left join cases c on c.person_id = p.id and c.status in (${sql.join(
            SOURCE_STATUSES.map((s) => sql`${s}`),
            sql`, `,
          )})
          left join contact_levels l on l.person_id = p.id
          left join lateral (select min(t.done_at) as done_at from tracing_tasks t
                              where t.person_id = p.id and t.kind = 'quarantine' and t.status = 'done') q on true`,
  );
  const windows: SubjectWindow[] = [];
  for (const r of rows) {
    if (r.is_source && r.infectious_from) {
      const until = r.infectious_until ? new Date(dayStart(r.infectious_until).getTime() + 86_400_000) : now;
      windows.push({ personId: r.person_id, level: 0, from: dayStart(r.infectious_from), to: until < now ? until : now });
    } else if (r.level !== null && r.level >= 1 && r.level < rules.contacts.maxTracingLevel && r.exposed_at) {
      const from = new Date(r.exposed_at);
      const quarantined = r.quarantined_at ? new Date(r.quarantined_at) : null;
      // A quarantine done before the exposure belongs to an earlier episode.
      const to = quarantined && quarantined > from && quarantined < now ? quarantined : now;
      windows.push({ personId: r.person_id, level: r.level, from, to });
    }
  }
  return windows.filter((w) => w.to > w.from);
}
