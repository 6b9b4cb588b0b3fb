/**
 * A lab's results file of 100,000 rows imported on PostgreSQL through the real service
 * (importLabResults: read the CSV, check every row in SQL, record results, custody events,
 * re-sampling tasks, case proposals and outbox messages in one transaction). The samples are
 * loaded first, set-based: individual samples and pools of 5, all sent to the lab.
 *
 *   npm run bench:lab-import -- [--rows 100000] [--pools 5000] [--positive-pct 1]
 *                               [--log-slow-ms 200] [--url postgres://postgres@127.0.0.1:5432/phongdich_bench_lab]
 *
 * The database named in --url (or in DATABASE_URL, with its name) is dropped and created again.
 * Target: under 20 s for 100,000 rows. Results: stdout and bench/out/lab-import.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows, type Db } from '../src/server/db/handle.js';
import { migrate } from '../src/server/db/migrate.js';
import { adminQuery, withDatabase } from '../src/server/db/testing.js';
import { actorFor, seedUnitFixture } from '../src/server/db/fixtures.js';
import { ensureDefaultProfiles } from '../src/server/profiles/service.js';
import { createCampaign, createLab, createSite, importLabResults } from '../src/server/testing/service.js';
import { codeFromBytes } from '../src/shared/api/testing.js';
import { todayInVietnam } from '../src/shared/vn/dates.js';

const TARGET_MS = 20_000;
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    pools: { type: 'string', default: '5000' },
    'positive-pct': { type: 'string', default: '1' },
    /** Statements slower than this many ms go to the PostgreSQL server log (to see where the time goes). */
    'log-slow-ms': { type: 'string' },
    url: { type: 'string', default: process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'phongdich_bench_lab') : 'postgres://postgres@127.0.0.1:5432/phongdich_bench_lab' },
  },
});
const rows = Number(args.rows);
const pools = Number(args.pools);
const positivePct = Number(args['positive-pct']);
if (!Number.isInteger(rows) || rows < 100 || !Number.isInteger(pools) || pools < 0 || pools > rows) throw new Error('--rows must be ≥ 100 and --pools between 0 and --rows');
const url = args.url!;
const dbName = new URL(url).pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--url must name a plain database, not "${dbName}"`);

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const POOL_SIZE = 5;
const collectedAt = new Date(Date.now() - 30 * 3_600_000);
const testedAt = new Date(Date.now() - 2 * 3_600_000);

function uniqueCodes(kind: 'sample' | 'pool', n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(codeFromBytes(kind, randomBytes(5)));
  return [...codes];
}

/** People, samples and pools straight into the tables, set-based; the custody trigger still checks the moves. */
async function load(db: Db, ids: { commune: number; district: number; province: number; site: number; lab: number; campaign: number; account: number }) {
  const individuals = rows - pools;
  const samples = individuals + pools * POOL_SIZE;
  await db.execute(sql`insert into people (full_name, name_key, birth_year, sex, address_line, commune_id, district_id, province_id)
    select 'Người Thử ' || g, 'nguoi thu ' || g, 1950 + g % 60, case when g % 2 = 0 then 'male' else 'female' end, 'Số ' || (g / 4) || ' Lê Thánh Tông', ${ids.commune}, ${ids.district}, ${ids.province}
      from generate_series(1, ${samples}) g`);
  const poolCodes = uniqueCodes('pool', pools);
  await db.execute(sql`insert into testing_pools (code, campaign_id, site_id, size_limit, collected_at, closed_at, created_by)
    select code, ${ids.campaign}, ${ids.site}, ${POOL_SIZE}, ${collectedAt.toISOString()}::timestamptz, ${collectedAt.toISOString()}::timestamptz, ${ids.account}
      from jsonb_array_elements_text(${JSON.stringify(poolCodes)}::jsonb) as code`);
  const sampleCodes = uniqueCodes('sample', samples);
  await db.execute(sql`insert into testing_samples (code, person_id, commune_id, district_id, province_id, site_id, campaign_id, pool_id, requested_test, state_by, collected_at, collected_by)
    select x.code, p.id, ${ids.commune}, ${ids.district}, ${ids.province}, ${ids.site},
           case when x.i > ${individuals} then ${ids.campaign}::int end,
           case when x.i > ${individuals} then (select id from testing_pools where code = (${JSON.stringify(poolCodes)}::jsonb ->> ((x.i - ${individuals} - 1) / ${POOL_SIZE})::int)) end,
           'rt_pcr', ${ids.account}, ${collectedAt.toISOString()}::timestamptz, ${ids.account}
      from jsonb_array_elements_text(${JSON.stringify(sampleCodes)}::jsonb) with ordinality as x(code, i)
      join (select id, row_number() over (order by id) as n from people) p on p.n = x.i`);
  const sentAt = new Date(collectedAt.getTime() + 3_600_000).toISOString();
  await db.execute(sql`update testing_pools set state = 'sent', sent_at = ${sentAt}::timestamptz, lab_id = ${ids.lab}`);
  await db.execute(sql`update testing_samples set state = 'sent', sent_at = ${sentAt}::timestamptz, lab_id = ${ids.lab}, state_by = ${ids.account}`);
  await db.execute(sql`analyze`);
  return { individuals: sampleCodes.slice(0, individuals), pools: poolCodes, samples };
}

const pad = (n: number) => String(n).padStart(2, '0');
const vnTime = (d: Date) => {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
};

function resultsFile(codes: string[]): { data: Buffer; positives: number } {
  const every = Math.round(100 / positivePct);
  const lines = ['Mã mẫu,Loại xét nghiệm,Kết quả,Ct,Thời gian xét nghiệm'];
  let positives = 0;
  const at = vnTime(testedAt);
  codes.forEach((code, i) => {
    const positive = i % every === every - 1;
    if (positive) positives++;
    lines.push(`${code},RT-PCR,${positive ? 'Dương tính' : 'Âm tính'},${positive ? (18 + (i % 170) / 10).toFixed(1) : ''},${at}`);
  });
  return { data: Buffer.from(lines.join('\n') + '\n'), positives };
}

async function main(): Promise<void> {
  const admin = withDatabase(url, 'postgres');
  await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  await adminQuery(admin, `create database ${dbName}`);
  if (args['log-slow-ms']) {
    const ms = Number(args['log-slow-ms']);
    await adminQuery(admin, `alter database ${dbName} set log_min_duration_statement = ${ms}`);
    // The plans of slow statements, trigger statements included (the auto_explain module of PostgreSQL's contrib).
    for (const setting of [`session_preload_libraries = 'auto_explain'`, `auto_explain.log_min_duration = ${ms}`, 'auto_explain.log_analyze = on', 'auto_explain.log_nested_statements = on']) {
      await adminQuery(admin, `alter database ${dbName} set ${setting}`);
    }
  }
  const handle = openPostgres(url, 4);
  try {
    await migrate(handle);
    const db = handle.db;
    const units = await seedUnitFixture(db);
    await ensureDefaultProfiles(db);
    const commune = await actorFor(db, 'commune_officer', units.hongHa);
    const province = await actorFor(db, 'health_officer', units.province);
    const labTech = await actorFor(db, 'lab_technician', units.province);
    const site = await createSite(db, commune, { name: 'Điểm lấy mẫu chợ Hạ Long 1', kind: 'venue', communeId: units.hongHa });
    const lab = await createLab(db, province, { code: 'CDC-QN', name: 'Trung tâm Kiểm soát bệnh tật Quảng Ninh', communeId: units.hongHa });
    const today = todayInVietnam();
    const campaign = await createCampaign(db, commune, {
      name: 'Sàng lọc chợ',
      unitId: units.hongHa,
      target: { kind: 'commune_population', communeId: units.hongHa },
      pooling: 'high_risk',
      startsOn: todayInVietnam(new Date(Date.now() - 3 * 86_400_000)),
      endsOn: today,
      siteIds: [site.id],
    });
    log('database migrated and seeded');
    const loaded = await load(db, { commune: units.hongHa, district: units.halong, province: units.province, site: site.id, lab: lab.id, campaign: campaign.id, account: commune.accountId });
    log(`loaded ${loaded.samples.toLocaleString('en')} samples (${loaded.individuals.length.toLocaleString('en')} individual, ${loaded.pools.length.toLocaleString('en')} pools of ${POOL_SIZE}), all sent to the lab`);
    const codes = [...loaded.individuals, ...loaded.pools];
    // Shuffled, as a lab's export is not in our order.
    for (let i = codes.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [codes[i], codes[j]] = [codes[j], codes[i]];
    }
    const file = resultsFile(codes);
    log(`results file: ${rows.toLocaleString('en')} rows, ${(file.data.length / 1e6).toFixed(1)} MB, ${file.positives} positive`);

    const t0 = performance.now();
    const summary = await importLabResults(db, labTech, { file: { name: 'ket-qua-cdc.csv', data: file.data }, labId: lab.id });
    const importMs = Math.round(performance.now() - t0);
    log(`import: ${importMs.toLocaleString('en')} ms ${JSON.stringify(summary)}`);

    const t1 = performance.now();
    const again = await importLabResults(db, labTech, { file: { name: 'ket-qua-cdc (1).csv', data: file.data }, labId: lab.id });
    const againMs = Math.round(performance.now() - t1);
    const t2 = performance.now();
    const copy = await importLabResults(db, labTech, { file: { name: 'ban-sao.csv', data: Buffer.concat([file.data, Buffer.from('\n')]) }, labId: lab.id });
    const copyMs = Math.round(performance.now() - t2);
    log(`same file again: ${againMs} ms (alreadyImported ${again.alreadyImported}); same rows in another file: ${copyMs.toLocaleString('en')} ms (applied ${copy.applied}, unchanged ${copy.unchanged})`);

    const [counts] = await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*) from testing_samples where state = 'tested')::int as tested,
                 (select count(*) from testing_sample_events)::int as events,
                 (select count(*) from testing_resample_tasks)::int as resample_tasks,
                 (select count(*) from testing_case_proposals)::int as case_proposals,
                 (select count(*) from outbox)::int as outbox`,
    );
    log(`after: ${JSON.stringify(counts)}`);
    const met = importMs < TARGET_MS;
    console.log(`\nlab import of ${rows.toLocaleString('en')} rows on PostgreSQL: ${(importMs / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s): ${met ? 'met' : 'NOT met'}`);
    await mkdir('bench/out', { recursive: true });
    await writeFile(
      'bench/out/lab-import.json',
      JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, loadAtStart, loadAtEnd: os.loadavg()[0] }, rows, pools, positivePct, importMs, againMs, copyMs, summary, copy, counts, targetMs: TARGET_MS, met }, null, 2),
    );
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
