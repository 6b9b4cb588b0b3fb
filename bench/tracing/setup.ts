// The benchmark's province: a fresh database with the 2021 units, the default disease profiles and
// one province health officer, then the simulated outbreak (people, venues, check-ins) loaded in
// bulk. --reuse skips the load and maps the simulation onto a database kept by an earlier --keep.
import { and, eq, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres, queryRows, type DbHandle } from '../../src/server/db/handle.js';
import { migrate } from '../../src/server/db/migrate.js';
import { adminQuery, withDatabase } from '../../src/server/db/testing.js';
import { adminUnits } from '../../src/server/geo/schema.js';
import { loadDemoUnits } from '../../src/server/demo/units.js';
import { bootstrapAccount } from '../../src/server/auth/service.js';
import { accounts } from '../../src/server/auth/schema.js';
import { ensureDefaultProfiles } from '../../src/server/profiles/service.js';
import type { Actor } from '../../src/server/auth/actor.js';
import type { PopulationCommune } from '../../src/server/demo/population.js';
import { loadOutbreak, type LoadedOutbreak } from '../../src/server/demo/outbreak/load.js';
import type { Outbreak } from '../../src/server/demo/outbreak/simulate.js';

export type Log = (message: string) => void;
const USERNAME = 'bench.tracer';

export async function dropDatabase(url: string): Promise<void> {
  const dbName = new URL(url).pathname.slice(1);
  await adminQuery(withDatabase(url, 'postgres'), `drop database if exists ${dbName} with (force)`);
}

export async function databaseExists(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [new URL(url).pathname.slice(1)]);
    return r.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Drops and creates the database and migrates it. */
export async function prepareDatabase(url: string): Promise<void> {
  const dbName = new URL(url).pathname.slice(1);
  await dropDatabase(url);
  await adminQuery(withDatabase(url, 'postgres'), `create database ${dbName}`);
  const handle = openPostgres(url, 1);
  await migrate(handle);
  await handle.close();
}

/** The 2021 administrative units and the default disease profiles (the rules tracing reads). */
export async function seedReference(handle: DbHandle): Promise<void> {
  await loadDemoUnits(handle.db);
  await ensureDefaultProfiles(handle.db);
}

/** The province's current communes, as the population generator wants them. */
export async function provinceCommunes(handle: DbHandle): Promise<{ provinceId: number; communes: PopulationCommune[] }> {
  const [province] = await queryRows<{ id: number }>(handle.db, sql`select id from admin_units where level = 'province' and code = '22' and valid_to is null`);
  if (!province) throw new Error('Quảng Ninh (22) is not in the database: run without --reuse');
  const rows = await handle.db
    .select({ id: adminUnits.id, code: adminUnits.code, districtId: adminUnits.districtId, provinceId: adminUnits.provinceId, population: adminUnits.population, typeName: adminUnits.typeName })
    .from(adminUnits)
    .where(and(eq(adminUnits.provinceId, province.id), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo)))
    .orderBy(adminUnits.code);
  return { provinceId: province.id, communes: rows.map((c) => ({ ...c, provinceId: c.provinceId!, urban: c.typeName !== 'Xã' })) };
}

/** A province health officer: sees every case and contact of the province, may decide proposals. */
export async function tracerActor(handle: DbHandle, provinceId: number): Promise<Actor> {
  const [existing] = await handle.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, USERNAME));
  const accountId =
    existing?.id ??
    (await bootstrapAccount(handle.db, { username: USERNAME, displayName: 'Benchmark tracer', role: 'health_officer', unitId: provinceId, language: 'vi', active: true, password: 'benchmark-only-password' }));
  return { accountId, username: USERNAME, role: 'health_officer', jurisdiction: { unitId: provinceId, level: 'province', provinceId, districtId: null }, lang: 'vi', ip: '127.0.0.1', via: 'bench' };
}

export interface LoadFigures {
  people: number;
  venues: number;
  checkins: number;
  /** Seconds per step, from the loader's progress messages and our own statements. */
  peopleSeconds: number;
  venuesSeconds: number;
  checkinsCopySeconds: number;
  checkinsIndexSeconds: number;
  vacuumAnalyzeSeconds: number;
  checkpointSeconds: number;
  totalSeconds: number;
  checkinsPerSecond: number;
  /** Table + index sizes after the load. */
  checkinsBytes: number;
  checkinsIndexBytes: number;
  peopleBytes: number;
}

