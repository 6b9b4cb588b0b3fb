// Quarantine and treatment: facilities with their zones, rooms and beds, admission with room
// allocation, stays and their tests, transfer and discharge; health checks, transfer proposals,
// capacity and costs: the API both the server and the screens use.
import { z } from 'zod';
import { nfc } from '../vn/text.js';
import { QUARANTINE_CATEGORIES } from '../profiles/rules.js';
import { personSummary } from './people.js';

export const FACILITY_KINDS = [
  'quarantine_centralized',
  'quarantine_hotel',
  'treatment_field',
  'treatment_district',
  'treatment_provincial',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const FACILITY_STATUSES = ['ready', 'active', 'closed'] as const;
export const FUNDING_SOURCES = ['state', 'self', 'insurance', 'other'] as const;
export const ROOM_SEXES = ['male', 'female', 'any'] as const;
export const BED_KINDS = ['normal', 'oxygen', 'icu'] as const;
export const CAMERA_STATUSES = ['ok', 'down', 'unknown'] as const;

export const STAY_KINDS = ['quarantine', 'treatment'] as const;
export type StayKind = (typeof STAY_KINDS)[number];
export const STAY_PLACES = ['centralized', 'hotel', 'home', 'facility'] as const;
export const STAY_CATEGORIES = ['close_contact', 'arrival_abroad', 'arrival_lockdown_area', 'case'] as const;
export type StayCategory = (typeof STAY_CATEGORIES)[number];
export const STAY_RISKS = ['f0', 'f1', 'f2', 'arrival'] as const;
export type StayRisk = (typeof STAY_RISKS)[number];
export const STAY_SOURCES = ['f1_list', 'checkpoint', 'case', 'manual', 'transfer'] as const;
export type StaySource = (typeof STAY_SOURCES)[number];
export const STAY_STATUSES = ['active', 'discharged', 'transferred', 'died'] as const;
export const STAY_EVENT_KINDS = [
  'admitted',
  'moved_room',
  'test_recorded',
  'extended',
  'warning_signs',
  'report_missed',
  'transfer_proposed',
  'transferred',
  'discharged',
  'handed_over',
  'died',
] as const;
export type StayEventKind = (typeof STAY_EVENT_KINDS)[number];
export const STAY_TEST_STATUSES = ['open', 'done', 'cancelled'] as const;
export const STAY_TEST_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type StayTestResult = (typeof STAY_TEST_RESULTS)[number];
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const CAPACITY_KINDS = ['quarantine', 'treatment'] as const;

/** Known vaccination of the people admitted, to choose the profile's quarantine rule; unknown: the longest rule. */
export const ADMISSION_VACCINATION = ['fully_vaccinated', 'not_fully_vaccinated', 'fully_vaccinated_or_recovered', 'neither_vaccinated_nor_recovered'] as const;
/** Ways into a facility: an F1 list, a checkpoint's arrivals, a case for treatment, or one by hand. */
export const ADMISSION_SOURCES = ['f1_list', 'checkpoint', 'case', 'manual'] as const;
export const ARRIVAL_CATEGORIES = ['arrival_abroad', 'arrival_lockdown_area'] as const;
/** Why a stay cannot be discharged yet. */
export const DISCHARGE_BLOCKS = ['period_not_over', 'test_missing', 'test_positive', 'test_invalid', 'not_active'] as const;
export type DischargeBlock = (typeof DISCHARGE_BLOCKS)[number];

const E = (key: string) => `quarantine.errors.${key}`;
const text = (min: number, max: number, key: string) => z.string(E(key)).transform(nfc).pipe(z.string().trim().min(min, E(key)).max(max, E(key)));
const id = (key: string) => z.number(E(key)).int(E(key)).positive(E(key));
const count = (max: number, key: string) => z.number(E(key)).int(E(key)).min(0, E(key)).max(max, E(key));
const instant = z.iso.datetime({ offset: true, error: E('time_invalid') });
const isoDate = z.iso.date(E('date_invalid'));
const nullable = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? null);
const paging = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };
const optionalId = z.coerce.number().int().positive().optional();
const ref = z.object({ id: z.number(), name: z.string() });
const code = (key: string) =>
  z
    .string(E(key))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9._-]{0,29}$/, E(key));
