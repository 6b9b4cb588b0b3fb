// Cases: opening one (suspected, or confirmed with a test or a manual reason), moving it through
// its statuses with history, numbering it BN… at confirmation, and re-levelling the people around
// it when it becomes or ceases to be a source.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesInJurisdiction } from '../people/service.js';
import { CASE_TRANSITIONS, caseInput, caseStatusBody, SOURCE_STATUSES, type CaseStatus, type CaseStatusBody } from '../../shared/api/cases.js';
import type { CASE_LOCATIONS } from '../../shared/api/cases.js';

type CaseLocation = (typeof CASE_LOCATIONS)[number];
import { todayInVietnam } from '../../shared/vn/dates.js';
import { cases, caseStatusHistory, type CaseRow } from './schema.js';
import { currentLevels, lockLevels, relevel } from './levels.js';
import { infectiousWindow, rulesOn } from './window.js';
import { visibleCase } from './case-views.js';


const isSource = (s: CaseStatus) => SOURCE_STATUSES.includes(s);

/**
 * The next BN number of the province; the lock holds until commit, so two confirmations never
 * share one (callers hold lockLevels already, which comes first in every transaction).
 */
async function nextNumber(tx: DbOrTx, provinceId: number): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`case-number:${provinceId}`}))`);
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select coalesce(max(number), 0)::int + 1 as n from cases where province_id = ${provinceId}`);
  return n;
}

interface Confirmation {
  confirmation: 'test' | 'manual' | null;
  confirmationTest: string | null;
  confirmationReason: string | null;
  symptomOnset: string | null;
  positiveSampleDate: string | null;
  imported: boolean;
}

/** The columns a confirmation sets: number, window, profile, and the source when the person was traced. */
async function confirmationColumns(tx: DbOrTx, provinceId: number, personId: number, c: Confirmation) {
  const today = todayInVietnam();
  const profile = await rulesOn(tx, today);
  const window = infectiousWindow(profile.rules, c);
  const level = (await currentLevels(tx, [personId])).get(personId);
  const traced = level !== undefined && level.level >= 1 && level.rootCaseId !== null;
  return {
    number: await nextNumber(tx, provinceId),
    confirmedAt: new Date(),
    confirmation: c.confirmation,
    confirmationTest: c.confirmation === 'test' ? c.confirmationTest : null,
    confirmationReason: c.confirmation === 'manual' ? c.confirmationReason : null,
    positiveSampleDate: c.positiveSampleDate,
    infectiousFrom: window.from,
    infectiousUntil: window.until,
    profileId: profile.id,
    sourceCaseId: traced ? level.rootCaseId : null,
    sourceKnown: traced || c.imported,
  };
}

async function history(tx: DbOrTx, actor: Actor | null, caseId: number, status: CaseStatus, note = ''): Promise<void> {
  await tx.insert(caseStatusHistory).values({ caseId, status, note, accountId: actor?.accountId ?? null });
}

/**
 * Opens a case for a person of the actor's jurisdiction. One open case per person: a person with
 * one is refused (a recovered case turns re-positive instead). Called by the lab import too.
 */
export async function createCase(db: DbOrTx, actor: Actor, raw: unknown): Promise<CaseRow> {
  requirePermission(actor, 'cases.write');
  const input = parseInput(caseInput, raw);
  return db.transaction(async (tx) => {
    const person = (await summariesInJurisdiction(tx, actor, [input.personId])).get(input.personId);
    if (!person || person.mergedInto !== null) throw invalid('personId', 'cases.errors.person_unknown');
    await lockLevels(tx);
    const [open] = await tx
      .select({ id: cases.id, number: cases.number, status: cases.status })
      .from(cases)
      .where(and(eq(cases.personId, input.personId), ne(cases.status, 'ruled_out')));
    if (open) throw new AppError('conflict', 'cases.errors.open_case_exists', { code: open.number ? `BN${open.number}` : `#${open.id}` }, 'personId');
    const profile = await rulesOn(tx);
    const confirmed = input.status === 'confirmed' ? await confirmationColumns(tx, person.provinceId, person.id, input) : null;
    const [row] = await tx
      .insert(cases)
      .values({
        provinceId: person.provinceId,
        districtId: person.districtId,
        communeId: person.communeId,
        personId: person.id,
        status: input.status,
        symptomOnset: input.symptomOnset,
        positiveSampleDate: input.positiveSampleDate,
        location: input.location,
        treatmentTier: input.treatmentTier,
        locationNote: input.locationNote,
        imported: input.imported,
        profileId: profile.id,
        createdBy: actor.accountId,
        ...(confirmed ?? {}),
      })
      .returning();
    await history(tx, actor, row.id, row.status);
    await audit.record(tx, actor, { action: 'create', entity: 'case', entityId: row.id, personId: row.personId, details: { status: row.status, number: row.number } });
    if (confirmed) await relevel(tx, actor, [row.personId], { kind: 'case_source', caseId: row.id });
    return row;
  });
}

