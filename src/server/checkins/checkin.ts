// Recording visits: a visitor's tap on the venue page, a staff scan (one or a queued batch from
// an offline device) and the optional check-out. Every check-in goes through the group-commit
// writer and is answered only once its row is committed.
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { parseInput } from '../people/validate.js';
import {
  citizenCheckinBody,
  citizenCheckoutBody,
  scanBatchBody,
  staffCheckoutBody,
  staffScanBody,
  type CitizenCheckinBody,
  type StaffCheckoutBody,
  type StaffScanBody,
  type VisitViewDto,
} from '../../shared/api/checkins.js';
import { checkins, venues } from './schema.js';
import { personOfQrId, qrIdOfManualCode, qrIdOfToken, venueIdOfToken } from './tokens.js';
import { inJurisdiction, refusalOfStatus } from './venues.js';
import { checkTime } from './rules.js';
import { settings } from './settings.js';
import { SOURCE_CODES, writerFor, type CheckinItem, type StoredVisit } from './writer.js';

/** Who scans at a venue: signed-in staff (any venue of their jurisdiction) or a device issued to one venue. */
export type Scanner = { kind: 'staff'; actor: Actor } | { kind: 'device'; venueId: number };

/** A visit is closed by a check-out at most this long after it began. */
const OPEN_VISIT_HOURS = 24;

function view(v: StoredVisit): VisitViewDto {
  return {
    visitId: v.id,
    venueId: v.venueId,
    venueName: v.venueName,
    checkedInAt: v.checkedInAt.toISOString(),
    checkedOutAt: v.checkedOutAt?.toISOString() ?? null,
    repeated: v.repeated,
  };
}

/** A scanned personal QR or its typed code, with the field and message that refuse it. */
interface Visitor {
  qrId: string;
  field: 'personalQrToken' | 'manualCode';
  refusal: string;
}

/** The visitor's QR id, checked in memory (MAC, format); whether the QR is live the writer judges with its batch. */
async function visitorOf(db: Db, s: { personalQrToken?: string; manualCode?: string }): Promise<Visitor> {
  const v: Omit<Visitor, 'qrId'> =
    s.personalQrToken !== undefined
      ? { field: 'personalQrToken', refusal: 'checkins.errors.personal_qr_invalid' }
      : { field: 'manualCode', refusal: 'checkins.errors.manual_code_invalid' };
  const qrId = s.personalQrToken !== undefined ? await qrIdOfToken(db, s.personalQrToken) : qrIdOfManualCode(s.manualCode ?? '');
  if (qrId === null) throw invalid(v.field, v.refusal);
  return { ...v, qrId };
}

async function store(db: Db, item: CheckinItem, visitor: Visitor, venueField: string): Promise<VisitViewDto> {
  const result = await writerFor(db, settings.repeatMinutes).write(item);
  if (result.ok) return view(result.visit);
  if (result.reason === 'person_unknown') throw invalid(visitor.field, visitor.refusal);
  throw refusalOfStatus(result.status, venueField);
}

async function venueOfToken(db: Db, token: string): Promise<number> {
  const id = await venueIdOfToken(db, token);
  if (id === null) throw invalid('venueToken', 'checkins.errors.venue_qr_invalid');
  return id;
}

/** The person for a check-out, which closes a stored visit instead of going through the writer. */
async function personOf(db: Db, s: { personalQrToken?: string; manualCode?: string }): Promise<number> {
  const v = await visitorOf(db, s);
  const id = await personOfQrId(db, v.qrId);
  if (id === null) throw invalid(v.field, v.refusal);
  return id;
}

/** A visitor's one tap on the page a venue QR opened: the person comes from the device's personal QR. */
export async function citizenCheckIn(db: Db, raw: CitizenCheckinBody, now = new Date()): Promise<VisitViewDto> {
  const body = parseInput(citizenCheckinBody, raw);
  const venueId = await venueOfToken(db, body.venueToken);
  const at = body.at ? new Date(body.at) : now;
  await checkTime(db, at, now);
  const visitor = await visitorOf(db, body);
  return store(db, { venueId, qrId: visitor.qrId, at, source: SOURCE_CODES.citizen, clientId: null }, visitor, 'venueToken');
}

