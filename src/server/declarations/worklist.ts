// The staff side: the triage worklist, a declaration's detail, a person's declarations and the
// record of what the health officer did. Every read is bounded by the actor's jurisdiction
// (the declared address decides where a declaration belongs) and written to the audit log.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, unitInJurisdiction, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { AppError, notFound } from '../http/errors.js';
import { parseInput } from '../people/validate.js';
import { recordIdsOf } from '../people/service.js';
import {
  triageBody,
  worklistQuery,
  type DeclarationDetail,
  type DeclarationSummary,
  type TriageActionView,
  type TriageInput,
  type WorklistQuery,
  type WorklistResponse,
} from '../../shared/api/declarations.js';
import type { UnitLevel } from '../../shared/roles.js';
import { declarations, declarationTriageActions, type DeclarationRow } from './schema.js';
import { currentUnits, unitNames } from './units.js';

interface Scope {
  level: UnitLevel;
  unitId: number;
}

function inScope(scope: Scope): SQL {
  const column = scope.level === 'province' ? declarations.provinceId : scope.level === 'district' ? declarations.districtId : declarations.communeId;
  return eq(column, scope.unitId);
}

const actorScope = (actor: Actor): Scope => ({ level: actor.jurisdiction.level, unitId: actor.jurisdiction.unitId });

/** The jurisdiction, or a unit inside it that narrows the list. */
async function scopeFor(db: DbOrTx, actor: Actor, unitId?: number): Promise<Scope> {
  if (unitId === undefined) return actorScope(actor);
  const unit = (await currentUnits(db, [unitId])).get(unitId);
  if (!unit) throw new AppError('validation', 'declarations.errors.unit_unknown', {}, 'unitId');
  if (!unitInJurisdiction(actor.jurisdiction, unit)) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'unitId');
  return { level: unit.level, unitId: unit.id };
}

const actionView = (a: typeof declarationTriageActions.$inferSelect): TriageActionView => ({
  id: a.id,
  action: a.action,
  outcome: a.outcome,
  accountId: a.accountId,
  at: a.at.toISOString(),
});

async function actionsOf(db: DbOrTx, ids: number[]): Promise<Map<number, TriageActionView[]>> {
  const byDeclaration = new Map<number, TriageActionView[]>();
  if (ids.length === 0) return byDeclaration;
  const rows = await db
    .select()
    .from(declarationTriageActions)
    .where(inArray(declarationTriageActions.declarationId, ids))
    .orderBy(asc(declarationTriageActions.at), asc(declarationTriageActions.id));
  for (const r of rows) byDeclaration.set(r.declarationId, [...(byDeclaration.get(r.declarationId) ?? []), actionView(r)]);
  return byDeclaration;
}

async function summaries(db: DbOrTx, rows: DeclarationRow[]): Promise<DeclarationSummary[]> {
  const [names, actions] = await Promise.all([unitNames(db, rows.map((r) => r.communeId)), actionsOf(db, rows.map((r) => r.id))]);
  return rows.map((r) => summaryOf(r, names.get(r.communeId) ?? '', actions.get(r.id) ?? []));
}

function summaryOf(r: DeclarationRow, communeName: string, actions: TriageActionView[]): DeclarationSummary {
  const identity = r.answers.identity;
  return {
    id: r.id,
    personId: r.personId,
    kind: r.kind,
    submittedAt: r.submittedAt.toISOString(),
    fullName: identity.fullName,
    phone: identity.phone,
    birthYear: identity.birthYear,
    communeId: r.communeId,
    communeName,
    triageStatus: r.triageStatus,
    triageReasons: r.triageReasons,
    lastAction: actions.at(-1) ?? null,
  };
}

