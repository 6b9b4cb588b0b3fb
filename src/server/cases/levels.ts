// Contact levels derived from the exposure graph. A person's level is the fewest hops, over
// exposures still standing and in either direction, from a person whose case is a source; kept
// only up to the profile's maxTracingLevel. contact_levels holds the result; level_changes every move.
//
// recomputeLevels takes the people a change touched (both ends of added or removed exposures, the
// person of a case that became or ceased to be a source) and recomputes set-based in SQL, for all
// of them at once: by relaxing outwards from the stored levels when levels can only fall
// (levels-relax.ts), else by walking the ball of 2·maxLevel hops around them (levels-ball.ts).
// Both leave the new state of the people they decided in lv_out; the diff against contact_levels
// is stored here with a reason for every move.
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import type { FollowUpResult, LevelChange, LevelReason } from './types.js';
import { contactLevels } from './schema.js';
import { followUpLevelChanges } from './follow-up.js';
import { rulesOn } from './window.js';
import { idArray, temp } from './levels-sql.js';
import { ballLevels } from './levels-ball.js';
import { anyNonEscalatingSource, relaxLevels } from './levels-relax.js';

export { idArray } from './levels-sql.js';

/** What set the recompute off; it decides the reason written for each move. */
export type LevelTrigger =
  | { kind: 'exposures_added' }
  | { kind: 'exposure_removed'; exposureId: number }
  | { kind: 'case_source'; caseId: number }
  | { kind: 'case_ruled_out'; caseId: number }
  | { kind: 'person_merged'; keptId: number; mergedId: number };

export interface CurrentLevel {
  level: number;
  rootCaseId: number | null;
  viaPersonId: number | null;
  exposedAt: Date | null;
}

/** The stored levels of the given people; untraced people are missing from the map. */
export async function currentLevels(db: DbOrTx, personIds: readonly number[]): Promise<Map<number, CurrentLevel>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: contactLevels.personId, level: contactLevels.level, rootCaseId: contactLevels.rootCaseId, viaPersonId: contactLevels.viaPersonId, exposedAt: contactLevels.exposedAt })
    .from(contactLevels)
    .where(inArray(contactLevels.personId, [...new Set(personIds)]));
  return new Map(rows.map(({ personId, ...r }) => [personId, r]));
}

/**
 * Serialises the writers of levels (recomputes, case confirmations) until commit, so each
 * recompute reads the exposures and sources the previous one committed. Taken first by any
 * transaction that will recompute, so locks are always taken in the same order.
 */
export async function lockLevels(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cases:levels'))`);
}

/**
 * Recomputes the levels of everyone a change at `seeds` (person ids) can move, stores them and
 * writes level_changes. Returns the moves; the caller hands them to follow-up (or use relevel).
 * Runs inside the caller's transaction: its scratch tables empty at commit.
 */
export async function recomputeLevels(tx: Tx, actor: Actor | null, seeds: readonly number[], trigger: LevelTrigger): Promise<LevelChange[]> {
  const start = [...new Set(seeds)];
  if (start.length === 0) return [];
  await lockLevels(tx);
  const profile = await rulesOn(tx);
  const max = profile.rules.contacts.maxTracingLevel;

  const fast = (trigger.kind === 'exposures_added' || trigger.kind === 'case_source') && !(await anyNonEscalatingSource(tx));
  if (fast) await relaxLevels(tx, start, max);
  else await ballLevels(tx, start, max);

  // The new state of the people in scope against the stored one.
  await temp(
    tx,
    'lv_diff',
    'pid bigint primary key, from_level int, to_level int, root bigint, via bigint, via_exp bigint, exposed_at timestamptz, old_root bigint, old_exposed_at timestamptz, via_name text, root_number int, commune_id int, district_id int, province_id int',
  );
  // Look-ups by key, so only the moved rows touch people and cases.
  await tx.execute(sql`
    insert into lv_diff
    select n.pid, o.level, n.level, n.root, n.via, n.via_exp, n.exposed_at, o.root_case_id, o.exposed_at,
      (select vp.full_name from people vp where vp.id = n.via),
      (select rc.number from cases rc where rc.id = coalesce(n.root, o.root_case_id)),
      p.commune_id, p.district_id, p.province_id
    from lv_out n
    left join lateral (select * from contact_levels c where c.person_id = n.pid limit 1) o on true
    cross join lateral (select commune_id, district_id, province_id from people where id = n.pid limit 1) p
    where n.level is distinct from o.level
      or (n.level is not null and (n.root is distinct from o.root_case_id or n.via is distinct from o.via_person_id or n.via_exp is distinct from o.via_exposure_id))`);

  await tx.execute(sql`delete from contact_levels where person_id = any(array(select pid from lv_diff where to_level is null))`);
  await tx.execute(sql`
    insert into contact_levels (person_id, level, root_case_id, via_person_id, via_exposure_id, exposed_at, commune_id, district_id, province_id)
    select pid, to_level, root, via, via_exp, exposed_at, commune_id, district_id, province_id from lv_diff where to_level is not null
    on conflict (person_id) do update set
      level = excluded.level, root_case_id = excluded.root_case_id, via_person_id = excluded.via_person_id,
      via_exposure_id = excluded.via_exposure_id, exposed_at = excluded.exposed_at,
      since = case when contact_levels.level <> excluded.level then now() else contact_levels.since end`);

  return writeChanges(tx, actor, trigger);
}

