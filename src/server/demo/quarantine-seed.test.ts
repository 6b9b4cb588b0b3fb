// The demo's quarantine seed on a template clone with the demo's own units (the seed places its
// facilities in real communes by GSO code, which the small unit fixture lacks) and a small
// outbreak made through the cases service: cases confirmed on known days of September 2021 (under
// the 2021 rules), their household F1s, a Hạ Long household and F1s named Trần and Lê that the
// browser tests may pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { actorFor } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { ensureDefaultProfiles } from '../profiles/service.js';
import { communesOf } from '../geo/service.js';
import { people } from '../people/schema.js';
import { addExposures, createCase, getCase } from '../cases/service.js';
import { cases } from '../cases/schema.js';
import { dueTests, getFacility, listFacilities, listStays } from '../quarantine/service.js';
import { capacityView, listHomeStays, listTransferProposals } from '../quarantine/monitoring-service.js';
import { foldKey } from '../../shared/vn/text.js';
import { loadDemoUnits } from './units.js';
import { seedQuarantine, type QuarantineSeedResult } from './quarantine-seed.js';

const DAY_MS = 86_400_000;
const TODAY = '2021-09-21';
const day = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** 18:00 in Vietnam on a day: when the demo's cases are confirmed. */
const evening = (d: string) => new Date(`${d}T18:00:00+07:00`);

