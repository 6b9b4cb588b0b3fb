// Cases (F0), contacts and their levels, tracing proposals and tasks, clusters and the
// transmission graph: the API both the server and the staff screens use.
import { z } from 'zod';
import { nfc } from '../vn/text.js';
import { personSummary } from './people.js';
import { TRACING_TASK_KINDS } from '../profiles/rules.js';

export const CASE_STATUSES = ['suspected', 'confirmed', 'isolating', 'in_treatment', 'recovered', 're_positive', 'died', 'transferred', 'ruled_out'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** A case in one of these is a source of exposure: its contacts are traced. */
export const SOURCE_STATUSES: readonly CaseStatus[] = ['confirmed', 'isolating', 'in_treatment', 'recovered', 're_positive', 'died', 'transferred'];
/** Where a case may go from each status; the server refuses anything else on the field `status`, the case page offers these. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  suspected: ['confirmed', 'ruled_out'],
  confirmed: ['isolating', 'in_treatment', 'recovered', 'died', 'transferred', 'ruled_out'],
  isolating: ['in_treatment', 'recovered', 'died', 'transferred', 'ruled_out'],
  in_treatment: ['isolating', 'recovered', 'died', 'transferred', 'ruled_out'],
  recovered: ['re_positive'],
  re_positive: ['isolating', 'in_treatment', 'recovered', 'died', 'transferred'],
  died: [],
  transferred: [],
  ruled_out: [],
};
export const CASE_LOCATIONS = ['unknown', 'home', 'facility', 'hospital'] as const;
export const CONFIRMATIONS = ['test', 'manual'] as const;
export const EXPOSURE_SETTINGS = ['household', 'workplace', 'venue', 'vehicle', 'checkpoint', 'care_without_ppe', 'facility', 'other'] as const;
export type ExposureSetting = (typeof EXPOSURE_SETTINGS)[number];
export const EXPOSURE_ORIGINS = ['manual', 'proposal', 'import'] as const;
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
/** A crowd is screened (dismissed from person-by-person tracing) or expanded into proposals. */
export const CROWD_STATUSES = ['pending', 'expanded', 'dismissed'] as const;
export const TASK_KINDS = TRACING_TASK_KINDS;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const TASK_OUTCOMES = ['reached', 'unreachable', 'located', 'quarantined', 'monitoring', 'tested', 'refused', 'moved_away'] as const;
/** Why a level changed; each is a message key cases.levelReasons.<reason> with the params stored beside it. */
export const LEVEL_REASONS = ['case_confirmed', 'contact_of', 'source_moved_up', 'case_ruled_out', 'exposure_removed', 'no_longer_reachable', 'merged'] as const;

const text = (max: number, key = 'cases.errors.too_long') => z.string(key).transform(nfc).pipe(z.string().trim().max(max, key));
const reason = z.string('cases.errors.reason_required').transform(nfc).pipe(z.string().trim().min(3, 'cases.errors.reason_required').max(500, 'cases.errors.too_long'));
const isoDate = z.iso.date('cases.errors.date_invalid');
const instant = z.iso.datetime({ offset: true, message: 'cases.errors.time_invalid' });
/** A query-string flag: "false" is false (z.coerce.boolean would make it true); services may pass a boolean. */
const flag = z.union([z.boolean(), z.stringbool()]).optional();
const id = (key: string) => z.number(key).int(key).positive(key);

// ---- cases ---------------------------------------------------------------------------------

/**
 * Open a case for a registered person. Confirmed at once with a test reference or a manual
 * reason; "suspected" waits for a test. Onset null: asymptomatic (the window then counts from
 * the positive sample).
 */
export const caseInput = z
  .object({
    personId: id('cases.errors.person_required'),
    status: z.enum(['suspected', 'confirmed'], 'cases.errors.status_unknown'),
    confirmation: z.enum(CONFIRMATIONS, 'cases.errors.confirmation_unknown').nullish().transform((v) => v ?? null),
    confirmationTest: text(100).nullish().transform((v) => v || null),
    confirmationReason: text(500).nullish().transform((v) => v || null),
    symptomOnset: isoDate.nullish().transform((v) => v ?? null),
    positiveSampleDate: isoDate.nullish().transform((v) => v ?? null),
    location: z.enum(CASE_LOCATIONS, 'cases.errors.location_unknown').default('unknown'),
    treatmentTier: z.number().int().min(1, 'cases.errors.tier_range').max(3, 'cases.errors.tier_range').nullish().transform((v) => v ?? null),
    locationNote: text(300).default(''),
    imported: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.status === 'confirmed') {
      if (!c.confirmation) issue('confirmation', 'cases.errors.confirmation_required');
      if (c.confirmation === 'test' && !c.confirmationTest) issue('confirmationTest', 'cases.errors.test_required');
      if (c.confirmation === 'manual' && (c.confirmationReason ?? '').length < 3) issue('confirmationReason', 'cases.errors.reason_required');
      if (!c.symptomOnset && !c.positiveSampleDate) issue('positiveSampleDate', 'cases.errors.onset_or_sample_required');
    }
    if (c.location === 'hospital' && c.treatmentTier === null) issue('treatmentTier', 'cases.errors.tier_required');
  });
