// One person, two records merged: levels come from exposures between person ids, so the merged
// record's exposures, case, tasks and proposals move to the person kept, and the levels around
// both are recomputed. Without this, a contact recorded under one record and a case confirmed
// under the other would never meet in the graph. Runs in the merge's transaction (people/merge.ts).
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import type { MergedPair } from '../people/service.js';
import { lockLevels, relevel } from './levels.js';

const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id));

export async function moveTracingToKept(tx: Tx, actor: Actor, { keptId: k, mergedId: m, reason }: MergedPair): Promise<void> {
  await lockLevels(tx);
  const open = await queryRows<{ id: number; person_id: number }>(
    tx,
    sql`select id::int, person_id::int from cases where person_id in (${k}::int8, ${m}::int8) and status <> 'ruled_out' for update`,
  );
  // Two open cases would be one person counted twice: an officer rules one out first.
  if (open.length > 1) throw new AppError('conflict', 'cases.errors.merge_two_cases', {}, 'mergeId');
  const cases = ids(await queryRows(tx, sql`update cases set person_id = ${k}::int8, updated_at = now() where person_id = ${m}::int8 returning id::int`));

  // An exposure between the two records is the person with themself; one the kept person already
  // has (same other person, setting and start) is a duplicate. Both are removed, the rest moved.
  const removed = ids(
    await queryRows(
      tx,
      sql`update exposures e set removed_at = now(), removed_by = ${actor.accountId}::int, removed_reason = ${reason}
           where e.removed_at is null and (e.source_id = ${m}::int8 or e.contact_id = ${m}::int8)
             and (e.source_id in (${k}::int8, ${m}::int8) and e.contact_id in (${k}::int8, ${m}::int8)
                  or exists (select 1 from exposures x where x.removed_at is null and x.setting = e.setting and x.started_at = e.started_at
                               and x.source_id = case when e.source_id = ${m}::int8 then ${k}::int8 else e.source_id end
                               and x.contact_id = case when e.contact_id = ${m}::int8 then ${k}::int8 else e.contact_id end))
          returning e.id::int`,
    ),
  );
  const moved = ids(
    await queryRows(
      tx,
      sql`update exposures e set source_id = case when e.source_id = ${m}::int8 then ${k}::int8 else e.source_id end,
                                 contact_id = case when e.contact_id = ${m}::int8 then ${k}::int8 else e.contact_id end,
                                 evidence = e.evidence || jsonb_build_object('mergedFrom', ${m}::int8)
           where e.removed_at is null and (e.source_id = ${m}::int8 or e.contact_id = ${m}::int8)
          returning e.id::int`,
    ),
  );

  // Tasks: done ones are the person's history (a finished quarantine closes their tracing
  // window); an open one the kept person also has of the same kind is cancelled, not doubled.
  await tx.execute(sql`
    update tracing_tasks t set status = 'cancelled', done_at = now()
     where t.person_id = ${m}::int8 and t.status = 'open'
       and exists (select 1 from tracing_tasks x where x.person_id = ${k}::int8 and x.status = 'open' and x.kind = t.kind)`);
  const tasks = ids(await queryRows(tx, sql`update tracing_tasks set person_id = ${k}::int8 where person_id = ${m}::int8 returning id::int`));

  // Proposals still waiting follow the person (one between the two records is dropped, one the
  // kept person already has is dropped); decided ones stay as they were decided.
  await tx.execute(sql`
    delete from tracing_proposals p
     where p.status = 'pending' and (p.subject_id = ${m}::int8 or p.candidate_id = ${m}::int8)
       and (p.subject_id in (${k}::int8, ${m}::int8) and p.candidate_id in (${k}::int8, ${m}::int8)
            or exists (select 1 from tracing_proposals x where x.setting = p.setting
                         and coalesce(x.subject_visit_id, 0) = coalesce(p.subject_visit_id, 0)
                         and x.subject_id = case when p.subject_id = ${m}::int8 then ${k}::int8 else p.subject_id end
                         and x.candidate_id = case when p.candidate_id = ${m}::int8 then ${k}::int8 else p.candidate_id end))`);
  const proposals = await queryRows<{ n: number }>(
    tx,
    sql`with u as (
          update tracing_proposals p set subject_id = case when p.subject_id = ${m}::int8 then ${k}::int8 else p.subject_id end,
                                         candidate_id = case when p.candidate_id = ${m}::int8 then ${k}::int8 else p.candidate_id end
           where p.status = 'pending' and (p.subject_id = ${m}::int8 or p.candidate_id = ${m}::int8)
          returning 1)
        select count(*)::int as n from u`,
  );
  await tx.execute(sql`update tracing_crowds set subject_id = ${k}::int8 where subject_id = ${m}::int8 and status = 'pending'`);

  const { changes } = await relevel(tx, actor, [k, m], { kind: 'person_merged', keptId: k, mergedId: m });
  // Tasks brought over for a level the kept person does not have now.
  await tx.execute(sql`
    update tracing_tasks t set status = 'cancelled', done_at = now()
     where t.person_id = ${k}::int8 and t.status = 'open'
       and t.level is distinct from (select l.level from contact_levels l where l.person_id = ${k}::int8 and l.level > 0)`);

  if (cases.length + removed.length + moved.length + tasks.length + proposals[0].n + changes.length > 0) {
    await audit.record(tx, actor, {
      action: 'merge',
      entity: 'person_tracing',
      entityId: k,
      personId: k,
      details: { mergedId: m, cases, exposuresMoved: moved, exposuresRemoved: removed, tasks, proposals: proposals[0].n, levelChanges: changes.length },
    });
  }
}
