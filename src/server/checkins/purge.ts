// Check-ins are personal data kept only for the retention period of the profile in force
// (rules.retention.checkInDays). A scheduled job calls purgeCheckins: each batch adds its rows to
// the daily per-venue counts of checkin_stats and deletes them in one statement, so the counts
// and the deletion commit together and no batch holds locks for long.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';
import { retentionDays } from './rules.js';

export interface CheckinPurgeResult {
  /** Check-ins before this instant were purged. */
  before: Date;
  retentionDays: number;
  deleted: number;
  batches: number;
}

export const PURGE_BATCH = 20_000;
/** Bounds one run: 5,000 batches of 20,000 rows is more than a month of a province's check-ins. */
const MAX_BATCHES = 5_000;

export async function purgeCheckins(db: Db, now = new Date(), batchSize = PURGE_BATCH): Promise<CheckinPurgeResult> {
  const days = await retentionDays(db, now);
  const before = new Date(now.getTime() - days * 86_400_000);
  let deleted = 0;
  let batches = 0;
  while (batches < MAX_BATCHES) {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from checkins where id in (
              select id from checkins where checked_in_at < ${before.toISOString()}::timestamptz limit ${batchSize})
            returning venue_id, commune_id, checked_in_at
          ), counted as (
            insert into checkin_stats (day, venue_id, commune_id, visits)
            select (checked_in_at at time zone 'Asia/Ho_Chi_Minh')::date, venue_id, min(commune_id), count(*)
              from gone group by 1, 2
            on conflict (day, venue_id) do update set visits = checkin_stats.visits + excluded.visits
          )
          select count(*)::int as n from gone`,
    );
    batches++;
    deleted += n;
    if (n < batchSize) break;
  }
  return { before, retentionDays: days, deleted, batches };
}
