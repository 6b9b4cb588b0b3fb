import { pgTable, bigint, serial, text, integer, date, jsonb, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import type { DeclarationAnswers, TravelAnswers, ArrivalAnswers, TriageReasonDetail } from '../../shared/api/declarations.js';

export const personDevices = pgTable('person_devices', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  keyHash: text('key_hash').notNull().unique(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  /** null until the device shows it holds the person's phone (a person already registered) */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  codeHash: text('code_hash'),
  codeSentAt: timestamp('code_sent_at', { withTimezone: true }),
  codeAttempts: integer('code_attempts').notNull().default(0),
});

export const personalQr = pgTable('personal_qr', {
  qrId: text('qr_id').primaryKey(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const declarations = pgTable('declarations', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  kind: text('kind', { enum: ['health', 'domestic_travel', 'arrival'] }).notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  deviceId: bigint('device_id', { mode: 'number' }),
  profileId: integer('profile_id').notNull(),
  provinceId: integer('province_id').notNull(),
  districtId: integer('district_id'),
  communeId: integer('commune_id').notNull(),
  answers: jsonb('answers').$type<DeclarationAnswers>().notNull(),
  travel: jsonb('travel').$type<TravelAnswers>(),
  arrival: jsonb('arrival').$type<ArrivalAnswers>(),
  personDifferences: jsonb('person_differences').$type<string[]>().notNull().default([]),
  supersedesId: bigint('supersedes_id', { mode: 'number' }),
  triageStatus: text('triage_status', { enum: ['not_needed', 'pending', 'handled'] }).notNull(),
  triageReasons: jsonb('triage_reasons').$type<TriageReasonDetail[]>().notNull().default([]),
});
export type DeclarationRow = typeof declarations.$inferSelect;

export const declarationTriageActions = pgTable('declaration_triage_actions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
  action: text('action', { enum: ['called', 'asked_to_test', 'home_monitoring', 'no_action'] }).notNull(),
  outcome: text('outcome').notNull().default(''),
  accountId: integer('account_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const outbreakAreas = pgTable('outbreak_areas', {
  id: serial('id').primaryKey(),
  kind: text('kind', { enum: ['unit', 'country'] }).notNull(),
  unitCode: text('unit_code'),
  countryCode: text('country_code'),
  label: text('label').notNull(),
  fromDate: date('from_date').notNull(),
  untilDate: date('until_date'),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type OutbreakAreaRow = typeof outbreakAreas.$inferSelect;

export const declarationStats = pgTable(
  'declaration_stats',
  {
    date: date('date').notNull(),
    communeId: integer('commune_id').notNull(),
    kind: text('kind').notNull(),
    count: integer('count').notNull(),
    symptomaticCount: integer('symptomatic_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.communeId, t.kind] })],
);
