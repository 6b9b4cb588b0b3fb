// Cluster expansion: a 200-case chain of the simulation confirmed case by case, then expanded to
// its F1s and F2s the way tracers do it, through the services the routes call:
//   confirm  createCase for each member (POST /cases): F0 level, the F0's proposals, household
//            auto-accept (household F1s) and those F1s' own proposals;
//   (a) F1   decideProposals accept of each F0's pending proposals (POST /tracing/proposals/decide,
//            at most 1,000 ids a call): exposures, F1 levels, tasks, and the new F1s' proposals
//            (the F2 candidates) with their households auto-accepted;
//   (b) F2   decideProposals accept of the F1s' pending proposals: F2 levels and tasks;
//   (c) read listContacts per case and level (GET /tracing/contacts?caseId&level), detectClusters
//            (POST /tracing/clusters/detect) and transmissionGraph of the cluster (GET /tracing/graph).
// Each step stops starting new calls once the step's time budget is spent, and says so.
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../../src/server/db/handle.js';
import type { Actor } from '../../src/server/auth/actor.js';
import { createCase, detectClusters, listContacts, transmissionGraph } from '../../src/server/cases/service.js';
import { decideProposals } from '../../src/server/cases/decide.js';
import { summarize, type Summary } from '../people/stats.js';
import { clusterCaseInput, type Picked } from './sample.js';
import type { Log } from './setup.js';

const CHUNK = 1000;

export interface StepResult {
  seconds: number;
  calls: number;
  perCallMs: Summary;
  /** Calls the step had to make, and whether it made them all within the budget. */
  planned: number;
  complete: boolean;
  decided?: number;
}

export interface ClusterResult {
  members: number;
  chainInfections: number;
  confirm: StepResult;
  f1: StepResult;
  f2: StepResult;
  reads: {
    contactsPerCaseMs: Summary;
    detectClustersMs: number;
    graphMs: number;
    graphNodes: number;
    graphEdges: number;
    graphTruncated: boolean;
  };
  /** (a) + (b): accepting the F0s' and the F1s' proposals. */
  expansionSeconds: number;
  /** After each step: people at each level rooted in the cluster's cases, proposals and tasks. */
  counts: Record<'afterConfirm' | 'afterF1' | 'afterF2', { f1: number; f2: number; pendingProposals: number; proposals: number; exposures: number; tasks: number }>;
}

async function counts(handle: DbHandle, caseIds: number[]) {
  const ids = `{${caseIds.join(',')}}`;
  const [r] = await queryRows<{ f1: number; f2: number; pending: number; proposals: number; exposures: number; tasks: number }>(
    handle.db,
    sql`select (select count(*)::int from contact_levels where level = 1 and root_case_id = any(${ids}::int8[])) as f1,
               (select count(*)::int from contact_levels where level = 2 and root_case_id = any(${ids}::int8[])) as f2,
               (select count(*)::int from tracing_proposals where status = 'pending') as pending,
               (select count(*)::int from tracing_proposals) as proposals,
               (select count(*)::int from exposures) as exposures,
               (select count(*)::int from tracing_tasks) as tasks`,
  );
  return { f1: r.f1, f2: r.f2, pendingProposals: r.pending, proposals: r.proposals, exposures: r.exposures, tasks: r.tasks };
}

