// A decision on every pending proposal of a cluster, or of the contacts traced from it, is queued
// and run in the background: for a large cluster it takes most of a minute, longer than a browser
// or a load balancer should hold a request open, and a second click must not start it again. The
// run holds its row's lock for the whole transaction, so a process that dies leaves the row queued
// and the job bulk-decisions takes it up again; nothing of a failed run is stored.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { accountIdsInJurisdiction, actorOfAccount } from '../auth/service.js';
import { accounts } from '../auth/schema.js';
import { AppError, errorBody } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import type { Lang } from '../../shared/i18n/index.js';
import {
  bulkDecisionBody,
  decideProposalsBody,
  listBulkDecisionsQuery,
  type BulkDecisionBody,
  type BulkDecisionView,
} from '../../shared/api/cases.js';
import { clusters, tracingBulkDecisions as bulk } from './schema.js';
import { actorUnit, inUnit } from './access.js';
import { decideIn, type Decided } from './decide.js';

type Row = typeof bulk.$inferSelect;

function view(row: Row, requestedBy: string, lang: Lang): BulkDecisionView {
  const body = row.body as { decision: 'accept' | 'reject'; subjects: 'cases' | 'contacts' };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const e = row.error;
  return {
    id: row.id,
    clusterId: row.clusterId,
    decision: body.decision,
    subjects: body.subjects,
    status: row.status === 'queued' && row.startedAt ? 'running' : row.status,
    requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    result: (row.result as Decided | null) ?? null,
    error: e ? errorBody(lang, new AppError(e.code as AppError['code'], e.messageKey, e.params ?? {}, e.field)).error : null,
  };
}

/** Decisions the actor may follow: asked for by an account of its jurisdiction, or on a cluster it sees. */
function visible(db: DbOrTx, actor: Actor): SQL {
  const clustersSeen = sql`select k.id from clusters k where ${inUnit(actorUnit(actor), 'k')}`;
  return sql`${bulk.provinceId} = ${actor.jurisdiction.provinceId} and (${bulk.requestedBy} in (${accountIdsInJurisdiction(db, actor)}) or ${bulk.clusterId} in (${clustersSeen}))`;
}

async function views(db: DbOrTx, actor: Actor, where: SQL, limit: number): Promise<BulkDecisionView[]> {
  const rows = await db
    .select({ row: bulk, username: accounts.username })
    .from(bulk)
    .innerJoin(accounts, eq(accounts.id, bulk.requestedBy))
    .where(and(where, visible(db, actor)))
    .orderBy(desc(bulk.requestedAt), desc(bulk.id))
    .limit(limit);
  return rows.map((r) => view(r.row, r.username, actor.lang));
}

/** Queues the decision (202 for the caller); one at a time per cluster. */
export async function queueBulkDecision(db: Db, actor: Actor, raw: BulkDecisionBody): Promise<BulkDecisionView> {
  requirePermission(actor, 'tracing.decide');
  const body = parseInput(bulkDecisionBody, raw);
  const id = await db.transaction(async (tx) => {
    if (body.clusterId !== undefined) {
      // the cluster's row lock makes two clicks at once queue one decision
      const [cluster] = await tx
        .select({ id: clusters.id })
        .from(clusters)
        .where(and(eq(clusters.id, body.clusterId), inUnit(actorUnit(actor), 'clusters')))
        .for('update');
      if (!cluster) throw new AppError('not_found', 'cases.errors.cluster_unknown', {}, 'clusterId');
      const [open] = await tx.select({ id: bulk.id }).from(bulk).where(and(eq(bulk.clusterId, body.clusterId), eq(bulk.status, 'queued'))).limit(1);
      if (open) throw new AppError('conflict', 'tracing.errors.bulk_in_progress', {}, 'clusterId');
    }
    const [row] = await tx
      .insert(bulk)
      .values({ provinceId: actor.jurisdiction.provinceId, clusterId: body.clusterId ?? null, body, requestedBy: actor.accountId, requestedIp: actor.ip })
      .returning({ id: bulk.id });
    await audit.record(tx, actor, { action: 'create', entity: 'tracing_bulk_decision', entityId: row.id, details: body });
    return row.id;
  });
  return getBulkDecision(db, actor, id);
}

export async function getBulkDecision(db: DbOrTx, actor: Actor, id: number): Promise<BulkDecisionView> {
  requirePermission(actor, 'cases.read');
  const [found] = await views(db, actor, eq(bulk.id, id), 1);
  if (!found) throw new AppError('not_found', 'tracing.errors.bulk_unknown', {}, 'id');
  return found;
}

export async function listBulkDecisions(db: DbOrTx, actor: Actor, raw: unknown): Promise<{ rows: BulkDecisionView[] }> {
  requirePermission(actor, 'cases.read');
  const q = parseInput(listBulkDecisionsQuery, raw);
  return { rows: await views(db, actor, q.clusterId !== undefined ? eq(bulk.clusterId, q.clusterId) : sql`true`, q.limit) };
}

export type BulkOutcome = { id: number; status: 'done'; result: Decided } | { id: number; status: 'failed'; error: unknown } | null;

/**
 * Runs one queued decision as the account that asked for it, with its role and jurisdiction as they
 * are now; null when another process has it or it has ended. A failure is stored with the error
 * the caller would have been answered, and nothing of the decision itself.
 */
export async function runBulkDecision(db: Db, id: number): Promise<BulkOutcome> {
  // skip locked: a row another process is running is left alone rather than waited for
  await db.execute(sql`update tracing_bulk_decisions set started_at = coalesce(started_at, now())
                        where id = (select id from tracing_bulk_decisions where id = ${id} and status = 'queued' for update skip locked)`);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(bulk)
        .where(and(eq(bulk.id, id), eq(bulk.status, 'queued')))
        .for('update', { skipLocked: true });
      if (!row) return null;
      const actor = await actorOfAccount(tx, row.requestedBy, { ip: row.requestedIp, via: 'job:bulk-decision' });
      if (!actor) throw new AppError('forbidden', 'tracing.errors.bulk_account_disabled');
      requirePermission(actor, 'tracing.decide');
      const result = await decideIn(tx, actor, parseInput(decideProposalsBody, row.body));
      await tx.update(bulk).set({ status: 'done', finishedAt: new Date(), result: { ...result } }).where(eq(bulk.id, id));
      return { id, status: 'done' as const, result };
    });
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('internal');
    await db
      .update(bulk)
      .set({ status: 'failed', finishedAt: new Date(), error: { code: e.code, messageKey: e.messageKey, params: e.params, ...(e.field ? { field: e.field } : {}) } })
      .where(and(eq(bulk.id, id), eq(bulk.status, 'queued')));
    return { id, status: 'failed', error: err };
  }
}

/** The job bulk-decisions: what no process has run yet or a process left when it died, oldest first. */
export async function runQueuedBulkDecisions(db: Db): Promise<{ done: number; failed: number }> {
  const queued = await db.select({ id: bulk.id }).from(bulk).where(eq(bulk.status, 'queued')).orderBy(asc(bulk.requestedAt)).limit(20);
  let done = 0;
  let failed = 0;
  for (const { id } of queued) {
    const outcome = await runBulkDecision(db, id);
    if (outcome?.status === 'done') done++;
    if (outcome?.status === 'failed') failed++;
  }
  return { done, failed };
}
