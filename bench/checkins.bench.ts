/**
 * Check-ins under a crowd: the real API (buildApp, in a child process) answers
 * POST /api/public/checkins — the route every visitor's phone hits after scanning a venue
 * poster — driven by autocannon from this process; then the ceiling (pgbench, single-row
 * INSERTs) and the storage of one day of a 1.3-million-person province (4 M check-ins).
 * Results: a table on stdout and bench/out/checkins.json.
 *
 *   npm run bench:checkins -- [--seconds 20] [--warmup 5] [--connections 256] [--people 200000]
 *                             [--venues 2000] [--storage-rows 4000000] [--skip-pglite] [--skip-extras]
 *                             [--cpu-prof <folder for the API process's V8 CPU profile>] [--semi-space <MB>]
 *                             [--url postgres://postgres@127.0.0.1:5432/phongdich_bench_checkins]
 *
 * The database named in --url is dropped and created again.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openPostgres } from '../src/server/db/handle.js';
import { migrate } from '../src/server/db/migrate.js';
import { adminQuery, withDatabase } from '../src/server/db/testing.js';
import { runLoad, type LoadResult } from './checkins/load.js';
import { pgbenchInsert } from './checkins/pgbench.js';
import { measureStorage } from './checkins/storage.js';
import { writerOnly } from './checkins/writer-only.js';

const TARGETS = { postgresPerSecond: 8000, postgresP99Ms: 100, pglitePerSecond: 2000, storageBytes: 1024 ** 3 };

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '256' },
    people: { type: 'string', default: '200000' },
    'pglite-people': { type: 'string', default: '50000' },
    venues: { type: 'string', default: '2000' },
    pool: { type: 'string', default: '10' },
    'storage-rows': { type: 'string', default: '4000000' },
    seed: { type: 'string', default: '2021' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-extras': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'semi-space': { type: 'string', default: '32' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/phongdich_bench_checkins' },
  },
});
const int = (name: keyof typeof args, min: number, max: number): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
};
const seconds = int('seconds', 1, 120);
const warmup = int('warmup', 0, 60);
const connections = int('connections', 1, 1000);
const people = int('people', 1000, 2_000_000);
const pglitePeople = int('pglite-people', 1000, 500_000);
const venues = int('venues', 1, 50_000);
const pool = int('pool', 1, 50);
const storageRows = int('storage-rows', 0, 20_000_000);
const seed = int('seed', 0, 2 ** 31);
const url = args.url!;
const cpuProfDir = args['cpu-prof'];
const semiSpaceMb = int('semi-space', 0, 1024) || undefined;
const dbName = new URL(url).pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--url must name a plain database, not "${dbName}"`);

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

async function prepareDatabase(): Promise<void> {
  const admin = withDatabase(url, 'postgres');
  await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  await adminQuery(admin, `create database ${dbName}`);
  const handle = openPostgres(url, 1);
  await migrate(handle);
  await handle.close();
}

function line(r: LoadResult): string {
  return `${r.db.padEnd(8)} ${String(r.storedPerSecond).padStart(7)} stored/s  ${String(r.requestsPerSecond).padStart(7)} req/s  p50 ${r.latencyMs.p50} ms  p90 ${r.latencyMs.p90} ms  p99 ${r.latencyMs.p99} ms  max ${r.latencyMs.max} ms  non-2xx ${r.non2xx}  errors ${r.errors}  ${r.bytesPerRow} B/row`;
}

async function main(): Promise<void> {
  log(`database ${dbName}: drop, create, migrate`);
  await prepareDatabase();
  const loads: LoadResult[] = [];
  loads.push(await runLoad({ db: 'postgres', url, people, venues, seed, connections, warmupSeconds: warmup, seconds, pool, cpuProfDir, semiSpaceMb }, log));
  log(line(loads[0]));
  if (!args['skip-pglite']) {
    loads.push(await runLoad({ db: 'pglite', people: pglitePeople, venues: Math.min(venues, 500), seed, connections, warmupSeconds: warmup, seconds, pool, cpuProfDir, semiSpaceMb }, log));
    log(line(loads[1]));
  }
  const extras = !args['skip-extras'];
  if (extras) log(`group-commit writer alone (no HTTP, person known): ${connections} concurrent writes, ${seconds} s`);
  const writer = extras ? await writerOnly(url, connections, seconds) : null;
  if (writer) log(`writer alone: ${writer.perSecond}/s, p50 ${writer.latencyMs.p50} ms, p99 ${writer.latencyMs.p99} ms`);
  if (extras) log('pgbench: single-row INSERT, 8 clients, 15 s');
  const ceiling = extras ? await pgbenchInsert(url, 8, 15) : null;
  if (ceiling) log(`pgbench: ${ceiling.tps} inserts/s (latency avg ${ceiling.latencyMsAvg} ms)`);
  const storage = storageRows > 0 ? (log(`storage: ${storageRows.toLocaleString('en')} check-ins`), await measureStorage(url, storageRows, log)) : null;

  const pgLoad = loads[0];
  const pgliteLoad = loads.find((l) => l.db === 'pglite');
  const verdict = {
    postgresRate: pgLoad.storedPerSecond >= TARGETS.postgresPerSecond,
    postgresP99: pgLoad.latencyMs.p99 < TARGETS.postgresP99Ms,
    pgliteRate: pgliteLoad ? pgliteLoad.storedPerSecond >= TARGETS.pglitePerSecond : null,
    storage: storage ? storage.totalBytes < TARGETS.storageBytes : null,
  };
  console.log('\nCheck-ins, POST /api/public/checkins (group commit), sustained:\n');
  for (const l of loads) console.log('  ' + line(l));
  if (writer) console.log(`\n  writer alone (no HTTP, no QR look-up): ${writer.perSecond}/s, p50 ${writer.latencyMs.p50} ms, p99 ${writer.latencyMs.p99} ms`);
  if (ceiling) console.log(`  ceiling: pgbench single-row INSERT ${ceiling.tps}/s (${ceiling.clients} clients)`);
  if (storage) {
    console.log(`  storage: ${storage.rows.toLocaleString('en')} check-ins = ${mb(storage.totalBytes)} (heap ${mb(storage.heapBytes)}, indexes ${mb(storage.indexBytes)}), ${storage.bytesPerRow} B/row; inserted in ${storage.insertSeconds} s`);
    for (const [name, bytes] of Object.entries(storage.indexes)) console.log(`    ${name}: ${mb(bytes)}`);
  }
  console.log(`\n  targets: ${JSON.stringify(verdict)}`);

  const out = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    // Other work on the machine skews the figures; the 1-minute load average tells how much.
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] },
    options: { seconds, warmup, connections, people, pglitePeople, venues, pool, storageRows, seed, semiSpaceMb: semiSpaceMb ?? null, database: dbName },
    targets: TARGETS,
    verdict,
    loads,
    writer,
    ceiling,
    storage,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await mkdir(new URL('./out/', import.meta.url), { recursive: true });
  await writeFile(new URL('./out/checkins.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
  log('done; results in bench/out/checkins.json');
}

await main();
