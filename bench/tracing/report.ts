// The summary printed at the end of bench:tracing (the JSON file has everything).
import { table } from '../people/stats.js';
import type { LatencyResult } from './latency.js';
import type { QualityResult, Ratio } from './quality.js';
import type { ClusterResult } from './cluster.js';
import type { LoadFigures } from './setup.js';

interface Report {
  options: { people: number; days: number };
  loadAverage: { atStart: number[]; afterLoad: number[]; atEnd: number[] };
  simulation: { checkins: number; infections: number; meanExposedPerInfected: number };
  load: LoadFigures | null;
  targets: { proposalP95Ms: number; clusterExpansionSeconds: number };
  verdict: { proposalP95: boolean | null; clusterExpansion: boolean | null };
  latency: LatencyResult | null;
  quality: QualityResult | null;
  qualityIndividual: QualityResult | null;
  cluster: ClusterResult | null;
}

const pct = (r: Ratio) => (r.value === null ? '–' : `${(r.value * 100).toFixed(1)} % (${r.hits.toLocaleString('en')}/${r.of.toLocaleString('en')})`);
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const sec = (s: number) => `${s.toFixed(1)} s`;

export function printSummary(o: Report): void {
  const lines: string[] = [''];
  lines.push(`Tracing on PostgreSQL: ${o.options.people.toLocaleString('en')} people, ${o.options.days} days, ${o.simulation.checkins.toLocaleString('en')} check-ins, ${o.simulation.infections} infections`);
  if (o.load) {
    const l = o.load;
    lines.push(
      `load ${sec(l.totalSeconds)}: people ${sec(l.peopleSeconds)}, venues ${sec(l.venuesSeconds)}, check-ins COPY ${sec(l.checkinsCopySeconds)} + indexes ${sec(l.checkinsIndexSeconds)}, ` +
        `vacuum analyze ${sec(l.vacuumAnalyzeSeconds)}, checkpoint ${sec(l.checkpointSeconds)}; check-ins ${Math.round(l.checkinsBytes / 2 ** 20).toLocaleString('en')} MB (indexes ${Math.round(l.checkinsIndexBytes / 2 ** 20).toLocaleString('en')} MB)`,
    );
  }
  const L = o.latency;
  if (L) lines.push('', `Proposals for one F0 (proposeForSubjects), ${L.samples} F0s after ${L.warmup} warm-up, ms:`, '');
  if (L) lines.push(
    table(
      ['series', 'samples', 'p50', 'p95', 'p99', 'max', 'mean', `p95 < ${o.targets.proposalP95Ms}`],
      [
        ['proposals for one F0', L.proposeMs.samples, L.proposeMs.p50, L.proposeMs.p95, L.proposeMs.p99, L.proposeMs.max, L.proposeMs.mean, o.verdict.proposalP95 ? 'yes' : 'NO'],
        ['createCase (confirm + follow-up)', L.createCaseMs.samples, L.createCaseMs.p50, L.createCaseMs.p95, L.createCaseMs.p99, L.createCaseMs.max, L.createCaseMs.mean, ''],
      ],
    ),
  );
  if (L) lines.push(
    `per F0: ${L.checkinsPerF0.mean} check-ins, ${L.candidates.mean} candidates with crowds expanded (p50 ${L.candidates.p50}, max ${L.candidates.max}), ${L.proposedRows.mean} proposal rows (max ${L.proposedRows.max}), ` +
      `${L.crowds.mean} crowds (max ${L.crowds.max}) holding ${L.crowds.meanPeople} people; ` +
      `createCase follow-up wrote ${L.followUpMean.proposals} proposals, ${L.followUpMean.exposures} exposures, ${L.followUpMean.tasks} tasks`,
  );
  if (L?.plan) lines.push(`EXPLAIN ANALYZE of the median F0: execution ${L.plan.executionMs} ms, planning ${L.plan.planningMs} ms${L.plan.jitMs !== null ? `, JIT ${L.plan.jitMs} ms` : ''}`);

  const Q = o.quality;
  if (Q) {
  lines.push('', `Tracing quality against the simulation's ground truth (${Q.f0s} F0s, ${Q.symptomatic} symptomatic), every crowd expanded:`, '');
  lines.push(
    table(
      ['exposures', 'precision', 'recall', 'recall of recordable'],
      [
        ['venue (check-ins)', pct(Q.venue.precision), pct(Q.venue.recall), pct(Q.venue.recallRecordable)],
        ['household (address)', pct(Q.household.precision), pct(Q.household.recall), ''],
        ['all', pct(Q.overall.precision), pct(Q.overall.recall), pct(Q.overall.recallRecordable)],
      ],
    ),
  );
  const m = Q.venue.missed;
  const fp = Q.venue.falsePositives;
  lines.push(
    `venue misses: ${m.notRecorded.toLocaleString('en')} not recorded by both check-ins, ${m.firstBeforeWindow.toLocaleString('en')} first met before the case's window, ` +
      `${m.notVisibleFromRecordedTimes.toLocaleString('en')} not visible from the recorded times; recall of recordable: symptomatic F0s ${pct(Q.venue.recallRecordableSymptomatic)}, asymptomatic ${pct(Q.venue.recallRecordableAsymptomatic)}`,
  );
  lines.push(`venue false positives: ${fp.outsideTrueWindow.toLocaleString('en')} outside the true infectious window, ${fp.assumedStay.toLocaleString('en')} from an assumed stay (no check-out), ${fp.other.toLocaleString('en')} other`);
  const I = o.qualityIndividual;
  if (I) lines.push(`person by person only (crowds not expanded): venue precision ${pct(I.venue.precision)}, recall ${pct(I.venue.recall)}, recall of recordable ${pct(I.venue.recallRecordable)}; all settings recall ${pct(I.overall.recall)}`);
  }

  const C = o.cluster;
  if (C) {
    const s = (x: ClusterResult['confirm']) =>
      `${sec(x.seconds)}, ${x.calls}/${x.planned} calls${x.complete ? '' : ' (budget spent)'}${x.toAccept ? `, ${x.accepted.toLocaleString('en')}/${x.toAccept.toLocaleString('en')} proposals accepted` : ''}, per call p50 ${x.perCallMs.p50} ms p95 ${x.perCallMs.p95} ms max ${x.perCallMs.max} ms`;
    const c = (k: keyof ClusterResult['counts']) => {
      const x = C.counts[k];
      return `F1 ${x.f1.toLocaleString('en')}, F2 ${x.f2.toLocaleString('en')}, proposals ${x.proposals.toLocaleString('en')} (${x.pendingProposals.toLocaleString('en')} pending), exposures ${x.exposures.toLocaleString('en')}, tasks ${x.tasks.toLocaleString('en')}`;
    };
    const e = C.estimate;
    const est = (v: number | null) => (v === null ? '–' : v < 600 ? sec(v) : `${(v / 3600).toFixed(1)} h`);
    lines.push('', `Cluster expansion: ${C.members} cases (the first of a chain of ${C.chainInfections} infections), ${C.decideChunk ? `decisions of ${C.decideChunk} proposals a call` : 'one decision for the cases, one for their contacts'}:`);
    lines.push(`  confirm (createCase each): ${s(C.confirm)}`, `    → ${c('afterConfirm')}`);
    lines.push(`  (a) accept the F0s' proposals: ${s(C.f1)}`, `    → ${c('afterF1')}`);
    lines.push(`  (b) accept the F1s' proposals: ${s(C.f2)}`, `    → ${c('afterF2')}`);
    lines.push(
      `  (c) contacts page per case and level p50 ${C.reads.contactsPerCaseMs.p50} ms p95 ${C.reads.contactsPerCaseMs.p95} ms; detect clusters ${C.reads.detectClustersMs} ms; ` +
        `graph ${C.reads.graphMs} ms (${C.reads.graphNodes} nodes${C.reads.graphTruncated ? ', truncated' : ''})`,
    );
    lines.push(
      `  whole expansion: ${e.f1Expected.toLocaleString('en')} F1s expected, ${e.proposalsPerNewF1 ?? '–'} proposals per new F1, ${e.f2ProposalsExpected?.toLocaleString('en') ?? '–'} F1 proposals to decide; ` +
        `(a) ${est(e.f1Seconds)} + (b) ${est(e.f2Seconds)} = ${est(e.totalSeconds)}${C.f1.complete && C.f2.complete ? ' (measured)' : ' (estimated from the rates)'} — target < ${o.targets.clusterExpansionSeconds} s: ${o.verdict.clusterExpansion ? 'yes' : 'NO'}`,
    );
  }
  lines.push('', `load average (1/5/15 min): start ${la(o.loadAverage.atStart)}, after load ${la(o.loadAverage.afterLoad)}, end ${la(o.loadAverage.atEnd)}`);
  console.log(lines.join('\n'));
}
