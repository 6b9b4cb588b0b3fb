import { pgTable, serial, text, integer, date, jsonb, timestamp } from 'drizzle-orm/pg-core';

export const diseaseProfiles = pgTable('disease_profiles', {
  id: serial('id').primaryKey(),
  disease: text('disease').notNull(),
  version: integer('version').notNull(),
  label: text('label').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  rules: jsonb('rules').notNull(),
  notes: text('notes').notNull().default(''),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
