import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { actorFor, refusal, sessionCookie } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { closePool, createCampaign, custodyItem, listCampaigns, listCustodyItems, moveSamples, recordSample } from './service.js';
import { campaignIn, count, hoursAgo, testingFixture, type TestingFixture } from './test-helpers.js';

describe('tubes on the chain of custody', () => {
  let f: TestingFixture;
  let taker: Actor;
  let campaignId: number;
  let pooled: string[];
  let pool: string;
  let single: string;
  beforeAll(async () => {
    f = await testingFixture(6);
    taker = await actorFor(f.h.db, 'checkpoint_officer', f.units.hongHa);
    campaignId = (await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk' }))).id;
    pooled = [];
    for (const p of f.local.slice(0, 3)) {
      const s = await recordSample(f.h.db, taker, { siteId: f.siteId, campaignId, personId: p.id, collectedAt: hoursAgo(6) });
      pooled.push(s.code);
      pool = s.pool!.code;
    }
    single = (await recordSample(f.h.db, taker, { siteId: f.siteId, personId: f.local[4].id, collectedAt: hoursAgo(6) })).code;
  }, 120_000);
  afterAll(() => f.h.close());

  it('lets a sample taker, who reads no health records, pick the campaign they sample for', async () => {
    const { rows } = await listCampaigns(f.h.db, taker);
    expect(rows.map((c) => c.id)).toEqual([campaignId]);
    const community = await actorFor(f.h.db, 'community_member', f.units.hongHa);
    expect((await refusal(listCampaigns(f.h.db, community))).code).toBe('forbidden');
  });

  it('lists the pool still filling and the unpooled sample, not the pooled samples', async () => {
    const all = await listCustodyItems(f.h.db, taker, { state: 'collected' });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => [r.kind, r.code, r.sampleCount, r.closed])).toEqual(
      expect.arrayContaining([
        ['pool', pool, 3, false],
        ['sample', single, 1, true],
      ]),
    );
    const open = await listCustodyItems(f.h.db, taker, { state: 'collected', kind: 'pool', campaignId, siteId: f.siteId, open: true });
    expect(open.rows).toMatchObject([{ code: pool, sizeLimit: 5, site: { id: f.siteId }, lab: null }]);
    expect((await listCustodyItems(f.h.db, f.otherCommune, { state: 'collected' })).total).toBe(0);
  });

  it('finds the pool from a member sample code, with its people and who collected each, audited', async () => {
    const before = await count(f.h, 'audit_log', sql`entity = 'testing_pool' and action = 'read'`);
    const item = await custodyItem(f.h.db, taker, pooled[1].toLowerCase());
    expect(item).toMatchObject({ kind: 'pool', code: pool, state: 'collected', sampleCount: 3 });
    expect(item.samples.map((s) => s.code)).toEqual(pooled);
    expect(item.samples[0].person?.id).toBe(f.local[0].id);
    expect(item.history.map((h) => [h.toState, h.accountName])).toEqual(Array(3).fill(['collected', taker.username]));
    expect(await count(f.h, 'audit_log', sql`entity = 'testing_pool' and action = 'read'`)).toBe(before + 3);
    expect(await refusal(custodyItem(f.h.db, f.otherCommune, pool))).toMatchObject({ code: 'not_found', messageKey: 'testing.errors.code_unknown' });
  });

  it('follows the tubes to the lab: listed there as sent, with each move counted in the history', async () => {
    await closePool(f.h.db, taker, pool);
    await moveSamples(f.h.db, taker, { codes: [pool, single], to: 'sent', labId: f.labId, at: hoursAgo(5) });
    expect((await listCustodyItems(f.h.db, taker, { state: 'collected' })).total).toBe(0);
    const atLab = await listCustodyItems(f.h.db, f.lab, { state: 'sent', labId: f.labId });
    expect(atLab.rows.map((r) => [r.code, r.lab?.id])).toEqual([
      [pool, f.labId],
      [single, f.labId],
    ]);
    await moveSamples(f.h.db, f.lab, { codes: [pool], to: 'received', at: hoursAgo(4) });
    const item = await custodyItem(f.h.db, f.lab, pool);
    expect(item.state).toBe('received');
    expect(item.history.slice(3).map((h) => [h.fromState, h.toState, h.samples, h.accountName, h.labName])).toEqual([
      ['collected', 'sent', 3, taker.username, 'Trung tâm Kiểm soát bệnh tật Quảng Ninh'],
      ['sent', 'received', 3, f.lab.username, 'Trung tâm Kiểm soát bệnh tật Quảng Ninh'],
    ]);
    const sample = await custodyItem(f.h.db, taker, single);
    expect(sample).toMatchObject({ kind: 'sample', state: 'sent', sampleCount: 1, samples: [{ code: single, personId: f.local[4].id }] });
  });

  it('answers over HTTP in the shape of the contract', async () => {
    const app = await buildApp({ handle: f.h });
    try {
      const cookie = await sessionCookie(app, taker.username);
      const list = await app.inject({ method: 'GET', url: `/api/testing/custody?state=sent&kind=sample&open=false`, headers: { cookie } });
      expect(list.statusCode).toBe(200);
      expect(list.json().rows.map((r: { code: string }) => r.code)).toEqual([single]);
      const one = await app.inject({ method: 'GET', url: `/api/testing/custody/${pooled[0]}`, headers: { cookie } });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ code: pool, samples: [{ code: pooled[0] }, {}, {}] });
      // Someone not drawn, registered on the spot, is sampled too; progress counts only the drawn.
      const walkIn = await app.inject({
        method: 'POST',
        url: '/api/testing/samples',
        headers: { cookie },
        payload: { siteId: f.siteId, campaignId, person: { fullName: 'Người Đi Chợ Mới', sex: 'female', birthYear: 1990, phone: '0912 345 678', communeId: f.units.hongHa } },
      });
      expect(walkIn.json()).toMatchObject({ campaignMember: false, matched: null });
      const campaigns = await app.inject({ method: 'GET', url: '/api/testing/campaigns', headers: { cookie } });
      expect(campaigns.json().rows[0]).toMatchObject({ id: campaignId, members: 6, sampled: 4, sampledMembers: 3 });
    } finally {
      await app.close();
    }
  });
});
