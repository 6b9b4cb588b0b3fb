// The rules of a disease profile. Every decision the software makes about cases, contacts,
// quarantine, tests, risk levels, vaccination and treatment reads its numbers from here, so a
// province can move to new rules (or a new disease) by saving a new profile version.
// Objects are strict: an unknown key is refused rather than silently ignored.
import { z } from 'zod';
import { checkRules, CROSS_FIELD_CHECKS } from './checks.js';

export { CROSS_FIELD_CHECKS };

export const F0_CRITERIA = ['rt_pcr_positive', 'f1_rapid_positive', 'symptoms_rapid_epi_link', 'two_rapid_positive'] as const;
export const QUARANTINE_CATEGORIES = ['close_contact', 'arrival_abroad', 'arrival_lockdown_area'] as const;
/** Whom a quarantine rule applies to; "any" covers everyone in the category. */
export const VACCINATION_STATUSES = [
  'any',
  'fully_vaccinated',
  'not_fully_vaccinated',
  'fully_vaccinated_or_recovered',
  'neither_vaccinated_nor_recovered',
] as const;
export const QUARANTINE_PLACES = ['centralized', 'home', 'none'] as const;
export const COVERAGE_MEASURES = [
  'adults_one_dose',
  'adults_fully_vaccinated',
  'age50_fully_vaccinated',
  'high_risk_fully_vaccinated',
] as const;
export const CAPACITY_RULES = ['no_lowering'] as const;
export const TRANSPORT_MEASURES = ['none', 'limit_from_affected_areas', 'public_transport_stopped'] as const;
export const EXEMPT_PLACES = ['office', 'school', 'hospital'] as const;
export const VITAL_SIGNS = ['respiratory_rate', 'pulse', 'temperature', 'spo2', 'blood_pressure'] as const;
export const SEVERITIES = ['asymptomatic', 'mild', 'moderate', 'severe', 'critical'] as const;
export const RELEASE_TESTS = ['rapid_antigen_negative', 'rt_pcr_negative', 'none'] as const;
export const CERTIFICATE_FORMATS = ['eu_dcc'] as const;
export const SUPPORT_UNITS = ['once', 'per_day'] as const;
export const TRACING_TASK_KINDS = ['reach_phone', 'locate', 'quarantine', 'home_monitoring', 'test'] as const;

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'profiles.errors.slug');
const text = z.string().trim().min(1).max(300);
const localized = z.strictObject({ vi: text, en: text });
const isoDate = z.iso.date();
const days = z.number().int().min(0).max(3650);
const count = z.number().int().positive();
const pct = z.number().min(0).max(100);
const metres = z.number().positive().max(100);
/** Ids of entries in `sources` that the section follows. */
const sourceRefs = z.array(slug).max(20);
const unique = <T extends z.ZodType>(item: T) => z.array(item).refine((a) => new Set(a).size === a.length, 'profiles.errors.duplicate');

const source = z.strictObject({
  id: slug,
  /** Document number as issued, e.g. "5599/BYT-MT"; a description when there is none. */
  number: text,
  /** Date the document was signed, when known. */
  issued: isoDate.nullable(),
  title: localized,
});

const caseDefinition = z.strictObject({
  /** Any one of these makes a person a confirmed case (F0). */
  confirmedBy: unique(z.enum(F0_CRITERIA)).min(1),
  /** "Two positive rapid tests in a row": the second within this many hours of the first. */
  repeatRapidWithinHours: count.max(72),
  sources: sourceRefs,
});