describe('the demo quarantine and treatment seed', () => {
  let h: DbHandle;
  let officer: Actor;
  let seeded: QuarantineSeedResult;
  const now = new Date(`${TODAY}T12:00:00+07:00`);
  const unit: Record<string, { id: number; districtId: number }> = {};
  /** case name → its case id and person id */
  const kase: Record<string, { id: number; personId: number }> = {};
  /** case name → its F1s' person ids */
  const f1: Record<string, number[]> = {};
  /** people the browser tests may pick: Hạ Long residents, and people named Trần or Lê */
  const keepClear: number[] = [];
  const travellers: number[] = [];

  let serial = 0;
  async function person(name: string, commune: string, sex: 'male' | 'female' = serial % 2 ? 'female' : 'male'): Promise<number> {
    const fullName = `${name} ${String.fromCharCode(65 + (serial % 26))}${++serial}`;
    const [row] = await h.db
      .insert(people)
      .values({ fullName, nameKey: foldKey(fullName), birthYear: 1960 + (serial % 45), sex, addressLine: `Số ${serial} thôn Nà Ếch`, communeId: unit[commune].id, districtId: unit[commune].districtId, provinceId: officer.jurisdiction.provinceId })
      .returning({ id: people.id });
    return row.id;
  }

  /** A case confirmed on a day (as the outbreak seed dates it) with household F1s exposed the day before. */
  async function confirmed(name: string, commune: string, on: string, contacts: { name: string; commune: string }[] = []) {
    const personId = await person('Hoàng Văn Bệnh', commune);
    const row = await createCase(h.db, officer, { personId, status: 'confirmed', confirmation: 'test', confirmationTest: `XN-${name}`, symptomOnset: on, positiveSampleDate: on, location: 'facility' });
    await h.db.update(cases).set({ confirmedAt: evening(on) }).where(eq(cases.id, row.id));
    kase[name] = { id: row.id, personId };
    f1[name] = [];
    for (const c of contacts) f1[name].push(await person(c.name, c.commune));
    if (f1[name].length) {
      const startedAt = new Date(`${on}T08:00:00+07:00`).toISOString();
      await h.db.transaction((tx) =>
        addExposures(tx, officer, f1[name].map((contactId, i) => ({ sourceId: personId, contactId, setting: 'household', startedAt: new Date(Date.parse(startedAt) + i * 1000).toISOString(), origin: 'manual' }))),
      );
    }
  }
  const many = (n: number, name: string, commune: string) => Array.from({ length: n }, () => ({ name, commune }));

  beforeAll(async () => {
    h = await testDb();
    const provinceId = await loadDemoUnits(h.db);
    await ensureDefaultProfiles(h.db);
    officer = await actorFor(h.db, 'health_officer', provinceId);
    for (const c of await communesOf(h.db, provinceId)) unit[c.name] = { id: c.id, districtId: c.districtId! };

    // Under the 2021 rules (F1: 14 days, tests on days 1, 7 and 14; treatment: 10 days). The outbreak
    // runs in Bình Liêu and Hải Hà, with one household in Cao Xanh (Hạ Long).
    await confirmed('K1', 'Lục Hồn', day(-15), many(4, 'Phạm Thị Tiếp', 'Lục Hồn'));
    await confirmed('K9', 'Lục Hồn', day(-8));
    await confirmed('K7', 'Lục Hồn', day(-7));
    await confirmed('K2', 'Lục Hồn', day(-6), [...many(5, 'Phạm Văn Tiếp', 'Lục Hồn'), { name: 'Vi Văn Hạ', commune: 'Cao Xanh' }, { name: 'Trần Văn Tiếp', commune: 'Lục Hồn' }, { name: 'Lê Thị Tiếp', commune: 'Lục Hồn' }]);
    await confirmed('K6', 'Cao Xanh', day(-5));
    await confirmed('K3', 'Cái Chiên', day(-4), many(4, 'Đặng Thị Tiếp', 'Cái Chiên'));
    await confirmed('K8', 'Cái Chiên', day(-3));
    await confirmed('K4', 'Lục Hồn', day(-2), many(5, 'Vi Thị Tiếp', 'Lục Hồn'));
    // Confirmed last: waits for a place, and its F1s are found today.
    await confirmed('K5', 'Cái Chiên', day(-1), many(3, 'Đặng Văn Tiếp', 'Cái Chiên'));
    keepClear.push(...f1.K2.slice(5), kase.K6.personId);
    for (let i = 0; i < 8; i++) travellers.push(await person('Nguyễn Thị Về', 'Cái Chiên'));
    keepClear.push(await person('Nguyễn Văn Hạ', 'Cao Xanh'));

    seeded = await seedQuarantine(h, { seed: 2021, officer, provinceId, avoidDistrictId: unit['Cao Xanh'].districtId, now });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const facilities = async () => new Map((await listFacilities(h.db, officer)).rows.map((f) => [f.code, f]));
  const stays = async (q: Parameters<typeof listStays>[2]) => (await listStays(h.db, officer, { limit: 500, ...q })).rows;

  it('sets up the facilities, kinds and tiers, with oxygen and ICU beds and staff on duty, none in Hồng Gai', async () => {
    const all = await facilities();
    expect([...all.values()].map((f) => [f.code, f.kind, f.tier, f.status, f.communeName])).toEqual(
      expect.arrayContaining([
        ['KCL-DHHL', 'quarantine_centralized', null, 'active', 'Phường Nam Khê'],
        ['KCL-QSDT', 'quarantine_centralized', null, 'ready', 'Phường Đông Triều'],
        ['KS-HOANGGIA-VD', 'quarantine_hotel', null, 'active', 'Thị trấn Cái Rồng'],
        ['BVDC-01', 'treatment_field', 1, 'active', 'Phường Cẩm Thủy'],
        ['TTYT-QY', 'treatment_district', 2, 'active', 'Phường Quảng Yên'],
        ['BVDK-QN', 'treatment_provincial', 3, 'active', 'Phường Bạch Đằng'],
      ]),
    );
    expect(all.size).toBe(6);
    expect(seeded.facilities).toBe(6);
    expect(all.get('KS-HOANGGIA-VD')).toMatchObject({ paid: true, fundingSource: 'self', familyRooms: true });
    expect(all.get('KCL-DHHL')).toMatchObject({ capacity: 96, managingUnit: { id: officer.jurisdiction.provinceId } });
    expect(all.get('BVDC-01')).toMatchObject({ oxygenBeds: 8 });
    expect(all.get('BVDK-QN')).toMatchObject({ icuBeds: 6 });
    expect([...all.values()].filter((f) => f.communeId === unit['Hồng Gai'].id)).toEqual([]);
    const duty = await getFacility(h.db, officer, all.get('KCL-DHHL')!.id);
    expect(duty.staffOnDuty.map((s) => s.role)).toEqual(['Trưởng khu (Bộ Chỉ huy Quân sự tỉnh)', 'Bác sĩ phụ trách y tế', 'Công an bảo vệ']);
  });

  it('admits the F1s by day into rooms of their own, the newest day partly at home, and leaves the browser tests their people', async () => {
    const centralized = (await facilities()).get('KCL-DHHL')!;
    const active = await stays({ facilityId: centralized.id, status: 'active' });
    // K2's five Lục Hồn F1s the day after its confirmation, K3's four, and K4's two not at home.
    const home = await stays({ place: 'home', status: 'active', kind: 'quarantine' });
    const atHome = new Set(home.map((s) => s.personId));
    expect(active.map((s) => s.personId).sort()).toEqual([...f1.K2.slice(0, 5), ...f1.K3, ...f1.K4].filter((id) => !atHome.has(id)).sort());
    expect(new Set(active.map((s) => s.admissionDay))).toEqual(new Set([day(-5), day(-3), day(-1)]));
    expect(active.every((s) => s.kind === 'quarantine' && s.risk === 'f1' && s.room !== null)).toBe(true);
    const days = new Map<number, Set<string>>();
    for (const s of active) days.set(s.room!.id, (days.get(s.room!.id) ?? new Set()).add(s.admissionDay));
    for (const [room, d] of days) expect([room, [...d]]).toEqual([room, [expect.any(String)]]);
    expect(seeded.centralized).toBe(active.length);

    expect(home.map((s) => s.personId).every((id) => f1.K4.includes(id))).toBe(true);
    expect(home).toHaveLength(3);
    expect(seeded.atHome).toBe(3);
    // The 2021 F1 rule puts a sign on the house, posted on the day they came home.
    const watched = await listHomeStays(h.db, officer, { kind: 'quarantine' }, now);
    expect(watched.rows.map((r) => r.sign)).toEqual(Array(3).fill({ required: true, postedOn: day(-1), removedOn: null }));

    // K1's F1s ended their 14 days yesterday: tested on days 1, 7 and 14, then discharged.
    const ended = await stays({ facilityId: centralized.id, status: 'discharged' });
    expect(ended.map((s) => s.personId).sort()).toEqual([...f1.K1].sort());
    expect(ended.every((s) => s.admissionDay === day(-14) && s.certificateNumber?.endsWith('/GXN-KCL-DHHL'))).toBe(true);

    const everyone = await stays({});
    for (const id of [...keepClear, ...f1.K5]) expect(everyone.filter((s) => s.personId === id)).toEqual([]);
  });

  it('puts the flight’s arrivals in the paid hotel, their day-1 test read', async () => {
    const hotel = (await facilities()).get('KS-HOANGGIA-VD')!;
    const arrivals = await stays({ facilityId: hotel.id, status: 'active' });
    expect(arrivals).toHaveLength(6);
    expect(seeded.hotel).toBe(6);
    expect(arrivals.every((s) => travellers.includes(s.personId) && s.category === 'arrival_abroad' && s.risk === 'arrival' && s.admissionDay === day(-2) && s.fundingSource === 'self')).toBe(true);
    const open = await dueTests(h.db, officer, { facilityId: hotel.id, dueOn: day(30) });
    expect(open.rows.map((t) => t.dayNumber)).toEqual(Array(6).fill(7));
  });

  it('treats the cases by tier, the sickest on ICU and oxygen beds, the newest and Hạ Long’s left alone', async () => {
    const treated = await stays({ kind: 'treatment', status: 'active' });
    const where = new Map(treated.map((s) => [s.caseId, { facility: s.facility?.code ?? 'home', tier: s.tier, bed: s.bed?.kind ?? null }]));
    expect(Object.fromEntries(['K9', 'K7', 'K2', 'K3', 'K8', 'K4'].map((k) => [k, where.get(kase[k].id)]))).toEqual({
      K9: { facility: 'BVDK-QN', tier: 3, bed: 'icu' },
      K7: { facility: 'TTYT-QY', tier: 2, bed: 'oxygen' },
      K2: { facility: 'BVDC-01', tier: 1, bed: 'oxygen' },
      K3: { facility: 'BVDC-01', tier: 1, bed: null },
      K8: { facility: 'home', tier: null, bed: null },
      K4: { facility: 'BVDC-01', tier: 1, bed: null },
    });
    expect(treated).toHaveLength(6);
    expect(seeded).toMatchObject({ treated: 6, treatedAtHome: 1 });
    expect(await getCase(h.db, officer, kase.K9.id)).toMatchObject({ location: 'hospital', treatmentTier: 3, locationNote: 'Bệnh viện Đa khoa tỉnh Quảng Ninh' });
    // K1, confirmed 15 days ago, was released on day 10 after a negative test.
    const [released] = await stays({ kind: 'treatment', status: 'discharged' });
    expect(released).toMatchObject({ caseId: kase.K1.id, facility: { code: 'BVDC-01' }, admissionDay: day(-15), plannedUntil: day(-6) });
    expect(seeded.discharged).toBe(5);

    // The field hospital's patient on oxygen showed warning signs this morning: tier 2 is proposed.
    const proposals = await listTransferProposals(h.db, officer, {});
    expect(proposals.rows.map((p) => [p.stayId, p.fromTier, p.toTier, p.status, p.reasons.map((r) => r.code).sort()])).toEqual([
      [treated.find((s) => s.caseId === kase.K2.id)!.id, 1, 2, 'pending', ['respiratory_rate', 'spo2_low']],
    ]);
  });

  it('reads every test due before today and leaves none open', async () => {
    const open = await dueTests(h.db, officer, { dueOn: day(-1) });
    expect(open.total).toBe(0);
    const [{ done }] = await queryRows<{ done: number }>(h.db, sql`select count(*)::int as done from stay_tests where status = 'done' and result = 'negative'`);
    // K1's F1s three each, K2's five (day 1) and K3's four (day 1), K4's five (day 1), six arrivals (day 1), K1's release test.
    expect(done).toBe(4 * 3 + 5 + 4 + 5 + 6 + 1);
  });

  it('shows the occupancy on the capacity view, against the plan targets, and nothing in Hồng Gai', async () => {
    const view = await capacityView(h.db, officer, {}, now);
    const byCode = new Map(view.facilities.map((f) => [f.code, f]));
    expect(byCode.get('KCL-DHHL')).toMatchObject({ capacity: 96, occupied: seeded.centralized });
    // Admissions of the last 7 days (from 15/09): K2's on the 16th, K3's on the 18th, K4's two on the 20th; K1's four left on the 20th.
    expect(byCode.get('KCL-DHHL')!.admissions7d).toEqual([0, 5, 0, 4, 0, 2, 0]);
    expect(byCode.get('KCL-DHHL')!.discharges7d).toEqual([0, 0, 0, 0, 0, 4, 0]);
    expect(byCode.get('KS-HOANGGIA-VD')).toMatchObject({ capacity: 12, occupied: 6 });
    expect(byCode.get('KCL-QSDT')).toMatchObject({ capacity: 40, occupied: 0, status: 'ready' });
    expect(view.bedsByTier.map((t) => [t.tier, t.occupied, t.oxygen, t.icu])).toEqual([
      [1, 3, { beds: 8, occupied: 1, free: 7 }, { beds: 0, occupied: 0, free: 0 }],
      [2, 1, { beds: 4, occupied: 1, free: 3 }, { beds: 0, occupied: 0, free: 0 }],
      [3, 1, { beds: 4, occupied: 0, free: 4 }, { beds: 6, occupied: 1, free: 5 }],
    ]);
    const row = (unitId: number, kind: string) => view.units.find((u) => u.unit.id === unitId && u.kind === kind)!;
    const province = officer.jurisdiction.provinceId;
    expect(row(province, 'quarantine')).toMatchObject({ facilities: 3, capacity: 96 + 40 + 12, occupied: seeded.centralized + 6, atHome: 3, target: 2_000 });
    expect(row(province, 'treatment')).toMatchObject({ facilities: 3, occupied: 5, atHome: 1, target: 1_000 });
    expect(row(unit['Nam Khê'].districtId, 'quarantine')).toMatchObject({ facilities: 1, target: 300 });
    for (const kind of ['quarantine', 'treatment']) {
      expect(row(unit['Hồng Gai'].id, kind)).toMatchObject({ facilities: 0, capacity: 0, occupied: 0, atHome: 0, target: null });
    }
    const [placed] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from stays where commune_id = ${unit['Hồng Gai'].id} or district_id = ${unit['Cao Xanh'].districtId}
            or facility_id in (select id from facilities where commune_id = ${unit['Hồng Gai'].id})`,
    );
    expect(placed.n).toBe(0);
  });
});
