// Health declarations: the public form a citizen fills in (no account) and the staff worklist
// that triages them. Questions that change with the rules (symptoms, exposures, the look-back
// window, vaccine products) come from the disease profile in force; the server checks answers
// against it and names the field of every problem with a declarations.errors.* key.
import { z } from 'zod';
import { personInput } from './people.js';
import { parseDate, todayInVietnam } from '../vn/dates.js';

export const DECLARATION_KINDS = ['health', 'domestic_travel', 'arrival'] as const;
export const VEHICLE_TYPES = ['plane', 'train', 'coach', 'car', 'ship', 'motorbike', 'other'] as const;
export const TRAVELLER_CATEGORIES = [
  'vietnamese_citizen',
  'overseas_vietnamese',
  'foreign_national',
  'official_duty',
  'expert_or_worker',
  'other',
] as const;
export const TRIAGE_REASONS = ['symptoms', 'exposure', 'outbreak_area'] as const;
export const TRIAGE_STATUSES = ['not_needed', 'pending', 'handled'] as const;
export const TRIAGE_ACTIONS = ['called', 'asked_to_test', 'home_monitoring', 'no_action'] as const;
export const OUTBREAK_AREA_KINDS = ['unit', 'country'] as const;
/** Header that carries the key a device received with its first declaration. */
export const DEVICE_KEY_HEADER = 'x-device-key';

export type DeclarationKind = (typeof DECLARATION_KINDS)[number];
export type TriageReason = (typeof TRIAGE_REASONS)[number];
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

const isoDate = z
  .string('declarations.errors.date_format')
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parseDate(v) !== null, 'declarations.errors.date_format');
const pastDate = isoDate.refine((v) => v <= todayInVietnam(), 'declarations.errors.date_future');
const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'declarations.errors.country_format');
const code = z.string().trim().min(1).max(60);
const shortText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'declarations.errors.too_long')
    .nullish()
    .transform((v) => (v ? v : null));

/** A place visited: a unit picked from the unit tree (province, district or commune) or a country. */
export const placeVisited = z
  .object({
    unitId: z.number().int().positive().nullish().transform((v) => v ?? null),
    country: country.nullish().transform((v) => v ?? null),
    date: pastDate,
  })
  .refine((p) => (p.unitId === null) !== (p.country === null), { message: 'declarations.errors.place_one_of', path: ['unitId'] });

export const declarationAnswers = z.object({
  identity: personInput,
  email: z
    .string()
    .trim()
    .max(200, 'declarations.errors.too_long')
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.email().safeParse(v).success, 'declarations.errors.email_invalid'),
  placesVisited: z.array(placeVisited).max(30, 'declarations.errors.too_many').default([]),
  /** Codes of the profile's symptoms; empty: none. */
  symptoms: z.array(code).max(30, 'declarations.errors.too_many').default([]),
  onsetDate: pastDate.nullish().transform((v) => v ?? null),
  /** Codes of the profile's exposure questions answered "yes", each with what happened. */
  exposures: z
    .array(z.object({ code, detail: z.string().trim().max(500, 'declarations.errors.too_long').default('') }))
    .max(30, 'declarations.errors.too_many')
    .default([]),
  vaccination: z
    .object({
      doses: z.number('declarations.errors.doses_range').int('declarations.errors.doses_range').min(0, 'declarations.errors.doses_range').max(10, 'declarations.errors.doses_range'),
      lastDoseDate: pastDate.nullish().transform((v) => v ?? null),
      /** A vaccine product id of the profile, when known. */
      product: code.nullish().transform((v) => v ?? null),
    })
    .default({ doses: 0, lastDoseDate: null, product: null }),
});
export type DeclarationAnswers = z.output<typeof declarationAnswers>;

export const travelInput = z.object({
  vehicleType: z.enum(VEHICLE_TYPES, 'declarations.errors.vehicle_type_unknown').nullish().transform((v) => v ?? null),
  vehicleNumber: shortText(30),
  seat: shortText(20),
  fromUnitId: z.number().int().positive().nullish().transform((v) => v ?? null),
  toUnitId: z.number().int().positive().nullish().transform((v) => v ?? null),
  departureDate: isoDate.nullish().transform((v) => v ?? null),
  arrivalDate: isoDate.nullish().transform((v) => v ?? null),
});
export type TravelAnswers = z.output<typeof travelInput>;

export const arrivalInput = z.object({
  travellerCategory: z.enum(TRAVELLER_CATEGORIES, 'declarations.errors.traveller_category_unknown').nullish().transform((v) => v ?? null),
  borderGate: shortText(100),
  countryFrom: country.nullish().transform((v) => v ?? null),
  arrivalDate: pastDate.nullish().transform((v) => v ?? null),
});
export type ArrivalAnswers = z.output<typeof arrivalInput>;

