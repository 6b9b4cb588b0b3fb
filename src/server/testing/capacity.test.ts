import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, refusal } from '../db/fixtures.js';
import { capacityView, createCampaign, createSite, moveSamples, recordResult, recordSample } from './service.js';
import { campaignIn, testingFixture, type TestingFixture } from './test-helpers.js';

const BASE = Date.parse('2021-09-20T08:00:00+07:00');
const at = (hours: number) => new Date(BASE + hours * 3_600_000).toISOString();
const later = new Date(BASE + 100 * 3_600_000);

describe('the capacity view', () => {
  let f: TestingFixture;
  let campaignId: number;
  let kaLongSite: number;
  const window = { from: '2021-09-19', to: '2021-09-25' };

  beforeAll(async () => {
    f = await testingFixture(6);
    campaignId = (await createCampaign(f.h.db, f.commune, campaignIn(f, { name: 'Chợ Hạ Long', startsOn: '2021-09-19', endsOn: '2021-09-30' }))).id;
    const codes = [];
    for (const [i, p] of f.local.entries()) {
      codes.push((await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: i < 2 ? campaignId : null, personId: p.id, collectedAt: at(0) }, later)).code);
    }
    await moveSamples(f.h.db, f.commune, { codes: codes.slice(0, 5), to: 'sent', labId: f.labId, at: at(1) }, later);
    await moveSamples(f.h.db, f.lab, { codes: codes.slice(0, 4), to: 'received', at: at(2) }, later);
    // Turnarounds of 10, 20, 30 and 40 hours; the first is positive.
    for (const [i, code] of codes.slice(0, 4).entries()) {
      await recordResult(f.h.db, f.lab, { code, testType: 'rt_pcr', result: i === 0 ? 'positive' : 'negative', ctValue: i === 0 ? 20 : null, testedAt: at(10 * (i + 1)) }, later);
    }
    kaLongSite = (await createSite(f.h.db, f.otherCommune, { name: 'Trạm y tế Ka Long', kind: 'fixed', communeId: f.units.kaLong })).id;
    const rapid = await recordSample(f.h.db, f.otherCommune, { siteId: kaLongSite, personId: f.outside[0].id, requestedTest: 'rapid_antigen', collectedAt: at(3) }, later);
    await recordResult(f.h.db, f.lab, { code: rapid.code, testType: 'rapid_antigen', result: 'negative', testedAt: at(3.25) }, later);
  }, 120_000);
  afterAll(() => f.h.close());

  it("counts a commune's samples per day by site and lab, turnaround percentiles, backlog and positivity", async () => {
    const view = await capacityView(f.h.db, f.commune, window);
    const site = { id: f.siteId, name: 'Điểm lấy mẫu chợ Hạ Long 1' };
    const lab = { id: f.labId, name: 'Trung tâm Kiểm soát bệnh tật Quảng Ninh' };
    expect(view.bySite).toEqual([{ day: '2021-09-20', site, collected: 6 }]);
    expect(view.byLab).toEqual([
      { day: '2021-09-20', lab, received: 4, tested: 1 },
      { day: '2021-09-21', lab, received: 0, tested: 2 },
      { day: '2021-09-22', lab, received: 0, tested: 1 },
    ]);
    expect(view.turnaround).toEqual({ samples: 4, p50Hours: 25, p90Hours: 37 });
    expect(view.turnaroundByLab).toEqual([{ lab, samples: 4, p50Hours: 25, p90Hours: 37 }]);
    expect(view.backlog).toEqual([
      { state: 'collected', samples: 1, oldestAt: at(0) },
      { state: 'sent', samples: 1, oldestAt: expect.any(String) },
      { state: 'received', samples: 0, oldestAt: null },
    ]);
    expect(view.positivityByCommune).toEqual([{ commune: { id: f.units.hongHa, name: 'Phường Hồng Hà' }, tested: 4, positive: 1, positivityPct: 25 }]);
    expect(view.positivityByCampaign).toEqual([{ campaign: { id: campaignId, name: 'Chợ Hạ Long' }, tested: 2, positive: 1, positivityPct: 50 }]);
  });

  it('keeps to the jurisdiction, and a unit inside it narrows the view', async () => {
    const kaLong = await capacityView(f.h.db, f.otherCommune, window);
    expect(kaLong.bySite).toEqual([{ day: '2021-09-20', site: { id: kaLongSite, name: 'Trạm y tế Ka Long' }, collected: 1 }]);
    expect(kaLong.turnaround).toEqual({ samples: 1, p50Hours: 0.3, p90Hours: 0.3 });
    expect(kaLong.byLab).toEqual([]);
    expect(kaLong.positivityByCommune).toMatchObject([{ commune: { id: f.units.kaLong }, tested: 1, positive: 0, positivityPct: 0 }]);
    const steering = await actorFor(f.h.db, 'steering_member', f.units.province);
    const province = await capacityView(f.h.db, steering, window);
    expect(province.bySite.map((r) => r.collected)).toEqual([6, 1]);
    expect(province.turnaround.samples).toBe(5);
    const narrowed = await capacityView(f.h.db, steering, { ...window, unitId: f.units.mongcai });
    expect(narrowed.bySite).toHaveLength(1);
    expect((await refusal(capacityView(f.h.db, f.commune, { ...window, unitId: f.units.kaLong }))).code).toBe('forbidden');
    expect(await capacityView(f.h.db, f.commune, { from: '2021-10-01', to: '2021-10-02' })).toMatchObject({ bySite: [], turnaround: { samples: 0, p50Hours: null } });
    expect((await refusal(capacityView(f.h.db, f.commune, { from: '2021-09-20', to: '2021-09-19' }))).field).toBe('to');
  });
});