async function triggerFacts(tx: DbOrTx, trigger: LevelTrigger): Promise<{ code: string | null; person: string | null }> {
  if (trigger.kind !== 'case_source' && trigger.kind !== 'case_ruled_out') return { code: null, person: null };
  const [row] = await queryRows<{ number: number | null; full_name: string }>(
    tx,
    sql`select c.number, p.full_name from cases c join people p on p.id = c.person_id where c.id = ${trigger.caseId}`,
  );
  return { code: row?.number != null ? `BN${row.number}` : null, person: row?.full_name ?? null };
}

async function writeChanges(tx: DbOrTx, actor: Actor | null, trigger: LevelTrigger): Promise<LevelChange[]> {
  const t = await triggerFacts(tx, trigger);
  // The two records of a merged person move because of the merge; the people around them as usual.
  const merged = idArray(trigger.kind === 'person_merged' ? [trigger.keptId, trigger.mergedId] : []);
  const fallback: LevelReason = trigger.kind === 'case_ruled_out' ? 'case_ruled_out' : trigger.kind === 'exposure_removed' ? 'exposure_removed' : 'no_longer_reachable';
  const rows = await queryRows<{ person_id: number; from_level: number | null; to_level: number | null; reason: LevelReason; reason_params: Record<string, unknown>; case_id: number | null; exposed_at: string | Date | null }>(
    tx,
    sql`
    with d as (
      select *, case when root_number is null then null else 'BN' || root_number end as code,
        to_level is not null and (from_level is null or to_level < from_level) as up
      from lv_diff where from_level is distinct from to_level
    ), ins as (
      insert into level_changes (person_id, from_level, to_level, reason, reason_params, case_id, account_id)
      select pid, from_level, to_level,
        case when pid = any(${merged}::int8[]) then 'merged' when up then case when to_level = 0 then 'case_confirmed' when ${trigger.kind}::text = 'case_source' then 'source_moved_up' else 'contact_of' end
             else ${fallback}::text end,
        case when pid = any(${merged}::int8[]) then jsonb_build_object('caseCode', code)
             when up then case
               when to_level = 0 then jsonb_build_object('caseCode', code)
               when ${trigger.kind}::text = 'case_source' then jsonb_build_object('person', ${t.person}::text, 'caseCode', ${t.code}::text, 'via', via_name)
               else jsonb_build_object('via', via_name, 'caseCode', code) end
             when ${trigger.kind}::text = 'case_ruled_out' then jsonb_build_object('person', ${t.person}::text, 'caseCode', ${t.code}::text)
             else jsonb_build_object('via', via_name, 'caseCode', code) end,
        coalesce(root, old_root), ${actor?.accountId ?? null}::int
      from d
      returning person_id, from_level, to_level, reason, reason_params, case_id
    )
    select ins.*, coalesce(d.exposed_at, d.old_exposed_at) as exposed_at from ins join d on d.pid = ins.person_id order by ins.person_id`,
  );
  return rows.map((r) => ({
    personId: Number(r.person_id),
    fromLevel: r.from_level,
    toLevel: r.to_level,
    reason: r.reason,
    params: r.reason_params,
    caseId: r.case_id === null ? null : Number(r.case_id),
    exposedAt: r.exposed_at === null ? null : new Date(r.exposed_at),
  }));
}

/** Recompute, then let tracing follow the moves up (tasks, proposals). */
export async function relevel(
  tx: Tx,
  actor: Actor | null,
  seeds: readonly number[],
  trigger: LevelTrigger,
): Promise<{ changes: LevelChange[]; followUp: FollowUpResult }> {
  const changes = await recomputeLevels(tx, actor, seeds, trigger);
  const followUp = changes.length ? await followUpLevelChanges(tx, actor, changes) : { tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 };
  return { changes, followUp };
}
