import { pgTable, bigint, text, integer, jsonb, timestamp } from 'drizzle-orm/pg-core';

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  accountId: integer('account_id'),
  username: text('username'),
  role: text('role'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  personId: bigint('person_id', { mode: 'number' }),
  ip: text('ip'),
  via: text('via'),
  details: jsonb('details'),
});
export type AuditRow = typeof auditLog.$inferSelect;
