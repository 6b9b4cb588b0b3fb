/**
 * The province capacity view (capacityView: facilities, units against targets, beds by tier, the
 * days-until-full projection, communes without a centralized facility) with 50,000 people in
 * facilities on PostgreSQL. Quảng Ninh's 2021 units (13 districts, 177 communes) are loaded; then,
 * set-based: a centralized facility in most communes, paid hotels, field, district and provincial
 * hospitals with oxygen and ICU beds; the people in their rooms, admitted over the last 14 days;
 * earlier stays that ended during the last 10 days; people at home; plan targets per unit.
 *
 *   npm run bench:quarantine-capacity -- [--people 50000] [--samples 100] [--keep]
 *                                        [--url postgres://postgres@127.0.0.1:5432/phongdich_bench_quarantine_capacity]
 *
 * The database named in --url (or in DATABASE_URL, with its name) is dropped and created again,
 * and dropped at the end unless --keep.
 * Target: p95 under 300 ms for the province view. Results: stdout and bench/out/quarantine-capacity.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows, type Db } from '../src/server/db/handle.js';
import { migrate } from '../src/server/db/migrate.js';
import { adminQuery, withDatabase } from '../src/server/db/testing.js';
import { actorFor, sessionCookie } from '../src/server/db/fixtures.js';
import { buildApp } from '../src/server/app.js';
import { loadDemoUnits } from '../src/server/demo/units.js';
import { ensureDefaultProfiles } from '../src/server/profiles/service.js';
import { capacityView } from '../src/server/quarantine/monitoring-service.js';
import type { Actor } from '../src/server/auth/actor.js';

const TARGET_MS = 300;
const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '50000' },
    samples: { type: 'string', default: '100' },
    /** Keep the database afterwards (to look at plans); it is dropped otherwise. */
    keep: { type: 'boolean', default: false },
    url: { type: 'string', default: process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'phongdich_bench_quarantine_capacity') : 'postgres://postgres@127.0.0.1:5432/phongdich_bench_quarantine_capacity' },
  },
});
const inFacilities = Number(args.people);
const samples = Number(args.samples);
if (!Number.isInteger(inFacilities) || inFacilities < 1000 || !Number.isInteger(samples) || samples < 10) throw new Error('--people must be ≥ 1000 and --samples ≥ 10');
const url = args.url!;
const dbName = new URL(url).pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--url must name a plain database, not "${dbName}"`);

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);

/** Places for about 10 % more people than are in facilities, so facilities are 80–100 % full. */
function plan(people: number) {
  const places = people * 1.1;
  // Centralized facilities hold 90 % of the places (one per commune in 150 of the 177), hotels 2 %, treatment the rest.
  const perCentralized = Math.max(1, Math.round((places * 0.9) / 150 / 40));
  return {
    centralized: { count: 150, rooms: 40, perRoom: perCentralized },
    hotel: { count: 20, rooms: 25, perRoom: Math.max(1, Math.round((places * 0.02) / 20 / 25)) },
    field: { count: 10, rooms: 50, perRoom: 6 },
    district: { count: 13, rooms: 20, perRoom: 4 },
    provincial: { count: 2, rooms: 50, perRoom: 4 },
  };
}

async function load(db: Db, provinceId: number, profileId: number, accountId: number) {
  const p = plan(inFacilities);
  const communes = await queryRows<{ id: number; district_id: number }>(
    db,
    sql`select id, district_id from admin_units where level = 'commune' and province_id = ${provinceId} and valid_to is null order by code`,
  );
  const districts = [...new Set(communes.map((c) => c.district_id))];
  const kinds = [
    { kind: 'quarantine_centralized', tier: null, ...p.centralized, communes: communes.slice(0, p.centralized.count) },
    { kind: 'quarantine_hotel', tier: null, ...p.hotel, communes: communes.filter((_, i) => i % 9 === 0).slice(0, p.hotel.count) },
    { kind: 'treatment_field', tier: 1, ...p.field, communes: communes.filter((_, i) => i % 17 === 3).slice(0, p.field.count) },
    { kind: 'treatment_district', tier: 2, ...p.district, communes: districts.map((d) => communes.find((c) => c.district_id === d)!).slice(0, p.district.count) },
    { kind: 'treatment_provincial', tier: 3, ...p.provincial, communes: communes.slice(0, p.provincial.count) },
  ];
  let n = 0;
  for (const k of kinds) {
    const rows = k.communes.map((c) => ({ code: `F${++n}`, name: `${k.kind} ${n}`, kind: k.kind, tier: k.tier, commune_id: c.id, rooms: k.rooms, per_room: k.perRoom }));
    await db.execute(sql`
      insert into facilities (code, name, kind, tier, paid, funding_source, commune_id, district_id, province_id, status, created_by)
      select x.code, x.name, x.kind, x.tier, x.kind = 'quarantine_hotel', case when x.kind = 'quarantine_hotel' then 'self' else 'state' end,
             u.id, u.district_id, u.province_id, 'active', ${accountId}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(code text, name text, kind text, tier int, commune_id int, rooms int, per_room int)
        join admin_units u on u.id = x.commune_id`);
    await db.execute(sql`
      insert into facility_rooms (facility_id, code, capacity)
      select f.id, 'P' || g, x.per_room
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(code text, rooms int, per_room int)
        join facilities f on f.code = x.code cross join generate_series(1, x.rooms) g`);
  }
  // Treatment rooms list their beds: a fifth of field-hospital beds give oxygen, the provincial hospitals' are ICU beds.
  await db.execute(sql`
    insert into facility_beds (room_id, code, kind)
    select r.id, 'G' || g, case when f.kind = 'treatment_provincial' then 'icu' when f.kind = 'treatment_field' and g = 1 then 'oxygen' else 'normal' end
      from facility_rooms r join facilities f on f.id = r.facility_id cross join generate_series(1, r.capacity) g
     where f.kind like 'treatment%'`);
  await db.execute(sql`update facilities f set oxygen_beds = b.oxygen, icu_beds = b.icu
    from (select r.facility_id, count(*) filter (where b.kind = 'oxygen') as oxygen, count(*) filter (where b.kind = 'icu') as icu
            from facility_beds b join facility_rooms r on r.id = b.room_id group by 1) b where b.facility_id = f.id`);

  // People: in facilities, gone home since, and at home now, living round the province's communes.
  const ended = Math.round(inFacilities / 2);
  const atHome = Math.round(inFacilities / 10);
  const total = inFacilities + ended + atHome;
  await db.execute(sql`
    insert into people (full_name, name_key, birth_year, sex, address_line, commune_id, district_id, province_id)
    select 'Người Cách Ly ' || g, 'nguoi cach ly ' || g, 1950 + g % 60, case when g % 2 = 0 then 'male' else 'female' end, 'Số ' || (g / 4) || ' đường ' || (g % 50),
           c.id, c.district_id, c.province_id
      from generate_series(1, ${total}) g
      join (select id, district_id, province_id, row_number() over (order by code) - 1 as i from admin_units where level = 'commune' and province_id = ${provinceId} and valid_to is null) c
        on c.i = g % ${communes.length}`);

  const stayColumns = sql.raw(`person_id, kind, place, facility_id, room_id, bed_id, tier, category, risk, source, profile_id, rule_id,
    admitted_at, admission_day, planned_until, status, discharged_at, funding_source, commune_id, district_id, province_id, created_by`);
  const day = (expr: string) => sql.raw(`(current_date - (${expr})::int)`);
  // Active stays: room slots filled level by level (every room's first place, then every second …) up to the count, admitted over 14 days.
  await db.execute(sql`
    with slots as (
      select r.id as room_id, r.facility_id, g, row_number() over (order by g, r.id) as n
        from facility_rooms r cross join generate_series(1, (select max(capacity) from facility_rooms)) g where g <= r.capacity
    ), persons as (select id, commune_id, district_id, province_id, row_number() over (order by id) as n from people)
    insert into stays (${stayColumns})
    select p.id, case when f.tier is null then 'quarantine' else 'treatment' end, case f.kind when 'quarantine_centralized' then 'centralized' when 'quarantine_hotel' then 'hotel' else 'facility' end,
           f.id, s.room_id, b.id, f.tier, case when f.tier is null then 'close_contact' else 'case' end, case when f.tier is null then 'f1' else 'f0' end, 'manual',
           ${profileId}, case when f.tier is null then 'f1-2021-07' else 'treatment.release' end, (${day('s.n % 14')} + time '09:00') at time zone 'Asia/Ho_Chi_Minh', ${day('s.n % 14')}, ${day('s.n % 14')} + 13,
           'active', null, f.funding_source, p.commune_id, p.district_id, p.province_id, ${accountId}
      from slots s join facilities f on f.id = s.facility_id join persons p on p.n = s.n
      left join facility_beds b on b.room_id = s.room_id and b.code = 'G' || s.g
     where s.n <= ${inFacilities}`);
  // Ended stays: admitted 15–28 days ago, left over the last 10 days.
  await db.execute(sql`
    with persons as (select id, commune_id, district_id, province_id, row_number() over (order by id) as n from people)
    insert into stays (${stayColumns})
    select p.id, 'quarantine', 'centralized', f.id, null, null, null, 'close_contact', 'f1', 'manual', ${profileId}, 'f1-2021-07',
           (${day('15 + p.n % 14')} + time '09:00') at time zone 'Asia/Ho_Chi_Minh', ${day('15 + p.n % 14')}, ${day('15 + p.n % 14')} + 13,
           'discharged', (${day('p.n % 10')} + time '10:00') at time zone 'Asia/Ho_Chi_Minh', 'state', p.commune_id, p.district_id, p.province_id, ${accountId}
      from persons p join facilities f on f.code = 'F' || (1 + p.n % 150)
     where p.n > ${inFacilities} and p.n <= ${inFacilities + ended}`);
  await db.execute(sql`
    with persons as (select id, commune_id, district_id, province_id, row_number() over (order by id) as n from people)
    insert into stays (${stayColumns})
    select p.id, case when p.n % 5 = 0 then 'treatment' else 'quarantine' end, 'home', null, null, null, null,
           case when p.n % 5 = 0 then 'case' else 'close_contact' end, case when p.n % 5 = 0 then 'f0' else 'f1' end, 'manual', ${profileId},
           case when p.n % 5 = 0 then 'treatment.release' else 'f1-2021-07' end,
           (${day('p.n % 7')} + time '09:00') at time zone 'Asia/Ho_Chi_Minh', ${day('p.n % 7')}, ${day('p.n % 7')} + 13, 'active', null, 'state',
           p.commune_id, p.district_id, p.province_id, ${accountId}
      from persons p where p.n > ${inFacilities + ended}`);
  // Plan targets: the province, each district and each commune, for quarantine and treatment.
  await db.execute(sql`
    insert into capacity_targets (unit_id, kind, target, updated_by)
    select u.id, k, case when u.level = 'province' then 60000 when u.level = 'district' then 5000 else 300 end, ${accountId}
      from admin_units u cross join (values ('quarantine'), ('treatment')) v(k)
     where u.province_id = ${provinceId} and u.valid_to is null`);
  await db.execute(sql`vacuum analyze`);
  const [counts] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*) from facilities)::int as facilities, (select count(*) from facility_rooms)::int as rooms,
               (select coalesce(sum(capacity), 0) from facility_rooms)::int as places, (select count(*) from facility_beds)::int as beds,
               (select count(*) from stays where status = 'active' and facility_id is not null)::int as in_facilities,
               (select count(*) from stays where status = 'active' and place = 'home')::int as at_home,
               (select count(*) from stays where status <> 'active')::int as ended`,
  );
  return counts;
}

