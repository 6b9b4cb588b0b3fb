// Monitoring of stays: daily health checks (by staff, or by the person through a self-report
// link), the warning signs they show and the transfer proposals these raise; home quarantine and
// home treatment; the capacity view with plan targets; the costs of stays. The API both the server
// and the screens use. Stays, facilities and admission are in ./quarantine.ts.
import { z } from 'zod';
import { nfc } from '../vn/text.js';
import { personSummary } from './people.js';
import { CAPACITY_KINDS, FACILITY_KINDS, FACILITY_STATUSES, FUNDING_SOURCES, PROPOSAL_STATUSES, STAY_KINDS, STAY_PLACES, STAY_RISKS, STAY_STATUSES } from './quarantine.js';

const E = (key: string) => `quarantineMonitoring.errors.${key}`;
const isoDate = z.iso.date(E('date_invalid'));
const instant = z.iso.datetime({ offset: true, error: E('time_invalid') });
const paging = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };
const ref = z.object({ id: z.number(), name: z.string() });
const optionalId = z.coerce.number().int().positive().optional();
const note = (key: string) => z.string(E(key)).transform(nfc).pipe(z.string().max(500, E('note_too_long')));

// ---- health checks -------------------------------------------------------------------------

/** What a check may measure; blood pressure is two measures. */
export const MEASURES = ['temperature', 'spo2', 'respiratoryRate', 'pulse', 'systolic', 'diastolic'] as const;
export type Measure = (typeof MEASURES)[number];
/** Which warning sign of the profile's treatment.warningSigns a check showed. */
export const WARNING_CODES = ['respiratory_rate', 'spo2_low', 'pulse_high', 'pulse_low', 'systolic_low', 'diastolic_low', 'symptom'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Plausible ranges, to catch a slip of the finger (39 typed as 93), not to judge health. */
const measure = (min: number, max: number, key: string, whole = true) => {
  const n = whole ? z.number(E(key)).int(E(key)) : z.number(E(key));
  return n.min(min, E(key)).max(max, E(key)).nullish().transform((v) => v ?? null);
};
export const vitalsShape = {
  /** °C, one decimal */
  temperature: z
    .number(E('temperature_range'))
    .min(34, E('temperature_range'))
    .max(43, E('temperature_range'))
    .transform((v) => Math.round(v * 10) / 10)
    .nullish()
    .transform((v) => v ?? null),
  spo2: measure(50, 100, 'spo2_range'),
  /** breaths per minute */
  respiratoryRate: measure(5, 80, 'respiratory_rate_range'),
  /** beats per minute */
  pulse: measure(20, 250, 'pulse_range'),
  /** mmHg */
  systolic: measure(50, 260, 'systolic_range'),
  diastolic: measure(30, 160, 'diastolic_range'),
};
export interface Vitals {
  temperature: number | null;
  spo2: number | null;
  respiratoryRate: number | null;
  pulse: number | null;
  systolic: number | null;
  diastolic: number | null;
}
/** Symptom codes of the stay's profile (declaration symptoms and warning symptoms); none: well. */
const symptoms = z
  .array(z.string(E('symptom_unknown')).regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, E('symptom_unknown')), E('symptom_unknown'))
  .max(30, E('symptom_unknown'))
  .default([]);

export const healthCheckInput = z.object({
  ...vitalsShape,
  symptoms,
  /** When it was measured; now when absent. Not in the future, not before the admission. */
  at: instant.optional(),
});
export type HealthCheckInput = z.input<typeof healthCheckInput>;

export const warningSign = z.object({
  code: z.enum(WARNING_CODES),
  /** The measured value, or the symptom code. */
  value: z.union([z.number(), z.string()]),
  /** The profile's threshold the value crossed; null for a symptom. */
  threshold: z.number().nullable(),
});
export type WarningSign = z.infer<typeof warningSign>;

