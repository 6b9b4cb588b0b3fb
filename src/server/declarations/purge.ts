// Declarations are personal health data kept only for the retention period of the profile in
// force (rules.retention.declarationDays). Their daily counts per commune and kind outlive them
// in declaration_stats, written in the same transaction as the deletion.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { profileInForce } from '../profiles/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { DISEASE } from './submit.js';

export interface PurgeResult {
  /** Declarations submitted before this instant were deleted. */
  cutoff: string;
  deleted: number;
}

/** Deletes declarations (and their triage actions) older than the retention period; for the scheduled job. */
export async function purgeDeclarations(db: Db, now = new Date()): Promise<PurgeResult> {
  const profile = await profileInForce(db, DISEASE, todayInVietnam(now));
  const cutoff = new Date(now.getTime() - profile.rules.retention.declarationDays * 86_400_000);
  const deleted = await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into declaration_stats (date, commune_id, kind, count, symptomatic_count)
      select (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date, commune_id, kind, count(*)::int,
             (count(*) filter (where jsonb_array_length(answers -> 'symptoms') > 0))::int
        from declarations where submitted_at < ${cutoff.toISOString()}
       group by 1, 2, 3
      on conflict (date, commune_id, kind) do update
        set count = declaration_stats.count + excluded.count,
            symptomatic_count = declaration_stats.symptomatic_count + excluded.symptomatic_count`);
    // Triage actions go with their declaration (on delete cascade); a newer declaration that
    // superseded a purged one keeps standing (supersedes_id set null).
    const rows = await queryRows<{ id: number }>(tx, sql`delete from declarations where submitted_at < ${cutoff.toISOString()} returning id`);
    return rows.length;
  });
  return { cutoff: cutoff.toISOString(), deleted };
}