interface Series {
  name: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

async function series(name: string, run: () => Promise<unknown>): Promise<Series> {
  for (let i = 0; i < 5; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] * 10) / 10;
  return { name, n: ms.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1), mean: Math.round((ms.reduce((a, b) => a + b, 0) / ms.length) * 10) / 10 };
}

async function main(): Promise<void> {
  const admin = withDatabase(url, 'postgres');
  await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  await adminQuery(admin, `create database ${dbName}`);
  const handle = openPostgres(url, 10);
  try {
    await migrate(handle);
    const db = handle.db;
    const provinceId = await loadDemoUnits(db);
    await ensureDefaultProfiles(db);
    const [profile] = await queryRows<{ id: number }>(db, sql`select id from disease_profiles where disease = 'covid-19' order by version limit 1`);
    const steering = await actorFor(db, 'steering_member', provinceId, 'bench.bcd');
    log('database migrated, units and profiles loaded');
    const counts = await load(db, provinceId, profile.id, steering.accountId);
    log(`loaded ${JSON.stringify(counts)}`);

    const [halong] = await queryRows<{ id: number }>(db, sql`select id from admin_units where level = 'district' and province_id = ${provinceId} and name = 'Hạ Long' and valid_to is null`);
    const [commune] = await queryRows<{ commune_id: number }>(db, sql`select commune_id from facilities where kind = 'quarantine_centralized' order by id limit 1`);
    const district: Actor = await actorFor(db, 'district_officer', halong.id, 'bench.huyen');
    const communeOfficer: Actor = await actorFor(db, 'commune_officer', commune.commune_id, 'bench.xa');
    const view = await capacityView(db, steering, {});
    log(`province view: ${view.facilities.length} facilities, ${view.units.length} unit rows, ${view.bedsByTier.length} tiers, ${view.communesWithoutCentralized.length} communes without a centralized facility`);
    const province = view.units.find((u) => u.unit.level === 'province' && u.kind === 'quarantine')!;
    log(`province quarantine: ${province.occupied.toLocaleString('en')} of ${province.capacity.toLocaleString('en')} places, target ${province.target}, days until full ${province.daysUntilFull}`);

    // The same province view through HTTP: session, zod response checks and JSON of the whole answer.
    const app = await buildApp({ handle });
    const cookie = await sessionCookie(app, steering.username);
    const viaHttp = async () => {
      const res = await app.inject({ method: 'GET', url: '/api/quarantine/capacity', headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`capacity over HTTP: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.body.length;
    };
    const bytes = await viaHttp();
    const results = [
      await series('province (steering committee)', () => capacityView(db, steering, {})),
      await series('district (Hạ Long officer)', () => capacityView(db, district, {})),
      await series('commune officer', () => capacityView(db, communeOfficer, {})),
      await series(`province over HTTP (${Math.round(bytes / 1024)} KB)`, viaHttp),
    ];
    await app.close();
    console.log('\nseries                           n     p50     p95     p99     max    mean (ms)');
    for (const r of results) console.log(`${r.name.padEnd(32)} ${String(r.n).padStart(3)} ${[r.p50, r.p95, r.p99, r.max, r.mean].map((v) => v.toFixed(1).padStart(7)).join(' ')}`);
    const met = results[0].p95 < TARGET_MS;
    console.log(`\nprovince capacity view with ${counts.in_facilities.toLocaleString('en')} people in facilities: p95 ${results[0].p95} ms (target < ${TARGET_MS} ms): ${met ? 'met' : 'NOT met'}`);
    await mkdir('bench/out', { recursive: true });
    await writeFile(
      'bench/out/quarantine-capacity.json',
      JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, loadAtStart, loadAtEnd: os.loadavg()[0] }, counts, results, targetMs: TARGET_MS, met }, null, 2),
    );
  } finally {
    await handle.close();
    if (!args.keep) await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
