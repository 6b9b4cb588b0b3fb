// Testing: sites and labs, sampling campaigns, samples and pools with their chain of custody,
// lab results (one by one or a lab's file), re-sampling tasks, the capacity view and the
// citizen's result look-up: the API both the server and the screens use.
import { z } from 'zod';
import { nfc } from '../vn/text.js';
import { personInput, personSummary } from './people.js';

export const SITE_KINDS = ['fixed', 'mobile', 'venue', 'checkpoint', 'facility'] as const;
export const TEST_TYPES = ['rt_pcr', 'rapid_antigen'] as const;
export type TestType = (typeof TEST_TYPES)[number];
export const TEST_RESULTS = ['positive', 'negative', 'invalid'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const SAMPLE_STATES = ['collected', 'sent', 'received', 'tested'] as const;
export type SampleState = (typeof SAMPLE_STATES)[number];
export const TARGET_KINDS = ['commune_population', 'venue_visitors', 'factory_workers', 'cluster_contacts', 'explicit'] as const;
export const POOLING = ['none', 'low_risk', 'high_risk'] as const;
export const POOL_GROUPS = ['household', 'building'] as const;
export const RESAMPLE_REASONS = ['pool_positive', 'pool_invalid', 'invalid_result'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
/** What a citizen's look-up shows: a result, or why there is none yet. */
export const LOOKUP_RESULTS = ['pending', 'positive', 'negative', 'invalid', 'pool_positive'] as const;

// ---- sample and pool codes -----------------------------------------------------------------
// A code is a kind letter (S sample, P pool), 8 characters and a check character, all from
// Crockford's base 32 without Z: 31 symbols, a prime count, so a weighted sum mod 31 catches
// every mistyped character and every swap of two neighbours before any look-up. Short enough to
// read over the phone; 8 random characters give about 40 bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const BASE = 31n;
export const CODE_KINDS = { sample: 'S', pool: 'P' } as const;
export type CodeKind = keyof typeof CODE_KINDS;

/** The check character c of a 9-character body: sum of (position + 1) × value, plus 10c, is 0 mod 31. */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]);
  // 28 is the inverse of 10 mod 31.
  return ALPHABET[(((31 - (sum % 31)) % 31) * 28) % 31];
}

/** A code from 40 random bits (5 bytes). */
export function codeFromBytes(kind: CodeKind, bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes.slice(0, 5)) n = (n << 8n) | BigInt(b);
  let body = '';
  for (let i = 0; i < 8; i++, n /= BASE) body = ALPHABET[Number(n % BASE)] + body;
  const withKind = CODE_KINDS[kind] + body;
  return withKind + checkCharacter(withKind);
}

/** As typed or scanned: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The kind of a well-formed code whose check character holds, else null. */
export function codeKind(code: string): CodeKind | null {
  if (!/^[SP][0-9A-HJKMNP-TV-Y]{9}$/.test(code)) return null;
  if (checkCharacter(code.slice(0, 9)) !== code[9]) return null;
  return code[0] === 'S' ? 'sample' : 'pool';
}

const E = (key: string) => `testing.errors.${key}`;
const anyCode = z
  .string(E('code_invalid'))
  .transform(normalizeCode)
  .refine((c) => codeKind(c) !== null, E('code_invalid'));
const codeOf = (kind: CodeKind) => anyCode.refine((c) => codeKind(c) === kind, E(`${kind}_code_expected`));
export const sampleOrPoolCode = anyCode;

const text = (min: number, max: number, key: string) => z.string(E(key)).transform(nfc).pipe(z.string().trim().min(min, E(key)).max(max, E(key)));
const id = (key: string) => z.number(E(key)).int(E(key)).positive(E(key));
const isoDate = z.iso.date(E('date_invalid'));
const instant = z.iso.datetime({ offset: true, error: E('time_invalid') });
const paging = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };
const ref = z.object({ id: z.number(), name: z.string() });

