// Cluster expansion: a 200-case chain of the simulation confirmed case by case, then expanded to
// its F1s and F2s the way tracers do it, through the services the routes call:
//   confirm  createCase for each member (POST /cases): F0 level, the F0's proposals, household
//            auto-accept (household F1s) and those F1s' own proposals;
//   (a) F1   decideProposals accept of the F0s' pending proposals (POST /tracing/proposals/decide,
//            one call with the cluster's case ids, or `chunk` ids a call, case after case):
//            exposures, F1 levels, tasks, and the new F1s'
//            proposals (the F2 candidates) with their households auto-accepted;
//   (b) F2   decideProposals accept of the F1s' pending proposals: F2 levels and tasks;
//   (c) read listContacts per case and level (GET /tracing/contacts?caseId&level), detectClusters
//            (POST /tracing/clusters/detect) and transmissionGraph of the cluster (GET /tracing/graph).
// Accepting every check-in proposal of a province-sized cluster is far more work than a run can
// do (each new F1 gets thousands of proposals of its own), so each step stops starting calls once
// its time budget is spent, and the rest is estimated from the rate the step kept.
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../../src/server/db/handle.js';
import type { Actor } from '../../src/server/auth/actor.js';
import { createCase, detectClusters, listContacts, transmissionGraph } from '../../src/server/cases/service.js';
import { decideProposals } from '../../src/server/cases/decide.js';
import { summarize, type Summary } from '../people/stats.js';
import { clusterCaseInput, type Picked } from './sample.js';
import type { Log } from './setup.js';

export interface StepResult {
  seconds: number;
  calls: number;
  perCallMs: Summary;
  /** Calls the step had to make, and whether it made them all within the budget. */
  planned: number;
  complete: boolean;
  /** Proposals accepted (decision steps). */
  accepted: number;
  /** Proposals the step's calls had to accept in all. */
  toAccept: number;
}

type Counts = { f1: number; f2: number; pendingProposals: number; proposals: number; exposures: number; tasks: number };

export interface ClusterResult {
  members: number;
  chainInfections: number;
  decideChunk: number;
  budgetSeconds: number;
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
  /** (a) + (b) as measured (only the calls made within the budgets). */
  measuredExpansionSeconds: number;
  /**
   * The whole expansion from the rates kept: (a) all the F0s' pending proposals at (a)'s rate; (b)
   * the F1s' proposals — new F1s expected (distinct candidates of the F0s' proposals) times the
   * proposals each new F1 got in (a) — at (b)'s rate. Equal to the measurement when both completed.
   */
  estimate: { f1Expected: number; proposalsPerNewF1: number | null; f2ProposalsExpected: number | null; f1Seconds: number | null; f2Seconds: number | null; totalSeconds: number | null };
  /** After each step: people at each level rooted in the cluster's cases, proposals and tasks. */
  counts: Record<'afterConfirm' | 'afterF1' | 'afterF2', Counts>;
}

