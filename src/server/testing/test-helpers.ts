// Shared set-up for the testing tests: the unit fixture with the default disease profiles,
// officials at each level and a lab technician, a sampling site in Hồng Hà, a lab of the
// province, and residents of Hồng Hà (two households) and of Ka Long.
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { ensureDefaultProfiles } from '../profiles/service.js';
import { people } from '../people/schema.js';
import { cccd } from '../people/test-helpers.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import type { CampaignInput } from '../../shared/api/testing.js';
import { createLab, createSite } from './service.js';

export interface Resident {
  id: number;
  doc: string;
  phone: string;
  year: number;
  sex: 'male' | 'female';
}

export interface TestingFixture {
  h: DbHandle;
  units: UnitFixture;
  commune: Actor;
  otherCommune: Actor;
  district: Actor;
  province: Actor;
  lab: Actor;
  siteId: number;
  labId: number;
  /** Residents of Hồng Hà: the first three share a household, the next three live in flats of one building, then singles. */
  local: Resident[];
  outside: Resident[];
}

const HOUSEHOLDS = ['Số 12 ngõ 5 Lê Thánh Tông', 'Số 12 Ngõ 5, Lê Thánh Tông', 'so 12 ngo 5 le thanh tong'];
const FLATS = ['Phòng 203, Tòa A, Chung cư Hoàng Huy', 'Phòng 405, Tòa A, Chung cư Hoàng Huy', 'Tầng 7 phòng 702, Tòa A, Chung cư Hoàng Huy'];

let serial = 0;
export async function resident(h: DbHandle, units: UnitFixture, communeId: number, addressLine: string, i: number): Promise<Resident> {
  serial++;
  const districtId = communeId === units.kaLong ? units.mongcai : units.halong;
  const sex: Resident['sex'] = i % 2 ? 'female' : 'male';
  const year = 1960 + (serial % 40);
  const doc = cccd(sex, year, 100_000 + serial);
  const phone = `09${String(20_000_000 + serial).slice(-8)}`;
  const [p] = await h.db
    .insert(people)
    .values({ docType: 'cccd', docNumber: doc, phone, fullName: `Người Thử ${serial}`, nameKey: `nguoi thu ${serial}`, birthYear: year, sex, addressLine, communeId, districtId, provinceId: units.province })
    .returning({ id: people.id });
  return { id: p.id, doc, phone, year, sex };
}

export async function testingFixture(localCount = 12): Promise<TestingFixture> {
  const h = await testDb();
  const units = await seedUnitFixture(h.db);
  await ensureDefaultProfiles(h.db);
  const commune = await actorFor(h.db, 'commune_officer', units.hongHa);
  const province = await actorFor(h.db, 'health_officer', units.province);
  const site = await createSite(h.db, commune, { name: 'Điểm lấy mẫu chợ Hạ Long 1', kind: 'venue', communeId: units.hongHa, addressLine: 'Cổng chợ' });
  const lab = await createLab(h.db, province, { code: 'CDC-QN', name: 'Trung tâm Kiểm soát bệnh tật Quảng Ninh', communeId: units.hongHa });
  const local = [];
  for (let i = 0; i < localCount; i++) local.push(await resident(h, units, units.hongHa, i < 3 ? HOUSEHOLDS[i] : i < 6 ? FLATS[i - 3] : `Số ${100 + i} Nguyễn Văn Cừ`, i));
  const outside = [];
  for (let i = 0; i < 3; i++) outside.push(await resident(h, units, units.kaLong, `Số ${i + 1} Hùng Vương`, i));
  return {
    h,
    units,
    commune,
    otherCommune: await actorFor(h.db, 'commune_officer', units.kaLong),
    district: await actorFor(h.db, 'district_officer', units.halong),
    province,
    lab: await actorFor(h.db, 'lab_technician', units.province),
    siteId: site.id,
    labId: lab.id,
    local,
    outside,
  };
}

const plusDays = (days: number) => todayInVietnam(new Date(Date.now() + days * 86_400_000));

export function campaignIn(f: TestingFixture, over: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Xét nghiệm sàng lọc chợ Hạ Long 1',
    unitId: f.units.hongHa,
    target: { kind: 'explicit', personIds: f.local.map((p) => p.id) },
    startsOn: plusDays(-1),
    endsOn: plusDays(7),
    siteIds: [f.siteId],
    ...over,
  };
}

export async function count(h: DbHandle, table: string, where = sql`true`): Promise<number> {
  const [r] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
  return r.n;
}

export const hoursAgo = (hours: number, now = new Date()) => new Date(now.getTime() - hours * 3_600_000).toISOString();
