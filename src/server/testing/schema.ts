import { pgTable, serial, bigint, text, integer, boolean, date, jsonb, numeric, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import { POOLING, POOL_GROUPS, RESAMPLE_REASONS, SAMPLE_STATES, SITE_KINDS, TARGET_KINDS, TASK_STATUSES, TEST_RESULTS, TEST_TYPES } from '../../shared/api/testing.js';

const at = (name: string) => timestamp(name, { withTimezone: true });
/** Ct values come back as numbers, not numeric's text. */
const ct = (name: string) => numeric(name, { precision: 4, scale: 1, mode: 'number' });

export const testingSites = pgTable('testing_sites', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  nameKey: text('name_key').notNull(),
  kind: text('kind', { enum: SITE_KINDS }).notNull(),
  venueId: integer('venue_id'),
  addressLine: text('address_line').notNull().default(''),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type SiteRow = typeof testingSites.$inferSelect;

export const testingLabs = pgTable('testing_labs', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type LabRow = typeof testingLabs.$inferSelect;

export const testingCampaigns = pgTable('testing_campaigns', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  unitId: integer('unit_id').notNull(),
  communeId: integer('commune_id'),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  targetKind: text('target_kind', { enum: TARGET_KINDS }).notNull(),
  target: jsonb('target').$type<Record<string, unknown>>().notNull(),
  sharePct: numeric('share_pct', { precision: 5, scale: 2, mode: 'number' }),
  seed: bigint('seed', { mode: 'number' }).notNull(),
  pooling: text('pooling', { enum: POOLING }).notNull(),
  poolSize: integer('pool_size'),
  poolGroupBy: text('pool_group_by', { enum: POOL_GROUPS }),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  resampleDueHours: integer('resample_due_hours').notNull(),
  candidates: integer('candidates').notNull().default(0),
  outsideJurisdiction: integer('outside_jurisdiction').notNull().default(0),
  status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
  profileId: integer('profile_id').notNull(),
  createdBy: integer('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type CampaignRow = typeof testingCampaigns.$inferSelect;

export const testingCampaignSites = pgTable(
  'testing_campaign_sites',
  { campaignId: integer('campaign_id').notNull(), siteId: integer('site_id').notNull() },
  (t) => [primaryKey({ columns: [t.campaignId, t.siteId] })],
);

export const testingCampaignMembers = pgTable(
  'testing_campaign_members',
  { campaignId: integer('campaign_id').notNull(), personId: bigint('person_id', { mode: 'number' }).notNull(), rank: integer('rank').notNull() },
  (t) => [primaryKey({ columns: [t.campaignId, t.personId] })],
);

export const testingResultImports = pgTable('testing_result_imports', {
  id: serial('id').primaryKey(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull().unique(),
  labId: integer('lab_id'),
  rows: integer('rows').notNull(),
  applied: integer('applied').notNull(),
  unchanged: integer('unchanged').notNull(),
  importedBy: integer('imported_by'),
  importedAt: at('imported_at').notNull().defaultNow(),
});

const custody = {
  state: text('state', { enum: SAMPLE_STATES }).notNull().default('collected'),
  labId: integer('lab_id'),
  collectedAt: at('collected_at').notNull(),
  sentAt: at('sent_at'),
  receivedAt: at('received_at'),
  testedAt: at('tested_at'),
  testType: text('test_type', { enum: TEST_TYPES }),
  result: text('result', { enum: TEST_RESULTS }),
  ctValue: ct('ct_value'),
  resultBy: integer('result_by'),
  importId: integer('import_id'),
  createdAt: at('created_at').notNull().defaultNow(),
};

export const testingPools = pgTable('testing_pools', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  campaignId: integer('campaign_id').notNull(),
  siteId: integer('site_id').notNull(),
  sizeLimit: integer('size_limit').notNull(),
  groupKey: text('group_key'),
  closedAt: at('closed_at'),
  createdBy: integer('created_by'),
  ...custody,
});
export type PoolRow = typeof testingPools.$inferSelect;

export const testingSamples = pgTable('testing_samples', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  siteId: integer('site_id').notNull(),
  campaignId: integer('campaign_id'),
  poolId: bigint('pool_id', { mode: 'number' }),
  requestedTest: text('requested_test', { enum: TEST_TYPES }).notNull(),
  stateBy: integer('state_by'),
  collectedBy: integer('collected_by'),
  ...custody,
});
export type SampleRow = typeof testingSamples.$inferSelect;

export const testingSampleEvents = pgTable('testing_sample_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sampleId: bigint('sample_id', { mode: 'number' }).notNull(),
  poolId: bigint('pool_id', { mode: 'number' }),
  fromState: text('from_state', { enum: SAMPLE_STATES }),
  toState: text('to_state', { enum: SAMPLE_STATES }).notNull(),
  at: at('at').notNull(),
  accountId: integer('account_id'),
  labId: integer('lab_id'),
  recordedAt: at('recorded_at').notNull().defaultNow(),
});

export const testingResampleTasks = pgTable('testing_resample_tasks', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  sampleId: bigint('sample_id', { mode: 'number' }).notNull(),
  poolId: bigint('pool_id', { mode: 'number' }),
  campaignId: integer('campaign_id'),
  reason: text('reason', { enum: RESAMPLE_REASONS }).notNull(),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  dueAt: at('due_at').notNull(),
  status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
  newSampleId: bigint('new_sample_id', { mode: 'number' }),
  createdAt: at('created_at').notNull().defaultNow(),
  doneAt: at('done_at'),
});

export const testingCaseProposals = pgTable('testing_case_proposals', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sampleId: bigint('sample_id', { mode: 'number' }).notNull().unique(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  proposedStatus: text('proposed_status', { enum: ['suspected', 'confirmed'] }).notNull(),
  criterion: text('criterion'),
  status: text('status', { enum: ['pending', 'created', 'existing', 'failed'] }).notNull().default('pending'),
  caseId: bigint('case_id', { mode: 'number' }),
  error: text('error'),
  createdAt: at('created_at').notNull().defaultNow(),
  processedAt: at('processed_at'),
});