const contacts = z.strictObject({
  closeContactDistanceM: metres,
  /** Masked within the distance or in the same closed space for at least this long. */
  maskedMinMinutes: count.max(1440),
  /** Unmasked within the distance: close contact whatever the duration. */
  unmaskedAnyDuration: z.boolean(),
  bodyContactIsClose: z.boolean(),
  caregiverWithoutPpeIsClose: z.boolean(),
  /** F2: within this distance of an F1 between the F1's possible infection and quarantine. */
  secondaryDistanceM: metres,
  infectiousDaysBeforeOnset: days.max(30),
  /** For asymptomatic cases: days before the positive sample. */
  infectiousDaysBeforePositiveSample: days.max(30),
  infectiousUntil: z.enum(['negative_test']),
  /** Deepest contact level traced (2 = F1 and F2). */
  maxTracingLevel: count.max(5),
  /** A contact who tests positive becomes F0 and their contacts move one level up. */
  escalateOnPositive: z.boolean(),
  sources: sourceRefs,
});

const quarantineRule = z.strictObject({
  id: slug,
  category: z.enum(QUARANTINE_CATEGORIES),
  vaccination: z.enum(VACCINATION_STATUSES),
  /** First place is the default; the others are allowed where the locality permits. */
  places: unique(z.enum(QUARANTINE_PLACES)).min(1),
  days,
  monitoringDays: days,
  /** Day numbers of quarantine (day 1 = first day) on which a test is due. */
  testDays: z.array(count),
  signAtHome: z.boolean(),
  /** Within the profile version, the rule applies to decisions made from / before these dates. */
  from: isoDate.nullable(),
  until: isoDate.nullable(),
  source: slug,
});

export const DEFAULT_QUARANTINE_ALLOCATION = { separateByDay: true, separateByRisk: true, familyRooms: true, separateBySex: true } as const;

// How rooms of a centralized facility are filled so that quarantine does not spread the disease
// inside it. Profiles saved before it read these defaults.
const allocation = z
  .strictObject({
    /** People admitted on different (Vietnam) days never share a room: each day is a cohort. */
    separateByDay: z.boolean(),
    /** People of different risk (F0, F1, F2, arrivals) never share a room. */
    separateByRisk: z.boolean(),
    /** A household may share a family room where the facility has them. */
    familyRooms: z.boolean(),
    /** Rooms marked for men or women take only them; a family room holds a mixed household. */
    separateBySex: z.boolean(),
  })
  .default(() => ({ ...DEFAULT_QUARANTINE_ALLOCATION }));

const quarantine = z.strictObject({ rules: z.array(quarantineRule), allocation, sources: sourceRefs });

const vaccinationStatus = z.strictObject({
  minDaysAfterLastDose: days,
  maxMonthsAfterLastDose: count.max(120),
  maxMonthsForArrivals: count.max(120),
  /** A recovered person counts like a vaccinated one for this long after recovery. */
  recoveredWithinMonths: count.max(120),
  sources: sourceRefs,
});

const screening = z.strictObject({
  /** Risk level numbers this interval applies to. */
  levels: unique(count).min(1),
  minIntervalDays: count.max(60),
  maxIntervalDays: count.max(60),
  source: slug,
});

const testing = z.strictObject({
  pooling: z.strictObject({
    lowRiskPoolSize: count.max(50),
    highRiskPoolSize: count.max(50),
    groupBy: unique(z.enum(['household', 'building'])),
    /** A positive pool: re-sample and test each member on their own. */
    retestMembersIndividually: z.boolean(),
    sources: sourceRefs,
  }),
  screening: z.array(screening),
  certificateValidityHours: count.max(720),
  sources: sourceRefs,
});

const level = z.strictObject({
  level: count,
  code: slug,
  name: localized,
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'profiles.errors.colour'),
});

/** A parent unit is at `level` when ≥ minSharePct % of its units, or ≥ minCount of them, are at childLevel or above. */
const aggregationRule = z.strictObject({
  level: count,
  childLevel: count,
  minSharePct: pct.nullable(),
  minCount: count.nullable(),
});