// ---- sites and labs ------------------------------------------------------------------------

export const siteInput = z.object({
  name: text(2, 200, 'name_length'),
  kind: z.enum(SITE_KINDS, E('site_kind_unknown')),
  venueId: id('venue_unknown').nullish().transform((v) => v ?? null),
  addressLine: text(0, 200, 'address_length').default(''),
  communeId: id('commune_required'),
});
export type SiteInput = z.input<typeof siteInput>;
export const siteView = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(SITE_KINDS),
  venueId: z.number().nullable(),
  addressLine: z.string(),
  communeId: z.number(),
  communeName: z.string(),
  active: z.boolean(),
});
export type SiteView = z.infer<typeof siteView>;

export const labInput = z.object({
  code: z.string(E('lab_code_invalid')).trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,29}$/, E('lab_code_invalid')),
  name: text(2, 200, 'name_length'),
  communeId: id('commune_required'),
});
export type LabInput = z.input<typeof labInput>;
export const labView = z.object({ id: z.number(), code: z.string(), name: z.string(), communeId: z.number(), communeName: z.string(), active: z.boolean() });
export type LabView = z.infer<typeof labView>;

// ---- campaigns -----------------------------------------------------------------------------

const windowTarget = { venueId: id('venue_required'), from: instant, to: instant };
export const campaignTarget = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('commune_population'), communeId: id('commune_required') }),
    z.object({ kind: z.literal('venue_visitors'), ...windowTarget }),
    /** The workers of an industrial-zone company: the check-ins at a venue of type factory. */
    z.object({ kind: z.literal('factory_workers'), ...windowTarget }),
    /** The traced contacts of a cluster's cases at these levels (1 = F1). */
    z.object({ kind: z.literal('cluster_contacts'), clusterId: id('cluster_required'), levels: z.array(z.number().int().min(1).max(5)).min(1).default([1]) }),
    z.object({ kind: z.literal('explicit'), personIds: z.array(id('person_required')).min(1, E('people_required')).max(50_000, E('too_many_people')) }),
  ],
  E('target_kind_unknown'),
);
export type CampaignTarget = z.output<typeof campaignTarget>;

export const campaignInput = z
  .object({
    name: text(2, 200, 'name_length'),
    unitId: id('unit_required'),
    target: campaignTarget,
    /** Draw this share of the target at random (reproducibly); null: everyone. */
    sharePct: z.number(E('share_range')).gt(0, E('share_range')).max(100, E('share_range')).nullish().transform((v) => v ?? null),
    /** The seed of the draw; a new one when not given. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).nullish().transform((v) => v ?? null),
    pooling: z.enum(POOLING, E('pooling_unknown')).default('none'),
    poolGroupBy: z.enum(POOL_GROUPS, E('pool_group_unknown')).nullish().transform((v) => v ?? null),
    startsOn: isoDate,
    endsOn: isoDate,
    siteIds: z.array(id('site_unknown')).min(1, E('sites_required')).max(200),
    /** How soon a member of a positive pool must be sampled again. */
    resampleDueHours: z.number(E('resample_hours_range')).int(E('resample_hours_range')).min(1, E('resample_hours_range')).max(720, E('resample_hours_range')).default(24),
  })
  .superRefine((c, ctx) => {
    if (c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: E('ends_before_start') });
    if (c.pooling === 'none' && c.poolGroupBy) ctx.addIssue({ code: 'custom', path: ['poolGroupBy'], message: E('group_without_pooling') });
  });
export type CampaignInput = z.input<typeof campaignInput>;

