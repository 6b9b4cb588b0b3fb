// Proposal latency: each sampled F0 is confirmed through createCase inside a transaction that is
// rolled back, so every F0 is traced against the same database (no other case, no earlier
// proposal) and the series is repeatable. Inside it:
// - createCase: what POST /cases does for a confirmed case (number, infectious window, level 0,
//   and the follow-up: the F0's proposals, household auto-accept, the household F1s' proposals,
//   tasks, outbox);
// - the F0's crowds (visits shared with more than the profile's crowdSize) are expanded, untimed,
//   as a tracer would on request, so the quality figures know who each crowd held;
// - the F0's proposals and crowds are read (for the quality figures) and deleted, then
//   proposeForSubjects runs again for the F0 alone: the function the follow-up and
//   POST /cases/:id/trace call. This is the timed "proposals for one F0".
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle, type DbOrTx } from '../../src/server/db/handle.js';
import type { Actor } from '../../src/server/auth/actor.js';
import { createCase } from '../../src/server/cases/service.js';
import { proposeForSubjects, subjectWindows, tracingRules } from '../../src/server/cases/proposals.js';
import { proposalsStatement, storeProposals } from '../../src/server/cases/proposals-sql.js';
import { summarize, type Summary } from '../people/stats.js';
import { foundCaseInput, type Picked } from './sample.js';
import type { Log } from './setup.js';

/** What tracing proposed for one F0 (its own proposals, as createCase's follow-up made them). */
export interface ProposedSet {
  personId: number;
  /** The case's infectious_from (YYYY-MM-DD). */
  infectiousFrom: string;
  candidate: Float64Array;
  /** 1 venue, 2 household, 3 other. */
  setting: Uint8Array;
  /** Epoch ms of the overlap start (venue), or NaN. */
  overlapStart: Float64Array;
  /** 1: the overlap rests on an assumed stay (the subject or the candidate did not check out). */
  assumedStay: Uint8Array;
  /** 1: proposed only when the crowd of the visit was expanded (not person by person). */
  crowd: Uint8Array;
}

/** The proposals a tracer gets person by person, without expanding any crowd. */
export function individualOnly(set: ProposedSet): ProposedSet {
  const keep = [...set.crowd.keys()].filter((i) => set.crowd[i] === 0);
  return {
    personId: set.personId,
    infectiousFrom: set.infectiousFrom,
    candidate: Float64Array.from(keep, (i) => set.candidate[i]),
    setting: Uint8Array.from(keep, (i) => set.setting[i]),
    overlapStart: Float64Array.from(keep, (i) => set.overlapStart[i]),
    assumedStay: Uint8Array.from(keep, (i) => set.assumedStay[i]),
    crowd: new Uint8Array(keep.length),
  };
}

export interface F0Timing {
  personId: number;
  infection: number;
  checkins: number;
  createCaseMs: number;
  proposeMs: number;
  /** Rows the timed proposeForSubjects stored (venue pairs per visit; household members were already exposures). */
  proposedRows: number;
  /** Crowds the timed run stored (one per visit shared with more than crowdSize people). */
  crowds: number;
  /** People those crowds held: the proposals their expansion made. */
  crowdPeople: number;
  /** Distinct candidates of the F0 after createCase (venue and household). */
  candidates: number;
  /** Everything createCase's follow-up wrote for this F0: proposals (all subjects), exposures, tasks. */
  followUp: { proposals: number; exposures: number; tasks: number };
}

