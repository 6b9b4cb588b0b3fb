// Finding the registered person a self-declared identity (a citizen's public form) belongs to,
// by the same rules duplicate detection uses, or registering a new one. A citizen form never
// changes a stored person: what it declares differently is returned for the caller to keep.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { foldKey } from '../../shared/vn/text.js';
import { personInput, type PersonData, type PersonInput } from '../../shared/api/people.js';
import { resolveCommune } from '../geo/service.js';
import { AppError } from '../http/errors.js';
import { people, type PersonRow } from './schema.js';
import { findDuplicateCandidates, SIMILAR_NAME, storeCandidates } from './duplicates.js';
import { nameSimilarity } from './similarity.js';
import { parseInput, personColumns } from './validate.js';

export type MatchedBy = 'doc' | 'phone_name' | 'name_birth_commune';

export interface MatchContext {
  /** Who registers a new person: null for a citizen's own public form. */
  actor: Actor | null;
  /** Where the identity came from, kept in the audit record of a new person (e.g. "declaration"). */
  source: string;
  /** Prefix of the field names in errors, e.g. "answers.identity". */
  fieldPrefix?: string;
}

export interface MatchResult {
  personId: number;
  matched: MatchedBy | null;
  /** Stored fields the declared identity gives differently (never written to the person). */
  differences: string[];
}

const COMPARED = ['docType', 'docNumber', 'phone', 'fullName', 'birthDate', 'birthYear', 'sex', 'nationality', 'addressLine', 'communeId'] as const;

/** A stored document or birth year that contradicts the declaration rules a candidate out: relatives share phones and names. */
function contradicts(row: PersonRow, data: PersonData): boolean {
  if (row.docNumber && data.docNumber && row.docNumber !== data.docNumber) return true;
  if (row.birthDate && data.birthDate) return row.birthDate !== data.birthDate;
  return row.birthYear !== data.birthYear;
}

async function byDocument(tx: DbOrTx, data: PersonData): Promise<PersonRow | undefined> {
  if (!data.docType || !data.docNumber) return undefined;
  // The same lock createPerson takes, so two declarations with one new document make one person.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`person-doc:${data.docType}:${data.docNumber}`}))`);
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.docType, data.docType), eq(people.docNumber, data.docNumber), isNull(people.mergedInto)))
    .orderBy(asc(people.id))
    .limit(1);
  return row;
}

async function byPhoneAndName(tx: DbOrTx, data: PersonData): Promise<PersonRow | undefined> {
  if (!data.phone) return undefined;
  const key = foldKey(data.fullName);
  const rows = await tx
    .select()
    .from(people)
    .where(and(eq(people.phone, data.phone), isNull(people.mergedInto)))
    .orderBy(asc(people.id))
    .limit(50);
  let best: { row: PersonRow; similarity: number } | undefined;
  for (const row of rows) {
    if (contradicts(row, data)) continue;
    const similarity = nameSimilarity(row.nameKey, key);
    if (similarity >= SIMILAR_NAME && (!best || similarity > best.similarity)) best = { row, similarity };
  }
  return best?.row;
}

async function byNameBirthCommune(tx: DbOrTx, data: PersonData): Promise<PersonRow | undefined> {
  const rows = await tx
    .select()
    .from(people)
    .where(and(eq(people.communeId, data.communeId), eq(people.nameKey, foldKey(data.fullName)), eq(people.birthYear, data.birthYear), isNull(people.mergedInto)))
    .orderBy(asc(people.id))
    .limit(50);
  return rows.find((row) => !contradicts(row, data));
}

function differencesOf(row: PersonRow, data: PersonData): string[] {
  return COMPARED.filter((k) => data[k] !== null && data[k] !== row[k]);
}

/**
 * The person a declared identity belongs to: the holder of the same document; else someone
 * with the same phone and a similar name; else someone with the same name, birth date (or year)
 * and commune; else a new person, registered and audited as made by `ctx.source`. Runs in the
 * caller's transaction.
 */
export async function matchOrCreatePerson(tx: DbOrTx, input: PersonInput, ctx: MatchContext): Promise<MatchResult> {
  const data = parseInput(personInput, input, ctx.fieldPrefix);
  const steps: [MatchedBy, (tx: DbOrTx, data: PersonData) => Promise<PersonRow | undefined>][] = [
    ['doc', byDocument],
    ['phone_name', byPhoneAndName],
    ['name_birth_commune', byNameBirthCommune],
  ];
  for (const [matched, find] of steps) {
    const row = await find(tx, data);
    if (row) return { personId: row.id, matched, differences: differencesOf(row, data) };
  }
  const place = await resolveCommune(tx, data.communeId).catch((err: unknown) => {
    if (err instanceof AppError && ctx.fieldPrefix) throw new AppError(err.code, err.messageKey, err.params, `${ctx.fieldPrefix}.${err.field}`);
    throw err;
  });
  const [row] = await tx
    .insert(people)
    .values(personColumns(data, place))
    .returning();
  const candidates = await findDuplicateCandidates(tx, row);
  await storeCandidates(tx, candidates);
  await audit.record(tx, ctx.actor, {
    action: 'create',
    entity: 'person',
    entityId: row.id,
    personId: row.id,
    details: { source: ctx.source, duplicates: candidates.length },
  });
  return { personId: row.id, matched: null, differences: [] };
}
