import { pgTable, bigint, text, integer, date, jsonb, timestamp, real } from 'drizzle-orm/pg-core';

export const people = pgTable('people', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  docType: text('doc_type', { enum: ['cccd', 'cmnd', 'passport'] }),
  docNumber: text('doc_number'),
  phone: text('phone'),
  fullName: text('full_name').notNull(),
  nameKey: text('name_key').notNull(),
  birthDate: date('birth_date'),
  birthYear: integer('birth_year').notNull(),
  sex: text('sex', { enum: ['male', 'female', 'other'] }).notNull(),
  nationality: text('nationality').notNull().default('VN'),
  addressLine: text('address_line').notNull().default(''),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  mergedInto: bigint('merged_into', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type PersonRow = typeof people.$inferSelect;

export const personDuplicates = pgTable('person_duplicates', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  personA: bigint('person_a', { mode: 'number' }).notNull(),
  personB: bigint('person_b', { mode: 'number' }).notNull(),
  score: real('score').notNull(),
  reasons: jsonb('reasons').$type<string[]>().notNull(),
  status: text('status', { enum: ['open', 'merged', 'dismissed'] }).notNull().default('open'),
  detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
  decidedBy: integer('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

export const personMerges = pgTable('person_merges', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  keptId: bigint('kept_id', { mode: 'number' }).notNull(),
  mergedId: bigint('merged_id', { mode: 'number' }).notNull(),
  reason: text('reason').notNull(),
  duplicateId: bigint('duplicate_id', { mode: 'number' }),
  mergedSnapshot: jsonb('merged_snapshot').notNull(),
  keptBefore: jsonb('kept_before').notNull(),
  mergedBy: integer('merged_by').notNull(),
  mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
});