export const healthCheckView = z.object({
  id: z.number(),
  stayId: z.number(),
  at: z.string(),
  selfReport: z.boolean(),
  reportedBy: ref.nullable(),
  temperature: z.number().nullable(),
  spo2: z.number().nullable(),
  respiratoryRate: z.number().nullable(),
  pulse: z.number().nullable(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  symptoms: z.array(z.string()),
  warnings: z.array(warningSign),
  /** The transfer proposal this check raised, if any. */
  transferProposalId: z.number().nullable(),
});
export type HealthCheckView = z.infer<typeof healthCheckView>;

const localized = z.object({ vi: z.string(), en: z.string() });
export const symptomChoice = z.object({ code: z.string(), name: localized, warning: z.boolean() });

/** The checks of a stay, newest first, with what a new check must carry. */
export const healthChecksResponse = z.object({
  stayId: z.number(),
  person: personSummary,
  /** Measures a staff check of this stay must carry (the profile's monitoring measures for a patient). */
  required: z.array(z.enum(MEASURES)),
  symptoms: z.array(symptomChoice),
  timesPerDay: z.number(),
  rows: z.array(healthCheckView),
});
export type HealthChecksResponse = z.infer<typeof healthChecksResponse>;

// ---- self-report link (public) --------------------------------------------------------------

export const reportLinkView = z.object({
  stayId: z.number(),
  /** Shown once: only its hash is kept, so a lost link is replaced by a new one. */
  token: z.string(),
  createdAt: z.string(),
});

const token = z.string(E('report_link_invalid')).trim().min(20, E('report_link_invalid')).max(100, E('report_link_invalid'));
export const publicReportFormBody = z.object({ token });
/** What the self-report page asks; nothing that names the person beyond a greeting. */
export const publicReportForm = z.object({
  givenName: z.string(),
  dayNumber: z.number(),
  /** Measures asked for; only temperature is required from the person, the others "if you have a meter". */
  measures: z.array(z.enum(MEASURES)),
  required: z.array(z.enum(MEASURES)),
  symptoms: z.array(symptomChoice),
  timesPerDay: z.number(),
  reportsToday: z.number(),
});
export const publicReportBody = z.object({ token, ...vitalsShape, symptoms });
export type PublicReportBody = z.input<typeof publicReportBody>;
export const publicReportResult = z.object({
  at: z.string(),
  reportsToday: z.number(),
  /** Signs to act on at once: the page tells the person to call the health staff. */
  warnings: z.array(z.enum(WARNING_CODES)),
});

// ---- transfer proposals ----------------------------------------------------------------------

export const transferProposalsQuery = z.object({
  status: z.enum(PROPOSAL_STATUSES).optional(),
  stayId: optionalId,
  facilityId: optionalId,
  ...paging,
});
export type TransferProposalsQuery = z.input<typeof transferProposalsQuery>;

export const transferProposalView = z.object({
  id: z.number(),
  stayId: z.number(),
  person: personSummary.nullable(),
  facility: ref.nullable(),
  healthCheckId: z.number().nullable(),
  /** null: from home care or a quarantine facility (below tier 1). */
  fromTier: z.number().nullable(),
  toTier: z.number(),
  reasons: z.array(warningSign),
  status: z.enum(PROPOSAL_STATUSES),
  createdAt: z.string(),
  decidedBy: ref.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The stay the person was transferred into when the proposal was accepted with a facility. */
  transferredStayId: z.number().nullable(),
});
export type TransferProposalView = z.infer<typeof transferProposalView>;
export const transferProposalsResponse = z.object({ total: z.number(), rows: z.array(transferProposalView) });

export const acceptProposalBody = z.object({
  note: note('note_too_long').default(''),
  /** Transfer at once into this facility (of the proposed tier or higher); without it the decision is recorded and the transfer made later. */
  facilityId: z.number(E('facility_unknown')).int(E('facility_unknown')).positive(E('facility_unknown')).optional(),
  /** A room of that facility; allocation chooses one when absent. */
  roomId: z.number(E('room_unknown')).int(E('room_unknown')).positive(E('room_unknown')).optional(),
});
export type AcceptProposalBody = z.input<typeof acceptProposalBody>;
export const rejectProposalBody = z.object({
  note: z.string(E('reason_required')).transform(nfc).pipe(z.string().min(3, E('reason_required')).max(500, E('note_too_long'))),
});

// ---- home quarantine and treatment -----------------------------------------------------------

export const homeStaysQuery = z.object({
  communeId: optionalId,
  kind: z.enum(STAY_KINDS).optional(),
  /** Only stays that have not reported as often as the profile asks today. */
  missingToday: z.union([z.boolean(), z.stringbool()]).optional(),
  ...paging,
});
export type HomeStaysQuery = z.input<typeof homeStaysQuery>;

export const houseSign = z.object({
  /** The profile's rule puts a sign on the house. */
  required: z.boolean(),
  postedOn: z.string().nullable(),
  removedOn: z.string().nullable(),
});
export const homeStayView = z.object({
  stayId: z.number(),
  person: personSummary,
  kind: z.enum(STAY_KINDS),
  risk: z.enum(STAY_RISKS),
  admissionDay: z.string(),
  plannedUntil: z.string(),
  /** Day 1 is the admission day. */
  dayNumber: z.number(),
  /** The people registered at the same address of the commune. */
  household: z.array(z.object({ id: z.number(), fullName: z.string(), birthYear: z.number(), sex: z.string(), atHomeStay: z.boolean() })),
  sign: houseSign,
  reports: z.object({
    expectedPerDay: z.number(),
    today: z.number(),
    lastAt: z.string().nullable(),
    lastWarnings: z.array(warningSign),
  }),
  reportLinkCreatedAt: z.string().nullable(),
});
export type HomeStayView = z.infer<typeof homeStayView>;
export const homeStaysResponse = z.object({ total: z.number(), rows: z.array(homeStayView) });

export const houseSignBody = z.object({
  action: z.enum(['post', 'remove'], E('sign_action_unknown')),
  on: isoDate,
});

// ---- capacity --------------------------------------------------------------------------------

export const capacityQuery = z.object({ unitId: optionalId });
export type CapacityQuery = z.input<typeof capacityQuery>;

const occupancy = {
  /** Places (the rooms' capacities). */
  capacity: z.number(),
  /** People in an active stay. */
  occupied: z.number(),
  free: z.number(),
  /** Admissions per day over the last 7 Vietnam days, oldest first. */
  admissions7d: z.array(z.number()),
  discharges7d: z.array(z.number()),
  /** Days until no place is left at the recent admission trend; null: not within the horizon. */
  daysUntilFull: z.number().nullable(),
};
export const capacityResponse = z.object({
  asOf: z.string(),
  horizonDays: z.number(),
  facilities: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      kind: z.enum(FACILITY_KINDS),
      tier: z.number().nullable(),
      status: z.enum(FACILITY_STATUSES),
      commune: ref,
      ...occupancy,
    }),
  ),
  /** The province, its districts and communes of the view, per kind, against the plan target. */
  units: z.array(
    z.object({
      unit: ref.extend({ level: z.enum(['province', 'district', 'commune']), parentId: z.number().nullable() }),
      kind: z.enum(CAPACITY_KINDS),
      facilities: z.number(),
      ...occupancy,
      target: z.number().nullable(),
      /** People of the unit at home (home quarantine or home treatment). */
      atHome: z.number(),
    }),
  ),
  /** Treatment beds by tier; oxygen and ICU beds are the listed beds of those kinds, or the count a facility declares when it lists none (occupied counts stays on listed beds). */
  bedsByTier: z.array(
    z.object({
      tier: z.number(),
      facilities: z.number(),
      capacity: z.number(),
      occupied: z.number(),
      free: z.number(),
      oxygen: z.object({ beds: z.number(), occupied: z.number(), free: z.number() }),
      icu: z.object({ beds: z.number(), occupied: z.number(), free: z.number() }),
    }),
  ),
  /** Communes of the view with no centralized quarantine facility ready or active. */
  communesWithoutCentralized: z.array(ref.extend({ district: ref.nullable() })),
});
export type CapacityResponse = z.infer<typeof capacityResponse>;