async function counts(handle: DbHandle, caseIds: number[]): Promise<Counts> {
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

interface Call {
  run: () => Promise<void>;
  /** proposals this call accepts */
  size: number;
}

/** Runs calls in order until the budget is spent; returns the step's figures. */
async function step(name: string, calls: Call[], budgetSeconds: number, log: Log): Promise<StepResult> {
  const ms: number[] = [];
  let accepted = 0;
  const t0 = performance.now();
  for (const call of calls) {
    if ((performance.now() - t0) / 1000 > budgetSeconds) break;
    const t = performance.now();
    await call.run();
    ms.push(performance.now() - t);
    accepted += call.size;
    if (ms.length % 50 === 0 || ms[ms.length - 1] > 20_000) log(`cluster ${name}: ${ms.length}/${calls.length} calls (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  log(`cluster ${name}: ${ms.length}/${calls.length} calls in ${seconds} s`);
  const toAccept = calls.reduce((n, c) => n + c.size, 0);
  return { seconds, calls: ms.length, perCallMs: summarize(ms), planned: calls.length, complete: ms.length === calls.length, accepted, toAccept };
}

/**
 * Pending proposals of the given subjects (a SQL subquery): with chunk 0 one call for all of them
 * (the cluster's cases, or the contacts traced from them), else calls of at most `chunk` ids,
 * subject after subject.
 */
async function acceptCalls(handle: DbHandle, actor: Actor, subjects: string, chunk: number, order: string, all: { caseIds: number[]; subjects: 'cases' | 'contacts' }): Promise<Call[]> {
  const rows = await queryRows<{ id: string }>(
    handle.db,
    sql.raw(`select tp.id from tracing_proposals tp join (${subjects}) s(person_id, ord) on s.person_id = tp.subject_id where tp.status = 'pending' order by ${order}, tp.id`),
  );
  const ids = rows.map((r) => Number(r.id));
  if (chunk === 0) return ids.length ? [{ size: ids.length, run: async () => void (await decideProposals(handle.db, actor, { decision: 'accept', ...all })) }] : [];
  return Array.from({ length: Math.ceil(ids.length / chunk) }, (_, i) => {
    const part = ids.slice(i * chunk, (i + 1) * chunk);
    return { size: part.length, run: async () => void (await decideProposals(handle.db, actor, { decision: 'accept', ids: part })) };
  });
}

export interface ClusterOptions {
  startDate: string;
  days: number;
  budgetSeconds: number;
  /** for confirming the members (createCase each) */
  confirmBudgetSeconds: number;
  /** ids per decide call (the API takes at most 1,000); 0: one call for the cluster's cases, one for their contacts */
  chunk: number;
}

export async function expandCluster(handle: DbHandle, actor: Actor, members: Picked[], chainInfections: number, o: ClusterOptions, log: Log): Promise<ClusterResult> {
  const caseIds: number[] = [];
  const confirm = await step(
    'confirm',
    members.map((m) => ({
      size: 0,
      run: async () => {
        const row = await createCase(handle.db, actor, clusterCaseInput(m.infection, o.startDate, o.days));
        caseIds.push(row.id);
      },
    })),
    o.confirmBudgetSeconds,
    log,
  );
  const idList = caseIds.join(',') || '0';
  const afterConfirm = await counts(handle, caseIds);
  const [{ n: f1Expected }] = await queryRows<{ n: number }>(
    handle.db,
    sql.raw(`select count(distinct tp.candidate_id)::int as n from tracing_proposals tp join cases c on c.person_id = tp.subject_id and c.id in (${idList})
              where tp.candidate_id not in (select person_id from cases where id in (${idList}))`),
  );

  // (a) the F0s' pending proposals, case after case.
  const f1 = await step('F1', await acceptCalls(handle, actor, `select person_id, id from cases where id in (${idList})`, o.chunk, 's.ord', { caseIds, subjects: 'cases' }), o.budgetSeconds, log);
  const afterF1 = await counts(handle, caseIds);

  // (b) the F1s' pending proposals, F1 after F1.
  const f2 = await step(
    'F2',
    await acceptCalls(handle, actor, `select person_id, person_id from contact_levels where level = 1 and root_case_id in (${idList})`, o.chunk, 's.ord', { caseIds, subjects: 'contacts' }),
    o.budgetSeconds,
    log,
  );
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
    sql.raw(`select cluster_id from cases where id in (${idList}) and cluster_id is not null group by cluster_id order by count(*) desc limit 1`),
  );
  t = performance.now();
  const graph = await transmissionGraph(handle.db, actor, largest ? { clusterId: Number(largest.cluster_id), maxLevel: 2, limit: 5000 } : { caseId: caseIds[0], maxLevel: 2, limit: 5000 });
  const graphMs = performance.now() - t;
  log(`cluster reads: contacts ${readMs.length} pages, detect ${Math.round(detectClustersMs)} ms (${detected.created} created), graph ${Math.round(graphMs)} ms (${graph.nodes.length} nodes)`);

  const round = (x: number) => Math.round(x * 10) / 10;
  const rate = (s: StepResult) => (s.accepted && s.seconds ? s.accepted / s.seconds : null);
  const newF1 = afterF1.f1 - afterConfirm.f1;
  // Proposals made in (a) belong to the new F1s (and their auto-accepted households).
  const proposalsPerNewF1 = newF1 > 0 ? (afterF1.proposals - afterConfirm.proposals) / newF1 : null;
  const f1Seconds = f1.complete ? f1.seconds : rate(f1) ? f1.toAccept / rate(f1)! : null;
  const f2ProposalsExpected = f1.complete ? f2.toAccept : proposalsPerNewF1 === null ? null : Math.round(proposalsPerNewF1 * f1Expected);
  const f2Seconds = f1.complete && f2.complete ? f2.seconds : f2ProposalsExpected !== null && rate(f2) ? f2ProposalsExpected / rate(f2)! : null;
  return {
    members: caseIds.length,
    chainInfections,
    decideChunk: o.chunk,
    budgetSeconds: o.budgetSeconds,
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
    measuredExpansionSeconds: round(f1.seconds + f2.seconds),
    estimate: {
      f1Expected,
      proposalsPerNewF1: proposalsPerNewF1 === null ? null : round(proposalsPerNewF1),
      f2ProposalsExpected,
      f1Seconds: f1Seconds === null ? null : round(f1Seconds),
      f2Seconds: f2Seconds === null ? null : round(f2Seconds),
      totalSeconds: f1Seconds !== null && f2Seconds !== null ? round(f1Seconds + f2Seconds) : null,
    },
    counts: { afterConfirm, afterF1, afterF2 },
  };
}
