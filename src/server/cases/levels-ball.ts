// The full recompute: a change at people N can move only those within max hops of N, and the
// sources that decide them lie within 2·max hops. Walk that ball breadth-first, one statement per
// hop for all seeds at once, then take distances from the sources inside it. Needed when levels
// may rise (an exposure removed, a case ruled out) or a case does not escalate.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { idArray, neighbours, outputTable, SOURCES, temp } from './levels-sql.js';

export async function ballLevels(tx: DbOrTx, seeds: readonly number[], max: number): Promise<void> {
  await temp(tx, 'lv_ball', 'pid bigint primary key, d int not null');
  await tx.execute(sql`insert into lv_ball (pid, d) select distinct unnest(${idArray(seeds)}::bigint[]), 0`);
  for (let k = 0; k < 2 * max; k++) {
    await tx.execute(
      sql`insert into lv_ball (pid, d) select distinct n.pid, ${k + 1}::int from lv_ball b cross join lateral ${neighbours('b')} n where b.d = ${k} on conflict (pid) do nothing`,
    );
  }

  // Distances from the sources inside the ball. A case confirmed while it was a contact spreads
  // as a source only when its profile escalates on positive; otherwise its contacts keep the
  // levels they had through it.
  await temp(tx, 'lv_dist', 'pid bigint primary key, d int not null');
  await tx.execute(sql`
    insert into lv_dist (pid, d)
    select c.person_id, 0 from cases c join lv_ball b on b.pid = c.person_id left join disease_profiles dp on dp.id = c.profile_id
    where c.status <> 'ruled_out' and c.status in (${SOURCES})
      and (c.source_case_id is null or coalesce((dp.rules #>> '{contacts,escalateOnPositive}')::boolean, true))
    on conflict (pid) do nothing`);
  for (let k = 0; k < max; k++) {
    await tx.execute(sql`
      insert into lv_dist (pid, d)
      select distinct n.pid, ${k + 1}::int from lv_dist s cross join lateral ${neighbours('s')} n join lv_ball b on b.pid = n.pid
      where s.d = ${k} on conflict (pid) do nothing`);
  }

  // Each reached person's via: the neighbour one hop nearer, earliest exposure first, then lowest id.
  await temp(tx, 'lv_new', 'pid bigint primary key, d int, via bigint, via_exp bigint, exposed_at timestamptz, root bigint, own_case bigint');
  await tx.execute(sql`
    insert into lv_new (pid, d, via, via_exp, exposed_at)
    select distinct on (s.pid) s.pid, s.d, n.pid, n.eid, n.started_at
    from lv_dist s left join lateral (select x.* from ${neighbours('s')} x join lv_dist q on q.pid = x.pid and q.d = s.d - 1) n on s.d > 0
    order by s.pid, n.started_at, n.eid`);
  // Every source person in the ball is F0, whether or not it spreads as one, and roots its chain.
  await tx.execute(sql`
    insert into lv_new (pid, own_case)
    select c.person_id, c.id from cases c join lv_ball b on b.pid = c.person_id
    where c.status <> 'ruled_out' and c.status in (${SOURCES})
    on conflict (pid) do update set own_case = excluded.own_case`);
  await tx.execute(sql`update lv_new set root = own_case where d = 0`);
  for (let k = 1; k <= max; k++) {
    await tx.execute(sql`update lv_new n set root = p.root from lv_new p where p.pid = n.via and n.d = ${k}`);
  }

  await outputTable(tx);
  await tx.execute(sql`
    insert into lv_out (pid, level, via, via_exp, exposed_at, root, own_case)
    select b.pid, case when x.own_case is not null then 0 else x.d end,
      case when x.own_case is null then x.via end, case when x.own_case is null then x.via_exp end, case when x.own_case is null then x.exposed_at end,
      coalesce(x.own_case, x.root), x.own_case
    from lv_ball b left join lv_new x on x.pid = b.pid
    where b.d <= ${max}`);
}