export const capacityTargetInput = z.object({
  unitId: z.number(E('unit_unknown')).int(E('unit_unknown')).positive(E('unit_unknown')),
  kind: z.enum(CAPACITY_KINDS, E('kind_unknown')),
  target: z.number(E('target_range')).int(E('target_range')).min(0, E('target_range')).max(10_000_000, E('target_range')),
});
export type CapacityTargetInput = z.input<typeof capacityTargetInput>;
export const capacityTargetView = z.object({ unitId: z.number(), kind: z.enum(CAPACITY_KINDS), target: z.number(), updatedAt: z.string() });

// ---- costs ---------------------------------------------------------------------------------

export const costsQuery = z.object({
  facilityId: optionalId,
  /** A unit of the jurisdiction: stays of its people or in its facilities. */
  unitId: optionalId,
  status: z.enum(STAY_STATUSES).optional(),
  /** Stays admitted on or after / on or before these days. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...paging,
});
export type CostsQuery = z.input<typeof costsQuery>;

/** days: every day of the stays; paidDays: those paid for, within the profile's caps. */
const money = { stays: z.number(), days: z.number(), paidDays: z.number(), amountVnd: z.number() };
export const costRow = z.object({
  stayId: z.number(),
  person: z.object({ id: z.number(), fullName: z.string(), birthYear: z.number() }),
  facility: ref.nullable(),
  place: z.enum(STAY_PLACES),
  kind: z.enum(STAY_KINDS),
  risk: z.enum(STAY_RISKS),
  status: z.enum(STAY_STATUSES),
  fundingSource: z.enum(FUNDING_SOURCES),
  admissionDay: z.string(),
  /** The discharge day, or null while the stay is active (counted to today). */
  endDay: z.string().nullable(),
  days: z.number(),
  /** The days paid for: days, up to the profile's cap for the stay's risk. */
  paidDays: z.number(),
  /** The profile's per-day support for this stay; 0 when it gives none for the stay's risk. */
  dailyVnd: z.number(),
  amountVnd: z.number(),
});
export type CostRow = z.infer<typeof costRow>;
export const costsResponse = z.object({
  asOf: z.string(),
  total: z.number(),
  rows: z.array(costRow),
  totals: z.object(money),
  byFacility: z.array(z.object({ facility: ref.nullable(), ...money })),
  byFundingSource: z.array(z.object({ fundingSource: z.enum(FUNDING_SOURCES), ...money })),
});
export type CostsResponse = z.infer<typeof costsResponse>;
