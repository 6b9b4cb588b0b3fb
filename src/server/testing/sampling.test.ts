import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { codeFromBytes } from '../../shared/api/testing.js';
import { closePool, createCampaign, getSample, recordSample } from './service.js';
import { campaignIn, count, testingFixture, type TestingFixture } from './test-helpers.js';

describe('taking samples at a site', () => {
  let f: TestingFixture;
  beforeAll(async () => {
    f = await testingFixture(12);
  }, 120_000);
  afterAll(() => f.h.close());

  it('records a sample of a person found by id with a new code, or of a pre-printed label once only', async () => {
    const s = await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[8].id });
    expect(s).toMatchObject({ personId: f.local[8].id, state: 'collected', requestedTest: 'rt_pcr', pool: null, result: null, campaignMember: false, site: { id: f.siteId } });
    expect(s.code).toMatch(/^S[0-9A-Y]{9}$/);
    expect(s.person?.id).toBe(f.local[8].id);
    const label = codeFromBytes('sample', randomBytes(5));
    const typed = `${label.slice(0, 4)}-${label.slice(4)}`.toLowerCase();
    expect((await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[9].id, code: typed })).code).toBe(label);
    const again = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[10].id, code: label }));
    expect(again).toMatchObject({ code: 'conflict', field: 'code', messageKey: 'testing.errors.code_taken' });
    const mistyped = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[10].id, code: label.slice(0, 9) + (label[9] === '0' ? '1' : '0') }));
    expect(mistyped).toMatchObject({ field: 'code', messageKey: 'testing.errors.code_invalid' });
    const pool = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[10].id, code: codeFromBytes('pool', randomBytes(5)) }));
    expect(pool).toMatchObject({ field: 'code', messageKey: 'testing.errors.sample_code_expected' });
  });

  it('finds the person on the spot by their document, or registers them', async () => {
    const known = await recordSample(f.h.db, f.commune, {
      siteId: f.siteId,
      person: { fullName: 'Người Thử Bất Kỳ', sex: f.outside[1].sex, birthYear: f.outside[1].year, docType: 'cccd', docNumber: f.outside[1].doc, communeId: f.units.kaLong },
    });
    expect(known).toMatchObject({ personId: f.outside[1].id, matched: 'doc', person: null });
    const before = await count(f.h, 'people');
    const fresh = await recordSample(f.h.db, f.commune, { siteId: f.siteId, person: { fullName: 'lái xe trần văn bảo', sex: 'male', birthYear: 1979, phone: '0912 000 111', communeId: f.units.kaLong } });
    expect(fresh.matched).toBeNull();
    expect(await count(f.h, 'people')).toBe(before + 1);
    const [where] = await queryRows<{ commune_id: number }>(f.h.db, sql`select commune_id from testing_samples where id = ${fresh.id}`);
    expect(where.commune_id).toBe(f.units.kaLong);
    const bad = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, person: { fullName: 'X', sex: 'male', birthYear: 1979, communeId: f.units.kaLong } }));
    expect(bad.field).toBe('person.fullName');
    const neither = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId }));
    expect(neither).toMatchObject({ field: 'personId', messageKey: 'testing.errors.person_required' });
  });

  it('pools a campaign\'s samples in fives, opening a new pool when one is full', async () => {
    const campaign = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk' }));
    const samples = [];
    for (const p of f.local.slice(0, 7)) samples.push(await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: p.id }));
    const [first, second] = [samples[0].pool!, samples[5].pool!];
    expect(first.code).toMatch(/^P/);
    expect(samples.slice(0, 5).every((s) => s.pool!.id === first.id)).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(samples[4].pool).toMatchObject({ members: 5, sizeLimit: 5, closed: true });
    expect(samples[6].pool).toMatchObject({ id: second.id, members: 2, closed: false });
    expect(samples.every((s) => s.campaignMember)).toBe(true);
    expect(await closePool(f.h.db, f.commune, second.code)).toEqual({ code: second.code, members: 2 });
    const next = await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: f.local[7].id });
    expect(next.pool!.id).not.toBe(second.id);
    // A tube scanned by staff: a new pool with that code, then filled by hand.
    const tube = codeFromBytes('pool', randomBytes(5));
    const byHand = await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: f.local[8].id, poolCode: tube });
    expect(byHand.pool!.code).toBe(tube);
    const closed = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: f.local[9].id, poolCode: first.code }));
    expect(closed).toMatchObject({ code: 'conflict', field: 'poolCode', messageKey: 'testing.errors.pool_closed' });
  });

  it('pools by household or by building when the campaign asks', async () => {
    const byHousehold = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk', poolGroupBy: 'household' }));
    const household = [];
    for (const p of f.local.slice(0, 6)) household.push(await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: byHousehold.id, personId: p.id }));
    expect(new Set(household.slice(0, 3).map((s) => s.pool!.id)).size).toBe(1);
    expect(new Set(household.map((s) => s.pool!.id)).size).toBe(4);
    const byBuilding = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk', poolGroupBy: 'building' }));
    const building = [];
    for (const p of f.local.slice(3, 6)) building.push(await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: byBuilding.id, personId: p.id }));
    expect(new Set(building.map((s) => s.pool!.id)).size).toBe(1);
    const wrongTube = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: byHousehold.id, personId: f.local[8].id, poolCode: household[0].pool!.code }));
    expect(wrongTube).toMatchObject({ field: 'poolCode', messageKey: 'testing.errors.pool_other_group' });
  });

  it('keeps samples to the campaign\'s sites and dates and to the jurisdiction\'s sites', async () => {
    const campaign = await createCampaign(f.h.db, f.commune, campaignIn(f, { startsOn: '2021-09-20', endsOn: '2021-09-30' }));
    const late = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: f.local[0].id }));
    expect(late).toMatchObject({ field: 'collectedAt', messageKey: 'testing.errors.outside_campaign_dates' });
    const elsewhere = await refusal(recordSample(f.h.db, f.otherCommune, { siteId: f.siteId, personId: f.outside[0].id }));
    expect(elsewhere).toMatchObject({ field: 'siteId', messageKey: 'testing.errors.site_unknown' });
    const future = await refusal(recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[0].id, collectedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future).toMatchObject({ field: 'collectedAt', messageKey: 'testing.errors.time_future' });
    const lab = await refusal(recordSample(f.h.db, f.lab, { siteId: f.siteId, personId: f.local[0].id }));
    expect(lab.code).toBe('forbidden');
  });

  it('shows a sample with its history to the jurisdiction and audits the read', async () => {
    const s = await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[11].id });
    const detail = await getSample(f.h.db, f.lab, s.code.toLowerCase());
    expect(detail.history).toEqual([{ fromState: null, toState: 'collected', at: s.collectedAt, accountName: f.commune.username, labName: null }]);
    expect((await refusal(getSample(f.h.db, f.otherCommune, s.code))).code).toBe('not_found');
    expect(await count(f.h, 'audit_log', sql`entity = 'testing_sample' and action = 'read' and person_id = ${f.local[11].id}`)).toBe(1);
  });
});
