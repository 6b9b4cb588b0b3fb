// A positive individual result proposes a case to the case workflow (the cases capability's
// createCase). The proposal row records what was proposed and what came of it: the new case,
// the person's case already open, or why opening one failed.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { casesOfPeople, createCase } from '../cases/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { caseProposalsQuery, type CaseProposalsQuery, type CaseProposalView } from '../../shared/api/testing.js';
import { actorScope, inUnit } from './access.js';
import { testingCaseProposals, testingSamples } from './schema.js';

type ProposalRow = typeof testingCaseProposals.$inferSelect;

/** Opens the cases of pending (or failed) proposals as the actor, each in its own savepoint. */
export async function openProposedCases(tx: DbOrTx, actor: Actor, ids: number[]): Promise<void> {
  const rows = await tx
    .select({ p: testingCaseProposals, code: testingSamples.code, collectedAt: testingSamples.collectedAt })
    .from(testingCaseProposals)
    .innerJoin(testingSamples, eq(testingSamples.id, testingCaseProposals.sampleId))
    .where(and(inArray(testingCaseProposals.id, ids), inArray(testingCaseProposals.status, ['pending', 'failed'])))
    .orderBy(asc(testingCaseProposals.id));
  // A person's open case, including one opened by an earlier proposal of this batch.
  const caseOf = new Map([...(await casesOfPeople(tx, rows.map((r) => r.p.personId)))].map(([personId, c]) => [personId, c.id]));
  for (const { p, code, collectedAt } of rows) {
    const set: Partial<ProposalRow> = { processedAt: new Date() };
    const existing = caseOf.get(p.personId);
    if (existing !== undefined) Object.assign(set, { status: 'existing', caseId: existing, error: null });
    else {
      const confirmed = p.proposedStatus === 'confirmed';
      try {
        const created = await tx.transaction((sp) =>
          createCase(sp, actor, {
            personId: p.personId,
            status: p.proposedStatus,
            confirmation: confirmed ? 'test' : null,
            confirmationTest: confirmed ? code : null,
            positiveSampleDate: todayInVietnam(collectedAt),
          }),
        );
        Object.assign(set, { status: 'created', caseId: created.id, error: null });
        caseOf.set(p.personId, created.id);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        Object.assign(set, { status: 'failed', error: err.messageKey });
      }
    }
    await tx.update(testingCaseProposals).set(set).where(eq(testingCaseProposals.id, p.id));
  }
}

async function views(tx: DbOrTx, actor: Actor, rows: ProposalRow[]): Promise<CaseProposalView[]> {
  const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.personId));
  const samples = rows.length ? await tx.select({ id: testingSamples.id, code: testingSamples.code, testType: testingSamples.testType, testedAt: testingSamples.testedAt }).from(testingSamples).where(inArray(testingSamples.id, rows.map((r) => r.sampleId))) : [];
  const sample = new Map(samples.map((s) => [s.id, s]));
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    person: people.get(r.personId) ?? null,
    sampleCode: sample.get(r.sampleId)!.code,
    testType: sample.get(r.sampleId)!.testType!,
    testedAt: sample.get(r.sampleId)!.testedAt!.toISOString(),
    proposedStatus: r.proposedStatus,
    criterion: r.criterion,
    status: r.status,
    caseId: r.caseId,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listCaseProposals(db: Db, actor: Actor, raw: CaseProposalsQuery = {}): Promise<{ total: number; rows: CaseProposalView[] }> {
  requirePermission(actor, 'testing.read');
  const q = parseInput(caseProposalsQuery, raw);
  return db.transaction(async (tx) => {
    const where = and(inUnit(actorScope(actor), 'testing_case_proposals'), q.status ? eq(testingCaseProposals.status, q.status) : undefined);
    const rows = await tx.select().from(testingCaseProposals).where(where).orderBy(asc(testingCaseProposals.createdAt), asc(testingCaseProposals.id)).limit(q.limit).offset(q.offset);
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(testingCaseProposals).where(where);
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'testing_case_proposals', details: { status: q.status ?? null, total } },
      ...rows.map((r) => ({ action: 'read' as const, entity: 'testing_case_proposal', entityId: r.id, personId: r.personId })),
    ]);
    return { total, rows: await views(tx, actor, rows) };
  });
}

/** The commune opens the case a result proposed (when the lab that entered it could not). */
export async function acceptCaseProposal(db: Db, actor: Actor, id: number): Promise<CaseProposalView> {
  requirePermission(actor, 'cases.write');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(testingCaseProposals).where(and(eq(testingCaseProposals.id, id), inUnit(actorScope(actor), 'testing_case_proposals')));
    if (!row) throw notFound('testing.errors.proposal_unknown');
    await openProposedCases(tx, actor, [id]);
    const [after] = await tx.select().from(testingCaseProposals).where(eq(testingCaseProposals.id, id));
    await audit.record(tx, actor, { action: 'update', entity: 'testing_case_proposal', entityId: id, personId: row.personId, details: { status: after.status, caseId: after.caseId } });
    return (await views(tx, actor, [after]))[0];
  });
}
