import { z } from 'zod';
import { nfc, properName } from '../vn/text.js';
import { normalizePhone } from '../vn/phone.js';

/** Venue kinds as officials classify them (PC-Covid's list); "factory" also covers industrial-zone companies, "station" ports. */
export const VENUE_TYPES = [
  'market',
  'supermarket',
  'factory',
  'office',
  'school',
  'restaurant',
  'karaoke',
  'hospital',
  'pharmacy',
  'station',
  'religious',
  'other',
] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

/** A venue registered by its owner waits (pending) for the commune; suspended venues refuse check-ins. */
export const VENUE_STATUSES = ['pending', 'active', 'suspended'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

/** How a visit was recorded: the visitor scanned the venue QR, staff scanned the visitor's QR, or staff typed its code. */
export const CHECKIN_SOURCES = ['citizen', 'staff_scan', 'manual_code'] as const;
export type CheckinSource = (typeof CHECKIN_SOURCES)[number];

const text = (min: number, max: number, key: string) =>
  z.string(key).transform(nfc).pipe(z.string().min(min, key).max(max, key));

const phone = z
  .string('checkins.errors.phone_invalid')
  .refine((v) => normalizePhone(v) !== null, 'checkins.errors.phone_invalid')
  .transform((v) => normalizePhone(v)!);

/** A venue as its owner or an official registers it; parsing normalises text and the phone number. */
export const venueInput = z.object({
  name: text(2, 200, 'checkins.errors.name_length'),
  type: z.enum(VENUE_TYPES, 'checkins.errors.type_unknown'),
  addressLine: text(2, 200, 'checkins.errors.address_length'),
  communeId: z.number('checkins.errors.commune_required').int('checkins.errors.commune_required').positive('checkins.errors.commune_required'),
  managerName: z
    .string('checkins.errors.manager_name_length')
    .transform(properName)
    .pipe(z.string().min(2, 'checkins.errors.manager_name_length').max(100, 'checkins.errors.manager_name_length')),
  managerPhone: phone,
  capacity: z
    .number('checkins.errors.capacity_range')
    .int('checkins.errors.capacity_range')
    .min(1, 'checkins.errors.capacity_range')
    .max(1_000_000, 'checkins.errors.capacity_range')
    .nullish()
    .transform((v) => v ?? null),
});
export type VenueInput = z.input<typeof venueInput>;

export const venueView = z.object({
  id: z.number(),
  /** Short code printed on the poster, e.g. "QN-7K2Q9". */
  code: z.string(),
  name: z.string(),
  type: z.enum(VENUE_TYPES),
  addressLine: z.string(),
  communeId: z.number(),
  communeName: z.string(),
  districtId: z.number().nullable(),
  provinceId: z.number(),
  managerName: z.string(),
  managerPhone: z.string(),
  capacity: z.number().nullable(),
  status: z.enum(VENUE_STATUSES),
  /** The account that registered it; null when the owner registered it through the public form. */
  registeredBy: z.number().nullable(),
  createdAt: z.string(),
  suspendedAt: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  /** The latest check-in still stored (check-ins older than the retention period are purged). */
  lastCheckInAt: z.string().nullable(),
});
export type VenueViewDto = z.infer<typeof venueView>;

/** A venue as officials look it up: with the link its QR opens, to copy without printing the poster. */
export const venueDetail = venueView.extend({
  /** `<origin>/p/c/<venue token>`, the origin being PUBLIC_ORIGIN or the request's own. */
  qrUrl: z.string(),
});
export type VenueDetailDto = z.infer<typeof venueDetail>;

/** An ISO 8601 instant with its offset ("2021-09-20T08:15:00+07:00" or "...Z"); kept as text so input and output types agree. */
const isoInstant = (key: string) => z.iso.datetime({ offset: true, error: key });

export const listVenuesQuery = z.object({
  /** A district or commune inside the jurisdiction; the whole jurisdiction when absent. */
  unitId: z.coerce.number().int().positive().optional(),
  status: z.enum(VENUE_STATUSES, 'checkins.errors.status_unknown').optional(),
  /** Part of the name or code, accents and case ignored. */
  q: z.string().trim().max(100).optional(),
  /** Only venues without any stored check-in at or after this instant. */
  idleSince: isoInstant('checkins.errors.time_format').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListVenuesQuery = z.input<typeof listVenuesQuery>;
export const listVenuesResponse = z.object({ total: z.number(), rows: z.array(venueDetail) });

export const suspendBody = z.object({ reason: text(2, 500, 'checkins.errors.reason_length') });

/** What the light check-in page shows before the tap. */
export const publicVenue = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  type: z.enum(VENUE_TYPES),
  addressLine: z.string(),
  communeName: z.string(),
});
export type PublicVenueDto = z.infer<typeof publicVenue>;

export const publicVenueRegistered = z.object({ id: z.number(), code: z.string(), status: z.enum(VENUE_STATUSES) });

export const deviceBody = z.object({ label: text(1, 100, 'checkins.errors.label_length') });
/** The key is shown once; only its hash is stored. The scanning device sends it as X-Venue-Device. */
export const deviceIssued = z.object({ id: z.number(), label: z.string(), deviceKey: z.string() });
/** The venue a scanning device's key (X-Venue-Device) was issued to, so the scanner page can show it. */
export const deviceVenue = z.object({ venueId: z.number(), venueName: z.string(), venueCode: z.string() });
export type DeviceVenueDto = z.infer<typeof deviceVenue>;

const token = (key: string) => z.string(key).trim().min(1, key).max(300, key);

/** A visitor's one tap: the venue from the scanned poster, the person from the device's personal QR. */
export const citizenCheckinBody = z.object({
  venueToken: token('checkins.errors.venue_qr_invalid'),
  personalQrToken: token('checkins.errors.personal_qr_invalid'),
  at: isoInstant('checkins.errors.time_format').optional(),
});
export type CitizenCheckinBody = z.input<typeof citizenCheckinBody>;

const venueId = z.number('checkins.errors.venue_required').int('checkins.errors.venue_required').positive('checkins.errors.venue_required');

/** Staff scanning visitors at a venue: the personal QR as scanned, or the code under it typed by hand. */
export const staffScanBody = z
  .object({
    venueId,
    personalQrToken: token('checkins.errors.personal_qr_invalid').optional(),
    manualCode: token('checkins.errors.manual_code_invalid').optional(),
    at: isoInstant('checkins.errors.time_format'),
    /** Made by the scanning device for each scan: a resent scan is recognised by it and stored once. */
    clientId: z.uuid('checkins.errors.client_id_format'),
  })
  .superRefine((s, ctx) => {
    if (!s.personalQrToken === !s.manualCode) ctx.addIssue({ code: 'custom', path: ['personalQrToken'], message: 'checkins.errors.person_required' });
  });
export type StaffScanBody = z.input<typeof staffScanBody>;

export const MAX_BATCH = 500;
/** Items are checked one by one, so one bad scan in an offline queue does not block the others. */
export const scanBatchBody = z.object({
  scans: z.array(z.unknown(), 'checkins.errors.batch_size').min(1, 'checkins.errors.batch_size').max(MAX_BATCH, 'checkins.errors.batch_size'),
});

export const citizenCheckoutBody = citizenCheckinBody;
export const staffCheckoutBody = z
  .object({
    venueId,
    personalQrToken: token('checkins.errors.personal_qr_invalid').optional(),
    manualCode: token('checkins.errors.manual_code_invalid').optional(),
    at: isoInstant('checkins.errors.time_format').optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.personalQrToken === !s.manualCode) ctx.addIssue({ code: 'custom', path: ['personalQrToken'], message: 'checkins.errors.person_required' });
  });
