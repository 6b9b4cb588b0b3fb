// Venues: registered by officials (active at once) or by their owners through the public form
// (pending until the commune activates them); listed, suspended and reactivated by the officials
// whose jurisdiction holds them. Every change is audited.
import { randomInt } from 'node:crypto';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, unitInJurisdiction, type Actor, type Jurisdiction } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { communesOf, getUnit, resolveCommune } from '../geo/service.js';
import { parseInput } from '../people/validate.js';
import { foldKey } from '../../shared/vn/text.js';
import {
  listVenuesQuery,
  suspendBody,
  venueInput,
  type ListVenuesQuery,
  type PublicVenueDto,
  type VenueDetailDto,
  type VenueInput,
  type VenueViewDto,
} from '../../shared/api/checkins.js';
import { venues, type VenueRow } from './schema.js';
import { venueIdOfToken, venueQrUrl, venueToken } from './tokens.js';

const CODE_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_TRIES = 8;

/** "Quảng Ninh" -> "QN", "Hồ Chí Minh" -> "HCM": the province's initials start every venue code. */
function provincePrefix(name: string): string {
  return (
    foldKey(name)
      .split(' ')
      .filter(Boolean)
      .map((w) => w[0].toUpperCase())
      .join('')
      .replace(/[^A-Z]/g, '')
      .slice(0, 4) || 'VN'
  );
}

function newCode(prefix: string): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += CODE_CHARS[randomInt(CODE_CHARS.length)];
  return `${prefix}-${s}`;
}

export function inJurisdiction(j: Jurisdiction, v: Pick<VenueRow, 'communeId' | 'districtId' | 'provinceId'>): boolean {
  return unitInJurisdiction(j, { id: v.communeId, districtId: v.districtId, provinceId: v.provinceId });
}

function jurisdictionCondition(level: Jurisdiction['level'], unitId: number): SQL {
  const column = level === 'province' ? venues.provinceId : level === 'district' ? venues.districtId : venues.communeId;
  return eq(column, unitId);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function viewsOf(db: DbOrTx, rows: (VenueRow & { lastCheckInAt: Date | string | null })[]): Promise<VenueViewDto[]> {
  const names = new Map<number, string>();
  // One venue: its commune alone; a list: the communes of its provinces in one query each.
  const units = rows.length === 1 ? [rows[0].communeId] : new Set(rows.map((r) => r.provinceId));
  for (const unitId of units) for (const c of await communesOf(db, unitId)) names.set(c.id, c.fullName);
  return rows.map(({ nameKey: _k, ...r }) => ({
    ...r,
    communeName: names.get(r.communeId) ?? '',
    createdAt: iso(r.createdAt)!,
    suspendedAt: iso(r.suspendedAt),
    lastCheckInAt: iso(r.lastCheckInAt),
  }));
}

// Written out in full: drizzle renders a column of the only table in a query unqualified, and inside
// the subquery a bare "id" would be the check-in's.
const lastCheckIn = sql<Date | string | null>`(select max(c.checked_in_at) from checkins c where c.venue_id = "venues"."id")`;

async function insertVenue(tx: DbOrTx, input: VenueInput, status: VenueRow['status'], registeredBy: number | null): Promise<VenueRow> {
  const data = parseInput(venueInput, input);
  const place = await resolveCommune(tx, data.communeId);
  return insertParsed(tx, data, place, status, registeredBy);
}

async function insertParsed(
  tx: DbOrTx,
  data: ReturnType<typeof venueInput.parse>,
  place: Awaited<ReturnType<typeof resolveCommune>>,
  status: VenueRow['status'],
  registeredBy: number | null,
): Promise<VenueRow> {
  const prefix = provincePrefix((await getUnit(tx, place.provinceId)).name);
  for (let i = 0; i < CODE_TRIES; i++) {
    const [row] = await tx
      .insert(venues)
      .values({ ...data, nameKey: foldKey(data.name), ...place, code: newCode(prefix), status, registeredBy })
      .onConflictDoNothing({ target: venues.code })
      .returning();
    if (row) return row;
  }
  throw new Error('no free venue code after several tries');
}

/** An official registers a venue in the jurisdiction; it is active at once. */
export async function registerVenue(db: Db, actor: Actor, input: VenueInput): Promise<VenueViewDto> {
  requirePermission(actor, 'venues.manage');
  const data = parseInput(venueInput, input);
  const place = await resolveCommune(db, data.communeId);
  if (!inJurisdiction(actor.jurisdiction, place)) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'communeId');
  return db.transaction(async (tx) => {
    const row = await insertParsed(tx, data, place, 'active', actor.accountId);
    await audit.record(tx, actor, { action: 'create', entity: 'venue', entityId: row.id, details: { code: row.code, communeId: row.communeId } });
    return (await viewsOf(tx, [{ ...row, lastCheckInAt: null }]))[0];
  });
}

/** A venue's owner registers it without an account; it waits for the commune to activate it. */
export async function registerVenuePublic(db: Db, input: VenueInput): Promise<{ id: number; code: string; status: VenueRow['status'] }> {
  return db.transaction(async (tx) => {
    const row = await insertVenue(tx, input, 'pending', null);
    await audit.record(tx, null, { action: 'create', entity: 'venue', entityId: row.id, details: { code: row.code, communeId: row.communeId, via: 'public' } });
    return { id: row.id, code: row.code, status: row.status };
  });
}

/** The venue if the actor's jurisdiction holds it; otherwise it does not exist for them. */
export async function visibleVenue(db: DbOrTx, actor: Actor, id: number): Promise<VenueRow> {
  const [row] = await db.select().from(venues).where(eq(venues.id, id));
  if (!row || !inJurisdiction(actor.jurisdiction, row)) throw notFound('checkins.errors.venue_unknown');
  return row;
}