const reason = text(5, 500, 'reason_length');

// ---- facilities ------------------------------------------------------------------------------

export const isTreatmentKind = (kind: FacilityKind): boolean => kind.startsWith('treatment_');

export const bedInput = z.object({ code: code('bed_code_invalid'), kind: z.enum(BED_KINDS, E('bed_kind_unknown')).default('normal') });
export const roomInput = z.object({
  code: code('room_code_invalid'),
  capacity: z.number(E('capacity_range')).int(E('capacity_range')).min(1, E('capacity_range')).max(500, E('capacity_range')),
  sex: z.enum(ROOM_SEXES, E('room_sex_unknown')).default('any'),
  /** Listed beds, when the facility keeps them (treatment: oxygen, ICU); as many as the capacity. */
  beds: z.array(bedInput).max(500).default([]),
});
export const zoneInput = z.object({ name: text(1, 100, 'zone_name_length'), rooms: z.array(roomInput).min(1, E('rooms_required')).max(5000, E('too_many_rooms')) });

export const facilityInput = z
  .object({
    code: code('facility_code_invalid'),
    name: text(2, 200, 'name_length'),
    kind: z.enum(FACILITY_KINDS, E('facility_kind_unknown')),
    /** Treatment tier 1..3, for treatment facilities only. */
    tier: nullable(z.number(E('tier_range')).int(E('tier_range')).min(1, E('tier_range')).max(3, E('tier_range'))),
    paid: z.boolean().default(false),
    fundingSource: z.enum(FUNDING_SOURCES, E('funding_unknown')).default('state'),
    communeId: id('commune_required'),
    /** The unit running the facility (a district, the province); the commune's district when not given. */
    managingUnitId: nullable(id('unit_unknown')),
    addressLine: text(0, 200, 'address_length').default(''),
    oxygenBeds: count(100_000, 'beds_range').default(0),
    icuBeds: count(100_000, 'beds_range').default(0),
    familyRooms: z.boolean().default(false),
    zones: z.array(zoneInput).min(1, E('zones_required')).max(200, E('too_many_zones')),
  })
  .superRefine((f, ctx) => {
    if (isTreatmentKind(f.kind) && f.tier === null) ctx.addIssue({ code: 'custom', path: ['tier'], message: E('tier_required') });
    if (!isTreatmentKind(f.kind) && f.tier !== null) ctx.addIssue({ code: 'custom', path: ['tier'], message: E('tier_not_quarantine') });
    const zones = new Set<string>();
    const rooms = new Set<string>();
    let total = 0;
    f.zones.forEach((z, i) => {
      if (zones.has(z.name.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['zones', i, 'name'], message: E('zone_name_taken') });
      zones.add(z.name.toLowerCase());
      z.rooms.forEach((r, j) => {
        total++;
        if (rooms.has(r.code)) ctx.addIssue({ code: 'custom', path: ['zones', i, 'rooms', j, 'code'], message: E('room_code_taken') });
        rooms.add(r.code);
        if (r.beds.length > 0 && r.beds.length !== r.capacity) ctx.addIssue({ code: 'custom', path: ['zones', i, 'rooms', j, 'beds'], message: E('beds_capacity') });
        const beds = new Set<string>();
        r.beds.forEach((b, k) => {
          if (beds.has(b.code)) ctx.addIssue({ code: 'custom', path: ['zones', i, 'rooms', j, 'beds', k, 'code'], message: E('bed_code_taken') });
          beds.add(b.code);
        });
      });
    });
    if (total > 5000) ctx.addIssue({ code: 'custom', path: ['zones'], message: E('too_many_rooms') });
  });
export type FacilityInput = z.input<typeof facilityInput>;

export const facilityStatusBody = z.object({ status: z.enum(FACILITY_STATUSES, E('facility_status_unknown')) });
export const listFacilitiesQuery = z.object({
  unitId: optionalId,
  kind: z.enum(FACILITY_KINDS).optional(),
  status: z.enum(FACILITY_STATUSES).optional(),
});
export type ListFacilitiesQuery = z.input<typeof listFacilitiesQuery>;