export type CaseInput = z.input<typeof caseInput>;

/** Move a case on: confirm a suspected one (same confirmation fields), isolate, treat, recover, re-positive, die, transfer, rule out. */
export const caseStatusBody = z.object({
  status: z.enum(CASE_STATUSES, 'cases.errors.status_unknown'),
  note: text(500).default(''),
  confirmation: z.enum(CONFIRMATIONS).nullish().transform((v) => v ?? null),
  confirmationTest: text(100).nullish().transform((v) => v || null),
  confirmationReason: text(500).nullish().transform((v) => v || null),
  positiveSampleDate: isoDate.nullish().transform((v) => v ?? null),
  /** recovered: the negative test that ends the infectious window */
  negativeTestDate: isoDate.nullish().transform((v) => v ?? null),
  transferredTo: text(200).nullish().transform((v) => v || null),
  location: z.enum(CASE_LOCATIONS).nullish().transform((v) => v ?? null),
  treatmentTier: z.number().int().min(1, 'cases.errors.tier_range').max(3, 'cases.errors.tier_range').nullish().transform((v) => v ?? null),
});
export type CaseStatusBody = z.input<typeof caseStatusBody>;

export const caseStatusEntry = z.object({ status: z.enum(CASE_STATUSES), note: z.string(), accountName: z.string().nullable(), at: z.string() });

export const caseView = z.object({
  id: z.number(),
  /** "BN123"; null while suspected */
  code: z.string().nullable(),
  person: personSummary,
  status: z.enum(CASE_STATUSES),
  confirmation: z.enum(CONFIRMATIONS).nullable(),
  confirmationTest: z.string().nullable(),
  confirmationReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  symptomOnset: z.string().nullable(),
  positiveSampleDate: z.string().nullable(),
  infectiousFrom: z.string().nullable(),
  infectiousUntil: z.string().nullable(),
  location: z.enum(CASE_LOCATIONS),
  treatmentTier: z.number().nullable(),
  locationNote: z.string(),
  transferredTo: z.string().nullable(),
  sourceCase: z.object({ id: z.number(), code: z.string().nullable(), personName: z.string().nullable() }).nullable(),
  sourceKnown: z.boolean(),
  imported: z.boolean(),
  cluster: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type CaseView = z.infer<typeof caseView>;

export const caseDetail = caseView.extend({
  history: z.array(caseStatusEntry),
  /** Counts of this case's traced people by level (1 = F1 …). */
  contactCounts: z.array(z.object({ level: z.number(), count: z.number() })),
  pendingProposals: z.number(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const listCasesQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  clusterId: z.coerce.number().int().positive().optional(),
  /** only confirmed cases whose source is not known */
  unknownSource: flag,
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListCasesQuery = z.input<typeof listCasesQuery>;
export const listCasesResponse = z.object({ total: z.number(), rows: z.array(caseView) });

// ---- exposures and levels --------------------------------------------------------------------

export const exposureInput = z
  .object({
    sourceId: id('cases.errors.source_required'),
    contactId: id('cases.errors.contact_required'),
    setting: z.enum(EXPOSURE_SETTINGS, 'cases.errors.setting_unknown'),
    place: text(300).default(''),
    venueId: z.number().int().positive().nullish().transform((v) => v ?? null),
    startedAt: instant,
    endedAt: instant.nullish().transform((v) => v ?? null),
    evidence: text(1000).default(''),
  })
  .superRefine((e, ctx) => {
    if (e.sourceId === e.contactId) ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'cases.errors.self_exposure' });
    if (e.endedAt && e.endedAt < e.startedAt) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'cases.errors.end_before_start' });
  });
export type ExposureInput = z.input<typeof exposureInput>;

export const exposureView = z.object({
  id: z.number(),
  source: z.object({ id: z.number(), fullName: z.string().nullable() }),
  contact: z.object({ id: z.number(), fullName: z.string().nullable() }),
  setting: z.enum(EXPOSURE_SETTINGS),
  place: z.string(),
  venue: z.object({ id: z.number(), name: z.string() }).nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()),
  origin: z.enum(EXPOSURE_ORIGINS),
  removedAt: z.string().nullable(),
});
export type ExposureView = z.infer<typeof exposureView>;
export const removeExposureBody = z.object({ reason });

