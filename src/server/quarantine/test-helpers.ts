// Shared set-up for the quarantine tests: the unit fixture with the default profiles, officials
// at each level, a facility manager in Bãi Cháy, residents of Hồng Hà (a household of three,
// then singles, men and women) and of Ka Long, and a centralized facility in Bãi Cháy.
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { actorFor } from '../db/fixtures.js';
import { insertPeople, officialsFixture, type OfficialsFixture } from '../db/test-fixture.js';
import type { Actor } from '../auth/actor.js';
import type { FacilityInput } from '../../shared/api/quarantine.js';
import { createFacility } from './facilities.js';

export interface QuarantineFixture extends OfficialsFixture {
  manager: Actor;
  steering: Actor;
}

export async function quarantineFixture(): Promise<QuarantineFixture> {
  const f = await officialsFixture();
  return {
    ...f,
    manager: await actorFor(f.h.db, 'facility_manager', f.units.baiChay),
    steering: await actorFor(f.h.db, 'steering_member', f.units.province),
  };
}

let serial = 0;
/** People of a commune (Hồng Hà unless told): sexes alternate from `first`, each at their own address unless one is given. */
export async function residents(f: QuarantineFixture, n: number, opts: { communeId?: number; addressLine?: string; first?: 'male' | 'female'; sex?: 'male' | 'female' } = {}): Promise<number[]> {
  return insertPeople(
    f,
    n,
    (i) => {
      const k = ++serial;
      const alt = i % 2 === 0 ? (opts.first ?? 'male') : opts.first === 'female' ? 'male' : 'female';
      return { fullName: `Trần Thị Cách Ly ${k}`, birthYear: 1960 + (k % 50), sex: opts.sex ?? alt, addressLine: opts.addressLine ?? `Số ${k} đường Lê Thánh Tông` };
    },
    opts.communeId,
  );
}

/** A centralized facility in Bãi Cháy: zone A with rooms of the given capacities (A101 …), unmarked unless told. */
export function facilityInput(f: QuarantineFixture, rooms: { capacity: number; sex?: 'male' | 'female' | 'any' }[], over: Partial<FacilityInput> = {}): FacilityInput {
  return {
    code: 'KCL-BC',
    name: 'Khu cách ly tập trung Trường Cao đẳng Du lịch',
    kind: 'quarantine_centralized',
    communeId: f.units.baiChay,
    addressLine: 'Đường Hạ Long',
    zones: [{ name: 'Tòa A', rooms: rooms.map((r, i) => ({ code: `A${101 + i}`, capacity: r.capacity, sex: r.sex ?? 'any' })) }],
    ...over,
  };
}

export async function facilityWith(f: QuarantineFixture, rooms: { capacity: number; sex?: 'male' | 'female' | 'any' }[], over: Partial<FacilityInput> = {}) {
  return createFacility(f.h.db, f.province, facilityInput(f, rooms, over));
}

export async function count(h: DbHandle, table: string, where = sql`true`): Promise<number> {
  const [r] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
  return r.n;
}

/** Room of each person's active stay. */
export async function roomsOf(h: DbHandle, personIds: number[]): Promise<Map<number, number | null>> {
  const rows = await queryRows<{ person_id: number; room_id: number | null }>(h.db, sql`select person_id, room_id from stays where status = 'active'`);
  const all = new Map(rows.map((r) => [Number(r.person_id), r.room_id]));
  return new Map(personIds.map((id) => [id, all.get(id) ?? null]));
}

/** 08:00 in Vietnam on a day, as an ISO instant. */
export const vnMorning = (day: string) => `${day}T08:00:00+07:00`;
/** For admissions the rule in force (the 2022 one, today) would put elsewhere: F1s at home, arrivals centralized. */
export const BY_DECISION = 'Ban Chỉ đạo quyết định cách ly tập trung';