export const facilitySummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(FACILITY_KINDS),
  tier: z.number().nullable(),
  paid: z.boolean(),
  fundingSource: z.enum(FUNDING_SOURCES),
  communeId: z.number(),
  communeName: z.string(),
  districtId: z.number().nullable(),
  provinceId: z.number(),
  managingUnit: ref.nullable(),
  addressLine: z.string(),
  status: z.enum(FACILITY_STATUSES),
  oxygenBeds: z.number(),
  icuBeds: z.number(),
  familyRooms: z.boolean(),
  rooms: z.number(),
  capacity: z.number(),
  /** People in active stays. */
  occupied: z.number(),
  free: z.number(),
});
export type FacilitySummary = z.infer<typeof facilitySummary>;

export const roomView = z.object({
  id: z.number(),
  code: z.string(),
  capacity: z.number(),
  sex: z.enum(ROOM_SEXES),
  occupied: z.number(),
  /** The cohorts (admission day, risk) of the people in the room: one, unless staff overrode. */
  cohorts: z.array(z.object({ admissionDay: z.string(), risk: z.enum(STAY_RISKS) })),
  beds: z.array(z.object({ id: z.number(), code: z.string(), kind: z.enum(BED_KINDS), occupied: z.boolean() })),
});
export type RoomView = z.infer<typeof roomView>;

export const staffInput = z
  .object({
    fullName: text(2, 200, 'name_length'),
    phone: nullable(z.string(E('phone_invalid')).max(30, E('phone_invalid'))),
    role: text(2, 100, 'staff_role_length'),
    onDutyFrom: instant,
    onDutyTo: nullable(instant),
  })
  .superRefine((s, ctx) => {
    if (s.onDutyTo !== null && Date.parse(s.onDutyTo) <= Date.parse(s.onDutyFrom)) ctx.addIssue({ code: 'custom', path: ['onDutyTo'], message: E('duty_ends_before_start') });
  });
export type StaffInput = z.input<typeof staffInput>;
export const staffEndBody = z.object({ onDutyTo: instant });
export const staffView = z.object({ id: z.number(), fullName: z.string(), phone: z.string().nullable(), role: z.string(), onDutyFrom: z.string(), onDutyTo: z.string().nullable(), onDuty: z.boolean() });
export type StaffView = z.infer<typeof staffView>;
export const staffQuery = z.object({ at: instant.optional(), all: z.enum(['true', 'false']).optional() });

export const cameraInput = z.object({
  label: text(1, 100, 'camera_label_length'),
  /** The feed's address (RTSP, HLS or a web viewer): only the link is kept, never video. */
  url: z
    .string(E('camera_url_invalid'))
    .trim()
    .max(500, E('camera_url_invalid'))
    .regex(/^(https?|rtsps?):\/\/[^\s]+$/i, E('camera_url_invalid')),
});
export type CameraInput = z.input<typeof cameraInput>;
export const cameraStatusBody = z.object({ status: z.enum(CAMERA_STATUSES, E('camera_status_unknown')), checkedAt: nullable(instant) });
export const cameraView = z.object({ id: z.number(), label: z.string(), url: z.string(), lastStatus: z.enum(CAMERA_STATUSES), lastCheckedAt: z.string().nullable() });
export type CameraView = z.infer<typeof cameraView>;

export const facilityDetail = facilitySummary.extend({
  zones: z.array(z.object({ id: z.number(), name: z.string(), rooms: z.array(roomView) })),
  staffOnDuty: z.array(staffView),
  cameras: z.array(cameraView),
});
export type FacilityDetail = z.infer<typeof facilityDetail>;

// ---- admission -------------------------------------------------------------------------------

