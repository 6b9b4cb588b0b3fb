import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../../db/handle.js';
import { testDb } from '../../db/testing.js';
import { seedUnitFixture } from '../../db/fixtures.js';
import { buildPopulation } from './population.js';
import { generateVenues } from './venues.js';
import { simulate } from './simulate.js';
import { loadOutbreak } from './load.js';

let handle: DbHandle;
beforeEach(async () => {
  handle = await testDb();
});
afterEach(async () => {
  await handle.close();
});

describe('loadOutbreak', () => {
  it('writes the people, venues and recorded check-ins and maps simulation indexes to database ids', async () => {
    const db = handle.db;
    const u = await seedUnitFixture(db);
    const communes = [
      { id: u.hongHa, districtId: u.halong, provinceId: u.province, code: '06697', urban: true, population: 2 },
      { id: u.baiChay, districtId: u.halong, provinceId: u.province, code: '06673', urban: true, population: 3 },
      { id: u.kaLong, districtId: u.mongcai, provinceId: u.province, code: '06709', urban: true, population: 1 },
    ];
    // Someone already registered: the mapping must not assume ids start at 1.
    await db.execute(sql`insert into people (full_name, name_key, birth_year, sex, commune_id, province_id)
      values ('Nguyễn Văn Có Sẵn', 'nguyen van co san', 1980, 'male', ${u.hongHa}, ${u.province})`);
    const population = buildPopulation({ seed: 3, count: 1500, communes, provinceCode: '22', asOf: '2021-09-06' });
    const outbreak = simulate({ population, venues: generateVenues(population, 3), startDate: '2021-09-06', days: 5, seed: 3, indexCases: 5, r: 3 });

    const loaded = await loadOutbreak(handle, outbreak);

    expect(loaded.personIds.length).toBe(1500);
    expect(loaded.venueIds.length).toBe(outbreak.venues.length);
    expect(loaded.checkins).toBe(outbreak.visits.recorded);
    const [people] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people`);
    expect(people.n).toBe(1501);
    // Household members share one address, and no other household has it.
    const h = population.household[loaded.infections[0].personIndex];
    const members = Array.from({ length: population.householdStart[h + 1] - population.householdStart[h] }, (_, k) => population.householdStart[h] + k).filter((i) => population.active[i]);
    const addresses = await queryRows<{ id: string; address_line: string; commune_id: number }>(
      db,
      sql`select id, address_line, commune_id from people where id in ${members.map((i) => loaded.personIds[i])}`,
    );
    expect(addresses.length).toBe(members.length);
    expect(new Set(addresses.map((a) => `${a.commune_id}|${a.address_line}`)).size).toBe(1);
    const [sharing] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people where commune_id = ${addresses[0].commune_id} and address_line = ${addresses[0].address_line}`,
    );
    expect(sharing.n).toBeGreaterThanOrEqual(members.length);
    expect(sharing.n).toBeLessThanOrEqual(members.length + 1);

    const venues = await queryRows<{ id: number; type: string; commune_id: number }>(db, sql`select id, type, commune_id from venues order by id`);
    const venueById = new Map(venues.map((v) => [v.id, v]));
    expect(venues.length).toBe(outbreak.venues.length);
    outbreak.venues.forEach((v, i) => {
      expect(venueById.get(loaded.venueIds[i])).toMatchObject({ type: v.kind, commune_id: communes[v.commune].id });
    });

    const expected: string[] = [];
    for (const c of outbreak.checkinRows()) {
      expected.push([loaded.personIds[c.personIndex], loaded.venueIds[c.venueIndex], c.checkedInAt.toISOString(), c.checkedOutAt?.toISOString() ?? '-'].join('|'));
    }
    const stored = await queryRows<{ person_id: string; venue_id: number; checked_in_at: Date | string; checked_out_at: Date | string | null; commune_id: number; source: number }>(
      db,
      sql`select person_id, venue_id, checked_in_at, checked_out_at, commune_id, source from checkins`,
    );
    const iso = (t: Date | string | null) => (t === null ? '-' : new Date(t).toISOString());
    expect(stored.map((r) => [Number(r.person_id), r.venue_id, iso(r.checked_in_at), iso(r.checked_out_at)].join('|')).sort()).toEqual(expected.sort());
    const venueCommune = new Map(venues.map((v) => [v.id, v.commune_id]));
    expect(stored.every((r) => venueCommune.get(r.venue_id) === r.commune_id && (r.source === 1 || r.source === 2))).toBe(true);

    expect(loaded.infections.length).toBe(outbreak.infections.length);
    for (const f of loaded.infections) {
      expect(f.personId).toBe(loaded.personIds[f.personIndex]);
      expect(f.infectorPersonId).toBe(f.infectorIndex === null ? null : loaded.personIds[f.infectorIndex]);
      expect(f.venueId).toBe(f.venueIndex === null ? null : loaded.venueIds[f.venueIndex]);
    }
    const [cases] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from information_schema.tables where table_name = 'cases'`);
    if (cases.n) expect((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases`))[0].n).toBe(0);
  });
});
