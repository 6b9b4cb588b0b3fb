// Applying lab results, set-based so a lab's file of 100,000 rows is a handful of statements: the
// rows go into a temporary table, are matched to samples and pools by code and checked in SQL,
// and only when no row has a problem are samples, pools and their members updated (the custody
// trigger records every move). A row repeating a recorded result changes nothing; a row that
// contradicts one is a problem, never an overwrite.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import type { RowProblem } from '../http/errors.js';
import type { ResultRow } from '../../shared/api/testing.js';
import { actorScope } from './access.js';

export interface IncomingResult extends Omit<ResultRow, 'labId'> {
  /** The row number as the file shows it (or 1 for a single entry). */
  row: number;
}

export interface ApplyOptions {
  labId: number | null;
  importId: number | null;
  now: Date;
}

export interface Applied {
  applied: number;
  unchanged: number;
}

const MAX_PROBLEMS = 500;

async function load(tx: DbOrTx, rows: IncomingResult[]): Promise<void> {
  // A lab file's rows are sorted and joined in memory rather than in temporary files.
  if (rows.length > 1000) await tx.execute(sql`set local work_mem = '64MB'`);
  await tx.execute(sql`create temp table testing_incoming (row int, code text, test_type text, result text, ct numeric(4, 1), tested_at timestamptz) on commit drop`);
  const records = rows.map((r) => ({ row: r.row, code: r.code, test_type: r.testType, result: r.result, ct: r.ctValue, tested_at: r.testedAt }));
  await tx.execute(sql`insert into testing_incoming
    select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(row int, code text, test_type text, result text, ct numeric(4, 1), tested_at timestamptz)`);
  await tx.execute(sql`analyze testing_incoming`);
  // One row per code: the first; a later row of the same code must say the same.
  await tx.execute(sql`create temp table testing_matched on commit drop as
    select i.*, first_value(i.row) over w as first_row,
           (count(*) over (partition by i.code collate "C", i.test_type, i.result, i.ct, i.tested_at)) = (count(*) over (partition by i.code collate "C")) as agrees,
           s.id as sample_id, p.id as pool_id, sp.code as in_pool,
           coalesce(s.state, p.state) as state, coalesce(s.lab_id, p.lab_id) as lab_id,
           coalesce(s.collected_at, p.collected_at) as collected_at,
           coalesce(s.result, p.result) as old_result, coalesce(s.test_type, p.test_type) as old_type,
           coalesce(s.ct_value, p.ct_value) as old_ct, coalesce(s.tested_at, p.tested_at) as old_tested_at,
           t.commune_id as site_commune_id, t.district_id as site_district_id, t.province_id as site_province_id,
           lb.commune_id as lab_commune_id, lb.district_id as lab_district_id, lb.province_id as lab_province_id
      from testing_incoming i
      left join testing_samples s on s.code = i.code
      left join testing_pools sp on sp.id = s.pool_id
      left join testing_pools p on p.code = i.code
      left join testing_sites t on t.id = coalesce(s.site_id, p.site_id)
      left join testing_labs lb on lb.id = coalesce(s.lab_id, p.lab_id)
    window w as (partition by i.code collate "C" order by i.row)`);
  await tx.execute(sql`analyze testing_matched`);
}

/**
 * What is wrong with each row, in SQL: a code the actor's labs (or, for a rapid test read at the
 * site, its sites) do not hold is unknown, whoever holds it, so codes cannot be probed.
 */
