// Shared set-up for the check-in tests: the unit fixture, officials at each level, a venue in
// Hồng Hà and people in Hồng Hà (Hạ Long) and Ka Long (Móng Cái) with personal QR tokens.
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { signer } from '../auth/signing.js';
import { people } from '../people/schema.js';
import { personalQr } from '../declarations/schema.js';
import type { VenueInput } from '../../shared/api/checkins.js';
import { registerVenue } from './service.js';

export interface CheckinFixture {
  h: DbHandle;
  units: UnitFixture;
  commune: Actor;
  otherCommune: Actor;
  district: Actor;
  province: Actor;
  venueId: number;
  /** People of Hồng Hà, then of Ka Long, with their personal QR tokens and the ids under them. */
  local: { id: number; token: string; code: string }[];
  outside: { id: number; token: string; code: string }[];
}

export const venueIn = (communeId: number, over: Partial<VenueInput> = {}): VenueInput => ({
  name: 'Chợ Hạ Long 1',
  type: 'market',
  addressLine: 'Đường Lê Thánh Tông',
  communeId,
  managerName: 'trần thị mai',
  managerPhone: '+84 912 345 678',
  capacity: 500,
  ...over,
});

let serial = 0;
/** A person in the commune with a live personal QR, as declarations would issue it. */
export async function personWithQr(h: DbHandle, communeId: number, districtId: number, provinceId: number, fullName = 'Nguyễn Văn An') {
  const [p] = await h.db
    .insert(people)
    .values({ fullName, nameKey: fullName.toLowerCase(), birthYear: 1980, sex: 'male', communeId, districtId, provinceId, phone: `09${String(10_000_000 + ++serial).slice(-8)}` })
    .returning({ id: people.id });
  const code = `TESTQR${serial.toString(32).toUpperCase().padStart(10, 'A')}`.replace(/[0189]/g, (d) => 'WXYZ'['0189'.indexOf(d)]);
  await h.db.insert(personalQr).values({ qrId: code, personId: p.id });
  return { id: p.id, token: (await signer(h.db, 'personal-qr')).sign(code), code };
}

export async function checkinFixture(peoplePerCommune = 3): Promise<CheckinFixture> {
  const h = await testDb();
  const units = await seedUnitFixture(h.db);
  const commune = await actorFor(h.db, 'commune_officer', units.hongHa);
  const otherCommune = await actorFor(h.db, 'commune_officer', units.kaLong);
  const district = await actorFor(h.db, 'district_officer', units.halong);
  const province = await actorFor(h.db, 'health_officer', units.province);
  const venue = await registerVenue(h.db, commune, venueIn(units.hongHa));
  const local = [];
  const outside = [];
  for (let i = 0; i < peoplePerCommune; i++) {
    local.push(await personWithQr(h, units.hongHa, units.halong, units.province, `Nguyễn Văn Hồng ${String.fromCharCode(65 + i)}`));
    outside.push(await personWithQr(h, units.kaLong, units.mongcai, units.province, `Trần Thị Ka ${String.fromCharCode(65 + i)}`));
  }
  return { h, units, commune, otherCommune, district, province, venueId: venue.id, local, outside };
}

export async function checkinCount(h: DbHandle): Promise<number> {
  const [r] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from checkins`);
  return r.n;
}

export const minutesAgo = (m: number, now = new Date()) => new Date(now.getTime() - m * 60_000).toISOString();