export const campaignView = z.object({
  id: z.number(),
  name: z.string(),
  unit: ref,
  targetKind: z.enum(TARGET_KINDS),
  target: z.record(z.string(), z.unknown()),
  sharePct: z.number().nullable(),
  seed: z.number(),
  pooling: z.enum(POOLING),
  poolSize: z.number().nullable(),
  poolGroupBy: z.enum(POOL_GROUPS).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  resampleDueHours: z.number(),
  sites: z.array(ref),
  candidates: z.number(),
  outsideJurisdiction: z.number(),
  members: z.number(),
  /** People sampled in the campaign, drawn or not. */
  sampled: z.number(),
  /** Drawn members sampled: the campaign's progress. */
  sampledMembers: z.number(),
  status: z.enum(['active', 'closed']),
  createdAt: z.string(),
});
export type CampaignView = z.infer<typeof campaignView>;
export const listCampaignsResponse = z.object({ rows: z.array(campaignView) });

export const membersQuery = z.object({ status: z.enum(['pending', 'sampled']).optional(), ...paging });
export type MembersQuery = z.input<typeof membersQuery>;
export const membersResponse = z.object({
  total: z.number(),
  rows: z.array(z.object({ rank: z.number(), personId: z.number(), person: personSummary.nullable(), sampleCode: z.string().nullable() })),
});
export type MembersResponse = z.infer<typeof membersResponse>;

// ---- samples, pools, custody ---------------------------------------------------------------

/** A sample taken at a site: a person already found (personId) or identified on the spot (person). */
export const sampleInput = z
  .object({
    siteId: id('site_unknown'),
    campaignId: id('campaign_unknown').nullish().transform((v) => v ?? null),
    personId: id('person_required').nullish().transform((v) => v ?? null),
    person: personInput.nullish().transform((v) => v ?? null),
    /** A pre-printed label scanned at the site; a new code when not given. */
    code: codeOf('sample').nullish().transform((v) => v ?? null),
    /** The pool tube's label, when staff pool by hand; otherwise the campaign pools on its own. */
    poolCode: codeOf('pool').nullish().transform((v) => v ?? null),
    requestedTest: z.enum(TEST_TYPES, E('test_type_unknown')).default('rt_pcr'),
    collectedAt: instant.nullish().transform((v) => v ?? null),
  })
  .superRefine((s, ctx) => {
    if ((s.personId === null) === (s.person === null)) ctx.addIssue({ code: 'custom', path: ['personId'], message: E('person_required') });
    if (s.poolCode && !s.campaignId) ctx.addIssue({ code: 'custom', path: ['poolCode'], message: E('pool_without_campaign') });
  });
export type SampleInput = z.input<typeof sampleInput>;

export const historyEntry = z.object({ fromState: z.enum(SAMPLE_STATES).nullable(), toState: z.enum(SAMPLE_STATES), at: z.string(), accountName: z.string().nullable(), labName: z.string().nullable() });
export const sampleView = z.object({
  id: z.number(),
  code: z.string(),
  personId: z.number(),
  person: personSummary.nullable(),
  site: ref,
  campaignId: z.number().nullable(),
  pool: z.object({ id: z.number(), code: z.string(), sizeLimit: z.number(), members: z.number(), closed: z.boolean() }).nullable(),
  requestedTest: z.enum(TEST_TYPES),
  state: z.enum(SAMPLE_STATES),
  lab: ref.nullable(),
  collectedAt: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  testedAt: z.string().nullable(),
  testType: z.enum(TEST_TYPES).nullable(),
  /** The sample's own result, or its pool's. */
  result: z.enum(TEST_RESULTS).nullable(),
  resultFrom: z.enum(['sample', 'pool']).nullable(),
  ctValue: z.number().nullable(),
  /** Whether the person is a drawn member of the campaign. */
  campaignMember: z.boolean(),
  /** How the person on the spot was found in the registry (null: registered now or given by id). */
  matched: z.enum(['doc', 'phone_name', 'name_birth_commune']).nullable(),
  /** The re-sampling task this sample fulfils. */
  resampleTaskId: z.number().nullable(),
});
export type SampleView = z.infer<typeof sampleView>;
export const sampleDetail = sampleView.extend({ history: z.array(historyEntry) });
export type SampleDetail = z.infer<typeof sampleDetail>;