const riskLevels = z.strictObject({
  model: z.strictObject({ name: localized, decision: text }),
  levels: z.array(level).min(1),
  /** New community cases per 100,000 per week; band i runs from its min up to the next band's min. */
  caseBands: z.array(z.strictObject({ min: z.number().min(0), minInclusive: z.boolean() })).min(1),
  coverage: z.strictObject({
    measure: z.enum(COVERAGE_MEASURES),
    /** Column i of the matrix: coverage at or above thresholds[i-1] (column 0: below the first). */
    thresholds: z.array(pct),
    /** Criteria that must also hold for any column above 0. */
    alsoRequired: z.array(z.strictObject({ measure: z.enum(COVERAGE_MEASURES), minPct: pct })),
  }),
  /** matrix[caseBand][coverageColumn] = level number */
  matrix: z.array(z.array(count)),
  escalation: z
    .strictObject({ minAgeYears: count.max(120), minFullyVaccinatedPct: pct, raiseLevels: count.max(3) })
    .nullable(),
  capacityNotMet: z.enum(CAPACITY_RULES),
  aggregation: z.array(aggregationRule),
  sources: sourceRefs,
});

const regime = z.strictObject({
  id: slug,
  name: localized,
  /** Largest gathering allowed in a room / outdoors; null: no numeric limit. */
  maxPerRoom: count.nullable(),
  maxOutdoors: count.nullable(),
  exemptPlaces: unique(z.enum(EXEMPT_PLACES)),
  crowdsBanned: z.boolean(),
  stayHome: z.boolean(),
  distanceM: metres,
  transport: z.enum(TRANSPORT_MEASURES),
  goodsTransportBlocked: z.boolean(),
  durationDays: count.max(365).nullable(),
  source: slug,
});

const distancing = z.strictObject({ regimes: z.array(regime), sources: sourceRefs });

const transport = z.strictObject({
  greenLane: z.strictObject({
    testValidityHours: count.max(720),
    /** Vehicles with a Ministry of Transport QR certificate pass without inspection. */
    qrCertificatePassesWithoutInspection: z.boolean(),
    othersShowDeclaration: z.boolean(),
    sources: sourceRefs,
  }),
});

const interval = z.strictObject({ minDays: count.max(365), maxDays: count.max(365) });

const product = z.strictObject({
  id: slug,
  name: text,
  doses: count.max(5),
  /** Days between doses; null for a single dose. */
  interval: interval.nullable(),
  /** Later changes of the interval, each from a date. */
  intervalChanges: z.array(interval.extend({ from: isoDate, source: slug })),
  source: slug,
});

const vaccination = z.strictObject({
  priorityGroups: z.array(z.strictObject({ rank: count, name: localized })),
  products: z.array(product),
  boosterMinMonths: count.max(60),
  observation: z.strictObject({ onSiteMinutes: count.max(240), homeHours: days, recordAdverseEvents: z.boolean() }),
  certificate: z.strictObject({ format: z.enum(CERTIFICATE_FORMATS), validityMonths: count.max(120), source: slug }),
  coverageTargets: z.array(
    z.strictObject({ area: text, minAgeYears: days.max(120), targetPct: pct, by: isoDate.nullable(), source: slug }),
  ),
  sources: sourceRefs,
});

const respiratoryBand = z.strictObject({
  fromYears: days.max(150),
  /** Exclusive; null: no upper bound. */
  toYears: count.max(150).nullable(),
  minRate: count.max(120),
});

const namedItem = z.strictObject({ code: slug, name: localized });

const treatment = z.strictObject({
  homeCare: z.strictObject({
    severities: unique(z.enum(SEVERITIES)).min(1),
    maxRespiratoryRate: count.max(120),
    minSpo2: pct,
    sources: sourceRefs,
  }),
  warningSigns: z.strictObject({
    respiratoryRate: z.array(respiratoryBand).min(1),
    spo2Below: pct,
    pulseAbove: count.max(300),
    pulseBelow: count.max(300),
    systolicBelow: count.max(300),
    diastolicBelow: count.max(300),
    symptoms: z.array(namedItem),
    sources: sourceRefs,
  }),
  monitoring: z.strictObject({ timesPerDay: count.max(24), measures: unique(z.enum(VITAL_SIGNS)).min(1) }),
  release: z.strictObject({ days: count.max(90), test: z.enum(RELEASE_TESTS), sources: sourceRefs }),
  tiers: z.array(
    z.strictObject({ tier: count, name: localized, severities: unique(z.enum(SEVERITIES)).min(1), places: z.array(localized).min(1) }),
  ),
  sources: sourceRefs,
});

