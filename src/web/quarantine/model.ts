// What the quarantine screens compute without the server: room codes from a range, the facility
// structure as the editor holds it and as the API takes it, where a server error belongs in it,
// the admission request from the form, and the filters read from the address.
import {
  BED_KINDS,
  FACILITY_KINDS,
  isTreatmentKind,
  STAY_KINDS,
  STAY_PLACES,
  STAY_STATUSES,
  type AdmitInput,
  type FacilityDetail,
  type FacilityInput,
  type FacilityKind,
  type RoomView,
  type StayRisk,
  type StayView,
} from '../../shared/api/quarantine.js';
import { formatDate } from '../../shared/vn/dates.js';

export type RoomSex = RoomView['sex'];
export type BedKind = (typeof BED_KINDS)[number];
export interface BedDraft {
  code: string;
  kind: BedKind;
}
export interface RoomDraft {
  /** Stable while the code is being typed. */
  key: string;
  code: string;
  capacity: number;
  sex: RoomSex;
  beds: BedDraft[];
  /** People in the room now (0 for a new room): its capacity may not go below. */
  occupied: number;
}
export interface ZoneDraft {
  key: string;
  name: string;
  rooms: RoomDraft[];
}

let seq = 0;
export const newKey = (): string => `k${++seq}`;

/** The most rooms one bulk add makes. */
export const BULK_MAX = 500;
const CODE = /^[A-Z0-9][A-Z0-9._-]{0,29}$/;

export type RangeError = 'range_format' | 'range_prefix' | 'range_order' | 'range_too_long';

/**
 * Room codes from `from` to `to`: "101"–"120", "A01"–"A20" (the prefix kept, the leading zeros of
 * `from` kept as the width). Both ends must share the prefix.
 */
export function roomRange(from: string, to: string): { codes: string[] } | { error: RangeError } {
  const a = /^(.*?)(\d+)$/.exec(from.trim().toUpperCase());
  const b = /^(.*?)(\d+)$/.exec(to.trim().toUpperCase());
  if (!a || !b) return { error: 'range_format' };
  if (a[1] !== b[1]) return { error: 'range_prefix' };
  const start = Number(a[2]);
  const end = Number(b[2]);
  if (end < start) return { error: 'range_order' };
  if (end - start + 1 > BULK_MAX) return { error: 'range_too_long' };
  const width = a[2].length > 1 && a[2].startsWith('0') ? a[2].length : 0;
  const codes: string[] = [];
  for (let n = start; n <= end; n++) codes.push(`${a[1]}${String(n).padStart(width, '0')}`);
  if (!codes.every((c) => CODE.test(c))) return { error: 'range_format' };
  return { codes };
}

/** Beds 1..capacity of one kind, for a room that lists its beds. */
export function bedsFor(capacity: number, kind: BedKind): BedDraft[] {
  return Array.from({ length: capacity }, (_, i) => ({ code: String(i + 1), kind }));
}

export interface BulkRooms {
  zoneIndex: number;
  codes: string[];
  capacity: number;
  sex: RoomSex;
  /** null: rooms without listed beds. */
  bedKind: BedKind | null;
}

/** Adds rooms to a zone; codes the facility already has anywhere are skipped and named. */
export function addRooms(zones: ZoneDraft[], add: BulkRooms): { zones: ZoneDraft[]; added: number; skipped: string[] } {
  const taken = new Set(zones.flatMap((z) => z.rooms.map((r) => r.code.trim().toUpperCase())));
  const skipped = add.codes.filter((c) => taken.has(c));
  const fresh: RoomDraft[] = add.codes
    .filter((c) => !taken.has(c))
    .map((code) => ({ key: newKey(), code, capacity: add.capacity, sex: add.sex, beds: add.bedKind ? bedsFor(add.capacity, add.bedKind) : [], occupied: 0 }));
  return { zones: zones.map((z, i) => (i === add.zoneIndex ? { ...z, rooms: [...z.rooms, ...fresh] } : z)), added: fresh.length, skipped };
}

