// Test data for the check-in benchmark: Quảng Ninh's units, venues spread over its communes,
// people from the synthetic population generator and a personal QR for each of them (rows of the
// declarations capability's personal_qr table, signed as it signs them).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/server/db/handle.js';
import { adminUnits } from '../../src/server/geo/schema.js';
import { loadDemoUnits } from '../../src/server/demo/units.js';
import { generatePeople, insertPeople } from '../../src/server/demo/population.js';
import { signer } from '../../src/server/auth/signing.js';
import { venueToken } from '../../src/server/checkins/service.js';
import { VENUE_TYPES } from '../../src/shared/api/checkins.js';

export interface SeedOptions {
  people: number;
  venues: number;
  seed: number;
}

export interface BenchTokens {
  venueTokens: string[];
  personTokens: string[];
}

export async function seedBench(db: Db, opts: SeedOptions, log: (m: string) => void): Promise<BenchTokens> {
  const provinceId = await loadDemoUnits(db);
  const communes = await db
    .select({ id: adminUnits.id, code: adminUnits.code, districtId: adminUnits.districtId, provinceId: adminUnits.provinceId, population: adminUnits.population, typeName: adminUnits.typeName })
    .from(adminUnits)
    .where(and(eq(adminUnits.provinceId, provinceId), eq(adminUnits.level, 'commune'), isNull(adminUnits.validTo)));
  log(`units loaded (${communes.length} communes)`);
  for (const batch of generatePeople({
    seed: opts.seed,
    count: opts.people,
    communes: communes.map((c) => ({ ...c, provinceId: c.provinceId!, urban: c.typeName !== 'Xã' })),
    provinceCode: '22',
    batchSize: 5000,
  })) {
    await insertPeople(db, batch);
  }
  // Base-32 ids like declarations' own (16 letters A–Z, 2–7), derived from the person id.
  await db.execute(sql`insert into personal_qr (qr_id, person_id)
    select translate(upper(substr(md5('bench-' || id), 1, 16)), '0189', 'WXYZ'), id from people`);
  log(`${opts.people.toLocaleString('en')} people with personal QR codes`);
  const types = VENUE_TYPES.map((t) => `'${t}'`).join(',');
  await db.execute(sql.raw(`insert into venues (code, name, name_key, type, address_line, commune_id, district_id, province_id, manager_name, manager_phone, capacity, status)
    select 'QN-B' || lpad(g::text, 5, '0'), 'Địa điểm thử ' || g, 'dia diem thu ' || g, (array[${types}])[1 + g % ${VENUE_TYPES.length}],
           'Số ' || g, c.id, c.district_id, c.province_id, 'Người Quản Lý', '0912' || lpad(g::text, 6, '0'), 200, 'active'
      from generate_series(1, ${opts.venues}) g
      join lateral (select id, district_id, province_id from admin_units
                     where province_id = ${provinceId} and level = 'commune' and valid_to is null
                     order by id offset g % ${communes.length} limit 1) c on true`));
  const venueIds = await queryRows<{ id: number }>(db, sql`select id from venues order by id`);
  const qrIds = await queryRows<{ qr_id: string }>(db, sql`select qr_id from personal_qr order by person_id`);
  const personal = await signer(db, 'personal-qr');
  const tokens: BenchTokens = {
    venueTokens: await Promise.all(venueIds.map((v) => venueToken(db, v.id))),
    personTokens: qrIds.map((q) => personal.sign(q.qr_id)),
  };
  log(`${venueIds.length} venues`);
  return tokens;
}
