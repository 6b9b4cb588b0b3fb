// SQL pieces shared by the two ways of recomputing levels (levels-ball.ts, levels-relax.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { SOURCE_STATUSES } from '../../shared/api/cases.js';

/** A list of ids as one text parameter, cast to bigint[] in the query. */
export const idArray = (ids: readonly number[]) => `{${ids.map((id) => String(Math.trunc(Number(id)))).join(',')}}`;

export const SOURCES = sql.raw(SOURCE_STATUSES.map((s) => `'${s}'`).join(', '));

/** Neighbours of `alias`.pid over standing exposures, as rows (pid, eid, started_at). */
export const neighbours = (alias: string): SQL =>
  sql.raw(`(
    select e.contact_id as pid, e.id as eid, e.started_at from exposures e where e.source_id = ${alias}.pid and e.removed_at is null
    union all
    select e.source_id, e.id, e.started_at from exposures e where e.contact_id = ${alias}.pid and e.removed_at is null
  )`);

/**
 * The stored level of a person, as a scalar look-up: the scratch tables have no statistics, and
 * a join would let the planner scan all of contact_levels for a handful of rows.
 */
export const storedLevel = (expr: string): SQL => sql.raw(`(select level from contact_levels where person_id = ${expr})`);

/**
 * A scratch table, empty on return. It lives as long as the connection and empties at each
 * commit, so a recompute does not pay for creating and dropping its tables every time.
 */
export async function temp(tx: DbOrTx, name: string, columns: string): Promise<void> {
  await tx.execute(sql.raw(`create temp table if not exists ${name} (${columns}) on commit delete rows`));
  await tx.execute(sql.raw(`delete from ${name}`));
}

/**
 * What each strategy leaves for the common diff: lv_out, one row for every person whose level it
 * decided, with the new state (level null: not traced).
 */
export async function outputTable(tx: DbOrTx): Promise<void> {
  await temp(tx, 'lv_out', 'pid bigint primary key, level int, via bigint, via_exp bigint, exposed_at timestamptz, root bigint, own_case bigint');
}
