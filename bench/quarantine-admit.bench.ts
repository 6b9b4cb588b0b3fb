/**
 * Admission of 5,000 F1s from one list in one action, with room allocation, on PostgreSQL,
 * through the real service (admit: jurisdiction check of every person, their contact levels,
 * the profile's rule, the facility's rooms and their cohorts, allocateRooms, then the stays,
 * test tasks, admission events and audit rows in one transaction).
 *
 *   npm run bench:quarantine-admit -- [--people 5000] [--earlier 1000] [--on 2021-09-10]
 *                                     [--url postgres://postgres@127.0.0.1:5432/phongdich_bench_quarantine]
 *
 * A facility of 800 dormitories of 6 (men's and women's) and 600 family rooms of 5 already holds
 * --earlier people admitted the day before (their rooms keep their cohort). 40 % of the list
 * live in households of three (family rooms), the rest alone. The database named in --url (or
 * in DATABASE_URL, with its name) is created for the run and dropped after it. --on admits on a
 * past day (its profile's rule: in 2021, 14 days with tests on days 1, 7 and 14); today by default.
 * Target: under 10 s. Results: stdout and bench/out/quarantine-admit.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows, type Db } from '../src/server/db/handle.js';
import { migrate } from '../src/server/db/migrate.js';
import { adminQuery, withDatabase } from '../src/server/db/testing.js';
import { actorFor, seedUnitFixture } from '../src/server/db/fixtures.js';
import { ensureDefaultProfiles } from '../src/server/profiles/service.js';
import { admit, createFacility } from '../src/server/quarantine/service.js';
import { todayInVietnam } from '../src/shared/vn/dates.js';

const TARGET_MS = 10_000;
const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '5000' },
    earlier: { type: 'string', default: '1000' },
    on: { type: 'string' },
    url: { type: 'string', default: process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'phongdich_bench_quarantine') : 'postgres://postgres@127.0.0.1:5432/phongdich_bench_quarantine' },
  },
});
const count = Number(args.people);
const earlier = Number(args.earlier);
if (!Number.isInteger(count) || count < 10 || count > 20_000 || !Number.isInteger(earlier) || earlier < 0) throw new Error('--people must be 10 to 20,000 and --earlier ≥ 0');
const url = args.url!;
const dbName = new URL(url).pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--url must name a plain database, not "${dbName}"`);

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);

/** People of Hồng Hà, set-based: the first 40 % in households of three, men and women alternating. */
async function loadPeople(db: Db, n: number, units: { hongHa: number; halong: number; province: number }, tag: string): Promise<number[]> {
  const households = Math.floor(n * 0.4);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into people (full_name, name_key, birth_year, sex, address_line, commune_id, district_id, province_id)
        select 'Người Cách Ly ' || ${tag}::text || g, 'nguoi cach ly ' || ${tag}::text || g, 1950 + g % 60,
               case when g % 2 = 0 then 'male' else 'female' end,
               case when g <= ${households} then 'Số ' || ((g - 1) / 3) || ' ngõ ' || ${tag}::text || ' Lê Thánh Tông' else 'Số ' || g || ' phố ' || ${tag}::text || ' Cao Thắng' end,
               ${units.hongHa}, ${units.halong}, ${units.province}
        from generate_series(1, ${n}) g returning id`,
  );
  return rows.map((r) => Number(r.id));
}

async function main(): Promise<void> {
  const admin = withDatabase(url, 'postgres');
  await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  await adminQuery(admin, `create database ${dbName}`);
  const handle = openPostgres(url, 4);
  try {
    await migrate(handle);
    const db = handle.db;
    const units = await seedUnitFixture(db);
    await ensureDefaultProfiles(db);
    const province = await actorFor(db, 'health_officer', units.province);
    const commune = await actorFor(db, 'commune_officer', units.hongHa);
    const dorms = Array.from({ length: 800 }, (_, i) => ({ code: `K${String(i + 1).padStart(3, '0')}`, capacity: 6, sex: i % 2 ? ('female' as const) : ('male' as const) }));
    const families = Array.from({ length: 600 }, (_, i) => ({ code: `GD${String(i + 1).padStart(3, '0')}`, capacity: 5 }));
    const facility = await createFacility(db, province, {
      code: 'KCL-BENCH',
      name: 'Khu cách ly tập trung Ký túc xá Đại học Hạ Long',
      kind: 'quarantine_centralized',
      communeId: units.baiChay,
      familyRooms: true,
      zones: [
        { name: 'Nhà A', rooms: dorms.slice(0, 400) },
        { name: 'Nhà B', rooms: dorms.slice(400) },
        { name: 'Nhà gia đình', rooms: families },
      ],
    });
    log(`facility: ${facility.rooms} rooms, ${facility.capacity.toLocaleString('en')} places`);
    const day = args.on ?? todayInVietnam();
    const yesterday = todayInVietnam(new Date(Date.parse(`${day}T12:00:00+07:00`) - 86_400_000));
    if (earlier > 0) {
      const before = await loadPeople(db, earlier, units, 'a');
      await admit(db, commune, { facilityId: facility.id, source: 'f1_list', personIds: before, admittedAt: `${yesterday}T10:00:00+07:00` });
      log(`${earlier.toLocaleString('en')} people admitted the day before`);
    }
    const list = await loadPeople(db, count, units, 'b');
    await db.execute(sql`analyze`);
    log(`F1 list of ${count.toLocaleString('en')} people loaded`);

    const t0 = performance.now();
    const result = await admit(db, commune, { facilityId: facility.id, source: 'f1_list', personIds: list, ...(args.on ? { admittedAt: `${day}T10:00:00+07:00` } : {}) });
    const admitMs = Math.round(performance.now() - t0);
    log(`admission: ${admitMs.toLocaleString('en')} ms, ${result.admitted.toLocaleString('en')} admitted into ${result.rooms.length} rooms`);

    // What the allocation promised, checked in the database.
    const [check] = await queryRows<{ mixed_days: number; over_capacity: number; mixed_sex_dorms: number; split_households: number; stays: number; tests: number; events: number; audit: number }>(
      db,
      sql`select
            (select count(*) from (select room_id from stays where status = 'active' group by room_id having count(distinct admission_day) > 1) x)::int as mixed_days,
            (select count(*) from (select r.id from facility_rooms r join stays s on s.room_id = r.id and s.status = 'active' group by r.id, r.capacity having count(*) > r.capacity) x)::int as over_capacity,
            (select count(*) from (select s.room_id from stays s join people p on p.id = s.person_id join facility_rooms r on r.id = s.room_id
                                     where s.status = 'active' and r.sex <> 'any' group by s.room_id having count(distinct p.sex) > 1) x)::int as mixed_sex_dorms,
            (select count(*) from (select p.address_line from stays s join people p on p.id = s.person_id where s.status = 'active' and p.address_line like '%ngõ%'
                                     group by p.address_line, s.admission_day having count(distinct s.room_id) > 1) x)::int as split_households,
            (select count(*) from stays)::int as stays,
            (select count(*) from stay_tests)::int as tests,
            (select count(*) from stay_events)::int as events,
            (select count(*) from audit_log where entity = 'stay')::int as audit`,
    );
    log(`checked: ${JSON.stringify(check)}`);
    if (check.mixed_days || check.over_capacity || check.mixed_sex_dorms) throw new Error('the allocation broke a rule');
    const met = admitMs < TARGET_MS;
    console.log(`\nadmission of ${count.toLocaleString('en')} F1s with room allocation on PostgreSQL: ${(admitMs / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s): ${met ? 'met' : 'NOT met'}`);
    await mkdir('bench/out', { recursive: true });
    await writeFile(
      'bench/out/quarantine-admit.json',
      JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, loadAtStart, loadAtEnd: os.loadavg()[0] }, people: count, earlier, on: day, rooms: facility.rooms, places: facility.capacity, admitMs, roomsUsed: result.rooms.length, check, targetMs: TARGET_MS, met }, null, 2),
    );
  } finally {
    await handle.close();
    await adminQuery(admin, `drop database if exists ${dbName} with (force)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
