import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { accounts } from '../auth/schema.js';
import { notFound } from '../http/errors.js';
import type { MergeRecord, PersonDetail } from '../../shared/api/people.js';
import { people, personMerges, type PersonRow } from './schema.js';
import { actorScope, personInScope } from './access.js';
import { unitNames } from './units.js';
import { openCandidatesFor } from './duplicates.js';

/** The person, if the actor's jurisdiction holds them; otherwise 404, as if they did not exist. */
export async function visiblePerson(db: DbOrTx, actor: Actor, id: number, opts: { lock?: boolean } = {}): Promise<PersonRow> {
  const query = db.select().from(people).where(eq(people.id, id));
  const [row] = opts.lock ? await query.for('update') : await query;
  if (!row || !personInScope(actorScope(actor), row)) throw notFound();
  return row;
}

/** Everyone merged into this person, directly or into someone who was later merged into them. */
export async function mergedIdsOf(db: DbOrTx, id: number): Promise<number[]> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`with recursive tree(id) as (
          select merged_id from person_merges where kept_id = ${id}
          union
          select m.merged_id from person_merges m join tree t on m.kept_id = t.id
        ) select id from tree order by id`,
  );
  return rows.map((r) => Number(r.id));
}

async function mergeHistory(db: DbOrTx, keptIds: number[]): Promise<MergeRecord[]> {
  const rows = await db
    .select({ m: personMerges, username: accounts.username, displayName: accounts.displayName })
    .from(personMerges)
    .leftJoin(accounts, eq(accounts.id, personMerges.mergedBy))
    .where(inArray(personMerges.keptId, keptIds))
    .orderBy(asc(personMerges.mergedAt), asc(personMerges.id));
  return rows.map(({ m, username, displayName }) => ({
    id: m.id,
    mergedId: m.mergedId,
    keptId: m.keptId,
    reason: m.reason,
    duplicateId: m.duplicateId,
    mergedBy: { accountId: m.mergedBy, username, displayName },
    mergedAt: m.mergedAt.toISOString(),
    mergedSnapshot: m.mergedSnapshot as Record<string, unknown>,
    keptBefore: m.keptBefore as Record<string, unknown>,
  }));
}

/** A person with place names, merge history and open duplicate candidates (not audited: callers audit). */
export async function detailOf(db: DbOrTx, actor: Actor, row: PersonRow): Promise<PersonDetail> {
  const [names, mergedIds] = await Promise.all([unitNames(db, [row.communeId, row.districtId, row.provinceId]), mergedIdsOf(db, row.id)]);
  const [merges, duplicates] = await Promise.all([
    mergeHistory(db, [row.id, ...mergedIds]),
    row.mergedInto === null ? openCandidatesFor(db, actorScope(actor), row.id) : Promise.resolve([]),
  ]);
  const unit = (id: number) => ({ id, name: names.get(id) ?? '' });
  return {
    id: row.id,
    fullName: row.fullName,
    docType: row.docType,
    docNumber: row.docNumber,
    phone: row.phone,
    birthDate: row.birthDate,
    birthYear: row.birthYear,
    sex: row.sex,
    nationality: row.nationality,
    addressLine: row.addressLine,
    communeId: row.communeId,
    communeName: names.get(row.communeId) ?? '',
    districtId: row.districtId,
    provinceId: row.provinceId,
    mergedInto: row.mergedInto,
    commune: unit(row.communeId),
    district: row.districtId === null ? null : unit(row.districtId),
    province: unit(row.provinceId),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    mergedIds,
    merges,
    duplicates,
  };
}
