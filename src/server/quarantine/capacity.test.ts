import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { actorFor, refusal } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { capacityView, setCapacityTarget } from './monitoring-service.js';
import { facilityIn, monitoringFixture, stayFor, type MonitoringFixture } from './monitoring-test-helpers.js';

const NOW = new Date('2021-09-12T15:00:00+07:00');
const day = (d: number) => `2021-09-${String(d).padStart(2, '0')}T10:00:00+07:00`;

describe('the capacity view', () => {
  let f: MonitoringFixture;
  let steering: Actor;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    f = await monitoringFixture();
    steering = await actorFor(f.h.db, 'steering_member', f.units.province);
    ids.centralized = await facilityIn(f, { kind: 'quarantine_centralized', rooms: 10, perRoom: 3, status: 'active' });
    ids.hotel = await facilityIn(f, { kind: 'quarantine_hotel', communeId: f.units.baiChay, rooms: 1, perRoom: 4, fundingSource: 'self' });
    ids.closed = await facilityIn(f, { kind: 'quarantine_centralized', communeId: f.units.baiChay, rooms: 5, perRoom: 10 });
    await f.h.db.execute(sql`update facilities set status = 'closed' where id = ${ids.closed}`);
    ids.field = await facilityIn(f, { kind: 'treatment_field', tier: 1, communeId: f.units.kaLong, rooms: 2, perRoom: 4, oxygen: 2 });
    ids.district = await facilityIn(f, { kind: 'treatment_district', tier: 2, rooms: 1, perRoom: 4, icu: 1 });
    // A provincial hospital that declares its ICU beds without listing them.
    ids.provincial = await facilityIn(f, { kind: 'treatment_provincial', tier: 3, communeId: f.units.baiChay, rooms: 1, perRoom: 10, icu: 6, listBeds: false });

    // Admissions into the centralized facility on 6..12 September: 1, 1, 2, 2, 3, 3, 4; two people
    // admitted earlier left on the 11th.
    for (const [i, n] of [1, 1, 2, 2, 3, 3, 4].entries()) for (let k = 0; k < n; k++) await stayFor(f, { facilityId: ids.centralized, admittedAt: day(6 + i) });
    for (let k = 0; k < 2; k++) await stayFor(f, { facilityId: ids.centralized, admittedAt: day(1), dischargedAt: day(11) });
    for (let k = 0; k < 3; k++) await stayFor(f, { facilityId: ids.field, kind: 'treatment', bedKind: k === 0 ? 'oxygen' : undefined, admittedAt: day(10) });
    await stayFor(f, { facilityId: ids.district, kind: 'treatment', bedKind: 'icu', admittedAt: day(12) });
    await stayFor(f, {});
    await stayFor(f, {});
    await stayFor(f, { kind: 'treatment' });
  }, 180_000);
  afterAll(() => f.h.close());

  it('takes plan targets per unit from officials who manage facilities, audited', async () => {
    expect((await refusal(setCapacityTarget(f.h.db, f.commune, { unitId: f.units.hongHa, kind: 'quarantine', target: 30 }))).code).toBe('forbidden');
    await setCapacityTarget(f.h.db, f.province, { unitId: f.units.halong, kind: 'quarantine', target: 50_000 }, NOW);
    await setCapacityTarget(f.h.db, f.province, { unitId: f.units.hongHa, kind: 'quarantine', target: 30 }, NOW);
    const changed = await setCapacityTarget(f.h.db, f.province, { unitId: f.units.hongHa, kind: 'quarantine', target: 40 }, NOW);
    expect(changed).toEqual({ unitId: f.units.hongHa, kind: 'quarantine', target: 40, updatedAt: NOW.toISOString() });
    await setCapacityTarget(f.h.db, f.province, { unitId: f.units.province, kind: 'treatment', target: 1_000 }, NOW);
    expect((await refusal(setCapacityTarget(f.h.db, f.province, { unitId: 999_999, kind: 'quarantine', target: 1 }))).field).toBe('unitId');
    expect((await refusal(setCapacityTarget(f.h.db, f.province, { unitId: f.units.hongHa, kind: 'quarantine', target: -1 }))).field).toBe('target');
    const audit = await queryRows<{ action: string; details: unknown }>(f.h.db, sql`select action, details from audit_log where entity = 'capacity_target' and entity_id = ${`${f.units.hongHa}:quarantine`} order by id`);
    expect(audit).toEqual([
      { action: 'create', details: { unitId: f.units.hongHa, kind: 'quarantine', from: null, to: 30 } },
      { action: 'update', details: { unitId: f.units.hongHa, kind: 'quarantine', from: 30, to: 40 } },
    ]);
  });

  it('shows the province facilities, units against targets, beds by tier and communes without a centralized facility', async () => {
    const view = await capacityView(f.h.db, steering, {}, NOW);
    expect(view.asOf).toBe('2021-09-12');
    expect(view.facilities.map((x) => x.id).sort()).toEqual([ids.centralized, ids.hotel, ids.field, ids.district, ids.provincial].sort());
    const centralized = view.facilities.find((x) => x.id === ids.centralized)!;
    expect(centralized).toMatchObject({ capacity: 30, occupied: 16, free: 14, admissions7d: [1, 1, 2, 2, 3, 3, 4], discharges7d: [0, 0, 0, 0, 0, 2, 0], commune: { id: f.units.hongHa, name: 'Phường Hồng Hà' } });
    // Admissions rise by half a person a day: 4, 4.5, 5, 5.5 more, less 2/7 leaving a day, fill 14 places on the 4th day.
    expect(centralized.daysUntilFull).toBe(4);
    expect(view.facilities.find((x) => x.id === ids.hotel)).toMatchObject({ capacity: 4, occupied: 0, daysUntilFull: null });

    const row = (unitId: number, kind: string) => view.units.find((u) => u.unit.id === unitId && u.kind === kind)!;
    expect(view.units[0].unit).toEqual({ id: f.units.province, name: 'Tỉnh Quảng Ninh', level: 'province', parentId: null });
    expect(view.units.map((u) => u.unit.id).filter((_, i) => i % 2 === 0)).toEqual([f.units.province, f.units.halong, f.units.baiChay, f.units.hongHa, f.units.mongcai, f.units.kaLong]);
    expect(row(f.units.province, 'quarantine')).toMatchObject({ facilities: 2, capacity: 34, occupied: 16, free: 18, target: null, atHome: 2 });
    expect(row(f.units.province, 'treatment')).toMatchObject({ facilities: 3, capacity: 22, occupied: 4, target: 1000, atHome: 1 });
    expect(row(f.units.halong, 'quarantine')).toMatchObject({ capacity: 34, target: 50_000 });
    expect(row(f.units.hongHa, 'quarantine')).toMatchObject({ facilities: 1, capacity: 30, occupied: 16, target: 40, atHome: 2, daysUntilFull: 4 });
    expect(row(f.units.kaLong, 'treatment')).toMatchObject({ facilities: 1, capacity: 8, occupied: 3, atHome: 0 });
    expect(row(f.units.kaLong, 'quarantine')).toMatchObject({ facilities: 0, capacity: 0, occupied: 0, daysUntilFull: null });

    expect(view.bedsByTier).toEqual([
      { tier: 1, facilities: 1, capacity: 8, occupied: 3, free: 5, oxygen: { beds: 2, occupied: 1, free: 1 }, icu: { beds: 0, occupied: 0, free: 0 } },
      { tier: 2, facilities: 1, capacity: 4, occupied: 1, free: 3, oxygen: { beds: 0, occupied: 0, free: 0 }, icu: { beds: 1, occupied: 1, free: 0 } },
      { tier: 3, facilities: 1, capacity: 10, occupied: 0, free: 10, oxygen: { beds: 0, occupied: 0, free: 0 }, icu: { beds: 6, occupied: 0, free: 6 } },
    ]);
    expect(view.communesWithoutCentralized).toEqual([
      { id: f.units.baiChay, name: 'Phường Bãi Cháy', district: { id: f.units.halong, name: 'Thành phố Hạ Long' } },
      { id: f.units.kaLong, name: 'Phường Ka Long', district: { id: f.units.mongcai, name: 'Thành phố Móng Cái' } },
    ]);
  });

  it('keeps to the jurisdiction, and a unit inside it narrows the view', async () => {
    const commune = await capacityView(f.h.db, f.commune, {}, NOW);
    expect(commune.facilities.map((x) => x.id).sort()).toEqual([ids.centralized, ids.district].sort());
    expect(commune.units.map((u) => u.unit.id)).toEqual([f.units.hongHa, f.units.hongHa]);
    expect(commune.communesWithoutCentralized).toEqual([]);
    const mongcai = await capacityView(f.h.db, steering, { unitId: f.units.mongcai }, NOW);
    expect(mongcai.facilities.map((x) => x.id)).toEqual([ids.field]);
    expect(mongcai.units.map((u) => u.unit.id)).toEqual([f.units.mongcai, f.units.mongcai, f.units.kaLong, f.units.kaLong]);
    expect(mongcai.communesWithoutCentralized.map((c) => c.id)).toEqual([f.units.kaLong]);
    expect((await refusal(capacityView(f.h.db, f.commune, { unitId: f.units.kaLong }, NOW))).code).toBe('forbidden');
    expect((await refusal(capacityView(f.h.db, f.community, {}, NOW))).code).toBe('forbidden');
  });
});