/** The editor's drafts of a stored facility's structure. */
export function draftsOf(zones: FacilityDetail['zones']): ZoneDraft[] {
  return zones.map((z) => ({
    key: newKey(),
    name: z.name,
    rooms: z.rooms.map((r) => ({ key: newKey(), code: r.code, capacity: r.capacity, sex: r.sex, beds: r.beds.map((b) => ({ code: b.code, kind: b.kind })), occupied: r.occupied })),
  }));
}

export function structureOf(zones: ZoneDraft[]): FacilityInput['zones'] {
  return zones.map((z) => ({ name: z.name, rooms: z.rooms.map((r) => ({ code: r.code, capacity: r.capacity, sex: r.sex, beds: r.beds.map((b) => ({ code: b.code, kind: b.kind })) })) }));
}

/** A zod issue's path as the server names fields: ['zones', 0, 'rooms', 3, 'code'] → "zones[0].rooms[3].code". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

export interface StructureSpot {
  zone: number;
  room: number | null;
  bed: number | null;
  /** The field of the room or bed (code, capacity, sex, beds), or of the zone (name, rooms). */
  prop: string | null;
}

/** Where "zones[0].rooms[3].code" points in the structure; null for a field outside it. */
export function structureSpot(field: string | null | undefined): StructureSpot | null {
  const m = /^zones\[(\d+)\](?:\.rooms\[(\d+)\](?:\.beds\[(\d+)\])?)?(?:\.(\w+))?$/.exec(field ?? '');
  if (!m) return null;
  return { zone: Number(m[1]), room: m[2] === undefined ? null : Number(m[2]), bed: m[3] === undefined ? null : Number(m[3]), prop: m[4] ?? null };
}

export interface StructureTotals {
  rooms: number;
  capacity: number;
  beds: number;
  oxygen: number;
  icu: number;
}

export function totalsOf(zones: ZoneDraft[]): StructureTotals {
  const rooms = zones.flatMap((z) => z.rooms);
  const beds = rooms.flatMap((r) => r.beds);
  return {
    rooms: rooms.length,
    capacity: rooms.reduce((n, r) => n + (r.capacity || 0), 0),
    beds: beds.length,
    oxygen: beds.filter((b) => b.kind === 'oxygen').length,
    icu: beds.filter((b) => b.kind === 'icu').length,
  };
}

/** The kinds a list shows for ?kind=: "treatment", "quarantine", one kind, or every kind. */
export function kindsOfParam(param: string | null | undefined): FacilityKind[] {
  if (param === 'treatment') return FACILITY_KINDS.filter(isTreatmentKind);
  if (param === 'quarantine') return FACILITY_KINDS.filter((k) => !isTreatmentKind(k));
  const one = FACILITY_KINDS.find((k) => k === param);
  return one ? [one] : [...FACILITY_KINDS];
}

/** "2021-08-01:f1 2021-08-02:f1": a room's cohorts as a browser test reads them. */
export function cohortKeys(cohorts: RoomView['cohorts']): string {
  return cohorts.map((c) => `${c.admissionDay}:${c.risk}`).join(' ');
}

/** A room mixing cohorts as room allocation sees them: confirmed cases (f0) share whatever their day. */
export function mixesCohorts(cohorts: RoomView['cohorts']): boolean {
  return new Set(cohorts.map((c) => (c.risk === 'f0' ? 'f0' : `${c.admissionDay}:${c.risk}`))).size > 1;
}

// ---- admission -----------------------------------------------------------------------------------

export interface AdmitChoice {
  /** A facility, or 'home' for quarantine or treatment at home. */
  facility: number | 'home' | undefined;
  source: AdmitInput['source'];
  caseId?: number | null;
  category?: AdmitInput['category'];
  risk?: StayRisk | null;
  vaccination?: AdmitInput['vaccination'];
  /** ISO instant; null: now. */
  admittedAt: string | null;
  /** Why the people go where the rule in force does not put them (asked by the server when it is so). */
  placeReason?: string | null;
}

