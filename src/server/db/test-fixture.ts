// The start most capability test helpers share: a fresh database with the unit fixture, the
// default profiles and officials at each level, and a quick way to register many people.
import type { DbHandle } from './handle.js';
import { testDb } from './testing.js';
import { actorFor, seedUnitFixture, type UnitFixture } from './fixtures.js';
import type { Actor } from '../auth/actor.js';
import { people } from '../people/schema.js';
import { ensureDefaultProfiles } from '../profiles/service.js';
import { foldKey } from '../../shared/vn/text.js';

export interface OfficialsFixture {
  h: DbHandle;
  units: UnitFixture;
  /** health officer of the province */
  province: Actor;
  /** district officer of Hạ Long */
  district: Actor;
  /** commune officer of Hồng Hà */
  commune: Actor;
  /** commune officer of Ka Long (Móng Cái) */
  otherCommune: Actor;
}

export async function officialsFixture(): Promise<OfficialsFixture> {
  const h = await testDb();
  const units = await seedUnitFixture(h.db);
  await ensureDefaultProfiles(h.db);
  return {
    h,
    units,
    province: await actorFor(h.db, 'health_officer', units.province),
    district: await actorFor(h.db, 'district_officer', units.halong),
    commune: await actorFor(h.db, 'commune_officer', units.hongHa),
    otherCommune: await actorFor(h.db, 'commune_officer', units.kaLong),
  };
}

export interface NewResident {
  fullName: string;
  birthYear: number;
  sex: 'male' | 'female';
  addressLine: string;
}

/** n people of a commune of the fixture (Hồng Hà unless told), each made by `make` from its index; inserted a thousand at a time. */
export async function insertPeople(f: Pick<OfficialsFixture, 'h' | 'units'>, n: number, make: (i: number) => NewResident, communeId = f.units.hongHa): Promise<number[]> {
  const districtId = communeId === f.units.kaLong ? f.units.mongcai : f.units.halong;
  const ids: number[] = [];
  for (let done = 0; done < n; done += 1000) {
    const rows = await f.h.db
      .insert(people)
      .values(
        Array.from({ length: Math.min(1000, n - done) }, (_, i) => {
          const p = make(done + i);
          return { ...p, nameKey: foldKey(p.fullName), communeId, districtId, provinceId: f.units.province };
        }),
      )
      .returning({ id: people.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
