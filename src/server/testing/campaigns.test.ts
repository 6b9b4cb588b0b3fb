import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { registerVenue } from '../checkins/service.js';
import { createCase, recordExposure } from '../cases/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { venueIn } from '../checkins/test-helpers.js';
import { createCampaign, getCampaign, listCampaigns } from './service.js';
import { campaignIn, count, hoursAgo, resident, testingFixture, type TestingFixture } from './test-helpers.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function members(f: TestingFixture, campaignId: number): Promise<number[]> {
  const rows = await queryRows<{ person_id: number }>(f.h.db, sql`select person_id::int from testing_campaign_members where campaign_id = ${campaignId} order by rank`);
  return rows.map((r) => r.person_id);
}

describe('sampling campaigns', () => {
  let f: TestingFixture;
  beforeAll(async () => {
    f = await testingFixture(20);
    // Enough people in Hồng Hà for a draw to mean something.
    for (let i = 0; i < 40; i++) await resident(f.h, f.units, f.units.hongHa, `Số ${200 + i} Trần Hưng Đạo`, i);
  }, 120_000);
  afterAll(() => f.h.close());

  it("draws a share of a commune's population reproducibly from the campaign id and the stored seed", async () => {
    const target = { kind: 'commune_population' as const, communeId: f.units.hongHa };
    const a = await createCampaign(f.h.db, f.commune, campaignIn(f, { target, sharePct: 25, seed: 20210920 }));
    expect(a).toMatchObject({ targetKind: 'commune_population', sharePct: 25, seed: 20210920, candidates: 60, members: 15, sampled: 0 });
    const drawn = await members(f, a.id);
    // Anyone can redo the draw: the first 25 % of the commune's people in md5(id:seed:person) order.
    const [{ ids }] = await queryRows<{ ids: number[] }>(f.h.db, sql`select array_agg(id::int order by id) as ids from people where commune_id = ${f.units.hongHa}`);
    const expected = [...ids].sort((x, y) => md5(`${a.id}:20210920:${x}`).localeCompare(md5(`${a.id}:20210920:${y}`)) || x - y).slice(0, 15);
    expect(drawn).toEqual(expected);
    const b = await createCampaign(f.h.db, f.commune, campaignIn(f, { target, sharePct: 25, seed: 7 }));
    expect(b.members).toBe(15);
    expect(await members(f, b.id)).not.toEqual(drawn);
    const everyone = await createCampaign(f.h.db, f.commune, campaignIn(f, { target }));
    expect(everyone).toMatchObject({ candidates: 60, members: 60, sharePct: null });
    expect(everyone.seed).toBeGreaterThanOrEqual(0);
  });

  it('targets the visitors of a market in a window, and the workers of a factory through its check-ins', async () => {
    const market = await registerVenue(f.h.db, f.commune, venueIn(f.units.hongHa));
    const factory = await registerVenue(f.h.db, f.commune, venueIn(f.units.hongHa, { name: 'Công ty May Quảng Ninh', type: 'factory' }));
    const visit = (personId: number, venueId: number, hours: number) =>
      f.h.db.execute(sql`insert into checkins (person_id, checked_in_at, venue_id, commune_id, source) values (${personId}, ${hoursAgo(hours)}, ${venueId}, ${f.units.hongHa}, 1)`);
    for (const p of f.local.slice(0, 6)) await visit(p.id, market.id, 5);
    await visit(f.local[0].id, market.id, 4); // twice: one member
    await visit(f.local[7].id, market.id, 24 * 10); // before the window
    await visit(f.outside[0].id, market.id, 5); // lives in Ka Long: counted, not drawn
    for (const p of f.local.slice(10, 14)) await visit(p.id, factory.id, 30);
    const window = { from: hoursAgo(48), to: hoursAgo(0) };
    const visitors = await createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'venue_visitors', venueId: market.id, ...window } }));
    expect(visitors).toMatchObject({ candidates: 6, members: 6, outsideJurisdiction: 1 });
    expect((await members(f, visitors.id)).sort()).toEqual(f.local.slice(0, 6).map((p) => p.id).sort());
    const workers = await createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'factory_workers', venueId: factory.id, ...window }, pooling: 'low_risk' }));
    expect(workers).toMatchObject({ candidates: 4, members: 4, pooling: 'low_risk', poolSize: 10 });
    const notFactory = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'factory_workers', venueId: market.id, ...window } })));
    expect(notFactory).toMatchObject({ field: 'target.venueId', messageKey: 'testing.errors.venue_not_factory' });
  });

  it('takes pool size and grouping from the disease profile', async () => {
    const high = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk', poolGroupBy: 'household' }));
    expect(high).toMatchObject({ pooling: 'high_risk', poolSize: 5, poolGroupBy: 'household' });
    await f.h.db.execute(sql`update disease_profiles set rules = jsonb_set(rules, '{testing,pooling,groupBy}', '["building"]')`);
    const err = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk', poolGroupBy: 'household' })));
    expect(err).toMatchObject({ field: 'poolGroupBy', messageKey: 'testing.errors.group_not_in_profile' });
    await f.h.db.execute(sql`update disease_profiles set rules = jsonb_set(rules, '{testing,pooling,groupBy}', '["household", "building"]')`);
    const noGroup = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { poolGroupBy: 'building' })));
    expect(noGroup.field).toBe('poolGroupBy');
  });

  it("targets the traced contacts of a cluster's cases, F1 or F1 and F2, through the cases capability", async () => {
    const today = todayInVietnam();
    const confirm = (personId: number) =>
      createCase(f.h.db, f.commune, { personId, status: 'confirmed', confirmation: 'manual', confirmationReason: 'Xét nghiệm tại bệnh viện', positiveSampleDate: today });
    const [a, b] = [await confirm(f.local[15].id), await confirm(f.local[16].id)];
    const contact = (sourceId: number, contactId: number) => recordExposure(f.h.db, f.commune, { sourceId, contactId, setting: 'household', startedAt: hoursAgo(30) });
    await contact(f.local[15].id, f.local[17].id);
    await contact(f.local[16].id, f.local[18].id);
    await contact(f.local[17].id, f.local[19].id); // F2
    await contact(f.local[15].id, f.outside[2].id); // lives in Ka Long: counted, not drawn
    const [{ id: clusterId }] = await queryRows<{ id: number }>(
      f.h.db,
      sql`insert into clusters (province_id, number, name, commune_id, district_id) values (${f.units.province}, 1, 'Ổ dịch Hồng Hà', ${f.units.hongHa}, ${f.units.halong}) returning id::int`,
    );
    await f.h.db.execute(sql`update cases set cluster_id = ${clusterId} where id in (${a.id}, ${b.id})`);
    const f1 = await createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'cluster_contacts', clusterId, levels: [1] } }));
    expect(f1).toMatchObject({ candidates: 2, members: 2, outsideJurisdiction: 1 });
    expect((await members(f, f1.id)).sort()).toEqual([f.local[17].id, f.local[18].id].sort());
    const f2 = await createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'cluster_contacts', clusterId, levels: [1, 2] } }));
    expect(f2).toMatchObject({ candidates: 3, members: 3 });
  });

  it('refuses people, units and sites outside the jurisdiction, and cluster targets until cases lists them', async () => {
    const stranger = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'explicit', personIds: [f.local[0].id, f.outside[0].id] } })));
    expect(stranger).toMatchObject({ field: 'target.personIds[1]', messageKey: 'testing.errors.person_unknown' });
    const unit = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { unitId: f.units.kaLong })));
    expect(unit).toMatchObject({ code: 'forbidden', field: 'unitId' });
    const site = await refusal(createCampaign(f.h.db, f.otherCommune, campaignIn(f, { unitId: f.units.kaLong, target: { kind: 'explicit', personIds: [f.outside[0].id] } })));
    expect(site).toMatchObject({ field: 'siteIds[0]', messageKey: 'testing.errors.site_unknown' });
    const cluster = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { target: { kind: 'cluster_contacts', clusterId: 999, levels: [1] } })));
    expect(cluster).toMatchObject({ field: 'target.clusterId', messageKey: 'testing.errors.cluster_unknown' });
    const dates = await refusal(createCampaign(f.h.db, f.commune, campaignIn(f, { startsOn: '2021-09-20', endsOn: '2021-09-19' })));
    expect(dates.field).toBe('endsOn');
    const lab = await refusal(createCampaign(f.h.db, f.lab, campaignIn(f)));
    expect(lab.code).toBe('forbidden');
  });

  it('shows a campaign to its unit and to the officials of its sites, and audits its creation', async () => {
    const district = await createCampaign(f.h.db, f.district, campaignIn(f, { unitId: f.units.halong, name: 'Sàng lọc toàn thành phố' }));
    expect(district.unit.name).toBe('Thành phố Hạ Long');
    // The commune runs the district's campaign at its site, so it sees it.
    expect((await getCampaign(f.h.db, f.commune, district.id)).sites).toEqual([{ id: f.siteId, name: 'Điểm lấy mẫu chợ Hạ Long 1' }]);
    expect((await listCampaigns(f.h.db, f.otherCommune)).rows).toEqual([]);
    expect((await refusal(getCampaign(f.h.db, f.otherCommune, district.id))).code).toBe('not_found');
    expect(await count(f.h, 'audit_log', sql`entity = 'testing_campaign' and action = 'create'`)).toBeGreaterThanOrEqual(5);
  });
});
