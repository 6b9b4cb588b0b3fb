// Tables of migrations/0007_cases_tracing.sql: cases, exposures and the levels derived from them,
// level history, clusters, and the tracing work (proposals, tasks, outbox); tracing_crowds is
// migrations/0010_tracing_crowds.sql.
import { pgTable, bigint, text, integer, smallint, boolean, date, jsonb, timestamp } from 'drizzle-orm/pg-core';
import {
  CASE_LOCATIONS,
  CASE_STATUSES,
  CONFIRMATIONS,
  BULK_DECISION_STATUSES,
  CROWD_STATUSES,
  EXPOSURE_ORIGINS,
  EXPOSURE_SETTINGS,
  LEVEL_REASONS,
  PROPOSAL_STATUSES,
  TASK_KINDS,
  TASK_STATUSES,
} from '../../shared/api/cases.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const clusters = pgTable('clusters', {
  id: id(),
  provinceId: integer('province_id').notNull(),
  number: integer('number').notNull(),
  name: text('name').notNull(),
  communeId: integer('commune_id'),
  districtId: integer('district_id'),
  status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  closedAt: at('closed_at'),
});
export type ClusterRow = typeof clusters.$inferSelect;

export const cases = pgTable('cases', {
  id: id(),
  provinceId: integer('province_id').notNull(),
  number: integer('number'),
  personId: ref('person_id').notNull(),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  status: text('status', { enum: CASE_STATUSES }).notNull(),
  confirmation: text('confirmation', { enum: CONFIRMATIONS }),
  confirmationTest: text('confirmation_test'),
  confirmationReason: text('confirmation_reason'),
  confirmedAt: at('confirmed_at'),
  symptomOnset: date('symptom_onset'),
  positiveSampleDate: date('positive_sample_date'),
  infectiousFrom: date('infectious_from'),
  infectiousUntil: date('infectious_until'),
  location: text('location', { enum: CASE_LOCATIONS }).notNull().default('unknown'),
  treatmentTier: smallint('treatment_tier'),
  locationNote: text('location_note').notNull().default(''),
  transferredTo: text('transferred_to'),
  sourceCaseId: ref('source_case_id'),
  sourceKnown: boolean('source_known').notNull().default(false),
  imported: boolean('imported').notNull().default(false),
  clusterId: ref('cluster_id'),
  profileId: integer('profile_id').notNull(),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type CaseRow = typeof cases.$inferSelect;

export const caseStatusHistory = pgTable('case_status_history', {
  id: id(),
  caseId: ref('case_id').notNull(),
  status: text('status', { enum: CASE_STATUSES }).notNull(),
  note: text('note').notNull().default(''),
  accountId: integer('account_id'),
  at: at('at').notNull().defaultNow(),
});

export const exposures = pgTable('exposures', {
  id: id(),
  sourceId: ref('source_id').notNull(),
  contactId: ref('contact_id').notNull(),
  setting: text('setting', { enum: EXPOSURE_SETTINGS }).notNull(),
  place: text('place').notNull().default(''),
  venueId: integer('venue_id'),
  startedAt: at('started_at').notNull(),
  endedAt: at('ended_at'),
  evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
  origin: text('origin', { enum: EXPOSURE_ORIGINS }).notNull(),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  removedAt: at('removed_at'),
  removedBy: integer('removed_by'),
  removedReason: text('removed_reason'),
});
export type ExposureRow = typeof exposures.$inferSelect;

export const contactLevels = pgTable('contact_levels', {
  personId: ref('person_id').primaryKey(),
  level: smallint('level').notNull(),
  rootCaseId: ref('root_case_id'),
  viaPersonId: ref('via_person_id'),
  viaExposureId: ref('via_exposure_id'),
  exposedAt: at('exposed_at'),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  since: at('since').notNull().defaultNow(),
});

export const levelChanges = pgTable('level_changes', {
  id: id(),
  personId: ref('person_id').notNull(),
  fromLevel: smallint('from_level'),
  toLevel: smallint('to_level'),
  reason: text('reason', { enum: LEVEL_REASONS }).notNull(),
  reasonParams: jsonb('reason_params').$type<Record<string, unknown>>().notNull().default({}),
  caseId: ref('case_id'),
  accountId: integer('account_id'),
  at: at('at').notNull().defaultNow(),
});

export const tracingProposals = pgTable('tracing_proposals', {
  id: id(),
  subjectId: ref('subject_id').notNull(),
  candidateId: ref('candidate_id').notNull(),
  setting: text('setting', { enum: EXPOSURE_SETTINGS }).notNull(),
  venueId: integer('venue_id'),
  subjectVisitId: ref('subject_visit_id'),
  overlapStart: at('overlap_start'),
  overlapMinutes: integer('overlap_minutes'),
  evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
  status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
  exposureId: ref('exposure_id'),
  decidedBy: integer('decided_by'),
  decidedAt: at('decided_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const tracingCrowds = pgTable('tracing_crowds', {
  id: id(),
  subjectId: ref('subject_id').notNull(),
  venueId: integer('venue_id').notNull(),
  subjectVisitId: ref('subject_visit_id').notNull(),
  windowStart: at('window_start').notNull(),
  windowEnd: at('window_end').notNull(),
  /** null until first shown: see countPeople in crowds.ts */
  people: integer('people'),
  status: text('status', { enum: CROWD_STATUSES }).notNull().default('pending'),
  decidedBy: integer('decided_by'),
  decidedAt: at('decided_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const tracingTasks = pgTable('tracing_tasks', {
  id: id(),
  personId: ref('person_id').notNull(),
  kind: text('kind', { enum: TASK_KINDS }).notNull(),
  level: smallint('level').notNull(),
  caseId: ref('case_id'),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  dueAt: at('due_at').notNull(),
  assignedTo: integer('assigned_to'),
  status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
  outcome: text('outcome'),
  note: text('note').notNull().default(''),
  createdAt: at('created_at').notNull().defaultNow(),
  doneAt: at('done_at'),
  doneBy: integer('done_by'),
  overdueNotifiedAt: at('overdue_notified_at'),
});

export const outbox = pgTable('outbox', {
  id: id(),
  channel: text('channel', { enum: ['sms', 'zalo', 'email', 'log'] }).notNull(),
  recipient: text('recipient').notNull(),
  template: text('template').notNull(),
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull().defaultNow(),
  sentAt: at('sent_at'),
});

/** migrations/0021_tracing_bulk_decisions.sql: a cluster's decision, queued and run in the background. */
export const tracingBulkDecisions = pgTable('tracing_bulk_decisions', {
  id: id(),
  provinceId: integer('province_id').notNull(),
  clusterId: ref('cluster_id'),
  body: jsonb('body').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: BULK_DECISION_STATUSES }).notNull().default('queued'),
  requestedBy: integer('requested_by').notNull(),
  requestedIp: text('requested_ip').notNull().default(''),
  requestedAt: at('requested_at').notNull().defaultNow(),
  startedAt: at('started_at'),
  finishedAt: at('finished_at'),
  result: jsonb('result').$type<Record<string, number>>(),
  error: jsonb('error').$type<{ code: string; messageKey: string; field?: string; params?: Record<string, unknown> }>(),
});
