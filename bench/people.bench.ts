/**
 * People registry at province scale on PostgreSQL: loads a synthetic Quảng Ninh (1.3 million
 * people by default) with COPY, then times the real search path (searchPeople, with its
 * jurisdiction filter and audit row) for ID numbers, phones and name prefixes at province and
 * commune jurisdiction. Results: a table on stdout and bench/out/people.json.
 *
 *   npm run bench:people -- [--people 1300000] [--samples 2000] [--seed 2021]
 *                           [--url postgres://postgres@127.0.0.1:5432/phongdich_bench]
 *
 * The database named in --url is dropped and created again.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { openPostgres, queryRows, type Db } from '../src/server/db/handle.js';
import { migrate } from '../src/server/db/migrate.js';
import { adminQuery, withDatabase } from '../src/server/db/testing.js';
import { adminUnits } from '../src/server/geo/schema.js';
import { loadDemoUnits } from '../src/server/demo/units.js';
import { generatePeople } from '../src/server/demo/population.js';
import { bootstrapAccount } from '../src/server/auth/service.js';
import { searchPeople } from '../src/server/people/service.js';
import type { Actor, Jurisdiction } from '../src/server/auth/actor.js';
import { bulkLoadDdl, copyPeople } from '../src/server/demo/copy.js';
import { queriesFor, samplePeople, type BenchQuery, type QueryKind } from './people/queries.js';
import { summarize, table, type Summary } from './people/stats.js';

const TARGET_P95_MS = 50;
const WARMUP = 20;

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '1300000' },
    samples: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '2021' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/phongdich_bench' },
  },
});
const count = Number(args.people);
const samples = Number(args.samples);
const seed = Number(args.seed);
if (!Number.isInteger(count) || count < 1000) throw new Error('--people must be a whole number ≥ 1000');
if (!Number.isInteger(samples) || samples < 10 || samples > 100_000) throw new Error('--samples must be between 10 and 100000');
const url = args.url!;
const dbName = new URL(url).pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--url must name a plain database, not "${dbName}"`);

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const elapsed = (since: number) => Math.round(performance.now() - since);
const log = (m: string) => console.log(`[${(elapsed(started) / 1000).toFixed(1).padStart(6)} s] ${m}`);

async function prepareDatabase(): Promise<void> {
  const admin = withDatabase(url, 'postgres');
  await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  await adminQuery(admin, `create database ${dbName}`);
  const handle = openPostgres(url, 1);
  await migrate(handle);
  await handle.close();
}

async function load(db: Db, provinceId: number): Promise<Record<string, number>> {
  const communes = await db
    .select({ id: adminUnits.id, code: adminUnits.code, districtId: adminUnits.districtId, provinceId: adminUnits.provinceId, population: adminUnits.population, typeName: adminUnits.typeName })
    .from(adminUnits)
    .where(and(eq(adminUnits.provinceId, provinceId), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo)));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ddl = await bulkLoadDdl(client, 'people');
    for (const statement of ddl.drop) await client.query(statement);
    const step = async (what: string, run: () => Promise<unknown>): Promise<number> => {
      const t = performance.now();
      await run();
      const ms = elapsed(t);
      log(`${what} in ${(ms / 1000).toFixed(1)} s`);
      return ms;
    };
    let rows = 0;
    const copyMs = await step(`COPY of ${count.toLocaleString('en')} rows (generation included)`, async () => {
      rows = await copyPeople(
        client,
        generatePeople({
          seed,
          count,
          communes: communes.map((c) => ({ ...c, provinceId: c.provinceId!, urban: c.typeName !== 'Xã' })),
          provinceCode: '22',
          batchSize: 5000,
        }),
      );
    });
    await client.query(`set maintenance_work_mem = '512MB'`);
    const indexesMs = await step(`${ddl.indexes.length} secondary indexes built`, async () => {
      for (const statement of ddl.indexes) await client.query(statement);
    });
    const foreignKeysMs = await step(`${ddl.foreignKeys.length} foreign keys checked`, async () => {
      for (const statement of ddl.foreignKeys) await client.query(statement);
    });
    const restored = await bulkLoadDdl(client, 'people');
    if (JSON.stringify(restored) !== JSON.stringify(ddl)) throw new Error('people indexes or foreign keys differ from the migrated table after the load');
    const vacuumAnalyzeMs = await step('VACUUM (ANALYZE)', () => client.query('vacuum (analyze) people'));
    // Writes the loaded pages out now, so the checkpoint does not compete with the timed searches.
    const checkpointMs = await step('CHECKPOINT', () => client.query('checkpoint'));
    const totalMs = copyMs + indexesMs + foreignKeysMs + vacuumAnalyzeMs + checkpointMs;
    return { rows, copyMs, indexesMs, foreignKeysMs, vacuumAnalyzeMs, checkpointMs, totalMs, rowsPerSecond: Math.round(rows / (totalMs / 1000)) };
  } finally {
    await client.end();
  }
}

interface SeriesResult extends Summary {
  kind: QueryKind;
  scope: 'province' | 'commune';
  /** Searches whose results did not include the sampled person (ID, phone) or were empty (name). */
  misses: number;
  avgRows: number;
}

