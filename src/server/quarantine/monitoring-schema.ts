// Tables of migrations/0012_quarantine_monitoring.sql that 0011 does not have. The columns it adds
// to transfer_proposals (decision_note, transferred_stay_id) are read and written in SQL.
import { bigint, date, integer, pgTable } from 'drizzle-orm/pg-core';

export const homeSigns = pgTable('home_signs', {
  stayId: bigint('stay_id', { mode: 'number' }).primaryKey(),
  postedOn: date('posted_on').notNull(),
  postedBy: integer('posted_by'),
  removedOn: date('removed_on'),
  removedBy: integer('removed_by'),
});
