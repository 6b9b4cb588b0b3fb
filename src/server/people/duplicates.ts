import { and, asc, desc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import {
  DUPLICATE_REASONS,
  decisionReason,
  listDuplicatesQuery,
  type DuplicateCandidate,
  type DuplicatePair,
  type DuplicateReason,
  type ListDuplicatesQuery,
  type ScanResult,
} from '../../shared/api/people.js';
import { people, personDuplicates } from './schema.js';
import { actorScope, inScope, personInScope, type Scope } from './access.js';
import { summariesByIds } from './views.js';
import { nameSimilarity } from './similarity.js';
import { foldKey } from '../../shared/vn/text.js';
import { parseInput } from './validate.js';

/** What duplicate detection compares. */
export interface Traits {
  id: number;
  docNumber: string | null;
  phone: string | null;
  nameKey: string;
  birthDate: string | null;
  birthYear: number;
  communeId: number;
}

export interface Candidate {
  personA: number;
  personB: number;
  score: number;
  reasons: DuplicateReason[];
}

export const SIMILAR_NAME = 0.85;
/** A document, phone or name shared by more people than this is a shared contact or bad data, not one person. */
export const MAX_GROUP = 50;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Whether two people look like one, why, and how sure (the best of the reasons that hold). */
export function judgePair(a: Traits, b: Traits): Candidate | null {
  const scores: Partial<Record<DuplicateReason, number>> = {};
  if (a.docNumber && a.docNumber === b.docNumber) scores.same_id = 1;
  if (a.phone && a.phone === b.phone) {
    const similarity = nameSimilarity(a.nameKey, b.nameKey);
    // 0.85 similar -> 0.8, identical -> 0.95
    if (similarity >= SIMILAR_NAME) scores.same_phone_similar_name = round(0.8 + (similarity - SIMILAR_NAME));
  }
  const sameBirth = a.birthDate && b.birthDate ? a.birthDate === b.birthDate : a.birthYear === b.birthYear;
  if (a.nameKey === b.nameKey && a.communeId === b.communeId && sameBirth) scores.same_name_birth_commune = 0.7;
  const reasons = DUPLICATE_REASONS.filter((r) => scores[r] !== undefined);
  if (reasons.length === 0) return null;
  return {
    personA: Math.min(a.id, b.id),
    personB: Math.max(a.id, b.id),
    score: Math.max(...reasons.map((r) => scores[r]!)),
    reasons,
  };
}

const traitColumns = {
  id: people.id,
  docNumber: people.docNumber,
  phone: people.phone,
  nameKey: people.nameKey,
  birthDate: people.birthDate,
  birthYear: people.birthYear,
  communeId: people.communeId,
};

/**
 * Unmerged people anywhere who may be the same as this one (a stored person or one about to be
 * stored, with id 0); each lookup uses an index.
 */
export async function findDuplicateCandidates(db: DbOrTx, subject: Omit<Traits, 'nameKey'> & { fullName: string }): Promise<Candidate[]> {
  const person: Traits = { ...subject, nameKey: foldKey(subject.fullName) };
  const keys: SQL[] = [and(eq(people.communeId, person.communeId), eq(people.nameKey, person.nameKey))!];
  if (person.docNumber) keys.push(eq(people.docNumber, person.docNumber));
  if (person.phone) keys.push(eq(people.phone, person.phone));
  const others = await db
    .select(traitColumns)
    .from(people)
    .where(and(ne(people.id, person.id), isNull(people.mergedInto), or(...keys)))
    .limit(MAX_GROUP * 3);
  return others.map((o) => judgePair(person, o)).filter((c): c is Candidate => c !== null);
}

/**
 * Stores candidates: new pairs are opened, open pairs get the current score and reasons, and
 * decided pairs (dismissed or merged) stay as decided. Returns how many pairs were new.
 */
export async function storeCandidates(db: DbOrTx, candidates: Candidate[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < candidates.length; i += 1000) {
    const rows = await db
      .insert(personDuplicates)
      .values(candidates.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [personDuplicates.personA, personDuplicates.personB],
        set: { score: sql`excluded.score`, reasons: sql`excluded.reasons` },
        setWhere: eq(personDuplicates.status, 'open'),
      })
      // xmax is 0 only on a row this statement inserted, not on one it updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += rows.filter((r) => r.inserted).length;
  }
  return created;
}

/** Open candidates of a person whose other side the scope shows and is not merged away. */
export async function openCandidatesFor(db: DbOrTx, scope: Scope, personId: number): Promise<DuplicateCandidate[]> {
  const rows = await db
    .select()
    .from(personDuplicates)
    .where(and(eq(personDuplicates.status, 'open'), or(eq(personDuplicates.personA, personId), eq(personDuplicates.personB, personId))))
    .orderBy(desc(personDuplicates.score), asc(personDuplicates.id));
  const otherId = (r: (typeof rows)[number]) => (r.personA === personId ? r.personB : r.personA);
  const others = await summariesByIds(db, rows.map(otherId));
  return rows.flatMap((r) => {
    const other = others.get(otherId(r));
    if (!other || other.mergedInto !== null || !personInScope(scope, other)) return [];
    return [{ id: r.id, score: round(r.score), reasons: r.reasons as DuplicateReason[], status: r.status, other }];
  });
}

interface Group {
  n: number;
  members: Traits[] | null;
}

