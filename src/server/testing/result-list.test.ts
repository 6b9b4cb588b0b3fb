import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal, sessionCookie } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { createCampaign, getSample, listResults, moveSamples, recordResult, recordSample } from './service.js';
import { campaignIn, hoursAgo, testingFixture, type TestingFixture } from './test-helpers.js';

describe('the list of recorded results', () => {
  let f: TestingFixture;
  let pool: string;
  let member: string;
  let single: string;
  let rapid: string;
  let visitor: string;

  beforeAll(async () => {
    f = await testingFixture(8);
    const campaign = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk' }));
    const members: string[] = [];
    for (const p of f.local.slice(0, 5)) members.push((await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: p.id, collectedAt: hoursAgo(10) })).code);
    member = members[2];
    pool = (await getSample(f.h.db, f.commune, member)).pool!.code;
    single = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[5].id, collectedAt: hoursAgo(10) })).code;
    // A visitor from Ka Long sampled at the Hồng Hà site: the commune holds the result, not the person.
    visitor = (
      await recordSample(f.h.db, f.commune, {
        siteId: f.siteId,
        person: { fullName: 'Khách Ka Long', sex: f.outside[0].sex, birthYear: f.outside[0].year, docType: 'cccd', docNumber: f.outside[0].doc, communeId: f.units.kaLong },
        collectedAt: hoursAgo(10),
      })
    ).code;
    rapid = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[6].id, requestedTest: 'rapid_antigen', collectedAt: hoursAgo(3) })).code;
    await moveSamples(f.h.db, f.commune, { codes: [pool, single, visitor], to: 'sent', labId: f.labId, at: hoursAgo(9) });
    await moveSamples(f.h.db, f.lab, { codes: [pool, single, visitor], to: 'received', at: hoursAgo(8) });
    await recordResult(f.h.db, f.lab, { code: pool, testType: 'rt_pcr', result: 'positive', ctValue: 28.3, testedAt: hoursAgo(4), labId: f.labId });
    await recordResult(f.h.db, f.lab, { code: single, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(5), labId: f.labId });
    await recordResult(f.h.db, f.lab, { code: visitor, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(6), labId: f.labId });
    await recordResult(f.h.db, f.lab, { code: rapid, testType: 'rapid_antigen', result: 'negative', testedAt: hoursAgo(2) });
  }, 120_000);
  afterAll(() => f.h.close());

  it('lists samples tested alone and pools, newest first, never a pooled sample on its own', async () => {
    const all = await listResults(f.h.db, f.lab);
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => [r.kind, r.code, r.result, r.testType, r.ctValue])).toEqual([
      ['sample', rapid, 'negative', 'rapid_antigen', null],
      ['pool', pool, 'positive', 'rt_pcr', 28.3],
      ['sample', single, 'negative', 'rt_pcr', null],
      ['sample', visitor, 'negative', 'rt_pcr', null],
    ]);
    expect(all.rows[1]).toMatchObject({ personId: null, person: null, members: 5, lab: { id: f.labId }, site: { id: f.siteId } });
    expect(all.rows[0]).toMatchObject({ lab: null, personId: f.local[6].id, person: { fullName: expect.stringMatching(/^Người Thử/) } });
  });

  it('filters by result, test type, lab, code and Vietnam day', async () => {
    expect((await listResults(f.h.db, f.lab, { result: 'positive' })).rows.map((r) => r.code)).toEqual([pool]);
    expect((await listResults(f.h.db, f.lab, { testType: 'rapid_antigen' })).rows.map((r) => r.code)).toEqual([rapid]);
    expect((await listResults(f.h.db, f.lab, { labId: f.labId })).total).toBe(3);
    // A pooled sample's code, typed in lower case with a dash, finds its pool.
    const typed = `${member.slice(0, 5)}-${member.slice(5)}`.toLowerCase();
    expect((await listResults(f.h.db, f.lab, { code: typed })).rows.map((r) => r.code)).toEqual([pool]);
    expect((await listResults(f.h.db, f.lab, { code: single })).rows.map((r) => r.code)).toEqual([single]);
    const all = await listResults(f.h.db, f.lab);
    const today = todayInVietnam(new Date(hoursAgo(2)));
    const expected = all.rows.filter((r) => todayInVietnam(new Date(r.testedAt)) === today).map((r) => r.code);
    expect(expected).toContain(rapid);
    expect((await listResults(f.h.db, f.lab, { from: today, to: today })).rows.map((r) => r.code)).toEqual(expected);
    expect((await listResults(f.h.db, f.lab, { from: '2020-01-01', to: '2020-01-02' })).total).toBe(0);
    expect(await refusal(listResults(f.h.db, f.lab, { from: '1/2/2021' }))).toMatchObject({ field: 'from', messageKey: 'testing.errors.date_invalid' });
  });

  it('shows a commune the results of its site, naming only its own residents, and another commune nothing', async () => {
    const mine = await listResults(f.h.db, f.commune);
    expect(mine.total).toBe(4);
    const v = mine.rows.find((r) => r.code === visitor)!;
    expect(v).toMatchObject({ personId: f.outside[0].id, person: null });
    expect((await listResults(f.h.db, f.otherCommune)).total).toBe(0);
    const audited = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'testing_result' and action = 'read' and account_id = ${f.commune.accountId}`);
    // Two residents named (the single and the rapid test); the visitor is not.
    expect(audited[0].n).toBe(2);
  });

  it('answers over HTTP with the query as typed in the address', async () => {
    const app = await buildApp({ handle: f.h });
    try {
      const cookie = await sessionCookie(app, f.lab.username);
      const typed = encodeURIComponent(`${member.slice(0, 5)}-${member.slice(5)}`.toLowerCase());
      const found = await app.inject({ method: 'GET', url: `/api/testing/results?code=${typed}&labId=${f.labId}&limit=5`, headers: { cookie } });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({ total: 1, rows: [{ kind: 'pool', code: pool, members: 5, result: 'positive', ctValue: 28.3 }] });
      const bad = await app.inject({ method: 'GET', url: '/api/testing/results?result=maybe', headers: { cookie, 'accept-language': 'en' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('result');
    } finally {
      await app.close();
    }
  });
});
