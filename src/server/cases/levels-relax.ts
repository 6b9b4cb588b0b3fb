// The incremental recompute for changes that can only bring people nearer a source (exposures
// added, a case becoming a source): start from the stored levels and relax outwards from the
// seeds, touching only the people whose level, via or root actually moves and their neighbours.
// A whole cluster's contacts added one case at a time thus costs what each addition changes,
// not a walk of the cluster every time.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { idArray, neighbours, outputTable, SOURCES, storedLevel, temp } from './levels-sql.js';

const NONE = 32767;

export async function relaxLevels(tx: DbOrTx, seeds: readonly number[], max: number): Promise<void> {
  // lv_w: people whose level this change may lower; old = stored level, lvl = the new one.
  await temp(tx, 'lv_w', 'pid bigint primary key, old int, lvl int, seed boolean not null default false');
  await tx.execute(sql`
    insert into lv_w (pid, old, lvl, seed)
    select s.pid, s.level, case when exists (select 1 from cases c where c.person_id = s.pid and c.status <> 'ruled_out' and c.status in (${SOURCES})) then 0 else s.level end, true
    from (select pid, ${storedLevel('pid')} as level from unnest(${idArray(seeds)}::bigint[]) as u(pid)) s`);
  // Round k: people at level k that moved (or are seeds, for their new exposures) offer k+1 to their neighbours.
  for (let k = 0; k < max; k++) {
    await tx.execute(sql`
      insert into lv_w (pid, old, lvl)
      select distinct on (n.pid) n.pid, n.level, ${k + 1}::int
      from lv_w a cross join lateral (select x.pid, ${storedLevel('x.pid')} as level from ${neighbours('a')} x) n
      where a.lvl = ${k} and (a.seed or a.lvl < coalesce(a.old, ${NONE})) and coalesce(n.level, ${NONE}) > ${k + 1}
      on conflict (pid) do update set lvl = excluded.lvl where lv_w.lvl is null or lv_w.lvl > excluded.lvl`);
  }

  // lv_out: people whose via or root may change: the moved, the seeds, and the neighbours one level
  // below a moved person (a new candidate via for them).
  await outputTable(tx);
  await tx.execute(sql`insert into lv_out (pid, level) select pid, lvl from lv_w where lvl is not null and (seed or lvl < coalesce(old, ${NONE}))`);
  await tx.execute(sql`
    insert into lv_out (pid, level)
    select distinct n.pid, n.level from lv_w a cross join lateral (select x.pid, ${storedLevel('x.pid')} as level from ${neighbours('a')} x) n
    where a.lvl < coalesce(a.old, ${NONE}) and n.level = a.lvl + 1
    on conflict (pid) do nothing`);
  await tx.execute(sql`
    update lv_out r set (own_case, root) = (select c.id, c.id from cases c where c.person_id = r.pid and c.status <> 'ruled_out' and c.status in (${SOURCES}))
    where r.level = 0`);
  // Via: the neighbour one level nearer, earliest exposure first, then lowest id.
  await tx.execute(sql`
    update lv_out r set via = v.pid, via_exp = v.eid, exposed_at = v.started_at
    from (
      select distinct on (r2.pid) r2.pid as me, n.pid, n.eid, n.started_at
      from lv_out r2 cross join lateral ${neighbours('r2')} n
      left join lv_w w on w.pid = n.pid
      where r2.level >= 1 and coalesce(w.lvl, ${storedLevel('n.pid')}) = r2.level - 1
      order by r2.pid, n.started_at, n.eid
    ) v
    where v.me = r.pid`);
  // Roots level by level (sources root their own case); a person whose root changed passes it to
  // the people it is the via of.
  for (let k = 0; k <= max; k++) {
    if (k > 0) {
      await tx.execute(sql`
        update lv_out r set root = coalesce((select p.root from lv_out p where p.pid = r.via), (select cl.root_case_id from contact_levels cl where cl.person_id = r.via))
        where r.level = ${k}`);
    }
    if (k === max) break;
    await tx.execute(sql`
      insert into lv_out (pid, level, via, via_exp, exposed_at)
      select distinct cl.person_id, cl.level, cl.via_person_id, cl.via_exposure_id, cl.exposed_at
      from lv_out p cross join lateral ${neighbours('p')} n
      cross join lateral (select * from contact_levels c2 where c2.person_id = n.pid limit 1) cl
      where p.level = ${k} and cl.via_person_id = p.pid and cl.level = ${k + 1}
        and p.root is distinct from (select pc.root_case_id from contact_levels pc where pc.person_id = p.pid)
      on conflict (pid) do nothing`);
  }
}

/**
 * Whether any source spreads differently from its level (a case confirmed as a contact under a
 * profile that does not escalate): the incremental recompute assumes every F0 is a source.
 */
export async function anyNonEscalatingSource(tx: DbOrTx): Promise<boolean> {
  const result = (await tx.execute(sql`
    select exists (
      select 1 from cases c join disease_profiles dp on dp.id = c.profile_id
      where c.source_case_id is not null and c.status <> 'ruled_out' and c.status in (${SOURCES})
        and not coalesce((dp.rules #>> '{contacts,escalateOnPositive}')::boolean, true)
    ) as any`)) as unknown as { rows: { any: boolean }[] };
  return result.rows[0].any;
}