export const custodyBody = z.object({
  /** Sample or pool codes; a pool moves with all its samples. */
  codes: z.array(anyCode).min(1, E('codes_required')).max(20_000, E('too_many_codes')),
  to: z.enum(['sent', 'received'], E('state_unknown')),
  labId: id('lab_unknown').nullish().transform((v) => v ?? null),
  at: instant.nullish().transform((v) => v ?? null),
});
export type CustodyBody = z.input<typeof custodyBody>;
export const custodyResponse = z.object({ samples: z.number(), pools: z.number() });

// ---- results --------------------------------------------------------------------------------

/** One result, as entered on screen or read from a row of a lab's file. */
export const resultInput = z
  .object({
    code: anyCode,
    testType: z.enum(TEST_TYPES, E('test_type_unknown')),
    result: z.enum(TEST_RESULTS, E('result_unknown')),
    ctValue: z.number(E('ct_range')).gt(0, E('ct_range')).max(50, E('ct_range')).nullish().transform((v) => (v == null ? null : Math.round(v * 10) / 10)),
    testedAt: instant,
    labId: id('lab_unknown').nullish().transform((v) => v ?? null),
  })
  .superRefine((r, ctx) => {
    if (r.testType === 'rapid_antigen' && r.ctValue !== null) ctx.addIssue({ code: 'custom', path: ['ctValue'], message: E('ct_not_rapid') });
    if (r.testType === 'rt_pcr' && r.result === 'positive' && r.ctValue === null) ctx.addIssue({ code: 'custom', path: ['ctValue'], message: E('ct_required') });
  });
export type ResultInput = z.input<typeof resultInput>;
export type ResultRow = z.output<typeof resultInput>;

export const resultsSummary = z.object({
  importId: z.number().nullable(),
  /** The same file was imported before: nothing changed. */
  alreadyImported: z.boolean(),
  rows: z.number(),
  applied: z.number(),
  /** Rows that repeat a result already recorded. */
  unchanged: z.number(),
  positives: z.number(),
  positivePools: z.number(),
  resampleTasks: z.number(),
  caseProposals: z.number(),
});
export type ResultsSummary = z.infer<typeof resultsSummary>;

/** Recorded results, newest first: what a lab entered or imported, and what the sites read. */
export const resultsQuery = z.object({
  /** Vietnam days of the test time, both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  result: z.enum(TEST_RESULTS).optional(),
  testType: z.enum(TEST_TYPES).optional(),
  labId: z.coerce.number().int().positive().optional(),
  /** A sample or pool code; a pooled sample's code finds its pool. */
  code: z.string().max(40).transform(normalizeCode).optional(),
  ...paging,
});
export type ResultsQuery = z.input<typeof resultsQuery>;
export const resultView = z.object({
  kind: z.enum(['sample', 'pool']),
  code: z.string(),
  /** The person of a sample (null for a pool); the summary is null outside the reader's jurisdiction. */
  personId: z.number().nullable(),
  person: personSummary.nullable(),
  /** How many samples a pool holds. */
  members: z.number().nullable(),
  testType: z.enum(TEST_TYPES),
  result: z.enum(TEST_RESULTS),
  ctValue: z.number().nullable(),
  collectedAt: z.string(),
  testedAt: z.string(),
  site: ref,
  lab: ref.nullable(),
  campaignId: z.number().nullable(),
  /** From a lab's file (its import id) rather than entered one by one. */
  importId: z.number().nullable(),
});
export type ResultView = z.infer<typeof resultView>;
export const resultsResponse = z.object({ total: z.number(), rows: z.array(resultView) });

