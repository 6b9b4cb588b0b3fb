// The people capability: one identity per person across the platform. Other capabilities
// store person ids and reach people only through the functions exported here.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import {
  personInput,
  personPatch,
  type CreatePersonResponse,
  type PersonData,
  type PersonDetail,
  type PersonPatch,
} from '../../shared/api/people.js';
import { people, type PersonRow } from './schema.js';
import { actorScope, inScope, requireCommuneInJurisdiction } from './access.js';
import { resolveCommune } from '../geo/service.js';
import { findDuplicateCandidates, storeCandidates } from './duplicates.js';
import { detailOf, visiblePerson } from './detail.js';
import { parseInput, personColumns } from './validate.js';

export { searchPeople, classifyQuery } from './search.js';
export { exportPeople } from './export.js';
export { findDuplicateCandidates, scanDuplicates, listDuplicates, dismissDuplicate } from './duplicates.js';
export { mergePeople, onPeopleMerged, type MergedPair } from './merge.js';
export { summariesInJurisdiction } from './summaries.js';
export { summariesByIds } from './views.js';
export { matchOrCreatePerson, type MatchResult, type MatchedBy } from './match.js';
export { MAX_MERGE_DEPTH, mergedRecordsSql, recordIdsOf, recordsOfSql } from './records.js';

/** The phone on record of a person (the person kept, for a merged record): where messages to them go. */
export async function phoneOf(db: DbOrTx, id: number): Promise<string | null> {
  const [row] = await db.select({ phone: people.phone }).from(people).where(eq(people.id, await canonicalPersonId(db, id)));
  return row?.phone ?? null;
}

/** The ids of the people inside the actor's jurisdiction, as a subquery for other capabilities' filters. */
export function personIdsInJurisdiction(db: DbOrTx, actor: Actor) {
  return db.select({ id: people.id }).from(people).where(inScope(actorScope(actor)));
}

/** A document identifies one living record: a second unmerged person with it is refused. */
async function ensureDocumentFree(tx: DbOrTx, data: PersonData, exceptId?: number): Promise<void> {
  if (!data.docType || !data.docNumber) return;
  // Serialises concurrent registrations of the same number; the lock ends with the transaction.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`person-doc:${data.docType}:${data.docNumber}`}))`);
  const [holder] = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        eq(people.docType, data.docType),
        eq(people.docNumber, data.docNumber),
        isNull(people.mergedInto),
        exceptId === undefined ? undefined : ne(people.id, exceptId),
      ),
    )
    .limit(1);
  if (holder) throw new AppError('conflict', 'people.errors.doc_taken', {}, 'docNumber');
}

/** Registers a person and stores the people they may duplicate, returned when the actor may see them. */
export async function createPerson(db: Db, actor: Actor, raw: unknown): Promise<CreatePersonResponse> {
  requirePermission(actor, 'people.write');
  const data = parseInput(personInput, raw);
  const place = await resolveCommune(db, data.communeId);
  requireCommuneInJurisdiction(actor, place);
  const person = await db.transaction(async (tx) => {
    await ensureDocumentFree(tx, data);
    const [row] = await tx.insert(people).values(personColumns(data, place)).returning();
    const candidates = await findDuplicateCandidates(tx, row);
    await storeCandidates(tx, candidates);
    await audit.record(tx, actor, { action: 'create', entity: 'person', entityId: row.id, personId: row.id, details: { duplicates: candidates.length } });
    return detailOf(tx, actor, row);
  });
  return { person, duplicates: person.duplicates };
}

/** The stored person in the shape personInput reads, so a patch is checked as a whole person. */
function inputOf(row: PersonRow) {
  return {
    docType: row.docType,
    docNumber: row.docNumber,
    phone: row.phone,
    fullName: row.fullName,
    birthDate: row.birthDate,
    birthYear: row.birthDate ? null : row.birthYear,
    sex: row.sex,
    nationality: row.nationality,
    addressLine: row.addressLine,
    communeId: row.communeId,
  };
}

export async function updatePerson(db: Db, actor: Actor, id: number, rawPatch: PersonPatch): Promise<PersonDetail> {
  requirePermission(actor, 'people.write');
  const patch = parseInput(personPatch, rawPatch);
  return db.transaction(async (tx) => {
    const before = await visiblePerson(tx, actor, id, { lock: true });
    if (before.mergedInto !== null) throw new AppError('conflict', 'people.errors.merged_read_only');
    const data = parseInput(personInput, { ...inputOf(before), ...patch });
    const place =
      data.communeId === before.communeId
        ? { communeId: before.communeId, districtId: before.districtId, provinceId: before.provinceId }
        : await resolveCommune(tx, data.communeId);
    requireCommuneInJurisdiction(actor, place);
    if (data.docType !== before.docType || data.docNumber !== before.docNumber) await ensureDocumentFree(tx, data, id);
    const next = personColumns(data, place);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
    if (changed.length === 0) return detailOf(tx, actor, before);
    const [row] = await tx.update(people).set({ ...next, updatedAt: new Date() }).where(eq(people.id, id)).returning();
    await storeCandidates(tx, await findDuplicateCandidates(tx, row));
    await audit.record(tx, actor, {
      action: 'update',
      entity: 'person',
      entityId: id,
      personId: id,
      details: { before: Object.fromEntries(changed.map((k) => [k, before[k]])) },
    });
    return detailOf(tx, actor, row);
  });
}

/**
 * A person's record with places, merge history and open duplicates; every read is audited. A
 * merged person is returned as stored, with mergedInto naming the person to follow.
 */
export async function getPerson(db: Db, actor: Actor, id: number): Promise<PersonDetail> {
  requirePermission(actor, 'people.read');
  return db.transaction(async (tx) => {
    const detail = await detailOf(tx, actor, await visiblePerson(tx, actor, id));
    await audit.record(tx, actor, { action: 'read', entity: 'person', entityId: id, personId: id });
    return detail;
  });
}

/**
 * The id under which a person lives on: records of other capabilities keep the id they were
 * made with, and this follows merges from it to the person that was kept.
 */
export async function canonicalPersonId(db: DbOrTx, id: number): Promise<number> {
  let current = id;
  const seen = new Set<number>();
  while (!seen.has(current)) {
    seen.add(current);
    const [row] = await db.select({ mergedInto: people.mergedInto }).from(people).where(eq(people.id, current));
    if (!row || row.mergedInto === null) return current;
    current = row.mergedInto;
  }
  return current;
}