/** Runs calls in order until the budget is spent; returns the step's figures. */
async function step(name: string, calls: (() => Promise<number | void>)[], budgetSeconds: number, log: Log): Promise<StepResult> {
  const ms: number[] = [];
  let decided = 0;
  const t0 = performance.now();
  for (const call of calls) {
    if ((performance.now() - t0) / 1000 > budgetSeconds) break;
    const t = performance.now();
    decided += (await call()) ?? 0;
    ms.push(performance.now() - t);
    if (ms.length % 50 === 0) log(`cluster ${name}: ${ms.length}/${calls.length} calls (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  log(`cluster ${name}: ${ms.length}/${calls.length} calls in ${seconds} s`);
  return { seconds, calls: ms.length, perCallMs: summarize(ms), planned: calls.length, complete: ms.length === calls.length, ...(decided ? { decided } : {}) };
}

const chunks = (ids: number[]) => Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) => ids.slice(i * CHUNK, (i + 1) * CHUNK));

async function pendingOf(handle: DbHandle, subjects: string): Promise<{ subject: number; ids: number[] }[]> {
  const rows = await queryRows<{ subject_id: string; ids: string[] }>(
    handle.db,
    sql.raw(`select subject_id, array_agg(id order by id) as ids from tracing_proposals where status = 'pending' and subject_id in (${subjects}) group by subject_id order by subject_id`),
  );
  return rows.map((r) => ({ subject: Number(r.subject_id), ids: r.ids.map(Number) }));
}

export async function expandCluster(handle: DbHandle, actor: Actor, members: Picked[], chainInfections: number, startDate: string, days: number, budgetSeconds: number, log: Log): Promise<ClusterResult> {
  const caseIds: number[] = [];
  const confirm = await step(
    'confirm',
    members.map((m) => async () => {
      const row = await createCase(handle.db, actor, clusterCaseInput(m.infection, startDate, days));
      caseIds.push(row.id);
    }),
    budgetSeconds,
    log,
  );
  const afterConfirm = await counts(handle, caseIds);

  // (a) each F0's pending proposals, one case after the other.
  const f0Pending = await pendingOf(handle, `select person_id from cases where id in (${caseIds.join(',') || 0})`);
  const f1 = await step(
    'F1',
    f0Pending.flatMap((p) => chunks(p.ids).map((ids) => async () => (await decideProposals(handle.db, actor, { decision: 'accept', ids })).decided)),
    budgetSeconds,
    log,
  );
  const afterF1 = await counts(handle, caseIds);

  // (b) the F1s' pending proposals, F1 by F1 (a call takes up to 1,000: several small F1s share one).
  const f1Pending = await pendingOf(handle, `select person_id from contact_levels where level = 1 and root_case_id in (${caseIds.join(',') || 0})`);
  const batches: number[][] = [];
  let cur: number[] = [];
  for (const p of f1Pending) {
    for (const ids of chunks(p.ids)) {
      if (cur.length + ids.length > CHUNK) {
        batches.push(cur);
        cur = [];
      }
      cur.push(...ids);
    }
  }
  if (cur.length) batches.push(cur);
  const f2 = await step('F2', batches.map((ids) => async () => (await decideProposals(handle.db, actor, { decision: 'accept', ids })).decided), budgetSeconds, log);
  const afterF2 = await counts(handle, caseIds);

  // (c) what the tracers and the graph read afterwards.
  const readMs: number[] = [];
  for (const caseId of caseIds) {
    for (const level of [1, 2]) {
      const t = performance.now();
      await listContacts(handle.db, actor, { caseId, level, limit: 100 });
      readMs.push(performance.now() - t);
    }
  }
  let t = performance.now();
  const detected = await detectClusters(handle.db, actor);
  const detectClustersMs = performance.now() - t;
  const [largest] = await queryRows<{ cluster_id: number }>(
    handle.db,
    sql.raw(`select cluster_id from cases where id in (${caseIds.join(',') || 0}) and cluster_id is not null group by cluster_id order by count(*) desc limit 1`),
  );
  t = performance.now();
  const graph = await transmissionGraph(handle.db, actor, largest ? { clusterId: Number(largest.cluster_id), maxLevel: 2, limit: 5000 } : { caseId: caseIds[0], maxLevel: 2, limit: 5000 });
  const graphMs = performance.now() - t;
  log(`cluster reads: contacts ${readMs.length} pages, detect ${Math.round(detectClustersMs)} ms (${detected.created} created), graph ${Math.round(graphMs)} ms (${graph.nodes.length} nodes)`);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    members: caseIds.length,
    chainInfections,
    confirm,
    f1,
    f2,
    reads: {
      contactsPerCaseMs: summarize(readMs),
      detectClustersMs: round(detectClustersMs),
      graphMs: round(graphMs),
      graphNodes: graph.nodes.length,
      graphEdges: graph.edges.length,
      graphTruncated: graph.truncated,
    },
    expansionSeconds: round(f1.seconds + f2.seconds),
    counts: { afterConfirm, afterF1, afterF2 },
  };
}