/** Loads the outbreak with COPY in bulk mode, then VACUUM (ANALYZE) and a CHECKPOINT. */
export async function loadProvince(handle: DbHandle, outbreak: Outbreak, log: Log): Promise<{ loaded: LoadedOutbreak; figures: LoadFigures }> {
  const t0 = performance.now();
  const marks: Record<string, number> = {};
  const mark = (m: string) => {
    const s = (performance.now() - t0) / 1000;
    if (/ people$/.test(m)) marks.people = s;
    else if (/ venues$/.test(m)) marks.venues = s;
    else if (/^checkins: rebuilding/.test(m)) marks.checkinsCopied = s;
    else if (/ check-ins$/.test(m)) marks.checkins = s;
    log(`load: ${m}`);
  };
  const loaded = await loadOutbreak(handle, outbreak, { bulk: true, log: mark });
  const t1 = performance.now();
  await handle.db.execute(sql`vacuum (analyze) people`);
  await handle.db.execute(sql`vacuum (analyze) checkins`);
  await handle.db.execute(sql`analyze venues`);
  const t2 = performance.now();
  log(`VACUUM (ANALYZE) in ${((t2 - t1) / 1000).toFixed(1)} s`);
  // Written out now, so the checkpoint does not compete with the timed statements.
  await handle.db.execute(sql`checkpoint`);
  const t3 = performance.now();
  const [size] = await queryRows<{ checkins: string; checkins_idx: string; people: string }>(
    handle.db,
    sql`select pg_total_relation_size('checkins') as checkins, pg_indexes_size('checkins') as checkins_idx, pg_total_relation_size('people') as people`,
  );
  const secs = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  const total = (t3 - t0) / 1000;
  return {
    loaded,
    figures: {
      people: loaded.personIds.length,
      venues: loaded.venueIds.length,
      checkins: loaded.checkins,
      peopleSeconds: secs(0, marks.people ?? 0),
      venuesSeconds: secs(marks.people ?? 0, marks.venues ?? 0),
      checkinsCopySeconds: secs(marks.venues ?? 0, marks.checkinsCopied ?? marks.checkins ?? 0),
      checkinsIndexSeconds: secs(marks.checkinsCopied ?? marks.checkins ?? 0, marks.checkins ?? 0),
      vacuumAnalyzeSeconds: secs(t1 / 1000, t2 / 1000),
      checkpointSeconds: secs(t2 / 1000, t3 / 1000),
      totalSeconds: Math.round(total * 10) / 10,
      checkinsPerSecond: Math.round(loaded.checkins / ((marks.checkins ?? total) - (marks.venues ?? 0))),
      checkinsBytes: Number(size.checkins),
      checkinsIndexBytes: Number(size.checkins_idx),
      peopleBytes: Number(size.people),
    },
  };
}

/** The ids a load gave, read back from a kept database (people in one id range, venues by code). */
export async function reuseLoaded(handle: DbHandle, outbreak: Outbreak): Promise<LoadedOutbreak> {
  // A kept database takes the migrations that landed since it was loaded.
  await migrate(handle);
  const [range] = await queryRows<{ lo: string; n: string }>(handle.db, sql`select min(id) as lo, count(*) as n from people`);
  if (Number(range.n) !== outbreak.population.count) throw new Error(`--reuse: the database holds ${range.n} people, the simulation ${outbreak.population.count}: same --people and --seed as the kept run?`);
  const personIds = new Float64Array(outbreak.population.count);
  for (let i = 0; i < personIds.length; i++) personIds[i] = Number(range.lo) + i;
  const venueRows = await queryRows<{ id: number; code: string }>(handle.db, sql`select id, code from venues where code like 'OB-%'`);
  if (venueRows.length !== outbreak.venues.length) throw new Error('--reuse: the venues differ from the simulation');
  const venueIds = new Int32Array(venueRows.length);
  for (const v of venueRows) venueIds[Number(v.code.slice(3)) - 1] = v.id;
  const [{ n }] = await queryRows<{ n: string }>(handle.db, sql`select count(*) as n from checkins`);
  const infections = outbreak.infections.map((f) => ({
    ...f,
    personId: personIds[f.personIndex],
    infectorPersonId: f.infectorIndex === null ? null : personIds[f.infectorIndex],
    venueId: f.venueIndex === null ? null : venueIds[f.venueIndex],
  }));
  return { personIds, venueIds, checkins: Number(n), infections };
}

/** Empties what the phases write (audit rows stay: the table refuses deletes). */
export async function clearTracing(handle: DbHandle): Promise<void> {
  await handle.db.execute(
    sql`truncate tracing_proposals, tracing_tasks, outbox, level_changes, contact_levels, exposures, case_status_history, cases, clusters restart identity cascade`,
  );
}
