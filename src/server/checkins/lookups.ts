// Look-ups for contact tracing: who visited a venue in a time window, where a person went, and
// the venue's visitors as an Excel file. All are limited to the reader's jurisdiction and audited.
//
// A venue in the jurisdiction is also visited by people who live outside it. A commune officer
// sees those visits (time, how recorded) and their number, never who made them: naming them is
// for an officer whose jurisdiction holds both (the district or the province).
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { personIdsInJurisdiction, recordIdsOf, summariesInJurisdiction } from '../people/service.js';
import { communesOf } from '../geo/service.js';
import { parseInput } from '../people/validate.js';
import { translate } from '../../shared/i18n/index.js';
import {
  CHECKIN_SOURCES,
  MAX_LOOKUP_DAYS,
  personVisitsQuery,
  visitorsExportQuery,
  visitorsQuery,
  type PersonVisitsQuery,
  type PersonVisitsResponseDto,
  type VisitorsExportQuery,
  type VisitorsQuery,
  type VisitorsResponseDto,
} from '../../shared/api/checkins.js';
import { checkins, venues } from './schema.js';
import { visibleVenue } from './venues.js';

export const EXPORT_LIMIT = 50_000;

const sourceName = (code: number) => CHECKIN_SOURCES[code - 1];

/** The window of a look-up as instants; `to` must follow `from` within MAX_LOOKUP_DAYS. */
function windowOf(q: { from: string; to: string }): { from: Date; to: Date } {
  const from = new Date(q.from);
  const to = new Date(q.to);
  checkWindow(from, to);
  return { from, to };
}

function checkWindow(from: Date, to: Date): void {
  if (to.getTime() <= from.getTime()) throw invalid('to', 'checkins.errors.window_order');
  if (to.getTime() - from.getTime() > MAX_LOOKUP_DAYS * 86_400_000) throw invalid('to', 'checkins.errors.window_too_long', { days: MAX_LOOKUP_DAYS });
}

function inWindow(venueId: number, from: Date, to: Date): SQL {
  return and(eq(checkins.venueId, venueId), gte(checkins.checkedInAt, from), lt(checkins.checkedInAt, to))!;
}

/** The visits of a venue in a window, oldest first; visitors from outside the jurisdiction are counted, not named. */
export async function venueVisitors(db: Db, actor: Actor, venueId: number, raw: VisitorsQuery): Promise<VisitorsResponseDto> {
  requirePermission(actor, 'checkins.read');
  const q = parseInput(visitorsQuery, raw);
  const { from, to } = windowOf(q);
  return db.transaction(async (tx) => {
    const venue = await visibleVenue(tx, actor, venueId);
    const where = inWindow(venueId, from, to);
    const rows = await tx.select().from(checkins).where(where).orderBy(asc(checkins.checkedInAt), asc(checkins.id)).limit(q.limit).offset(q.offset);
    const [{ total, outside }] = await tx
      .select({
        total: sql<number>`count(*)::int`,
        outside: sql<number>`(count(*) filter (where not exists (select 1 from (${personIdsInJurisdiction(tx, actor)}) j where j.id = ${checkins.personId})))::int`,
      })
      .from(checkins)
      .where(where);
    const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.personId));
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'venue_visitors', entityId: venueId, details: { from: from.toISOString(), to: to.toISOString(), total, named: people.size } },
      ...[...people.keys()].map((personId) => ({ action: 'read' as const, entity: 'venue_visitors', entityId: venueId, personId })),
    ]);
    return {
      venue: { id: venue.id, code: venue.code, name: venue.name },
      total,
      outsideJurisdiction: outside,
      rows: rows.map((r) => {
        const p = people.get(r.personId);
        return {
          visitId: r.id,
          checkedInAt: r.checkedInAt.toISOString(),
          checkedOutAt: r.checkedOutAt?.toISOString() ?? null,
          source: sourceName(r.source),
          person: p ? { id: p.id, fullName: p.fullName, phone: p.phone, birthYear: p.birthYear, communeName: p.communeName } : null,
        };
      }),
    };
  });
}

async function communeNames(db: DbOrTx, provinceIds: Iterable<number>): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(provinceIds)) for (const c of await communesOf(db, id)) names.set(c.id, c.fullName);
  return names;
}

