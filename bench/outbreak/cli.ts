/**
 * A quick sanity run of the outbreak simulator, without a database: Quảng Ninh's 2021 communes
 * (from the dvhcvn list), a synthetic population, an outbreak, then its figures.
 *
 *   npx tsx bench/outbreak/cli.ts [--people 100000] [--days 28] [--r 2.5] [--dispersion 0.5]
 *     [--seed 2021] [--start 2021-09-01] [--index 10] [--compliance 0.9] [--household-share 0.3]
 *     [--si-mean 4.5] [--si-sd 2.5] [--incubation-mean 5] [--incubation-sd 2.5] [--asymptomatic 0.3]
 *     [--errands 3.6] [--min-overlap 15] [--no-truth] [--replay] [--json]
 *
 * --replay also streams the check-ins once (as the loader would) and times it.
 */
import { parseArgs } from 'node:util';
import { quangNinhCommunes } from '../../src/server/demo/outbreak/communes.js';
import { buildPopulation } from '../../src/server/demo/outbreak/population.js';
import { generateVenues } from '../../src/server/demo/outbreak/venues.js';
import { simulate } from '../../src/server/demo/outbreak/simulate.js';
import { summarize } from '../../src/server/demo/outbreak/stats.js';

const { values: a } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    days: { type: 'string', default: '28' },
    r: { type: 'string', default: '2.5' },
    dispersion: { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '2021' },
    start: { type: 'string', default: '2021-09-01' },
    index: { type: 'string', default: '10' },
    compliance: { type: 'string', default: '0.9' },
    'household-share': { type: 'string', default: '0.3' },
    'si-mean': { type: 'string', default: '4.5' },
    'si-sd': { type: 'string', default: '2.5' },
    'incubation-mean': { type: 'string', default: '5' },
    'incubation-sd': { type: 'string', default: '2.5' },
    asymptomatic: { type: 'string', default: '0.3' },
    errands: { type: 'string', default: '3.6' },
    'min-overlap': { type: 'string', default: '15' },
    'no-truth': { type: 'boolean', default: false },
    replay: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const num = (name: keyof typeof a, min: number, max: number): number => {
  const n = Number(a[name]);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return n;
};

const t0 = performance.now();
const lap = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const seed = num('seed', 0, 2 ** 31);
const startDate = a.start!;
const communes = quangNinhCommunes();
let t = performance.now();
const population = buildPopulation({ seed, count: num('people', 100, 5_000_000), communes, provinceCode: '22', asOf: startDate, batchSize: 5000 });
const populationTime = lap(t);
t = performance.now();
const venues = generateVenues(population, seed);
const outbreak = simulate({
  population,
  venues,
  startDate,
  days: num('days', 1, 366),
  seed,
  r: num('r', 0, 20),
  dispersion: num('dispersion', 0.01, Infinity),
  indexCases: num('index', 1, 100_000),
  checkinCompliance: num('compliance', 0, 1),
  householdShare: num('household-share', 0, 1),
  serialInterval: { mean: num('si-mean', 0.5, 30), sd: num('si-sd', 0, 30) },
  incubation: { mean: num('incubation-mean', 0.5, 30), sd: num('incubation-sd', 0, 30) },
  asymptomaticShare: num('asymptomatic', 0, 1),
  minOverlapMinutes: num('min-overlap', 1, 600),
  groundTruth: !a['no-truth'],
  routine: { errandsPerDay: num('errands', 0, 20) },
});
const simulationTime = lap(t);
let replay: { rows: number; time: string } | null = null;
if (a.replay) {
  t = performance.now();
  let rows = 0;
  for (const batch of outbreak.checkins()) rows += batch.length;
  replay = { rows, time: lap(t) };
}
const s = summarize(outbreak);
const memoryMb = Math.round(process.memoryUsage().rss / 2 ** 20);
if (a.json) {
  console.log(JSON.stringify({ summary: s, venues: venues.length, populationTime, simulationTime, replay, memoryMb }, null, 2));
} else {
  const pct = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`).join(', ');
  console.log(`population ${population.count.toLocaleString('en')} people in ${population.householdStart.length - 1} households, ${communes.length} communes (${populationTime})`);
  console.log(`venues ${venues.length.toLocaleString('en')}; outbreak of ${outbreak.days} days from ${startDate} simulated in ${simulationTime}`);
  console.log(`visits ${s.visits.toLocaleString('en')}, check-ins ${s.checkins.toLocaleString('en')} (compliance ${s.compliance}, ${(s.checkins / population.count / outbreak.days).toFixed(2)} per person-day)`);
  if (replay) console.log(`check-in stream replayed: ${replay.rows.toLocaleString('en')} rows in ${replay.time}`);
  console.log(`infections ${s.infections} (${s.symptomatic} symptomatic, ${s.sampled} with a positive sample)`);
  console.log(`per day: ${s.perDay.join(' ')}`);
  console.log(`per generation: ${s.perGeneration.join(' ')}`);
  console.log(`mean offspring of ${s.completedInfectors} completed infectors: ${s.meanOffspring} (drawn ${s.meanPlannedOffspring}, R ${outbreak.params.r}); ${s.lostOffspring} lost`);
  console.log(`serial interval: mean ${s.serialInterval.mean} sd ${s.serialInterval.sd} over ${s.serialInterval.pairs} pairs (configured ${outbreak.params.serialInterval.mean}/${outbreak.params.serialInterval.sd})`);
  console.log(`by setting: ${pct(s.bySetting)}; by venue: ${pct(s.byVenueKind)}`);
  console.log(`exposed per infected person: ${s.meanExposed}; findable by check-ins or household address: ${(s.exposedFindable * 100).toFixed(1)} %`);
  console.log(`total ${lap(t0)}, resident memory ${memoryMb} MB`);
}