async function measure(db: Db, kind: QueryKind, scope: 'province' | 'commune', queries: BenchQuery[], actorAt: (j: Jurisdiction) => Actor, province: Jurisdiction): Promise<SeriesResult> {
  const jurisdiction = (q: BenchQuery): Jurisdiction =>
    scope === 'province' ? province : { unitId: q.person.communeId, level: 'commune', provinceId: q.person.provinceId, districtId: q.person.districtId };
  const durations: number[] = [];
  let misses = 0;
  let rowsSeen = 0;
  for (const [i, q] of [...queries.slice(0, WARMUP), ...queries].entries()) {
    const t = performance.now();
    const res = await searchPeople(db, actorAt(jurisdiction(q)), { q: q.q, limit: 20, offset: 0 });
    const ms = performance.now() - t;
    if (i < WARMUP) continue;
    durations.push(ms);
    rowsSeen += res.rows.length;
    const found = kind === 'name_prefix' ? res.rows.length > 0 : res.rows.some((r) => r.id === q.person.id);
    if (!found) misses++;
  }
  return { kind, scope, ...summarize(durations), misses, avgRows: Math.round((rowsSeen / durations.length) * 10) / 10 };
}

async function sizes(db: Db): Promise<{ totalBytes: number; heapBytes: number; indexBytes: number; indexes: Record<string, number> }> {
  const [t] = await queryRows<{ total: string; heap: string; indexes: string }>(
    db,
    sql`select pg_total_relation_size('people') as total, pg_relation_size('people') as heap, pg_indexes_size('people') as indexes`,
  );
  const each = await queryRows<{ name: string; bytes: string }>(
    db,
    sql`select indexrelid::regclass::text as name, pg_relation_size(indexrelid) as bytes from pg_index where indrelid = 'people'::regclass order by 2 desc`,
  );
  return { totalBytes: Number(t.total), heapBytes: Number(t.heap), indexBytes: Number(t.indexes), indexes: Object.fromEntries(each.map((r) => [r.name, Number(r.bytes)])) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  log(`database ${dbName}: drop, create, migrate`);
  await prepareDatabase();
  const handle = openPostgres(url, 2);
  try {
    const db = handle.db;
    const provinceId = await loadDemoUnits(db);
    log('administrative units loaded (dvhcvn 2021 list)');
    const accountId = await bootstrapAccount(db, { username: 'bench.cdc', displayName: 'Benchmark health officer', role: 'health_officer', unitId: provinceId, language: 'vi', active: true, password: 'benchmark-only-password' });
    const loadStats = await load(db, provinceId);

    const province: Jurisdiction = { unitId: provinceId, level: 'province', provinceId, districtId: null };
    const actorAt = (jurisdiction: Jurisdiction): Actor => ({ accountId, username: 'bench.cdc', role: 'health_officer', jurisdiction, lang: 'vi', ip: '127.0.0.1', via: 'bench' });
    const sampled = await samplePeople(db, samples * 3, seed);
    const results: SeriesResult[] = [];
    for (const kind of ['id_number', 'phone', 'name_prefix'] as const) {
      const queries = queriesFor(kind, sampled, samples);
      for (const scope of ['province', 'commune'] as const) {
        const t = performance.now();
        results.push(await measure(db, kind, scope, queries, actorAt, province));
        log(`${kind} at ${scope}: ${samples} searches in ${(elapsed(t) / 1000).toFixed(1)} s`);
      }
    }
    const size = await sizes(db);
    const [server] = await queryRows<{ version: string }>(db, sql`select current_setting('server_version') as version`);
    const [audit] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where via = 'bench'`);

    console.log('\nPerson search, ms (searchPeople: query + commune names + audit row, one transaction)\n');
    console.log(
      table(
        ['kind', 'scope', 'samples', 'p50', 'p95', 'p99', 'max', 'avg rows', 'misses', `p95 < ${TARGET_P95_MS}`],
        results.map((r) => [r.kind, r.scope, r.samples, r.p50, r.p95, r.p99, r.max, r.avgRows, r.misses, r.p95 < TARGET_P95_MS ? 'yes' : 'NO']),
      ),
    );
    console.log(`\npeople: ${loadStats.rows.toLocaleString('en')} rows, table + indexes ${mb(size.totalBytes)} (heap ${mb(size.heapBytes)}, indexes ${mb(size.indexBytes)})`);
    const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `load: ${sec(loadStats.totalMs)}, ${loadStats.rowsPerSecond.toLocaleString('en')} rows/s (COPY ${sec(loadStats.copyMs)}, indexes ${sec(loadStats.indexesMs)}, ` +
        `foreign keys ${sec(loadStats.foreignKeysMs)}, vacuum analyze ${sec(loadStats.vacuumAnalyzeMs)}, checkpoint ${sec(loadStats.checkpointMs)})`,
    );
    console.log(`audit rows written by the searches: ${audit.n}`);

    const out = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: server.version },
      // Other work on the machine skews latencies; the 1-minute load average tells how much.
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] },
      options: { people: count, samples, seed, database: dbName },
      load: loadStats,
      size,
      targetP95Ms: TARGET_P95_MS,
      targetMet: results.every((r) => r.p95 < TARGET_P95_MS),
      searches: results,
      auditRows: audit.n,
      totalSeconds: Math.round(elapsed(started) / 100) / 10,
    };
    await mkdir(new URL('./out/', import.meta.url), { recursive: true });
    await writeFile(new URL('./out/people.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    log(`done; results in bench/out/people.json`);
  } finally {
    await handle.close();
  }
}

await main();
