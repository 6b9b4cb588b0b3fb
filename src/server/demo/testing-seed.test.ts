import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import type { Actor } from '../auth/actor.js';
import { ensureDefaultProfiles } from '../profiles/service.js';
import { registerVenue } from '../checkins/service.js';
import { createCase } from '../cases/service.js';
import { resident, type Resident } from '../testing/test-helpers.js';
import { citizenTestCertificate, listLabs, listResampleTasks, listSites, lookupTestResult } from '../testing/service.js';
import { verifierLists } from '../certificates/test-helpers.js';
import { verifyDcc } from '../../shared/dcc/index.js';
import { demoResultSample, demoSampleLines, seedTesting, type TestingSeedResult } from './testing-seed.js';

describe('the demo testing seed', () => {
  let h: DbHandle;
  let units: UnitFixture;
  let officer: Actor;
  let residents: Resident[];
  let seeded: TestingSeedResult;
  const now = new Date('2021-09-21T12:00:00+07:00');

  beforeAll(async () => {
    h = await testDb();
    units = await seedUnitFixture(h.db);
    await ensureDefaultProfiles(h.db);
    officer = await actorFor(h.db, 'health_officer', units.province);
    const lab = await actorFor(h.db, 'lab_technician', units.province);
    await registerVenue(h.db, officer, { name: 'Chợ Hạ Long I', type: 'market', addressLine: 'Đường Lê Thánh Tông', communeId: units.hongHa, managerName: 'Phạm Văn Chợ', managerPhone: '0912345678' });
    residents = [];
    for (let i = 0; i < 110; i++) residents.push(await resident(h, units, units.hongHa, `Số ${10 + i} Lê Thánh Tông`, i));
    // People waiting for their own test at home: not sampled at the market when the draw picks them.
    for (const r of residents.slice(0, 10)) await createCase(h.db, officer, { personId: r.id, status: 'suspected', location: 'home' });
    seeded = await seedTesting(h, { seed: 2021, officer, lab, wardId: units.hongHa, districtId: units.halong, now });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('sets up the labs and sites, draws a share of the ward and pools the samples by five', async () => {
    expect((await listLabs(h.db, officer)).rows.map((l) => l.code).sort()).toEqual(['BV-BAICHAY', 'CDC-QN']);
    const sites = (await listSites(h.db, officer)).rows;
    expect(sites.map((s) => s.name).sort()).toEqual(['Trạm Y tế phường Bãi Cháy', 'Trạm Y tế phường Hồng Hà', 'Điểm lấy mẫu Chợ Hạ Long I'].sort());
    expect(sites.find((s) => s.kind === 'venue')?.venueId).not.toBeNull();

    const [campaign] = await queryRows<{ candidates: number; members: number[]; seed: number }>(
      h.db,
      sql`select candidates, seed::int as seed, array(select person_id::int from testing_campaign_members m where m.campaign_id = c.id) as members from testing_campaigns c`,
    );
    expect(campaign).toMatchObject({ candidates: 110, seed: 2021 });
    expect(campaign.members.length).toBe(33);
    const waiting = residents.slice(0, 10).map((r) => r.id);
    expect(campaign.members.filter((id) => waiting.includes(id)).length).toBeGreaterThan(0);
    const samples = await queryRows<{ person_id: number; pool: string; size: number; state: string; result: string | null }>(
      h.db,
      sql`select s.person_id::int, p.code as pool, (select count(*) from testing_samples x where x.pool_id = p.id)::int as size, s.state, p.result
            from testing_samples s join testing_pools p on p.id = s.pool_id`,
    );
    expect(samples.length).toBe(seeded.samples);
    expect(samples.filter((s) => waiting.includes(s.person_id))).toEqual([]);
    expect(samples.length).toBe(33 - campaign.members.filter((id) => waiting.includes(id)).length);
    expect(Math.max(...samples.map((s) => s.size))).toBe(5);
    expect(seeded.pools).toBe(new Set(samples.map((s) => s.pool)).size);
    const tally = (pick: (s: (typeof samples)[number]) => boolean) => samples.filter(pick).length;
    expect(tally((s) => s.result === 'negative')).toBeGreaterThan(tally((s) => s.result !== 'negative'));
    expect(tally((s) => s.result === 'positive')).toBe(5);
    // The ward station's pool is at the hospital lab, not tested yet.
    expect(tally((s) => s.state === 'sent')).toBe(5);
  });

  it('gives the positive pool five re-sampling tasks', async () => {
    expect(seeded.positivePools).toBe(1);
    const tasks = await listResampleTasks(h.db, officer, {}, now);
    expect(tasks.rows.map((t) => t.reason)).toEqual(Array(5).fill('pool_positive'));
  });

  it('prints a negative sample a citizen finds with its code and phone, and gets a certificate the verifier accepts', async () => {
    const known = seeded.known!;
    expect(await demoResultSample(h.db, 2021)).toEqual(known);
    expect(known.validUntil.getTime() - now.getTime()).toBeGreaterThan(60 * 3_600_000);
    expect(demoSampleLines(known, 'http://localhost:3000', now).join('\n')).toContain(`sample code ${known.code}, phone ${known.phone}`);
    expect(demoSampleLines(known, 'http://localhost:3000', new Date(known.validUntil.getTime() + 1)).join('\n')).toContain('--reset-demo');
    const result = await lookupTestResult(h.db, { code: known.code, identity: known.phone }, { ip: '10.0.0.1', now });
    expect(result).toMatchObject({ code: known.code, result: 'negative', testType: 'rt_pcr', valid: true, certificateAvailable: true, validUntil: known.validUntil.toISOString() });

    const certificate = await citizenTestCertificate(h.db, { code: known.code, identity: known.phone }, { ip: '10.0.0.1', now });
    expect(certificate.qr).toMatch(/^HC1:/);
    const verified = await verifyDcc(certificate.qr, { ...(await verifierLists(h, now)), now });
    expect(verified).toMatchObject({ status: 'valid', type: 't', uvci: certificate.uvci });
  });
});