export const levelChangeView = z.object({
  fromLevel: z.number().nullable(),
  toLevel: z.number().nullable(),
  reason: z.enum(LEVEL_REASONS),
  /** e.g. { via: "Nguyễn Văn A", caseCode: "BN12" }, for the cases.levelReasons.<reason> message */
  params: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type LevelChangeView = z.infer<typeof levelChangeView>;

/** A person as tracing sees them: current level, why, exposures, open tasks. */
export const personTracing = z.object({
  personId: z.number(),
  level: z.number().nullable(),
  rootCase: z.object({ id: z.number(), code: z.string().nullable() }).nullable(),
  via: z.object({ id: z.number(), fullName: z.string().nullable() }).nullable(),
  exposedAt: z.string().nullable(),
  caseId: z.number().nullable(),
  changes: z.array(levelChangeView),
  exposures: z.array(exposureView),
});
export type PersonTracing = z.infer<typeof personTracing>;

export const contactRow = z.object({
  person: personSummary.nullable(),
  /** Counted but not named when the person lives outside the reader's jurisdiction. */
  personId: z.number(),
  level: z.number(),
  via: z.object({ id: z.number(), fullName: z.string().nullable() }).nullable(),
  exposedAt: z.string().nullable(),
  since: z.string(),
  openTasks: z.number(),
});
export const listContactsQuery = z.object({
  caseId: z.coerce.number().int().positive().optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const listContactsResponse = z.object({ total: z.number(), rows: z.array(contactRow) });

// ---- proposals --------------------------------------------------------------------------------

export const proposalView = z.object({
  id: z.number(),
  subject: z.object({ id: z.number(), fullName: z.string().nullable(), level: z.number().nullable() }),
  candidate: personSummary.nullable(),
  candidateId: z.number(),
  candidateLevel: z.number().nullable(),
  setting: z.enum(EXPOSURE_SETTINGS),
  venue: z.object({ id: z.number(), name: z.string() }).nullable(),
  subjectVisitId: z.number().nullable(),
  overlapStart: z.string().nullable(),
  overlapMinutes: z.number().nullable(),
  /** what the proposal rests on: check-in times, the shared address, vehicle and seat … */
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(PROPOSAL_STATUSES),
  decidedAt: z.string().nullable(),
});
export type ProposalView = z.infer<typeof proposalView>;

export const listProposalsQuery = z.object({
  /** a case's proposals: those of its person and of its traced contacts */
  caseId: z.coerce.number().int().positive().optional(),
  subjectId: z.coerce.number().int().positive().optional(),
  status: z.enum(PROPOSAL_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export const listProposalsResponse = z.object({ total: z.number(), rows: z.array(proposalView) });

/** Decide proposals one by one, or every pending one of one visit of the subject. */
export const decideProposalsBody = z
  .object({
    decision: z.enum(['accept', 'reject'], 'cases.errors.decision_unknown'),
    ids: z.array(z.number().int().positive()).max(1000).optional(),
    subjectVisitId: z.number().int().positive().optional(),
    /** every pending proposal of these cases (or of a cluster's cases), or of the contacts traced from them */
    caseIds: z.array(z.number().int().positive()).max(1000).optional(),
    clusterId: z.number().int().positive().optional(),
    subjects: z.enum(['cases', 'contacts'], 'cases.errors.subjects_unknown').default('cases'),
    reason: text(500).default(''),
  })
  .refine((b) => (b.ids?.length ?? 0) > 0 || b.subjectVisitId !== undefined || (b.caseIds?.length ?? 0) > 0 || b.clusterId !== undefined, { path: ['ids'], message: 'cases.errors.nothing_to_decide' });
export type DecideProposalsBody = z.input<typeof decideProposalsBody>;
export const decideProposalsResponse = z.object({ decided: z.number(), levelChanges: z.number(), tasksCreated: z.number() });

/**
 * A decision on every pending proposal of a cluster (or some cases), or of the contacts traced
 * from them: queued, then run in the background, since a large cluster takes most of a minute.
 */
export const bulkDecisionBody = z
  .object({
    decision: z.enum(['accept', 'reject'], 'cases.errors.decision_unknown'),
    caseIds: z.array(z.number().int().positive()).min(1, 'cases.errors.nothing_to_decide').max(1000).optional(),
    clusterId: z.number().int().positive().optional(),
    subjects: z.enum(['cases', 'contacts'], 'cases.errors.subjects_unknown').default('cases'),
    reason: text(500).default(''),
  })
  .refine((b) => (b.caseIds === undefined) !== (b.clusterId === undefined), { path: ['clusterId'], message: 'tracing.errors.bulk_scope' });
export type BulkDecisionBody = z.input<typeof bulkDecisionBody>;
export const BULK_DECISION_STATUSES = ['queued', 'done', 'failed'] as const;
export const bulkDecisionView = z.object({
  id: z.number(),
  clusterId: z.number().nullable(),
  decision: z.enum(['accept', 'reject']),
  subjects: z.enum(['cases', 'contacts']),
  /** running: queued and taken up by a process (startedAt set) */
  status: z.enum([...BULK_DECISION_STATUSES, 'running']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: decideProposalsResponse.nullable(),
  /** why it failed: the same code, message key and field an immediate decision would have answered */
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable(),
});
export type BulkDecisionView = z.infer<typeof bulkDecisionView>;
export const listBulkDecisionsQuery = z.object({
  clusterId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const listBulkDecisionsResponse = z.object({ rows: z.array(bulkDecisionView) });

export const runTracingResponse = z.object({ proposed: z.number(), autoAccepted: z.number() });

// ---- crowds: visits shared with more people than the profile's crowdSize -----------------------
export const crowdView = z.object({
  id: z.number(),
  subject: z.object({ id: z.number(), fullName: z.string().nullable(), level: z.number().nullable() }),
  venue: z.object({ id: z.number(), name: z.string(), address: z.string() }),
  subjectVisitId: z.number(),
  windowStart: z.string(),
  windowEnd: z.string(),
  /** co-visitors whose presence overlapped the subject's by the profile's minutes */
  people: z.number(),
  status: z.enum(CROWD_STATUSES),
  decidedAt: z.string().nullable(),
});
export type CrowdView = z.infer<typeof crowdView>;
export const listCrowdsQuery = z.object({
  caseId: z.coerce.number().int().positive().optional(),
  status: z.enum(CROWD_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const listCrowdsResponse = z.object({ total: z.number(), rows: z.array(crowdView) });
/** Expand: propose the crowd's people one by one; dismiss: screened another way (announcement, testing). */
export const decideCrowdBody = z.object({ decision: z.enum(['expand', 'dismiss'], 'cases.errors.decision_unknown'), reason: text(500).default('') });
export const decideCrowdResponse = z.object({ crowd: crowdView, proposed: z.number() });

// ---- contact list import -----------------------------------------------------------------------

export const importResponse = z.object({ rows: z.number(), created: z.number(), existing: z.number(), peopleCreated: z.number() });

// ---- tasks -------------------------------------------------------------------------------------

export const taskView = z.object({
  id: z.number(),
  person: personSummary.nullable(),
  personId: z.number(),
  kind: z.enum(TASK_KINDS),
  level: z.number(),
  caseCode: z.string().nullable(),
  caseId: z.number().nullable(),
  communeName: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  assignedTo: z.object({ id: z.number(), name: z.string() }).nullable(),
  status: z.enum(TASK_STATUSES),
  outcome: z.enum(TASK_OUTCOMES).nullable(),
  note: z.string(),
  doneAt: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskView>;
export const listTasksQuery = z.object({
  status: z.enum(TASK_STATUSES).default('open'),
  overdue: flag,
  kind: z.enum(TASK_KINDS).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  caseId: z.coerce.number().int().positive().optional(),
  personId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
/** The worklist's filters without paging: the XLSX export takes every task they select. */
export const exportTasksQuery = listTasksQuery.omit({ limit: true, offset: true });
export const listTasksResponse = z.object({ total: z.number(), overdue: z.number(), rows: z.array(taskView) });
/** Outcomes uploaded in the exported worklist: rows with an outcome, tasks completed by them, and those already done with it. */
export const importOutcomesResponse = z.object({ rows: z.number(), completed: z.number(), unchanged: z.number() });
export const completeTaskBody = z.object({ outcome: z.enum(TASK_OUTCOMES, 'cases.errors.outcome_unknown'), note: text(1000).default('') });
export const assignTaskBody = z.object({ accountId: id('cases.errors.account_required').nullable() });

// ---- clusters and graph ------------------------------------------------------------------------

export const clusterView = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(['active', 'closed']),
  communeName: z.string().nullable(),
  cases: z.number(),
  firstConfirmed: z.string().nullable(),
  lastConfirmed: z.string().nullable(),
  createdAt: z.string(),
  /** the decision on this cluster queued or running, if any */
  deciding: z.object({ id: z.number(), subjects: z.enum(['cases', 'contacts']) }).nullable(),
});
export type ClusterView = z.infer<typeof clusterView>;
export const renameClusterBody = z.object({ name: z.string().transform(nfc).pipe(z.string().trim().min(3, 'cases.errors.name_length').max(200, 'cases.errors.name_length')) });
export const detectClustersResponse = z.object({ created: z.number(), grown: z.number(), clusters: z.array(clusterView) });

export const graphQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  clusterId: z.coerce.number().int().positive().optional(),
  caseId: z.coerce.number().int().positive().optional(),
  /** deepest contact level drawn (0 = cases only) */
  maxLevel: z.coerce.number().int().min(0).max(5).default(2),
  limit: z.coerce.number().int().min(1).max(5000).default(1500),
});
export type GraphQuery = z.input<typeof graphQuery>;
export const graphNode = z.object({
  personId: z.number(),
  /** the name, or null for a person outside the reader's jurisdiction */
  label: z.string().nullable(),
  level: z.number(),
  caseId: z.number().nullable(),
  caseCode: z.string().nullable(),
  caseStatus: z.enum(CASE_STATUSES).nullable(),
  clusterId: z.number().nullable(),
  communeId: z.number(),
});
export const graphEdge = z.object({ source: z.number(), target: z.number(), setting: z.enum(EXPOSURE_SETTINGS), transmission: z.boolean() });
export const graphResponse = z.object({ nodes: z.array(graphNode), edges: z.array(graphEdge), truncated: z.boolean() });
export type GraphResponse = z.infer<typeof graphResponse>;