/**
 * Finds duplicate pairs among the unmerged people of the actor's jurisdiction with three
 * GROUP BYs (document number, phone, name + commune + birth year) and judges each pair inside
 * a group by the same rules as findDuplicateCandidates.
 */
export async function scanDuplicates(db: Db, actor: Actor): Promise<ScanResult> {
  requirePermission(actor, 'people.write');
  const scope = inScope(actorScope(actor));
  const members = sql`case when count(*) <= ${MAX_GROUP} then json_agg(json_build_object(
      'id', id, 'docNumber', doc_number, 'phone', phone, 'nameKey', name_key,
      'birthDate', birth_date, 'birthYear', birth_year, 'communeId', commune_id)) end`;
  const groups = await queryRows<Group>(
    db,
    sql`select count(*)::int as n, ${members} as members from people
          where merged_into is null and doc_number is not null and ${scope} group by doc_number having count(*) > 1
        union all
        select count(*)::int, ${members} from people
          where merged_into is null and phone is not null and ${scope} group by phone having count(*) > 1
        union all
        select count(*)::int, ${members} from people
          where merged_into is null and ${scope} group by name_key, commune_id, birth_year having count(*) > 1`,
  );
  const pairs = new Map<string, Candidate>();
  let skippedGroups = 0;
  for (const g of groups) {
    if (!g.members) {
      skippedGroups++;
      continue;
    }
    for (let i = 0; i < g.members.length; i++) {
      for (let j = i + 1; j < g.members.length; j++) {
        const c = judgePair(g.members[i], g.members[j]);
        if (c) pairs.set(`${c.personA}-${c.personB}`, c);
      }
    }
  }
  const created = await db.transaction(async (tx) => {
    const n = await storeCandidates(tx, [...pairs.values()]);
    await audit.record(tx, actor, { action: 'search', entity: 'person_duplicates', details: { scan: true, found: pairs.size, created: n } });
    return n;
  });
  return { found: pairs.size, created, skippedGroups };
}

export async function listDuplicates(db: DbOrTx, actor: Actor, raw: ListDuplicatesQuery = {}): Promise<{ rows: DuplicatePair[]; hasMore: boolean }> {
  requirePermission(actor, 'people.read');
  const q = parseInput(listDuplicatesQuery, raw);
  const scope = actorScope(actor);
  const a = alias(people, 'a');
  const b = alias(people, 'b');
  const rows = await db
    .select({ d: personDuplicates })
    .from(personDuplicates)
    .innerJoin(a, eq(a.id, personDuplicates.personA))
    .innerJoin(b, eq(b.id, personDuplicates.personB))
    .where(
      and(
        eq(personDuplicates.status, q.status),
        inScope(scope, a),
        inScope(scope, b),
        // An open pair with a merged side is superseded: the kept person is checked again on merge.
        q.status === 'open' ? and(isNull(a.mergedInto), isNull(b.mergedInto)) : undefined,
      ),
    )
    .orderBy(desc(personDuplicates.score), asc(personDuplicates.id))
    .limit(q.limit + 1)
    .offset(q.offset);
  const page = rows.slice(0, q.limit).map((r) => r.d);
  const summaries = await summariesByIds(db, page.flatMap((d) => [d.personA, d.personB]));
  await audit.record(db, actor, { action: 'read', entity: 'person_duplicates', details: { status: q.status, count: page.length, offset: q.offset } });
  return {
    hasMore: rows.length > q.limit,
    rows: page.map((d) => ({
      id: d.id,
      score: round(d.score),
      reasons: d.reasons as DuplicateReason[],
      status: d.status,
      detectedAt: d.detectedAt.toISOString(),
      decidedAt: d.decidedAt?.toISOString() ?? null,
      a: summaries.get(d.personA)!,
      b: summaries.get(d.personB)!,
    })),
  };
}

/** An open pair both of whose people the actor may see, locked for a decision. */
export async function decidablePair(tx: DbOrTx, actor: Actor, id: number) {
  const [pair] = await tx.select().from(personDuplicates).where(eq(personDuplicates.id, id)).for('update');
  if (!pair) throw notFound();
  const sides = await tx
    .select({ provinceId: people.provinceId, districtId: people.districtId, communeId: people.communeId })
    .from(people)
    .where(or(eq(people.id, pair.personA), eq(people.id, pair.personB)));
  if (!sides.every((p) => personInScope(actorScope(actor), p))) throw notFound();
  if (pair.status !== 'open') throw new AppError('conflict', 'people.errors.duplicate_decided');
  return pair;
}

/** Records that the two people are different; the pair is not opened again by later scans. */
export async function dismissDuplicate(db: Db, actor: Actor, id: number, rawReason: string): Promise<void> {
  requirePermission(actor, 'people.merge');
  const reason = parseInput(decisionReason, rawReason, 'reason');
  await db.transaction(async (tx) => {
    const pair = await decidablePair(tx, actor, id);
    await tx
      .update(personDuplicates)
      .set({ status: 'dismissed', decidedBy: actor.accountId, decidedAt: new Date() })
      .where(eq(personDuplicates.id, id));
    await audit.recordMany(
      tx,
      actor,
      [pair.personA, pair.personB].map((personId) => ({
        action: 'dismiss' as const,
        entity: 'person_duplicate',
        entityId: id,
        personId,
        details: { reason, pair: [pair.personA, pair.personB] },
      })),
    );
  });
}