/** Where a person of the jurisdiction checked in (any venue, anywhere, under any of their records), newest first. */
export async function personVisits(db: Db, actor: Actor, personId: number, raw: PersonVisitsQuery = {}): Promise<PersonVisitsResponseDto> {
  requirePermission(actor, 'checkins.read');
  const q = parseInput(personVisitsQuery, raw);
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && to <= from) throw invalid('to', 'checkins.errors.window_order');
  return db.transaction(async (tx) => {
    if ((await summariesInJurisdiction(tx, actor, [personId])).size === 0) throw notFound('checkins.errors.person_unknown');
    // Visits made under records merged into this person since are theirs too.
    const records = await recordIdsOf(tx, personId);
    const where = and(inArray(checkins.personId, records), from ? gte(checkins.checkedInAt, from) : undefined, to ? lt(checkins.checkedInAt, to) : undefined);
    const rows = await tx
      .select({ visit: checkins, venue: venues })
      .from(checkins)
      .innerJoin(venues, eq(venues.id, checkins.venueId))
      .where(where)
      .orderBy(desc(checkins.checkedInAt), desc(checkins.id))
      .limit(q.limit)
      .offset(q.offset);
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(checkins).where(where);
    const names = await communeNames(tx, rows.map((r) => r.venue.provinceId));
    await audit.record(tx, actor, { action: 'read', entity: 'person_visits', entityId: personId, personId, details: { total } });
    return {
      personId,
      total,
      rows: rows.map(({ visit, venue }) => ({
        visitId: visit.id,
        checkedInAt: visit.checkedInAt.toISOString(),
        checkedOutAt: visit.checkedOutAt?.toISOString() ?? null,
        source: sourceName(visit.source),
        venue: { id: venue.id, code: venue.code, name: venue.name, type: venue.type, addressLine: venue.addressLine, communeName: names.get(venue.communeId) ?? '' },
      })),
    };
  });
}

const vnTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** dd/MM/yyyy HH:mm in Vietnam time. */
export function formatVnDateTime(d: Date | null): string {
  if (!d) return '';
  const p = Object.fromEntries(vnTime.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

const vi = (key: string) => translate('vi', key);
const COLUMNS = [
  ['checkedInAt', 18],
  ['checkedOutAt', 18],
  ['fullName', 28],
  ['birthYear', 10],
  ['phone', 14],
  ['commune', 26],
  ['source', 22],
] as const;

/** A venue's visitors in a window as an XLSX sheet with Vietnamese headers; outside visitors unnamed. */
export async function exportVisitors(db: Db, actor: Actor, venueId: number, raw: VisitorsExportQuery): Promise<Buffer> {
  requirePermission(actor, 'checkins.read');
  const { from, to } = windowOf(parseInput(visitorsExportQuery, raw));
  return db.transaction(async (tx) => {
    const venue = await visibleVenue(tx, actor, venueId);
    const rows = await tx.select().from(checkins).where(inWindow(venueId, from, to)).orderBy(asc(checkins.checkedInAt), asc(checkins.id)).limit(EXPORT_LIMIT + 1);
    if (rows.length > EXPORT_LIMIT) throw invalid('to', 'checkins.errors.export_too_large', { limit: EXPORT_LIMIT });
    const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.personId));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(vi('checkins.export.sheet'), { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([`${venue.name} (${venue.code}): ${formatVnDateTime(from)} – ${formatVnDateTime(to)}`]).font = { bold: true };
    const header = sheet.addRow(COLUMNS.map(([key]) => vi(`checkins.export.${key}`)));
    header.font = { bold: true };
    COLUMNS.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
    for (const r of rows) {
      const p = people.get(r.personId);
      sheet.addRow([
        formatVnDateTime(r.checkedInAt),
        formatVnDateTime(r.checkedOutAt),
        p ? p.fullName : vi('checkins.export.outside'),
        p?.birthYear ?? '',
        p?.phone ?? '',
        p?.communeName ?? '',
        vi(`checkins.sources.${sourceName(r.source)}`),
      ]);
    }
    await audit.record(tx, actor, {
      action: 'export',
      entity: 'venue_visitors',
      entityId: venueId,
      details: { from: from.toISOString(), to: to.toISOString(), count: rows.length, named: people.size },
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  });
}