/** Moves a case along CASE_TRANSITIONS with the facts each step needs; the history keeps every step. */
export async function changeCaseStatus(db: DbOrTx, actor: Actor, id: number, raw: CaseStatusBody): Promise<CaseRow> {
  requirePermission(actor, 'cases.write');
  const body = parseInput(caseStatusBody, raw);
  return db.transaction(async (tx) => {
    await lockLevels(tx);
    const before = await visibleCase(tx, actor, id, { lock: true });
    const to = body.status;
    if (!CASE_TRANSITIONS[before.status].includes(to)) throw invalid('status', 'cases.errors.transition', { from: before.status, to });
    const set: Partial<typeof cases.$inferInsert> = { status: to, updatedAt: new Date() };
    if (body.location) set.location = body.location;
    if (body.treatmentTier !== null) set.treatmentTier = body.treatmentTier;
    if ((body.location ?? before.location) === 'hospital' && to === 'in_treatment' && (body.treatmentTier ?? before.treatmentTier) === null) {
      throw invalid('treatmentTier', 'cases.errors.tier_required');
    }
    if (to === 'confirmed') {
      if (!body.confirmation) throw invalid('confirmation', 'cases.errors.confirmation_required');
      if (body.confirmation === 'test' && !body.confirmationTest) throw invalid('confirmationTest', 'cases.errors.test_required');
      if (body.confirmation === 'manual' && (body.confirmationReason ?? '').length < 3) throw invalid('confirmationReason', 'cases.errors.reason_required');
      const positiveSampleDate = body.positiveSampleDate ?? before.positiveSampleDate;
      if (!before.symptomOnset && !positiveSampleDate) throw invalid('positiveSampleDate', 'cases.errors.onset_or_sample_required');
      Object.assign(set, await confirmationColumns(tx, before.provinceId, before.personId, { ...body, symptomOnset: before.symptomOnset, positiveSampleDate, imported: before.imported }));
    }
    if (to === 'recovered') {
      if (!body.negativeTestDate) throw invalid('negativeTestDate', 'cases.errors.negative_test_required');
      const profile = await rulesOn(tx);
      set.infectiousUntil = infectiousWindow(profile.rules, { ...before, negativeTestDate: body.negativeTestDate }).until;
    }
    if (to === 're_positive') {
      set.infectiousUntil = null;
      if (body.positiveSampleDate) set.positiveSampleDate = body.positiveSampleDate;
    }
    if (to === 'transferred') {
      if (!body.transferredTo) throw invalid('transferredTo', 'cases.errors.transferred_to_required');
      set.transferredTo = body.transferredTo;
    }
    if (to === 'ruled_out') set.clusterId = null;
    const [row] = await tx.update(cases).set(set).where(eq(cases.id, id)).returning();
    await history(tx, actor, id, to, body.note);
    await audit.record(tx, actor, { action: 'update', entity: 'case', entityId: id, personId: row.personId, details: { from: before.status, to } });
    if (!isSource(before.status) && isSource(to)) await relevel(tx, actor, [row.personId], { kind: 'case_source', caseId: id });
    if (isSource(before.status) && !isSource(to)) await relevel(tx, actor, [row.personId], { kind: 'case_ruled_out', caseId: id });
    return row;
  });
}

/**
 * Where a case is cared for, as the capability that admitted it for treatment records it: the
 * location and tier change (and are audited) without a change of status, which stays the tracer's.
 */
export async function placeCases(tx: DbOrTx, actor: Actor, caseIds: readonly number[], place: { location: CaseLocation; treatmentTier: number | null; note: string }): Promise<void> {
  if (caseIds.length === 0) return;
  const rows = await tx
    .update(cases)
    .set({ location: place.location, treatmentTier: place.treatmentTier, locationNote: place.note, updatedAt: new Date() })
    .where(inArray(cases.id, [...caseIds]))
    .returning({ id: cases.id, personId: cases.personId });
  await audit.recordMany(
    tx,
    actor,
    rows.map((r) => ({ action: 'update' as const, entity: 'case', entityId: r.id, personId: r.personId, details: { location: place.location, treatmentTier: place.treatmentTier, note: place.note } })),
  );
}

export interface OpenCase {
  id: number;
  personId: number;
  status: CaseStatus;
  number: number | null;
  code: string | null;
  infectiousFrom: string | null;
  infectiousUntil: string | null;
  symptomOnset: string | null;
  positiveSampleDate: string | null;
}

/** The open (not ruled out) case of each given person that has one. */
export async function casesOfPeople(db: DbOrTx, personIds: readonly number[]): Promise<Map<number, OpenCase>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: cases.id,
      personId: cases.personId,
      status: cases.status,
      number: cases.number,
      infectiousFrom: cases.infectiousFrom,
      infectiousUntil: cases.infectiousUntil,
      symptomOnset: cases.symptomOnset,
      positiveSampleDate: cases.positiveSampleDate,
    })
    .from(cases)
    .where(and(inArray(cases.personId, [...new Set(personIds)]), ne(cases.status, 'ruled_out')));
  return new Map(rows.map((r) => [r.personId, { ...r, code: r.number === null ? null : `BN${r.number}` }]));
}

export async function caseRow(db: DbOrTx, id: number): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row) throw notFound('cases.errors.case_unknown');
  return row;
}
