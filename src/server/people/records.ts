// One person, several records: a merge keeps the merged record, pointing at the person kept
// (merged_into), and the rows of other capabilities keep the id they were made with. These
// follow merges in both directions (index people_merged).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';

/** Merges chain rarely (a kept person merged again); this bounds a corrupt cycle. */
export const MAX_MERGE_DEPTH = 16;
const depth = sql.raw(String(MAX_MERGE_DEPTH));

/**
 * Rows (person_id, record_id): each person of `personIds` (an SQL expression of bigint[]) with
 * every record that stands for them, their own id first and then those merged into them.
 */
export function recordsOfSql(personIds: SQL): SQL {
  return sql`(
    with recursive r(person_id, record_id, depth) as (
      select u.id, u.id, 0 from unnest(${personIds}) as u(id)
      union all
      select r.person_id, p.id, r.depth + 1 from r
        join people p on p.merged_into = r.record_id and p.merged_into is not null
       where r.depth < ${depth}
    )
    select distinct person_id, record_id from r
  )`;
}

/** Rows (id, kept): every merged record with the person it finally stands for. */
export function mergedRecordsSql(): SQL {
  return sql`(
    with recursive m(id, kept, depth) as (
      select id, merged_into, 1 from people where merged_into is not null
      union all
      select m.id, p.merged_into, m.depth + 1 from m
        join people p on p.id = m.kept and p.merged_into is not null
       where m.depth < ${depth}
    )
    select distinct on (id) id, kept from m order by id, depth desc
  )`;
}

/** The ids of a person's records: their own and every one merged into them. */
export async function recordIdsOf(db: DbOrTx, personId: number): Promise<number[]> {
  const rows = await queryRows<{ record_id: string | number }>(db, sql`select record_id from ${recordsOfSql(sql`array[${personId}::bigint]`)} r order by record_id`);
  return rows.map((r) => Number(r.record_id));
}