export const admitInput = z
  .object({
    /** null: quarantine or treatment at home. */
    facilityId: nullable(id('facility_unknown')),
    source: z.enum(ADMISSION_SOURCES, E('source_unknown')),
    /** f1_list, checkpoint, manual: the people; f1_list may give caseId instead (that case's F1s). */
    personIds: z.array(id('person_unknown')).max(20_000, E('too_many_people')).default([]),
    /** f1_list: the case whose F1s are admitted; case: the case admitted for treatment. */
    caseId: nullable(id('case_unknown')),
    /** checkpoint: arrival_abroad or arrival_lockdown_area; manual: the quarantine category (close_contact by default). */
    category: nullable(z.enum(QUARANTINE_CATEGORIES, E('category_unknown'))),
    /** manual: the risk group the rooms are separated by (F1 by default). */
    risk: nullable(z.enum(STAY_RISKS, E('risk_unknown'))),
    vaccination: nullable(z.enum(ADMISSION_VACCINATION, E('vaccination_unknown'))),
    /** When they arrived; now when not given. Its Vietnam day is their cohort. */
    admittedAt: nullable(instant),
    /** Propose rooms without admitting anyone. */
    dryRun: z.boolean().default(false),
    /** Why the stay is not where the profile's rule puts it (at home under a centralized rule, or the reverse). */
    placeReason: nullable(reason),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], message: E(key) });
    if (a.source === 'case' && a.caseId === null) issue('caseId', 'case_required');
    if (a.source === 'f1_list' && a.personIds.length === 0 && a.caseId === null) issue('personIds', 'people_required');
    if ((a.source === 'checkpoint' || a.source === 'manual') && a.personIds.length === 0) issue('personIds', 'people_required');
    if (a.source === 'checkpoint' && !(ARRIVAL_CATEGORIES as readonly string[]).includes(a.category ?? '')) issue('category', 'arrival_category_required');
    if (a.source === 'f1_list' && a.category !== null && a.category !== 'close_contact') issue('category', 'category_not_source');
    if (a.risk !== null && a.source !== 'manual') issue('risk', 'risk_manual_only');
    if (a.risk === 'f0' && a.source === 'manual') issue('risk', 'f0_through_case');
    if (new Set(a.personIds).size !== a.personIds.length) issue('personIds', 'people_duplicate');
  });
export type AdmitInput = z.input<typeof admitInput>;

export const admittedStay = z.object({
  /** null in a dry run */
  stayId: z.number().nullable(),
  personId: z.number(),
  fullName: z.string(),
  room: z.object({ id: z.number(), code: z.string() }).nullable(),
  bed: z.object({ id: z.number(), code: z.string() }).nullable(),
  admissionDay: z.string(),
  risk: z.enum(STAY_RISKS),
  ruleId: z.string(),
  plannedUntil: z.string(),
});
export type AdmittedStay = z.infer<typeof admittedStay>;
export const admissionResult = z.object({
  dryRun: z.boolean(),
  facilityId: z.number().nullable(),
  admitted: z.number(),
  /** Rooms used, with how many of the admitted each takes. */
  rooms: z.array(z.object({ id: z.number(), code: z.string(), people: z.number() })),
  stays: z.array(admittedStay),
});
export type AdmissionResult = z.infer<typeof admissionResult>;

// ---- stays -----------------------------------------------------------------------------------

export const stayTestView = z.object({
  id: z.number(),
  dayNumber: z.number(),
  dueOn: z.string(),
  status: z.enum(STAY_TEST_STATUSES),
  sampleCode: z.string().nullable(),
  result: z.enum(STAY_TEST_RESULTS).nullable(),
  resultAt: z.string().nullable(),
});
export type StayTestView = z.infer<typeof stayTestView>;

