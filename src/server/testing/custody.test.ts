import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { codeFromBytes } from '../../shared/api/testing.js';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { AppError } from '../http/errors.js';
import { createCampaign, createLab, getSample, moveSamples, recordSample } from './service.js';
import { campaignIn, hoursAgo, testingFixture, type TestingFixture } from './test-helpers.js';

describe('chain of custody', () => {
  let f: TestingFixture;
  let pooled: { code: string; pool: string }[];
  let single: string[];
  beforeAll(async () => {
    f = await testingFixture(9);
    const campaign = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk' }));
    pooled = [];
    for (const p of f.local.slice(0, 5)) {
      const s = await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId: campaign.id, personId: p.id, collectedAt: hoursAgo(6) });
      pooled.push({ code: s.code, pool: s.pool!.code });
    }
    single = [];
    for (const p of f.local.slice(5, 9)) single.push((await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: p.id, collectedAt: hoursAgo(6) })).code);
  }, 120_000);
  afterAll(() => f.h.close());

  it('sends a batch by pool code and sample codes, each sample with its time and account', async () => {
    const at = hoursAgo(5);
    const moved = await moveSamples(f.h.db, f.commune, { codes: [pooled[0].pool, single[0], single[1]], to: 'sent', labId: f.labId, at });
    expect(moved).toEqual({ samples: 7, pools: 1 });
    const detail = await getSample(f.h.db, f.commune, pooled[3].code);
    expect(detail).toMatchObject({ state: 'sent', sentAt: at, lab: { id: f.labId }, pool: { closed: true } });
    expect(detail.history.map((h) => [h.fromState, h.toState, h.accountName])).toEqual([
      [null, 'collected', f.commune.username],
      ['collected', 'sent', f.commune.username],
    ]);
  });

  it('refuses a code with a wrong check character before looking anything up', async () => {
    const err = await refusal(moveSamples(f.h.db, f.commune, { codes: [single[2], 'S000000000'], to: 'sent', labId: f.labId }));
    expect(err).toMatchObject({ field: 'codes[1]', messageKey: 'testing.errors.code_invalid' });
  });

  it('refuses the whole batch when any code is unknown, repeated, pooled or at another step, naming each', async () => {
    const err = await refusal(moveSamples(f.h.db, f.commune, { codes: [single[2], pooled[1].code, single[0], codeFromBytes('sample', randomBytes(5)), single[2]], to: 'sent', labId: f.labId }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.messageKey).toBe('testing.errors.batch_rows');
    expect(err.details!.rows!.map((r) => [r.field, r.messageKey])).toEqual([
      ['codes[1]', 'testing.errors.sample_pooled'],
      ['codes[2]', 'testing.errors.wrong_state'],
      ['codes[3]', 'testing.errors.code_unknown'],
      ['codes[4]', 'testing.errors.code_repeated'],
    ]);
    expect((await getSample(f.h.db, f.commune, single[2])).state).toBe('collected');
    expect(await refusal(moveSamples(f.h.db, f.commune, { codes: [single[2]], to: 'sent' }))).toMatchObject({ field: 'labId', messageKey: 'testing.errors.lab_required' });
    const early = await refusal(moveSamples(f.h.db, f.commune, { codes: [single[2]], to: 'sent', labId: f.labId, at: hoursAgo(7) }));
    expect(early.details!.rows![0].messageKey).toBe('testing.errors.before_previous');
  });

  it('is received by the lab it was sent to, by its staff only', async () => {
    expect((await refusal(moveSamples(f.h.db, f.commune, { codes: [single[0]], to: 'received' }))).code).toBe('forbidden');
    const other = await createLab(f.h.db, f.province, { code: 'BV-BAICHAY', name: 'Bệnh viện Bãi Cháy', communeId: f.units.baiChay });
    const wrongLab = await refusal(moveSamples(f.h.db, f.lab, { codes: [single[0]], to: 'received', labId: other.id }));
    expect(wrongLab.details!.rows![0].messageKey).toBe('testing.errors.other_lab');
    expect(await moveSamples(f.h.db, f.lab, { codes: [pooled[0].pool, single[0]], to: 'received', labId: f.labId })).toEqual({ samples: 6, pools: 1 });
    const detail = await getSample(f.h.db, f.lab, pooled[0].code);
    expect(detail.history.map((h) => [h.toState, h.accountName, h.labName])).toEqual([
      ['collected', f.commune.username, null],
      ['sent', f.commune.username, 'Trung tâm Kiểm soát bệnh tật Quảng Ninh'],
      ['received', f.lab.username, 'Trung tâm Kiểm soát bệnh tật Quảng Ninh'],
    ]);
    const twice = await refusal(moveSamples(f.h.db, f.lab, { codes: [single[0]], to: 'received' }));
    expect(twice.details!.rows![0]).toMatchObject({ field: 'codes[0]', messageKey: 'testing.errors.wrong_state' });
  });

  it('never lets a sample skip a step, go back or disappear, whatever code writes to the table', async () => {
    const fails = async (statement: ReturnType<typeof sql>) => {
      await expect(f.h.db.execute(statement)).rejects.toThrow();
    };
    await fails(sql`update testing_samples set state = 'received', received_at = now() where code = ${single[3]}`);
    await fails(sql`update testing_samples set state = 'tested', tested_at = now(), test_type = 'rt_pcr', result = 'negative' where code = ${single[3]}`);
    await fails(sql`update testing_samples set state = 'collected' where code = ${single[0]}`);
    await fails(sql`delete from testing_samples where code = ${single[3]}`);
    await fails(sql`delete from testing_sample_events`);
    await fails(sql`update testing_sample_events set at = now()`);
    const [{ n }] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from testing_sample_events where sample_id = (select id from testing_samples where code = ${single[3]})`);
    expect(n).toBe(1);
  });
});