async function withQrUrl(db: DbOrTx, views: VenueViewDto[], origin: string): Promise<VenueDetailDto[]> {
  return Promise.all(views.map(async (v) => ({ ...v, qrUrl: venueQrUrl(origin, await venueToken(db, v.id)) })));
}

/** `origin`: where citizens reach the site, for the venue's QR link. */
export async function getVenue(db: Db, actor: Actor, id: number, origin: string): Promise<VenueDetailDto> {
  requirePermission(actor, 'venues.manage');
  const row = await visibleVenue(db, actor, id);
  const [last] = await db.select({ at: lastCheckIn }).from(venues).where(eq(venues.id, id));
  return (await withQrUrl(db, await viewsOf(db, [{ ...row, lastCheckInAt: last.at }]), origin))[0];
}

/**
 * The venues of the jurisdiction (or of a district or commune in it), newest first, with their
 * latest check-in and QR link; `idleSince` keeps those with no check-in since then (a venue whose
 * poster nobody scans may not be enforcing it).
 */
export async function listVenues(db: Db, actor: Actor, raw: ListVenuesQuery, origin: string): Promise<{ total: number; rows: VenueDetailDto[] }> {
  requirePermission(actor, 'venues.manage');
  const q = parseInput(listVenuesQuery, raw);
  let scope = jurisdictionCondition(actor.jurisdiction.level, actor.jurisdiction.unitId);
  if (q.unitId !== undefined) {
    const unit = await getUnit(db, q.unitId).catch(() => null);
    if (!unit) throw invalid('unitId', 'checkins.errors.unit_unknown');
    if (!unitInJurisdiction(actor.jurisdiction, { id: unit.id, provinceId: unit.provinceId, districtId: unit.districtId })) {
      throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'unitId');
    }
    scope = jurisdictionCondition(unit.level, unit.id);
  }
  const search = q.q ? foldKey(q.q) : '';
  const where = and(
    scope,
    q.status ? eq(venues.status, q.status) : undefined,
    search ? or(sql`${venues.nameKey} like ${`%${search}%`}`, ilike(venues.code, `%${q.q}%`)) : undefined,
    q.idleSince ? sql`not exists (select 1 from checkins c where c.venue_id = ${venues.id} and c.checked_in_at >= ${new Date(q.idleSince).toISOString()}::timestamptz)` : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    db.select({ venue: venues, lastCheckInAt: lastCheckIn }).from(venues).where(where).orderBy(sql`${venues.createdAt} desc`, asc(venues.id)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(venues).where(where),
  ]);
  return { total: n, rows: await withQrUrl(db, await viewsOf(db, rows.map((r) => ({ ...r.venue, lastCheckInAt: r.lastCheckInAt }))), origin) };
}

async function setStatus(db: Db, actor: Actor, id: number, to: VenueRow['status'], reason: string | null): Promise<VenueViewDto> {
  requirePermission(actor, 'venues.manage');
  return db.transaction(async (tx) => {
    const before = await visibleVenue(tx, actor, id);
    const [row] = await tx
      .update(venues)
      .set(to === 'suspended' ? { status: to, suspendedAt: new Date(), suspendedReason: reason } : { status: to, suspendedAt: null, suspendedReason: null })
      .where(eq(venues.id, id))
      .returning();
    await audit.record(tx, actor, { action: 'update', entity: 'venue', entityId: id, details: { status: { from: before.status, to }, reason } });
    const [last] = await tx.select({ at: lastCheckIn }).from(venues).where(eq(venues.id, id));
    return (await viewsOf(tx, [{ ...row, lastCheckInAt: last.at }]))[0];
  });
}

/** Stops a venue's QR from recording check-ins, with the reason (closed by order, not enforcing…). */
export async function suspendVenue(db: Db, actor: Actor, id: number, raw: { reason: string }): Promise<VenueViewDto> {
  const { reason } = parseInput(suspendBody, raw);
  return setStatus(db, actor, id, 'suspended', reason);
}

/** Activates a venue its owner registered, or reactivates a suspended one. */
export async function activateVenue(db: Db, actor: Actor, id: number): Promise<VenueViewDto> {
  return setStatus(db, actor, id, 'active', null);
}

/** Why a venue refuses check-ins, as the error the scanner sees (field: where the venue came from). */
export async function venueRefusal(db: DbOrTx, id: number, field: string): Promise<AppError> {
  const [row] = await db.select({ status: venues.status }).from(venues).where(eq(venues.id, id));
  return refusalOfStatus(row?.status ?? null, field);
}

/** The same for a status already read (null: no such venue). */
export function refusalOfStatus(status: VenueRow['status'] | null, field: string): AppError {
  if (status === null) return new AppError('not_found', 'checkins.errors.venue_unknown', {}, field);
  return new AppError('conflict', status === 'pending' ? 'checkins.errors.venue_pending' : 'checkins.errors.venue_suspended', {}, field);
}

/** What the check-in page shows for a scanned venue QR; a forged, unknown or inactive venue is refused. */
export async function publicVenue(db: DbOrTx, token: string): Promise<PublicVenueDto> {
  const id = await venueIdOfToken(db, token);
  if (id === null) throw invalid('venueToken', 'checkins.errors.venue_qr_invalid');
  const [row] = await db.select().from(venues).where(eq(venues.id, id));
  if (!row || row.status !== 'active') throw await venueRefusal(db, id, 'venueToken');
  const [view] = await viewsOf(db, [{ ...row, lastCheckInAt: null }]);
  return { id: row.id, code: row.code, name: row.name, type: row.type, addressLine: row.addressLine, communeName: view.communeName };
}
