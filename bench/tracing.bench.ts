/**
 * Tracing at province scale on PostgreSQL: a simulated outbreak on a 1.3-million-person Quảng Ninh
 * over two weeks (about 50 million check-ins) loaded in bulk, then
 *   1. proposal latency: sampled F0s confirmed through createCase, and the proposals for one F0
 *      (proposeForSubjects, as the follow-up and POST /cases/:id/trace run it) timed, each F0 in a
 *      transaction rolled back afterwards (see bench/tracing/latency.ts);
 *   2. tracing quality: the F1s proposed for those F0s against the simulation's ground truth
 *      (bench/tracing/quality.ts);
 *   3. cluster expansion: a 200-case chain confirmed, its F0s' and F1s' proposals accepted, its
 *      contacts and graph read (bench/tracing/cluster.ts).
 * Results: a summary on stdout and bench/out/tracing.json.
 *
 *   npm run bench:tracing -- [--people 1300000] [--days 14] [--index 150] [--r 2.5] [--samples 200]
 *     [--warmup 10] [--cluster 200] [--cluster-budget 120] [--confirm-budget 900] [--decide-chunk 0]
 *     [--skip-latency] [--skip-cluster] [--seed 2021] [--start 2021-09-01] [--keep] [--reuse]
 *     [--url postgres://postgres@127.0.0.1:5432/phongdich_bench_tracing]
 *
 * The database named in --url (DATABASE_URL when set) is dropped and created again, and dropped at
 * the end unless --keep. --reuse takes a database kept by a run with the same --people, --days,
 * --seed, --index and --r instead of loading again (tracing tables are emptied first).
 * Quick check: --people 50000 (about two minutes): below 500,000 people the defaults shrink to
 * --samples 100 --cluster 50 --cluster-budget 10 --confirm-budget 60.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../src/server/db/handle.js';
import { buildPopulation } from '../src/server/demo/outbreak/population.js';
import { generateVenues } from '../src/server/demo/outbreak/venues.js';
import { simulate } from '../src/server/demo/outbreak/simulate.js';
import { summarize as outbreakSummary } from '../src/server/demo/outbreak/stats.js';
import { clearTracing, databaseExists, dropDatabase, loadProvince, prepareDatabase, provinceCommunes, reuseLoaded, seedReference, tracerActor, type LoadFigures } from './tracing/setup.js';
import { pickCluster, sampleF0s } from './tracing/sample.js';
import { individualOnly, measureLatency } from './tracing/latency.js';
import { measureQuality } from './tracing/quality.js';
import { expandCluster } from './tracing/cluster.js';
import { printSummary } from './tracing/report.js';

export const TARGETS = { proposalP95Ms: 100, clusterExpansionSeconds: 5 };

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '1300000' },
    days: { type: 'string', default: '14' },
    index: { type: 'string', default: '150' },
    r: { type: 'string', default: '2.5' },
    samples: { type: 'string' },
    warmup: { type: 'string', default: '10' },
    cluster: { type: 'string' },
    'cluster-budget': { type: 'string' },
    'confirm-budget': { type: 'string' },
    'decide-chunk': { type: 'string', default: '0' },
    'skip-latency': { type: 'boolean', default: false },
    'skip-cluster': { type: 'boolean', default: false },
    seed: { type: 'string', default: '2021' },
    start: { type: 'string', default: '2021-09-01' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    url: { type: 'string', default: process.env.DATABASE_URL ? undefined : 'postgres://postgres@127.0.0.1:5432/phongdich_bench_tracing' },
  },
});
const small = Number(args.people) < 500_000;
const QUICK: Partial<Record<keyof typeof args, string>> = { samples: '100', cluster: '50', 'cluster-budget': '10', 'confirm-budget': '60' };
const FULL: Partial<Record<keyof typeof args, string>> = { samples: '200', cluster: '200', 'cluster-budget': '120', 'confirm-budget': '900' };
const num = (name: keyof typeof args, min: number, max: number, whole = true): number => {
  const n = Number(args[name] ?? (small ? QUICK : FULL)[name]);
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max) throw new Error(`--${name} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}`);
  return n;
};
const people = num('people', 1000, 5_000_000);
const days = num('days', 1, 60);
const indexCases = num('index', 1, 100_000);
const r = num('r', 0, 20, false);
const samples = num('samples', 1, 100_000);
const warmup = num('warmup', 0, 1000);
const clusterSize = num('cluster', 1, 10_000);
const clusterBudget = num('cluster-budget', 1, 86_400);
const confirmBudget = num('confirm-budget', 1, 86_400);
const decideChunk = num('decide-chunk', 0, 1000);
const seed = num('seed', 0, 2 ** 31);
const startDate = args.start!;
if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) throw new Error('--start must be YYYY-MM-DD');
const url = args.url ?? process.env.DATABASE_URL!;
const dbName = new URL(url).pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--url must name a plain database, not "${dbName}"`);
if (['postgres', 'test', 'root', 'template0', 'template1'].includes(dbName)) throw new Error(`--url names "${dbName}": the benchmark drops its database, give it one of its own`);

const started = performance.now();
const load = { atStart: os.loadavg(), afterLoad: [] as number[], atEnd: [] as number[] };
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s] ${m}`);
const lap = (t: number) => Math.round((performance.now() - t) / 100) / 10;

async function main(): Promise<void> {
  const reuse = args.reuse && (await databaseExists(url));
  if (args.reuse && !reuse) log(`--reuse: ${dbName} does not exist, loading`);
  if (!reuse) {
    log(`database ${dbName}: drop, create, migrate`);
    await prepareDatabase(url);
  }
  const handle = openPostgres(url, 2);
  try {
    if (!reuse) await seedReference(handle);
    const { provinceId, communes } = await provinceCommunes(handle);
    const actor = await tracerActor(handle, provinceId);

    let t = performance.now();
    const population = buildPopulation({ seed, count: people, communes, provinceCode: '22', asOf: startDate, batchSize: 5000 });
    const venues = generateVenues(population, seed);
    const outbreak = simulate({ population, venues, startDate, days, seed, indexCases, r });
    const simulationSeconds = lap(t);
    const sim = outbreakSummary(outbreak);
    log(`simulated ${people.toLocaleString('en')} people, ${venues.length.toLocaleString('en')} venues, ${sim.checkins.toLocaleString('en')} check-ins, ${sim.infections} infections in ${simulationSeconds} s`);

    let figures: LoadFigures | null = null;
    let loaded;
    if (reuse) {
      loaded = await reuseLoaded(handle, outbreak);
      await clearTracing(handle);
      log(`reusing ${dbName}: ${loaded.checkins.toLocaleString('en')} check-ins`);
    } else {
      const r = await loadProvince(handle, outbreak, log);
      loaded = r.loaded;
      figures = r.figures;
      log(`loaded in ${figures.totalSeconds} s (${figures.checkinsPerSecond.toLocaleString('en')} check-ins/s)`);
    }
    load.afterLoad = os.loadavg();

    const { picked, sampleDays } = sampleF0s(loaded.infections, days, samples, seed);
    let latency = null;
    let quality = null;
    let qualityIndividual = null;
    if (!args['skip-latency']) {
      if (picked.length < samples) log(`only ${picked.length} infections were found by a positive sample: raise --index or --r for ${samples}`);
      log(`latency: ${picked.length} F0s (positive samples on days ${sampleDays?.join('–')}), ${warmup} warm-up`);
      t = performance.now();
      const measured = await measureLatency(handle, actor, picked, startDate, warmup, log);
      latency = measured.result;
      log(`latency: proposals p50 ${latency.proposeMs.p50} ms, p95 ${latency.proposeMs.p95} ms in ${lap(t)} s`);
      quality = measureQuality(outbreak, loaded.personIds, picked, measured.proposed);
      qualityIndividual = measureQuality(outbreak, loaded.personIds, picked, measured.proposed.map(individualOnly));
    }

    let cluster = null;
    let clusterPick = null;
    if (!args['skip-cluster']) {
      clusterPick = pickCluster(loaded.infections, clusterSize);
      log(`cluster: the first ${clusterPick.members.length} of a chain of ${clusterPick.chainInfections} infections; budgets: confirm ${confirmBudget} s, (a) and (b) ${clusterBudget} s each`);
      cluster = await expandCluster(handle, actor, clusterPick.members, clusterPick.chainInfections, { startDate, days, budgetSeconds: clusterBudget, confirmBudgetSeconds: confirmBudget, chunk: decideChunk }, log);
    }

    const settings = await queryRows<{ name: string; setting: string; unit: string | null }>(
      handle.db,
      sql`select name, setting, unit from pg_settings where name in ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'jit', 'random_page_cost', 'max_parallel_workers_per_gather')`,
    );
    load.atEnd = os.loadavg();
    const verdict = {
      proposalP95: latency ? latency.proposeMs.p95 < TARGETS.proposalP95Ms : null,
      clusterExpansion: cluster ? cluster.estimate.totalSeconds !== null && cluster.estimate.totalSeconds < TARGETS.clusterExpansionSeconds : null,
    };
    const out = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      postgres: Object.fromEntries(settings.map((s) => [s.name, s.unit ? `${s.setting} × ${s.unit}` : s.setting])),
      // Other work on the machine skews the figures: 1, 5 and 15-minute load averages.
      loadAverage: load,
      options: { people, days, indexCases, r, samples, warmup, clusterSize, clusterBudget, confirmBudget, decideChunk, seed, startDate, database: dbName, reused: reuse },
      simulation: {
        seconds: simulationSeconds,
        venues: venues.length,
        visits: sim.visits,
        checkins: sim.checkins,
        infections: sim.infections,
        symptomatic: sim.symptomatic,
        foundInSimulation: loaded.infections.filter((f) => f.sampleDay !== null && f.sampleDay < days).length,
        meanExposedPerInfected: sim.meanExposed,
        exposedFindable: sim.exposedFindable,
        f0SampleDays: sampleDays,
        cluster: clusterPick ? { members: clusterPick.members.length, chainInfections: clusterPick.chainInfections } : null,
      },
      load: figures,
      targets: TARGETS,
      verdict,
      latency,
      // with every crowd expanded (what screening reaches) / person by person only
      quality,
      qualityIndividual,
      cluster,
      totalSeconds: lap(started),
    };
    await mkdir(new URL('./out/', import.meta.url), { recursive: true });
    await writeFile(new URL('./out/tracing.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    printSummary(out);
    log('results in bench/out/tracing.json');
  } finally {
    await handle.close();
  }
  if (!args.keep) {
    await dropDatabase(url);
    log(`database ${dbName} dropped (--keep keeps it)`);
  }
}

await main();