export const resampleTasksQuery = z.object({ status: z.enum(TASK_STATUSES).default('open'), campaignId: z.coerce.number().int().positive().optional(), ...paging });
export type ResampleTasksQuery = z.input<typeof resampleTasksQuery>;
export const resampleTaskView = z.object({
  id: z.number(),
  personId: z.number(),
  person: personSummary.nullable(),
  sampleCode: z.string(),
  poolCode: z.string().nullable(),
  campaignId: z.number().nullable(),
  reason: z.enum(RESAMPLE_REASONS),
  dueAt: z.string(),
  overdue: z.boolean(),
  status: z.enum(TASK_STATUSES),
  newSampleCode: z.string().nullable(),
});
export const resampleTasksResponse = z.object({ total: z.number(), rows: z.array(resampleTaskView) });

export const labelsQuery = z.object({ kind: z.enum(['sample', 'pool']).default('sample'), count: z.coerce.number().int().min(1).max(200).default(24) });

// ---- capacity -------------------------------------------------------------------------------

export const capacityQuery = z.object({ from: isoDate, to: isoDate, unitId: z.coerce.number().int().positive().optional() });
export type CapacityQuery = z.input<typeof capacityQuery>;
const positivity = { tested: z.number(), positive: z.number(), positivityPct: z.number().nullable() };
const turnaround = { samples: z.number(), p50Hours: z.number().nullable(), p90Hours: z.number().nullable() };
export const capacityResponse = z.object({
  bySite: z.array(z.object({ day: z.string(), site: ref, collected: z.number() })),
  byLab: z.array(z.object({ day: z.string(), lab: ref, received: z.number(), tested: z.number() })),
  turnaround: z.object(turnaround),
  turnaroundByLab: z.array(z.object({ lab: ref, ...turnaround })),
  backlog: z.array(z.object({ state: z.enum(['collected', 'sent', 'received']), samples: z.number(), oldestAt: z.string().nullable() })),
  positivityByCommune: z.array(z.object({ commune: ref, ...positivity })),
  positivityByCampaign: z.array(z.object({ campaign: ref, ...positivity })),
});
export type CapacityResponse = z.infer<typeof capacityResponse>;

// ---- citizens -------------------------------------------------------------------------------

export const lookupBody = z.object({
  code: z.string(E('lookup_refused')).max(40, E('lookup_refused')),
  /** The CCCD/CMND number or the phone number given at sampling. */
  identity: z.string(E('identity_required')).trim().min(6, E('identity_required')).max(40, E('identity_required')),
});
export type LookupBody = z.input<typeof lookupBody>;
export const lookupResult = z.object({
  code: z.string(),
  result: z.enum(LOOKUP_RESULTS),
  testType: z.enum(TEST_TYPES).nullable(),
  sampledAt: z.string(),
  testedAt: z.string().nullable(),
  /** A negative result counts until then (profile: testing.certificateValidityHours from the sample). */
  validUntil: z.string().nullable(),
  valid: z.boolean(),
  certificateAvailable: z.boolean(),
});
export type LookupResultDto = z.infer<typeof lookupResult>;

// ---- case proposals -------------------------------------------------------------------------

export const PROPOSAL_STATUSES = ['pending', 'created', 'existing', 'failed'] as const;
export const caseProposalsQuery = z.object({ status: z.enum(PROPOSAL_STATUSES).optional(), ...paging });
export type CaseProposalsQuery = z.input<typeof caseProposalsQuery>;
export const caseProposalView = z.object({
  id: z.number(),
  personId: z.number(),
  person: personSummary.nullable(),
  sampleCode: z.string(),
  testType: z.enum(TEST_TYPES),
  testedAt: z.string(),
  proposedStatus: z.enum(['suspected', 'confirmed']),
  /** The case definition's criterion that confirms it (rt_pcr_positive …); null: suspected. */
  criterion: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  caseId: z.number().nullable(),
  /** Why the case could not be opened (a message key). */
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type CaseProposalView = z.infer<typeof caseProposalView>;
export const caseProposalsResponse = z.object({ total: z.number(), rows: z.array(caseProposalView) });