/** Declarations of the jurisdiction with a triage status, the longest waiting first when pending. */
export async function worklist(db: Db, actor: Actor, raw: WorklistQuery = {}): Promise<WorklistResponse> {
  requirePermission(actor, 'declarations.read');
  const q = parseInput(worklistQuery, raw);
  const scope = await scopeFor(db, actor, q.unitId);
  const order = q.status === 'pending' ? [asc(declarations.submittedAt), asc(declarations.id)] : [desc(declarations.submittedAt), desc(declarations.id)];
  const rows = await db
    .select()
    .from(declarations)
    .where(and(inScope(scope), eq(declarations.triageStatus, q.status)))
    .orderBy(...order)
    .limit(q.limit + 1)
    .offset(q.offset);
  const page = rows.slice(0, q.limit);
  await audit.record(db, actor, {
    action: 'search',
    entity: 'declarations',
    details: { status: q.status, unitId: q.unitId ?? null, offset: q.offset, ids: page.map((r) => r.id) },
  });
  return { rows: await summaries(db, page), hasMore: rows.length > q.limit };
}

/** A declaration inside the jurisdiction, or 404 as if it did not exist. */
async function visibleDeclaration(db: DbOrTx, actor: Actor, id: number, lock = false): Promise<DeclarationRow> {
  const query = db.select().from(declarations).where(and(eq(declarations.id, id), inScope(actorScope(actor))));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

async function detailOf(db: DbOrTx, row: DeclarationRow): Promise<DeclarationDetail> {
  const [names, actions] = await Promise.all([unitNames(db, [row.communeId]), actionsOf(db, [row.id])]);
  const list = actions.get(row.id) ?? [];
  return {
    ...summaryOf(row, names.get(row.communeId) ?? '', list),
    profileId: row.profileId,
    supersedesId: row.supersedesId,
    answers: row.answers as unknown as Record<string, unknown>,
    travel: row.travel as Record<string, unknown> | null,
    arrival: row.arrival as Record<string, unknown> | null,
    personDifferences: row.personDifferences,
    actions: list,
  };
}

export async function getDeclaration(db: Db, actor: Actor, id: number): Promise<DeclarationDetail> {
  requirePermission(actor, 'declarations.read');
  return db.transaction(async (tx) => {
    const row = await visibleDeclaration(tx, actor, id);
    await audit.record(tx, actor, { action: 'read', entity: 'declaration', entityId: id, personId: row.personId });
    return detailOf(tx, row);
  });
}

/**
 * A person's declarations that lie in the actor's jurisdiction, newest first (the history an update
 * leaves), those made under records merged into the person since included.
 */
export async function declarationsOfPerson(db: Db, actor: Actor, personId: number): Promise<DeclarationSummary[]> {
  requirePermission(actor, 'declarations.read');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(declarations)
      .where(and(inArray(declarations.personId, await recordIdsOf(tx, personId)), inScope(actorScope(actor))))
      .orderBy(desc(declarations.submittedAt), desc(declarations.id));
    await audit.record(tx, actor, { action: 'read', entity: 'declarations', personId, details: { ids: rows.map((r) => r.id) } });
    return summaries(tx, rows);
  });
}

/** Records what the officer did about a declaration (and how it went); the declaration counts as handled. */
export async function recordTriage(db: Db, actor: Actor, id: number, raw: TriageInput): Promise<DeclarationDetail> {
  requirePermission(actor, 'declarations.triage');
  const input = parseInput(triageBody, raw);
  return db.transaction(async (tx) => {
    const before = await visibleDeclaration(tx, actor, id, true);
    await tx.insert(declarationTriageActions).values({ declarationId: id, action: input.action, outcome: input.outcome, accountId: actor.accountId });
    const [row] = await tx.update(declarations).set({ triageStatus: 'handled' }).where(eq(declarations.id, id)).returning();
    await audit.record(tx, actor, {
      action: 'update',
      entity: 'declaration',
      entityId: id,
      personId: row.personId,
      details: { triage: input.action, outcome: input.outcome, statusBefore: before.triageStatus },
    });
    return detailOf(tx, row);
  });
}
