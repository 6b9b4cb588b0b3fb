// Collection sites (fixed, mobile, at a venue, at a checkpoint …) and the labs samples go to.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { resolveCommune, communesOf } from '../geo/service.js';
import { getVenue } from '../checkins/service.js';
import { parseInput } from '../people/validate.js';
import { foldKey } from '../../shared/vn/text.js';
import { can } from '../../shared/roles.js';
import { labInput, siteInput, type LabInput, type LabView, type SiteInput, type SiteView } from '../../shared/api/testing.js';
import { actorScope, inUnit, placeInScope } from './access.js';
import { testingLabs, testingSites, type LabRow, type SiteRow } from './schema.js';

/** Names of communes, read once per province for a list. */
export async function communeNames(db: DbOrTx, provinceIds: Iterable<number>): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(provinceIds)) for (const c of await communesOf(db, id)) names.set(c.id, c.fullName);
  return names;
}

async function placeOf(db: DbOrTx, actor: Actor, communeId: number) {
  const place = await resolveCommune(db, communeId).catch(() => {
    throw invalid('communeId', 'testing.errors.commune_required');
  });
  if (!placeInScope(actorScope(actor), place)) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'communeId');
  return place;
}

function siteView(row: SiteRow, names: Map<number, string>): SiteView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    venueId: row.venueId,
    addressLine: row.addressLine,
    communeId: row.communeId,
    communeName: names.get(row.communeId) ?? '',
    active: row.active,
  };
}

export async function createSite(db: Db, actor: Actor, raw: SiteInput): Promise<SiteView> {
  requirePermission(actor, 'testing.manage');
  const input = parseInput(siteInput, raw);
  const place = await placeOf(db, actor, input.communeId);
  // A site at a venue is set up by officials who may see the venue (its commune's or above).
  if (input.venueId !== null) {
    await getVenue(db, actor, input.venueId, '').catch(() => {
      throw invalid('venueId', 'testing.errors.venue_unknown');
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(testingSites)
      .values({ name: input.name, nameKey: foldKey(input.name), kind: input.kind, venueId: input.venueId, addressLine: input.addressLine, ...place, createdBy: actor.accountId })
      .returning();
    await audit.record(tx, actor, { action: 'create', entity: 'testing_site', entityId: row.id, details: { name: row.name } });
    return siteView(row, await communeNames(tx, [row.provinceId]));
  });
}

export async function listSites(db: Db, actor: Actor): Promise<{ rows: SiteView[] }> {
  requirePermission(actor, 'testing.sample');
  const rows = await db.select().from(testingSites).where(inUnit(actorScope(actor), 'testing_sites')).orderBy(asc(testingSites.nameKey), asc(testingSites.id));
  const names = await communeNames(db, rows.map((r) => r.provinceId));
  return { rows: rows.map((r) => siteView(r, names)) };
}

export async function sitesByIds(db: DbOrTx, ids: number[]): Promise<Map<number, SiteRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(testingSites).where(inArray(testingSites.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

function labView(row: LabRow, names: Map<number, string>): LabView {
  return { id: row.id, code: row.code, name: row.name, communeId: row.communeId, communeName: names.get(row.communeId) ?? '', active: row.active };
}

export async function createLab(db: Db, actor: Actor, raw: LabInput): Promise<LabView> {
  requirePermission(actor, 'testing.manage');
  const input = parseInput(labInput, raw);
  const place = await placeOf(db, actor, input.communeId);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: testingLabs.id }).from(testingLabs).where(eq(testingLabs.code, input.code));
    if (taken) throw new AppError('conflict', 'testing.errors.lab_code_taken', {}, 'code');
    const [row] = await tx.insert(testingLabs).values({ code: input.code, name: input.name, ...place, createdBy: actor.accountId }).returning();
    await audit.record(tx, actor, { action: 'create', entity: 'testing_lab', entityId: row.id, details: { code: row.code } });
    return labView(row, await communeNames(tx, [row.provinceId]));
  });
}

/** Every active lab of the actor's province: where samples may be sent. */
export async function listLabs(db: Db, actor: Actor): Promise<{ rows: LabView[] }> {
  if (!can(actor.role, 'testing.lab')) requirePermission(actor, 'testing.sample');
  const rows = await db
    .select()
    .from(testingLabs)
    .where(and(eq(testingLabs.provinceId, actor.jurisdiction.provinceId), eq(testingLabs.active, true)))
    .orderBy(asc(testingLabs.code));
  const names = await communeNames(db, [actor.jurisdiction.provinceId]);
  return { rows: rows.map((r) => labView(r, names)) };
}