export interface LatencyResult {
  samples: number;
  warmup: number;
  proposeMs: Summary;
  createCaseMs: Summary;
  proposedRows: { mean: number; max: number };
  crowds: { mean: number; max: number; meanPeople: number };
  candidates: { mean: number; p50: number; max: number };
  checkinsPerF0: { mean: number; max: number };
  followUpMean: { proposals: number; exposures: number; tasks: number };
  perF0: F0Timing[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the proposals statement for the F0 at the median time. */
  plan: { personId: number; executionMs: number; planningMs: number; jitMs: number | null; text: string[] } | null;
}

class Rollback extends Error {}
const SETTING: Record<string, number> = { venue: 1, household: 2 };

async function inRolledBack<T>(handle: DbHandle, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  let out: T | undefined;
  try {
    await handle.db.transaction(async (tx) => {
      out = await run(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out as T;
}

async function traceOne(handle: DbHandle, actor: Actor, p: Picked, startDate: string): Promise<{ timing: F0Timing; proposed: ProposedSet }> {
  const f = p.infection;
  return inRolledBack(handle, async (tx) => {
    const t0 = performance.now();
    const row = await createCase(tx, actor, foundCaseInput(f, startDate));
    const t1 = performance.now();
    const crowdVisits = await queryRows<{ visit: number }>(tx, sql`select subject_visit_id::int8 as visit from tracing_crowds where subject_id = ${f.personId}::int8`);
    if (crowdVisits.length > 0) {
      const rules = await tracingRules(tx);
      const [w] = await subjectWindows(tx, [f.personId], rules);
      for (const c of crowdVisits) await storeProposals(tx, [w], rules, { visitId: Number(c.visit) });
    }
    const props = await queryRows<{ candidate_id: string; setting: string; overlap_start: Date | string | null; assumed: boolean; crowd: boolean }>(
      tx,
      sql`select candidate_id, setting, overlap_start,
                 (evidence ? 'subjectIn') and (evidence->>'subjectOut' is null or evidence->>'candidateOut' is null) as assumed,
                 subject_visit_id in (select subject_visit_id from tracing_crowds where subject_id = ${f.personId}::int8) as crowd
            from tracing_proposals where subject_id = ${f.personId}::int8`,
    );
    const [counts] = await queryRows<{ proposals: number; exposures: number; tasks: number; checkins: number }>(
      tx,
      sql`select (select count(*)::int from tracing_proposals) as proposals, (select count(*)::int from exposures) as exposures,
                 (select count(*)::int from tracing_tasks) as tasks, (select count(*)::int from checkins where person_id = ${f.personId}::int8) as checkins`,
    );
    await tx.execute(sql`delete from tracing_proposals where subject_id = ${f.personId}::int8`);
    await tx.execute(sql`delete from tracing_crowds where subject_id = ${f.personId}::int8`);
    const t2 = performance.now();
    const stored = await proposeForSubjects(tx, [f.personId]);
    const t3 = performance.now();
    // Head counts wait until a crowd is shown: the people the crowds held are those their expansion proposed.
    const [crowds] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from tracing_crowds where subject_id = ${f.personId}::int8`);
    const n = props.length;
    const proposed: ProposedSet = {
      personId: f.personId,
      infectiousFrom: String(row.infectiousFrom),
      candidate: new Float64Array(n),
      setting: new Uint8Array(n),
      overlapStart: new Float64Array(n),
      assumedStay: new Uint8Array(n),
      crowd: new Uint8Array(n),
    };
    props.forEach((r, i) => {
      proposed.candidate[i] = Number(r.candidate_id);
      proposed.setting[i] = SETTING[r.setting] ?? 3;
      proposed.overlapStart[i] = r.overlap_start === null ? NaN : new Date(r.overlap_start).getTime();
      proposed.assumedStay[i] = r.assumed ? 1 : 0;
      proposed.crowd[i] = r.crowd ? 1 : 0;
    });
    return {
      proposed,
      timing: {
        personId: f.personId,
        infection: p.index,
        checkins: counts.checkins,
        createCaseMs: Math.round((t1 - t0) * 100) / 100,
        proposeMs: Math.round((t3 - t2) * 100) / 100,
        proposedRows: stored.length,
        crowds: crowds.n,
        crowdPeople: props.filter((p) => p.crowd).length,
        candidates: new Set(props.map((r) => r.candidate_id)).size,
        followUp: { proposals: counts.proposals, exposures: counts.exposures, tasks: counts.tasks },
      },
    };
  });
}

async function explainOne(handle: DbHandle, actor: Actor, p: Picked, startDate: string): Promise<LatencyResult['plan']> {
  return inRolledBack(handle, async (tx) => {
    await createCase(tx, actor, foundCaseInput(p.infection, startDate));
    await tx.execute(sql`delete from tracing_proposals where subject_id = ${p.infection.personId}::int8`);
    await tx.execute(sql`delete from tracing_crowds where subject_id = ${p.infection.personId}::int8`);
    const rules = await tracingRules(tx);
    const [w] = await subjectWindows(tx, [p.infection.personId], rules);
    if (!w) return null;
    const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain (analyze, buffers) ${proposalsStatement([w], rules)}`);
    const text = rows.map((r) => r['QUERY PLAN']);
    const num = (re: RegExp) => {
      const m = text.map((l) => re.exec(l)).find(Boolean);
      return m ? Number(m[1]) : null;
    };
    return { personId: p.infection.personId, executionMs: num(/Execution Time: ([\d.]+)/) ?? NaN, planningMs: num(/Planning Time: ([\d.]+)/) ?? NaN, jitMs: num(/Timing: .*Total ([\d.]+)/), text };
  });
}

export async function measureLatency(handle: DbHandle, actor: Actor, picked: Picked[], startDate: string, warmup: number, log: Log): Promise<{ result: LatencyResult; proposed: ProposedSet[] }> {
  for (const p of picked.slice(0, warmup)) await traceOne(handle, actor, p, startDate);
  const perF0: F0Timing[] = [];
  const proposed: ProposedSet[] = [];
  const t = performance.now();
  for (const [i, p] of picked.entries()) {
    const r = await traceOne(handle, actor, p, startDate);
    perF0.push(r.timing);
    proposed.push(r.proposed);
    if ((i + 1) % 50 === 0) log(`latency: ${i + 1}/${picked.length} F0s (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  const byTime = [...perF0].sort((a, b) => a.proposeMs - b.proposeMs);
  const median = byTime[Math.floor(byTime.length / 2)];
  const plan = median ? await explainOne(handle, actor, picked.find((p) => p.infection.personId === median.personId)!, startDate) : null;
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / (xs.length || 1)) * 10) / 10;
  const cands = perF0.map((r) => r.candidates).sort((a, b) => a - b);
  return {
    proposed,
    result: {
      samples: perF0.length,
      warmup: Math.min(warmup, picked.length),
      proposeMs: summarize(perF0.map((r) => r.proposeMs)),
      createCaseMs: summarize(perF0.map((r) => r.createCaseMs)),
      proposedRows: { mean: mean(perF0.map((r) => r.proposedRows)), max: Math.max(0, ...perF0.map((r) => r.proposedRows)) },
      crowds: { mean: mean(perF0.map((r) => r.crowds)), max: Math.max(0, ...perF0.map((r) => r.crowds)), meanPeople: mean(perF0.map((r) => r.crowdPeople)) },
      candidates: { mean: mean(cands), p50: cands[Math.floor(cands.length / 2)] ?? 0, max: cands[cands.length - 1] ?? 0 },
      checkinsPerF0: { mean: mean(perF0.map((r) => r.checkins)), max: Math.max(0, ...perF0.map((r) => r.checkins)) },
      followUpMean: {
        proposals: mean(perF0.map((r) => r.followUp.proposals)),
        exposures: mean(perF0.map((r) => r.followUp.exposures)),
        tasks: mean(perF0.map((r) => r.followUp.tasks)),
      },
      perF0,
      plan,
    },
  };
}