const declaration = z.strictObject({
  lookbackDays: count.max(60),
  symptoms: z.array(namedItem).min(1),
  exposureQuestions: z.array(namedItem).min(1),
  sources: sourceRefs,
});

const retention = z.strictObject({ checkInDays: count.max(3650), declarationDays: count.max(3650) });

const tracingTask = z.strictObject({
  /** Contact level the task is created for (1 = F1). */
  level: count.max(5),
  kind: z.enum(TRACING_TASK_KINDS),
  /** Due this many hours after the person reaches the level. */
  dueHours: count.max(720),
});

export const DEFAULT_TRACING = {
  venueOverlapMinutes: 15,
  assumedStayMinutes: 60,
  autoAcceptHousehold: true,
  clusterMinCases: 3,
  crowdSize: 50,
  tasks: [
    { level: 1, kind: 'reach_phone', dueHours: 2 },
    { level: 1, kind: 'quarantine', dueHours: 24 },
    { level: 1, kind: 'test', dueHours: 24 },
    { level: 2, kind: 'reach_phone', dueHours: 24 },
    { level: 2, kind: 'home_monitoring', dueHours: 24 },
  ],
  sources: ['5053-qd-byt'],
} as const;

// Profiles saved before tracing existed read with the defaults.
const tracing = z
  .strictObject({
    /** A venue co-visitor is proposed when their presence overlaps the subject's at least this long. */
    venueOverlapMinutes: count.max(1440),
    /** Presence assumed for a check-in without a check-out. */
    assumedStayMinutes: count.max(1440),
    /** Household members of a traced person become contacts without waiting for a tracer. */
    autoAcceptHousehold: z.boolean(),
    /** Cases linked by transmission or shared exposure form a named cluster from this many. */
    clusterMinCases: count.max(1000),
    /**
     * A visit shared with more people than this is a crowd (a market, a whole factory): proposed
     * once, to screen or to expand on request, not person by person, since a check-in cannot show
     * who was within 2 m. 0 proposes everyone individually. Profiles saved before it read 50.
     */
    crowdSize: z.number().int().min(0).max(100_000).default(50),
    tasks: z.array(tracingTask),
    sources: sourceRefs,
  })
  .default(() => structuredClone({ ...DEFAULT_TRACING, tasks: [...DEFAULT_TRACING.tasks], sources: [...DEFAULT_TRACING.sources] }));

const support = z.strictObject({
  items: z.array(
    z.strictObject({
      code: slug,
      name: localized,
      amountVnd: z.number().int().min(0),
      per: z.enum(SUPPORT_UNITS),
      source: slug,
      /** A per-day item's most days paid for one stay, by the stay's risk (F0 treated, F1 quarantined); none: no cap. */
      maxDays: z.partialRecord(z.enum(['f0', 'f1']), z.number().int().positive().max(3650)).optional(),
    }),
  ),
  sources: sourceRefs,
});

export const profileRulesShape = z.strictObject({
  sources: z.array(source).min(1),
  /** Paths of rules (e.g. "support.items[2].amountVnd") whose values are not confirmed by the official text. */
  unverified: z.array(z.string().max(200)),
  caseDefinition,
  contacts,
  tracing,
  quarantine,
  vaccinationStatus,
  testing,
  riskLevels,
  distancing,
  transport,
  vaccination,
  treatment,
  declaration,
  retention,
  support,
});

export type ProfileRules = z.infer<typeof profileRulesShape>;

export const profileRules = profileRulesShape.superRefine((rules, ctx) => {
  for (const issue of checkRules(rules)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