/** The admission request for the form's choice and the people listed (a case admits its own person). */
export function admitBody(c: AdmitChoice, personIds: number[], dryRun: boolean): AdmitInput {
  const byCase = c.source === 'case';
  return {
    facilityId: c.facility === 'home' ? null : (c.facility ?? null),
    source: c.source,
    personIds: byCase ? [] : personIds,
    caseId: byCase || c.source === 'f1_list' ? (c.caseId ?? null) : null,
    category: c.source === 'checkpoint' || c.source === 'manual' ? (c.category ?? null) : null,
    risk: c.source === 'manual' ? (c.risk ?? null) : null,
    vaccination: c.vaccination ?? null,
    admittedAt: c.admittedAt,
    dryRun,
    placeReason: c.placeReason?.trim() || null,
  };
}

/** Whether a confirmation would admit what the dry run proposed (same request but for dryRun). */
export function sameAdmission(a: AdmitInput | null, b: AdmitInput): boolean {
  if (!a) return false;
  const strip = ({ dryRun: _, ...rest }: AdmitInput) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

/** A server error's field on the admission form: "personIds[3]" is the people list, its fourth row. */
export function admitField(field: string | null | undefined): { name: string; index: number | null } | null {
  const m = /^(facilityId|source|personIds|caseId|category|risk|vaccination|admittedAt|placeReason)(?:\[(\d+)\])?$/.exec(field ?? '');
  return m ? { name: m[1], index: m[2] === undefined ? null : Number(m[2]) } : null;
}

// ---- stays ---------------------------------------------------------------------------------------

const PAGE = 50;

export interface StaysFilter {
  facilityId?: number;
  roomId?: number;
  status?: StayView['status'];
  kind?: StayView['kind'];
  place?: StayView['place'];
  admissionDay?: string;
  limit: number;
  offset: number;
  page: number;
}

/** The stays list's query from the address (?facilityId=&roomId=&status=…&page=). Active stays unless asked. */
export function staysQueryOf(params: URLSearchParams): StaysFilter {
  const num = (k: string) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const oneOf = <T extends string>(k: string, list: readonly T[]) => list.find((v) => v === params.get(k));
  const status = params.get('status') === 'all' ? undefined : (oneOf('status', STAY_STATUSES) ?? 'active');
  const day = params.get('admissionDay');
  const page = num('page') ?? 1;
  return {
    facilityId: num('facilityId'),
    roomId: num('roomId'),
    status,
    kind: oneOf('kind', STAY_KINDS),
    place: oneOf('place', STAY_PLACES),
    admissionDay: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
    page,
  };
}

/** What an event says beyond its kind: a message key of quarantineUi.eventDetail and its values; null when nothing. */
export function eventDetail(kind: string, p: Record<string, unknown>): { key: string; values: Record<string, string | number> } | null {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  switch (kind) {
    case 'admitted':
      return p.fromStayId ? { key: 'admittedTransfer', values: { stayId: s(p.fromStayId) } } : { key: 'admitted', values: { source: s(p.source) } };
    case 'moved_room':
      return { key: p.mixesCohort ? 'movedMixing' : 'moved', values: { room: s(p.toRoomCode), reason: s(p.reason) } };
    case 'test_recorded':
      return p.result ? { key: 'testResult', values: { day: s(p.dayNumber), result: s(p.result) } } : { key: 'testSample', values: { day: s(p.dayNumber), code: s(p.sampleCode) } };
    case 'extended':
      return { key: p.reason === 'roommate_positive_test' ? 'extendedRoommate' : 'extended', values: { from: formatDate(s(p.from)), to: formatDate(s(p.to)) } };
    case 'transfer_proposed':
      return { key: 'proposed', values: { from: s(p.fromTier ?? '—'), to: s(p.toTier) } };
    case 'transferred':
      return { key: 'transferred', values: { stayId: s(p.toStayId), reason: s(p.reason) } };
    case 'discharged':
      return { key: p.note ? 'dischargedNote' : 'discharged', values: { number: s(p.certificateNumber), note: s(p.note) } };
    case 'handed_over':
      return Number(p.monitoringDays) > 0 ? { key: 'handedOver', values: { days: Number(p.monitoringDays), until: formatDate(s(p.monitorUntil)) } } : null;
    default:
      return null;
  }
}