const TRAVEL_REQUIRED = ['vehicleType', 'vehicleNumber', 'fromUnitId', 'toUnitId', 'departureDate'] as const;
const ARRIVAL_REQUIRED = ['travellerCategory', 'borderGate', 'countryFrom', 'arrivalDate'] as const;

/**
 * A declaration as the citizen page sends it. The travel part is required (and only kept) for a
 * domestic-travel declaration, the arrival part for an arrival one.
 */
export const declarationInput = z
  .object({
    kind: z.enum(DECLARATION_KINDS, 'declarations.errors.kind_unknown'),
    answers: declarationAnswers,
    travel: travelInput.nullish().transform((v) => v ?? null),
    arrival: arrivalInput.nullish().transform((v) => v ?? null),
  })
  .superRefine((d, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (d.kind === 'domestic_travel') {
      for (const f of TRAVEL_REQUIRED) if (d.travel?.[f] == null) issue(['travel', f], 'declarations.errors.travel_field_required');
      if (d.travel?.departureDate && d.travel.arrivalDate && d.travel.arrivalDate < d.travel.departureDate) {
        issue(['travel', 'arrivalDate'], 'declarations.errors.arrival_before_departure');
      }
    }
    if (d.kind === 'arrival') for (const f of ARRIVAL_REQUIRED) if (d.arrival?.[f] == null) issue(['arrival', f], 'declarations.errors.arrival_field_required');
    const a = d.answers;
    if (a.onsetDate && a.symptoms.length === 0) issue(['answers', 'onsetDate'], 'declarations.errors.onset_without_symptoms');
    if (a.vaccination.doses === 0 && a.vaccination.lastDoseDate) issue(['answers', 'vaccination', 'lastDoseDate'], 'declarations.errors.dose_date_without_doses');
  })
  .transform((d) => ({
    ...d,
    travel: d.kind === 'domestic_travel' ? d.travel : null,
    arrival: d.kind === 'arrival' ? d.arrival : null,
  }));
export type DeclarationInput = z.input<typeof declarationInput>;
export type DeclarationData = z.output<typeof declarationInput>;

const localized = z.object({ vi: z.string(), en: z.string() });
const namedCode = z.object({ code: z.string(), name: localized });

/** What the citizen page needs to render the form on a day. */
export const declarationForm = z.object({
  profileId: z.number(),
  lookbackDays: z.number(),
  kinds: z.array(namedCode),
  symptoms: z.array(namedCode),
  exposureQuestions: z.array(namedCode),
  vaccineProducts: z.array(z.object({ code: z.string(), name: z.string() })),
  vehicleTypes: z.array(namedCode),
  travellerCategories: z.array(namedCode),
});
export type DeclarationForm = z.infer<typeof declarationForm>;

export const formQuery = z.object({
  /** yyyy-mm-dd; today in Asia/Ho_Chi_Minh when absent */
  on: z.iso.date().optional(),
});

export const triageReasonDetail = z.object({
  reason: z.enum(TRIAGE_REASONS),
  /** symptoms / exposure: the codes declared */
  codes: z.array(z.string()).optional(),
  /** outbreak_area: the marked areas the declaration touches */
  areas: z.array(z.object({ id: z.number(), label: z.string() })).optional(),
});
export type TriageReasonDetail = z.infer<typeof triageReasonDetail>;

export const triageSummary = z.object({ status: z.enum(TRIAGE_STATUSES), reasons: z.array(triageReasonDetail) });

export const submitResponse = z.object({
  declarationId: z.number(),
  /**
   * The personal QR: `<qrId>.<kid>.<mac>`, an opaque signed id with no personal data. Null until a
   * device declaring for a person already registered types the code sent to the phone on record.
   */
  qrToken: z.string().nullable(),
  /** Set when qrToken is null: where the code went (POST /public/declarations/verify). */
  verification: z.object({ phoneHint: z.string().nullable() }).nullable(),
  /** Only the first time a device declares for this person: keep it and send it as X-Device-Key to update later. */
  deviceKey: z.string().nullable(),
  triage: triageSummary,
});
export type SubmitResponse = z.infer<typeof submitResponse>;

/** The code sent by SMS to the phone on record, typed on the device (X-Device-Key). */
export const verifyDeviceBody = z.object({ code: z.string('declarations.errors.code_wrong').trim().regex(/^\d{6}$/, 'declarations.errors.code_format') });
export const verifyDeviceResponse = z.object({ qrToken: z.string() });
export const resendCodeResponse = z.object({ phoneHint: z.string().nullable() });