export const stayView = z.object({
  id: z.number(),
  personId: z.number(),
  /** null when the person lives outside the reader's jurisdiction (a facility's staff still see the stay). */
  person: personSummary.nullable(),
  kind: z.enum(STAY_KINDS),
  place: z.enum(STAY_PLACES),
  facility: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.enum(FACILITY_KINDS) }).nullable(),
  room: z.object({ id: z.number(), code: z.string(), zone: z.string().nullable() }).nullable(),
  bed: z.object({ id: z.number(), code: z.string(), kind: z.enum(BED_KINDS) }).nullable(),
  tier: z.number().nullable(),
  category: z.enum(STAY_CATEGORIES),
  risk: z.enum(STAY_RISKS),
  source: z.enum(STAY_SOURCES),
  caseId: z.number().nullable(),
  ruleId: z.string(),
  admittedAt: z.string(),
  admissionDay: z.string(),
  plannedUntil: z.string(),
  /** Day of the stay today (day 1 = admission day), for active stays. */
  dayNumber: z.number().nullable(),
  /** Days of the whole planned period. */
  plannedDays: z.number(),
  status: z.enum(STAY_STATUSES),
  dischargedAt: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  transferredToStayId: z.number().nullable(),
  overrideReason: z.string().nullable(),
  /** Why the stay is not where the rule in force put it, given at admission. */
  placeReason: z.string().nullable(),
  fundingSource: z.enum(FUNDING_SOURCES),
});
export type StayView = z.infer<typeof stayView>;

export const stayEventView = z.object({ id: z.number(), kind: z.enum(STAY_EVENT_KINDS), at: z.string(), byName: z.string().nullable(), params: z.record(z.string(), z.unknown()) });
export const dischargeCheck = z.object({
  eligible: z.boolean(),
  blocks: z.array(z.object({ code: z.enum(DISCHARGE_BLOCKS), message: z.string(), dayNumber: z.number().nullable() })),
  /** The self-monitoring days at home that follow the stay (the rule's monitoringDays). */
  monitoringDays: z.number(),
});
export type DischargeCheck = z.infer<typeof dischargeCheck>;
export const stayDetail = stayView.extend({
  tests: z.array(stayTestView),
  events: z.array(stayEventView),
  discharge: dischargeCheck,
  /** The stay this one continues (a transfer), if any. */
  transferredFromStayId: z.number().nullable(),
});
export type StayDetail = z.infer<typeof stayDetail>;

export const listStaysQuery = z.object({
  facilityId: optionalId,
  roomId: optionalId,
  unitId: optionalId,
  status: z.enum(STAY_STATUSES).optional(),
  kind: z.enum(STAY_KINDS).optional(),
  place: z.enum(STAY_PLACES).optional(),
  admissionDay: isoDate.optional(),
  ...paging,
});
export type ListStaysQuery = z.input<typeof listStaysQuery>;
export const listStaysResponse = z.object({ total: z.number(), rows: z.array(stayView) });

export const dueTestsQuery = z.object({ facilityId: optionalId, unitId: optionalId, dueOn: isoDate.optional(), ...paging });
export type DueTestsQuery = z.input<typeof dueTestsQuery>;
export const dueTestsResponse = z.object({
  total: z.number(),
  rows: z.array(stayTestView.extend({ stayId: z.number(), personId: z.number(), fullName: z.string().nullable(), facility: z.string().nullable(), room: z.string().nullable() })),
});

export const roomOverrideBody = z.object({ roomId: id('room_unknown'), bedId: nullable(id('bed_unknown')), reason });
export type RoomOverrideBody = z.input<typeof roomOverrideBody>;

export const stayTestBody = z
  .object({
    /** A result read at the facility (rapid test) or given by the lab. */
    result: nullable(z.enum(STAY_TEST_RESULTS, E('result_unknown'))),
    /** The testing capability's sample: its result is read from there (and the task waits for it). */
    sampleCode: nullable(z.string(E('sample_code_invalid')).trim().min(1, E('sample_code_invalid')).max(40, E('sample_code_invalid'))),
    testedAt: nullable(instant),
  })
  .superRefine((b, ctx) => {
    if (b.result === null && b.sampleCode === null) ctx.addIssue({ code: 'custom', path: ['result'], message: E('result_or_sample_required') });
  });
export type StayTestBody = z.input<typeof stayTestBody>;

export const transferBody = z.object({ facilityId: id('facility_unknown'), roomId: nullable(id('room_unknown')), reason });
export type TransferBody = z.input<typeof transferBody>;

export const dischargeBody = z.object({ at: nullable(instant), note: text(0, 500, 'note_length').default('') });
export type DischargeBody = z.input<typeof dischargeBody>;