export type StaffCheckoutBody = z.input<typeof staffCheckoutBody>;

export const visitView = z.object({
  visitId: z.number(),
  venueId: z.number(),
  venueName: z.string(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  /** True when this scan fell within the repeat window of an earlier one and no new visit was stored. */
  repeated: z.boolean(),
});
export type VisitViewDto = z.infer<typeof visitView>;

const problem = z.object({ code: z.string(), message: z.string(), field: z.string().optional() });
export const scanBatchResponse = z.object({
  results: z.array(
    z.union([
      z.object({ clientId: z.string().nullable(), ok: z.literal(true), visit: visitView }),
      z.object({ clientId: z.string().nullable(), ok: z.literal(false), error: problem }),
    ]),
  ),
});
export type ScanBatchResponseDto = z.infer<typeof scanBatchResponse>;

export const MAX_LOOKUP_DAYS = 31;
export const visitorsQuery = z.object({
  from: isoInstant('checkins.errors.time_format'),
  to: isoInstant('checkins.errors.time_format'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type VisitorsQuery = z.input<typeof visitorsQuery>;
export const visitorsExportQuery = visitorsQuery.pick({ from: true, to: true });
export type VisitorsExportQuery = z.input<typeof visitorsExportQuery>;

export const visitorPerson = z.object({
  id: z.number(),
  fullName: z.string(),
  phone: z.string().nullable(),
  birthYear: z.number(),
  communeName: z.string(),
});
export const visitorRow = z.object({
  visitId: z.number(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  source: z.enum(CHECKIN_SOURCES),
  /** Null for a visitor who lives outside the reader's jurisdiction: the visit is counted, the person not named. */
  person: visitorPerson.nullable(),
});
export const visitorsResponse = z.object({
  venue: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  total: z.number(),
  /** Visits in the window by people outside the reader's jurisdiction (shown without names). */
  outsideJurisdiction: z.number(),
  rows: z.array(visitorRow),
});
export type VisitorsResponseDto = z.infer<typeof visitorsResponse>;

export const personVisitsQuery = z.object({
  from: isoInstant('checkins.errors.time_format').optional(),
  to: isoInstant('checkins.errors.time_format').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PersonVisitsQuery = z.input<typeof personVisitsQuery>;
export const personVisitsResponse = z.object({
  personId: z.number(),
  total: z.number(),
  rows: z.array(
    z.object({
      visitId: z.number(),
      checkedInAt: z.string(),
      checkedOutAt: z.string().nullable(),
      source: z.enum(CHECKIN_SOURCES),
      venue: z.object({ id: z.number(), code: z.string(), name: z.string(), type: z.enum(VENUE_TYPES), addressLine: z.string(), communeName: z.string() }),
    }),
  ),
});
export type PersonVisitsResponseDto = z.infer<typeof personVisitsResponse>;