async function authorizeScan(db: Db, scanner: Scanner, venueId: number): Promise<void> {
  if (scanner.kind === 'device') {
    if (scanner.venueId !== venueId) throw new AppError('forbidden', 'checkins.errors.device_other_venue', {}, 'venueId');
    return;
  }
  requirePermission(scanner.actor, 'checkins.scan');
  const [v] = await db.select({ communeId: venues.communeId, districtId: venues.districtId, provinceId: venues.provinceId }).from(venues).where(eq(venues.id, venueId));
  if (!v || !inJurisdiction(scanner.actor.jurisdiction, v)) throw new AppError('not_found', 'checkins.errors.venue_unknown', {}, 'venueId');
}

/** Staff scan a visitor's personal QR (or type its code) at a venue. */
export async function staffScan(db: Db, scanner: Scanner, raw: StaffScanBody, now = new Date()): Promise<VisitViewDto> {
  const s = parseInput(staffScanBody, raw);
  await authorizeScan(db, scanner, s.venueId);
  const at = new Date(s.at);
  await checkTime(db, at, now);
  const visitor = await visitorOf(db, s);
  const source = s.personalQrToken ? SOURCE_CODES.staff_scan : SOURCE_CODES.manual_code;
  return store(db, { venueId: s.venueId, qrId: visitor.qrId, at, source, clientId: s.clientId }, visitor, 'venueId');
}

export type BatchItemResult = { clientId: string | null; ok: true; visit: VisitViewDto } | { clientId: string | null; ok: false; error: AppError };

/**
 * An offline device's queue: each scan is checked and stored on its own (one bad scan does not
 * hold back the rest), all in the same group commits. Scans carry their client id, so sending
 * the same queue again stores nothing twice and answers with the visits already stored.
 */
export async function staffScanBatch(db: Db, scanner: Scanner, raw: { scans: unknown[] }, now = new Date()): Promise<BatchItemResult[]> {
  const { scans } = parseInput(scanBatchBody, raw);
  return Promise.all(
    scans.map(async (item, i): Promise<BatchItemResult> => {
      const clientId = typeof (item as { clientId?: unknown })?.clientId === 'string' ? (item as { clientId: string }).clientId : null;
      try {
        return { clientId, ok: true, visit: await staffScan(db, scanner, item as StaffScanBody, now) };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return { clientId, ok: false, error: new AppError(err.code, err.messageKey, err.params, `scans[${i}]${err.field ? '.' + err.field : ''}`) };
      }
    }),
  );
}

/** Closes the person's latest visit at the venue (begun before `at`, within a day) unless it is closed already. */
async function closeVisit(db: Db, venueId: number, personId: number, at: Date): Promise<VisitViewDto> {
  const latest = db
    .select({ id: checkins.id })
    .from(checkins)
    .where(
      and(
        eq(checkins.personId, personId),
        eq(checkins.venueId, venueId),
        lte(checkins.checkedInAt, at),
        gt(checkins.checkedInAt, new Date(at.getTime() - OPEN_VISIT_HOURS * 3_600_000)),
      ),
    )
    .orderBy(desc(checkins.checkedInAt))
    .limit(1);
  const [row] = await db
    .update(checkins)
    .set({ checkedOutAt: at })
    .where(and(sql`${checkins.id} = (${latest})`, eq(checkins.personId, personId), isNull(checkins.checkedOutAt)))
    .returning();
  if (!row) throw notFound('checkins.errors.no_open_visit');
  const [v] = await db.select({ name: venues.name }).from(venues).where(eq(venues.id, venueId));
  return view({ id: row.id, venueId, venueName: v?.name ?? '', checkedInAt: row.checkedInAt, checkedOutAt: row.checkedOutAt, repeated: false });
}

export async function citizenCheckOut(db: Db, raw: CitizenCheckinBody, now = new Date()): Promise<VisitViewDto> {
  const body = parseInput(citizenCheckoutBody, raw);
  const venueId = await venueOfToken(db, body.venueToken);
  const at = body.at ? new Date(body.at) : now;
  await checkTime(db, at, now);
  return closeVisit(db, venueId, await personOf(db, body), at);
}

export async function staffCheckOut(db: Db, scanner: Scanner, raw: StaffCheckoutBody, now = new Date()): Promise<VisitViewDto> {
  const body = parseInput(staffCheckoutBody, raw);
  await authorizeScan(db, scanner, body.venueId);
  const at = body.at ? new Date(body.at) : now;
  await checkTime(db, at, now);
  return closeVisit(db, body.venueId, await personOf(db, body), at);
}