/** The device's last declaration, to prefill the form for an update. */
export const latestResponse = z.object({
  declarationId: z.number(),
  submittedAt: z.string(),
  kind: z.enum(DECLARATION_KINDS),
  answers: z.record(z.string(), z.unknown()),
  travel: z.record(z.string(), z.unknown()).nullable(),
  arrival: z.record(z.string(), z.unknown()).nullable(),
  /** null while the device has not typed the code sent to the person's phone */
  qrToken: z.string().nullable(),
});
export type LatestResponse = z.infer<typeof latestResponse>;

export const triageActionView = z.object({
  id: z.number(),
  action: z.enum(TRIAGE_ACTIONS),
  outcome: z.string(),
  accountId: z.number(),
  at: z.string(),
});
export type TriageActionView = z.infer<typeof triageActionView>;

/** A declaration in the worklist: who, where, why it needs a call, and what was done last. */
export const declarationSummary = z.object({
  id: z.number(),
  personId: z.number(),
  kind: z.enum(DECLARATION_KINDS),
  submittedAt: z.string(),
  fullName: z.string(),
  phone: z.string().nullable(),
  birthYear: z.number(),
  communeId: z.number(),
  communeName: z.string(),
  triageStatus: z.enum(TRIAGE_STATUSES),
  triageReasons: z.array(triageReasonDetail),
  lastAction: triageActionView.nullable(),
});
export type DeclarationSummary = z.infer<typeof declarationSummary>;

export const declarationDetail = declarationSummary.extend({
  profileId: z.number(),
  supersedesId: z.number().nullable(),
  answers: z.record(z.string(), z.unknown()),
  travel: z.record(z.string(), z.unknown()).nullable(),
  arrival: z.record(z.string(), z.unknown()).nullable(),
  /** Fields where the declaration differs from the stored person (the registry is never changed by a citizen form). */
  personDifferences: z.array(z.string()),
  actions: z.array(triageActionView),
});
export type DeclarationDetail = z.infer<typeof declarationDetail>;

export const worklistQuery = z.object({
  status: z.enum(TRIAGE_STATUSES).default('pending'),
  /** A unit inside the jurisdiction that narrows the list. */
  unitId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type WorklistQuery = z.input<typeof worklistQuery>;

export const worklistResponse = z.object({ rows: z.array(declarationSummary), hasMore: z.boolean() });
export type WorklistResponse = z.infer<typeof worklistResponse>;

export const triageBody = z.object({
  action: z.enum(TRIAGE_ACTIONS, 'declarations.errors.action_unknown'),
  outcome: z.string().trim().max(1000, 'declarations.errors.too_long').default(''),
});
export type TriageInput = z.input<typeof triageBody>;

export const personDeclarationsQuery = z.object({ personId: z.coerce.number().int().positive() });

export const outbreakAreaInput = z
  .object({
    kind: z.enum(OUTBREAK_AREA_KINDS, 'declarations.errors.area_kind_unknown'),
    unitId: z.number().int().positive().nullish().transform((v) => v ?? null),
    country: country.nullish().transform((v) => v ?? null),
    /** Shown to staff; the unit's name when absent. */
    label: shortText(200),
    fromDate: isoDate,
    untilDate: isoDate.nullish().transform((v) => v ?? null),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (a.kind === 'unit' && a.unitId === null) issue('unitId', 'declarations.errors.area_unit_required');
    if (a.kind === 'country' && a.country === null) issue('country', 'declarations.errors.area_country_required');
    if (a.kind === 'country' && !a.label) issue('label', 'declarations.errors.area_label_required');
    if (a.untilDate && a.untilDate < a.fromDate) issue('untilDate', 'declarations.errors.until_before_from');
  });
export type OutbreakAreaInput = z.input<typeof outbreakAreaInput>;

export const outbreakAreaView = z.object({
  id: z.number(),
  kind: z.enum(OUTBREAK_AREA_KINDS),
  unitCode: z.string().nullable(),
  countryCode: z.string().nullable(),
  label: z.string(),
  fromDate: z.string(),
  untilDate: z.string().nullable(),
  createdBy: z.number(),
  createdAt: z.string(),
});
export type OutbreakAreaView = z.infer<typeof outbreakAreaView>;

export const outbreakAreasQuery = z.object({
  /** Only areas marked on this day (yyyy-mm-dd); all when absent. */
  on: z.iso.date().optional(),
});

export const endOutbreakAreaQuery = z.object({
  /** Last day the area counts (yyyy-mm-dd); today when absent. */
  until: z.iso.date().optional(),
});
