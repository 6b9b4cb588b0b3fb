import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { mergeBody, type MergeInput, type PersonDetail } from '../../shared/api/people.js';
import { people, personDuplicates, personMerges, type PersonRow } from './schema.js';
import { decidablePair, findDuplicateCandidates, storeCandidates } from './duplicates.js';
import { detailOf, visiblePerson } from './detail.js';
import { snapshotOf } from './views.js';
import { parseInput } from './validate.js';

/** The kept person's blank fields that the merged person can fill without contradicting it. */
function filledBlanks(kept: PersonRow, merged: PersonRow): Partial<PersonRow> {
  const fill: Partial<PersonRow> = {};
  if (!kept.docNumber && merged.docNumber) Object.assign(fill, { docType: merged.docType, docNumber: merged.docNumber });
  if (!kept.phone && merged.phone) fill.phone = merged.phone;
  // A birth date from another year would contradict what the kept record says; leave that to an edit.
  if (!kept.birthDate && merged.birthDate && merged.birthYear === kept.birthYear) fill.birthDate = merged.birthDate;
  if (!kept.addressLine && merged.addressLine) fill.addressLine = merged.addressLine;
  return fill;
}

export interface MergedPair {
  keptId: number;
  mergedId: number;
  /** the officer's reason for the merge */
  reason: string;
}

/**
 * What another capability does in the merge's transaction, after the merged record points at the
 * kept one: tracing moves the merged record's exposures, case and tasks to the person kept, so
 * levels follow one person. Registered by that capability's service: people cannot import it.
 * A step may refuse the merge by throwing; nothing of it is then stored.
 */
export type MergeStep = (tx: Tx, actor: Actor, pair: MergedPair) => Promise<void>;
const mergeSteps: MergeStep[] = [];
export function onPeopleMerged(step: MergeStep): void {
  if (!mergeSteps.includes(step)) mergeSteps.push(step);
}

/**
 * Merges one person into another who is kept. The merged record stays, pointing at the kept
 * one (merged_into), so other capabilities' records that name it can still be followed
 * (canonicalPersonId) and the kept person's detail lists it; person_merges holds both states.
 */
export async function mergePeople(db: Db, actor: Actor, raw: MergeInput): Promise<PersonDetail> {
  requirePermission(actor, 'people.merge');
  const input = parseInput(mergeBody, raw);
  if (input.keepId === input.mergeId) throw invalid('mergeId', 'people.errors.merge_same');
  return db.transaction(async (tx) => {
    // Locked in id order so two merges of the same pair cannot deadlock.
    const [first, second] = [input.keepId, input.mergeId].sort((x, y) => x - y);
    const locked = new Map([
      [first, await visiblePerson(tx, actor, first, { lock: true })],
      [second, await visiblePerson(tx, actor, second, { lock: true })],
    ]);
    const kept = locked.get(input.keepId)!;
    const merged = locked.get(input.mergeId)!;
    if (kept.mergedInto !== null || merged.mergedInto !== null) throw new AppError('conflict', 'people.errors.already_merged');

    const pairKey = { a: Math.min(kept.id, merged.id), b: Math.max(kept.id, merged.id) };
    let duplicateId: number | null = null;
    if (input.duplicateId !== undefined) {
      const pair = await decidablePair(tx, actor, input.duplicateId);
      if (pair.personA !== pairKey.a || pair.personB !== pairKey.b) throw invalid('duplicateId', 'people.errors.duplicate_mismatch');
      duplicateId = pair.id;
    } else {
      const [pair] = await tx
        .select({ id: personDuplicates.id })
        .from(personDuplicates)
        .where(and(eq(personDuplicates.personA, pairKey.a), eq(personDuplicates.personB, pairKey.b)));
      duplicateId = pair?.id ?? null;
    }

    const [record] = await tx
      .insert(personMerges)
      .values({
        keptId: kept.id,
        mergedId: merged.id,
        reason: input.reason,
        duplicateId,
        mergedSnapshot: snapshotOf(merged),
        keptBefore: snapshotOf(kept),
        mergedBy: actor.accountId,
      })
      .returning({ id: personMerges.id });
    const fill = filledBlanks(kept, merged);
    const [after] = await tx
      .update(people)
      .set({ ...fill, updatedAt: new Date() })
      .where(eq(people.id, kept.id))
      .returning();
    await tx.update(people).set({ mergedInto: kept.id, updatedAt: new Date() }).where(eq(people.id, merged.id));
    for (const step of mergeSteps) await step(tx, actor, { keptId: kept.id, mergedId: merged.id, reason: input.reason });
    if (duplicateId !== null) {
      await tx
        .update(personDuplicates)
        .set({ status: 'merged', decidedBy: actor.accountId, decidedAt: new Date() })
        .where(eq(personDuplicates.id, duplicateId));
    }
    // The kept person may now match people only the merged one matched.
    await storeCandidates(tx, await findDuplicateCandidates(tx, after));
    const details = { mergeId: record.id, keptId: kept.id, mergedId: merged.id, reason: input.reason, filled: Object.keys(fill), duplicateId };
    await audit.recordMany(tx, actor, [
      { action: 'merge', entity: 'person', entityId: kept.id, personId: kept.id, details },
      { action: 'merge', entity: 'person', entityId: merged.id, personId: merged.id, details },
    ]);
    return detailOf(tx, actor, after);
  });
}