async function problems(tx: DbOrTx, actor: Actor, opts: ApplyOptions): Promise<{ total: number; rows: RowProblem[] }> {
  const { level, unitId } = actorScope(actor);
  const column = level === 'province' ? 'province_id' : level === 'district' ? 'district_id' : 'commune_id';
  const held = sql.raw(`case when m.lab_id is not null then m.lab_${column} else m.site_${column} end`);
  const found = await queryRows<{ row: number; field: string; key: string; params: Record<string, unknown>; total: number }>(
    tx,
    sql`with m as (
          select m.*, case
            when (m.sample_id is null and m.pool_id is null) or ${held} is distinct from ${unitId}::int
              then 'code:code_unknown'
            when not m.agrees and m.row <> m.first_row then 'code:repeated_in_file'
            when m.in_pool is not null then 'code:sample_pooled'
            when m.old_result is not null and (m.old_result, m.old_type, m.old_ct, m.old_tested_at) is distinct from (m.result, m.test_type, m.ct, m.tested_at)
              then 'result:already_resulted'
            when m.old_result is not null then null
            when ${opts.labId}::int is not null and m.lab_id is distinct from ${opts.labId}::int and not (m.state = 'collected' and m.test_type = 'rapid_antigen') then 'code:other_lab'
            when m.state = 'collected' and m.test_type <> 'rapid_antigen' then 'code:not_sent'
            when m.tested_at < m.collected_at then 'testedAt:before_collection'
          end as problem
          from testing_matched m)
        select row, split_part(problem, ':', 1) as field, 'testing.errors.' || split_part(problem, ':', 2) as key,
               jsonb_build_object('code', code, 'firstRow', first_row, 'pool', in_pool, 'result', old_result) as params,
               (count(*) over ())::int as total
          from m where problem is not null order by row limit ${MAX_PROBLEMS}`,
  );
  return { total: found[0]?.total ?? 0, rows: found.map((p) => ({ row: p.row, field: p.field, messageKey: p.key, params: p.params })) };
}

/** Writes the results; the matched rows are checked already. Fills testing_applied for the follow-ups. */
async function write(tx: DbOrTx, actor: Actor, opts: ApplyOptions): Promise<Applied> {
  const common = sql`state = 'tested', received_at = case when t.state in ('sent', 'received') then coalesce(t.received_at, src.tested_at) end,
                     tested_at = src.tested_at, test_type = src.test_type, result_by = ${actor.accountId}::int, import_id = ${opts.importId}::int`;
  await tx.execute(sql`create temp table testing_applied (kind text, id bigint, result text, test_type text, tested_at timestamptz) on commit drop`);
  // Rows of one code share its sample or pool; the first stands for them.
  await tx.execute(sql`with src as (select distinct on (sample_id, pool_id) * from testing_matched where old_result is null order by sample_id, pool_id, row),
    s as (update testing_samples t set ${common}, result = src.result, ct_value = src.ct, state_by = ${actor.accountId}::int
            from src where src.sample_id is not null and t.id = src.sample_id returning t.id, src.result, src.test_type, src.tested_at),
    p as (update testing_pools t set ${common}, result = src.result, ct_value = src.ct
            from src where src.pool_id is not null and t.id = src.pool_id returning t.id, src.result, src.test_type, src.tested_at)
    insert into testing_applied select 'sample', id, result, test_type, tested_at from s union all select 'pool', id, result, test_type, tested_at from p`);
  await tx.execute(sql`analyze testing_applied`);
  // The samples in a tested pool are tested with it; their result is the pool's.
  await tx.execute(sql`update testing_samples t set state = 'tested', received_at = case when t.state in ('sent', 'received') then coalesce(t.received_at, a.tested_at) end,
      tested_at = a.tested_at, test_type = a.test_type, state_by = ${actor.accountId}::int, import_id = ${opts.importId}::int
    from testing_applied a where a.kind = 'pool' and t.pool_id = a.id`);
  const [counts] = await queryRows<{ applied: number; unchanged: number }>(
    tx,
    sql`select (select count(*) from testing_applied)::int as applied,
               (select count(distinct code) from testing_matched where old_result is not null)::int as unchanged`,
  );
  return counts;
}

/**
 * Checks every row and, when none has a problem, records them all. Returns the problems (row,
 * field, message key) instead when there are any; the caller throws, rolling the transaction back.
 */
export async function applyResults(tx: DbOrTx, actor: Actor, rows: IncomingResult[], opts: ApplyOptions): Promise<{ problems: RowProblem[]; problemCount: number } | Applied> {
  // One writer of results at a time, so the checks below see every result recorded before.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('testing-results'))`);
  await load(tx, rows);
  const found = await problems(tx, actor, opts);
  if (found.total > 0) return { problems: found.rows, problemCount: found.total };
  return write(tx, actor, opts);
}
