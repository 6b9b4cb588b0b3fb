// Tables of migrations/0011_quarantine.sql: facilities and their structure, stays with their
// events and tests, health checks, transfer proposals, capacity targets and self-report links.
import { pgTable, serial, bigint, text, integer, smallint, boolean, date, jsonb, numeric, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import {
  BED_KINDS,
  CAMERA_STATUSES,
  CAPACITY_KINDS,
  FACILITY_KINDS,
  FACILITY_STATUSES,
  FUNDING_SOURCES,
  PROPOSAL_STATUSES,
  ROOM_SEXES,
  STAY_CATEGORIES,
  STAY_EVENT_KINDS,
  STAY_KINDS,
  STAY_PLACES,
  STAY_RISKS,
  STAY_SOURCES,
  STAY_STATUSES,
  STAY_TEST_RESULTS,
  STAY_TEST_STATUSES,
} from '../../shared/api/quarantine.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const facilities = pgTable('facilities', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: FACILITY_KINDS }).notNull(),
  tier: smallint('tier'),
  paid: boolean('paid').notNull().default(false),
  fundingSource: text('funding_source', { enum: FUNDING_SOURCES }).notNull().default('state'),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  managingUnitId: integer('managing_unit_id'),
  addressLine: text('address_line').notNull().default(''),
  status: text('status', { enum: FACILITY_STATUSES }).notNull().default('ready'),
  oxygenBeds: integer('oxygen_beds').notNull().default(0),
  icuBeds: integer('icu_beds').notNull().default(0),
  familyRooms: boolean('family_rooms').notNull().default(false),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type FacilityRow = typeof facilities.$inferSelect;

export const facilityZones = pgTable('facility_zones', {
  id: serial('id').primaryKey(),
  facilityId: integer('facility_id').notNull(),
  name: text('name').notNull(),
});

export const facilityRooms = pgTable('facility_rooms', {
  id: serial('id').primaryKey(),
  facilityId: integer('facility_id').notNull(),
  zoneId: integer('zone_id'),
  code: text('code').notNull(),
  capacity: integer('capacity').notNull(),
  sex: text('sex', { enum: ROOM_SEXES }).notNull().default('any'),
});
export type RoomRow = typeof facilityRooms.$inferSelect;

export const facilityBeds = pgTable('facility_beds', {
  id: serial('id').primaryKey(),
  roomId: integer('room_id').notNull(),
  code: text('code').notNull(),
  kind: text('kind', { enum: BED_KINDS }).notNull().default('normal'),
});

export const facilityStaff = pgTable('facility_staff', {
  id: serial('id').primaryKey(),
  facilityId: integer('facility_id').notNull(),
  fullName: text('full_name').notNull(),
  phone: text('phone'),
  role: text('role').notNull(),
  onDutyFrom: at('on_duty_from').notNull(),
  onDutyTo: at('on_duty_to'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const facilityCameras = pgTable('facility_cameras', {
  id: serial('id').primaryKey(),
  facilityId: integer('facility_id').notNull(),
  label: text('label').notNull(),
  url: text('url').notNull(),
  lastStatus: text('last_status', { enum: CAMERA_STATUSES }).notNull().default('unknown'),
  lastCheckedAt: at('last_checked_at'),
});

export const stays = pgTable('stays', {
  id: id(),
  personId: ref('person_id').notNull(),
  kind: text('kind', { enum: STAY_KINDS }).notNull(),
  place: text('place', { enum: STAY_PLACES }).notNull(),
  facilityId: integer('facility_id'),
  roomId: integer('room_id'),
  bedId: integer('bed_id'),
  tier: smallint('tier'),
  category: text('category', { enum: STAY_CATEGORIES }).notNull(),
  risk: text('risk', { enum: STAY_RISKS }).notNull(),
  source: text('source', { enum: STAY_SOURCES }).notNull(),
  caseId: ref('case_id'),
  profileId: integer('profile_id').notNull(),
  ruleId: text('rule_id').notNull(),
  admittedAt: at('admitted_at').notNull(),
  admissionDay: date('admission_day').notNull(),
  plannedUntil: date('planned_until').notNull(),
  status: text('status', { enum: STAY_STATUSES }).notNull().default('active'),
  dischargedAt: at('discharged_at'),
  certificateNumber: text('certificate_number').unique(),
  transferredToStayId: ref('transferred_to_stay_id'),
  overrideReason: text('override_reason'),
  placeReason: text('place_reason'),
  fundingSource: text('funding_source', { enum: FUNDING_SOURCES }).notNull().default('state'),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type StayRow = typeof stays.$inferSelect;

export const stayEvents = pgTable('stay_events', {
  id: id(),
  stayId: ref('stay_id').notNull(),
  kind: text('kind', { enum: STAY_EVENT_KINDS }).notNull(),
  at: at('at').notNull().defaultNow(),
  by: integer('by'),
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
});

/** The rooms a stay was in and when (written by a trigger on stays, migration 0017); until null: as long as the stay. */
export const stayRooms = pgTable('stay_rooms', {
  id: id(),
  stayId: ref('stay_id').notNull(),
  roomId: integer('room_id').notNull(),
  fromAt: at('from_at').notNull(),
  untilAt: at('until_at'),
});

export const stayTests = pgTable('stay_tests', {
  id: id(),
  stayId: ref('stay_id').notNull(),
  dayNumber: integer('day_number').notNull(),
  dueOn: date('due_on').notNull(),
  status: text('status', { enum: STAY_TEST_STATUSES }).notNull().default('open'),
  sampleCode: text('sample_code'),
  result: text('result', { enum: STAY_TEST_RESULTS }),
  resultAt: at('result_at'),
  recordedBy: integer('recorded_by'),
});
export type StayTestRow = typeof stayTests.$inferSelect;

export const healthChecks = pgTable('health_checks', {
  id: id(),
  stayId: ref('stay_id').notNull(),
  at: at('at').notNull(),
  reportedByAccount: integer('reported_by_account'),
  selfReport: boolean('self_report').notNull().default(false),
  temperature: numeric('temperature', { precision: 4, scale: 1, mode: 'number' }),
  spo2: integer('spo2'),
  respiratoryRate: integer('respiratory_rate'),
  pulse: integer('pulse'),
  systolic: integer('systolic'),
  diastolic: integer('diastolic'),
  symptoms: text('symptoms').array().notNull().default([]),
  warnings: jsonb('warnings').$type<unknown[]>().notNull().default([]),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type HealthCheckRow = typeof healthChecks.$inferSelect;

export const transferProposals = pgTable('transfer_proposals', {
  id: id(),
  stayId: ref('stay_id').notNull(),
  healthCheckId: ref('health_check_id'),
  fromTier: smallint('from_tier'),
  toTier: smallint('to_tier').notNull(),
  reasons: jsonb('reasons').$type<unknown[]>().notNull().default([]),
  status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
  decidedBy: integer('decided_by'),
  decidedAt: at('decided_at'),
  createdAt: at('created_at').notNull().defaultNow(),
  // added by migrations/0012_quarantine_monitoring.sql
  decisionNote: text('decision_note'),
  transferredStayId: ref('transferred_stay_id'),
});
export type TransferProposalRow = typeof transferProposals.$inferSelect;

export const capacityTargets = pgTable(
  'capacity_targets',
  {
    unitId: integer('unit_id').notNull(),
    kind: text('kind', { enum: CAPACITY_KINDS }).notNull(),
    target: integer('target').notNull(),
    updatedBy: integer('updated_by'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.kind] })],
);

export const homeReportsTokens = pgTable('home_reports_tokens', {
  stayId: ref('stay_id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: at('created_at').notNull().defaultNow(),
});
