// A tracer's decision on proposals: accepted ones become exposures (and so levels, tasks and the
// next round of proposals), rejected ones stay so tracing never proposes them again.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { personIdsInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { decideProposalsBody, type DecideProposalsBody } from '../../shared/api/cases.js';
import { tracingProposals } from './schema.js';
import { addProposalExposures } from './exposures.js';
import { idArray } from './levels.js';
import type { StoredProposal } from './proposals-sql.js';
import type { FollowUpResult, LevelChange } from './types.js';

export interface Accepted {
  accepted: number;
  changes: LevelChange[];
  followUp: FollowUpResult;
}

/** Turns proposals into exposures in one recompute and marks them accepted, in the caller's transaction. */
export async function acceptProposals(tx: Tx, actor: Actor | null, ids: readonly number[]): Promise<Accepted> {
  const none: Accepted = { accepted: 0, changes: [], followUp: { tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 } };
  if (ids.length === 0) return none;
  // an array parameter: a cluster's contacts can have more proposals than a statement takes parameters
  const rows = await tx
    .select({ id: tracingProposals.id })
    .from(tracingProposals)
    .where(and(sql`${tracingProposals.id} = any(${idArray([...ids])}::int8[])`, inArray(tracingProposals.status, ['pending', 'rejected'])))
    .orderBy(tracingProposals.id)
    .for('update');
  if (rows.length === 0) return none;
  const { ids: exposureIds, changes, followUp } = await addProposalExposures(tx, actor, rows.map((r) => r.id));
  await tx.execute(sql`
    update tracing_proposals t set status = 'accepted', exposure_id = u.exposure_id, decided_by = ${actor?.accountId ?? null}::int, decided_at = now()
      from unnest(${idArray(rows.map((r) => r.id))}::int8[], ${idArray(exposureIds)}::int8[]) as u(id, exposure_id)
     where t.id = u.id`);
  // One entry per decision on a person, naming the exposure it made.
  await audit.recordSelected(
    tx,
    actor,
    sql`select 'update', 'tracing_proposal', t.id::text, t.candidate_id,
               jsonb_build_object('decision', 'accept', 'exposureId', t.exposure_id, 'sourceId', t.subject_id, 'setting', t.setting)
          from tracing_proposals t where t.id = any(${idArray(rows.map((r) => r.id))}::int8[]) order by t.id`,
  );
  return { accepted: rows.length, changes, followUp };
}

/** Household proposals just made, accepted without a tracer when the profile says so. */
export async function autoAcceptHousehold(tx: Tx, actor: Actor | null, stored: readonly StoredProposal[], enabled: boolean): Promise<Accepted | null> {
  const household = stored.filter((p) => p.setting === 'household').map((p) => p.id);
  if (!enabled || household.length === 0) return null;
  return acceptProposals(tx, actor, household);
}

/**
 * Accepts or rejects proposals by id, every pending one of one venue visit of the subject, or every
 * pending one of some cases (a cluster's) or of the contacts traced from them, in one transaction.
 */
export async function decideProposals(db: Db, actor: Actor, raw: DecideProposalsBody): Promise<Decided> {
  requirePermission(actor, 'tracing.decide');
  const body = parseInput(decideProposalsBody, raw);
  return db.transaction((tx) => decideIn(tx, actor, body));
}

export interface Decided {
  decided: number;
  levelChanges: number;
  tasksCreated: number;
}

/** decideProposals in the caller's transaction, on a body already checked. */
export async function decideIn(tx: Tx, actor: Actor, body: z.output<typeof decideProposalsBody>): Promise<Decided> {
  const visible = sql`${tracingProposals.subjectId} in (${personIdsInJurisdiction(tx, actor)})`;
  // Only what the decision needs: acceptProposals locks the rows it accepts and reads them again.
  const slim = { id: tracingProposals.id, status: tracingProposals.status, candidateId: tracingProposals.candidateId };
  let rows: { id: number; status: string; candidateId: number }[];
  if (body.ids?.length) {
    const ids = [...new Set(body.ids)];
    rows = await tx.select(slim).from(tracingProposals).where(and(inArray(tracingProposals.id, ids), visible));
    if (rows.length !== ids.length) throw new AppError('not_found', 'tracing.errors.proposal_unknown', {}, 'ids');
  } else if (body.caseIds?.length || body.clusterId !== undefined) {
    const cases = body.caseIds?.length
      ? sql`select id from cases where id = any(${idArray([...new Set(body.caseIds)])}::int8[])`
      : sql`select id from cases where cluster_id = ${body.clusterId!}::int8`;
    const subjects =
      body.subjects === 'cases'
        ? sql`select person_id from cases where id in (${cases})`
        : sql`select person_id from contact_levels where root_case_id in (${cases}) and level >= 1`;
    rows = await tx
      .select(slim)
      .from(tracingProposals)
      .where(and(sql`${tracingProposals.subjectId} in (${subjects})`, eq(tracingProposals.status, 'pending'), visible));
    if (rows.length === 0) throw new AppError('not_found', 'tracing.errors.cases_nothing_pending', {}, body.caseIds?.length ? 'caseIds' : 'clusterId');
  } else {
    rows = await tx
      .select(slim)
      .from(tracingProposals)
      .where(and(eq(tracingProposals.subjectVisitId, body.subjectVisitId!), eq(tracingProposals.setting, 'venue'), eq(tracingProposals.status, 'pending'), visible));
    if (rows.length === 0) throw new AppError('not_found', 'tracing.errors.visit_nothing_pending', {}, 'subjectVisitId');
  }
  if (body.decision === 'reject') {
    if (rows.some((r) => r.status === 'accepted')) throw new AppError('conflict', 'tracing.errors.proposal_accepted', {}, 'ids');
    const pending = rows.filter((r) => r.status === 'pending');
    if (pending.length) {
      await tx
        .update(tracingProposals)
        .set({ status: 'rejected', decidedBy: actor.accountId, decidedAt: new Date() })
        .where(sql`${tracingProposals.id} = any(${idArray(pending.map((r) => r.id))}::int8[])`);
    }
    await audit.recordMany(
      tx,
      actor,
      pending.map((r) => ({ action: 'update' as const, entity: 'tracing_proposal', entityId: r.id, personId: r.candidateId, details: { decision: 'reject', reason: body.reason } })),
    );
    return { decided: pending.length, levelChanges: 0, tasksCreated: 0 };
  }
  const { accepted, changes, followUp } = await acceptProposals(tx, actor, rows.map((r) => r.id));
  if (accepted && body.reason) {
    await audit.record(tx, actor, { action: 'update', entity: 'tracing_proposals', details: { decision: 'accept', reason: body.reason, ids: rows.map((r) => r.id) } });
  }
  return { decided: accepted, levelChanges: changes.length, tasksCreated: followUp.tasksCreated };
}
