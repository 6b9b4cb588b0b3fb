import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { getCase } from '../cases/service.js';
import { acceptCaseProposal, createCampaign, getSample, listCaseProposals, listResampleTasks, moveSamples, recordResult, recordSample } from './service.js';
import { campaignIn, hoursAgo, testingFixture, type TestingFixture } from './test-helpers.js';

describe('lab results and what they set off', () => {
  let f: TestingFixture;
  let campaignId: number;
  let pool: string;
  let members: string[];
  const individual: Record<string, string> = {};
  const labTestedAt = hoursAgo(2);

  async function sentAndReceived(personIndex: number): Promise<string> {
    const s = await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[personIndex].id, collectedAt: hoursAgo(10) });
    await moveSamples(f.h.db, f.commune, { codes: [s.code], to: 'sent', labId: f.labId, at: hoursAgo(9) });
    await moveSamples(f.h.db, f.lab, { codes: [s.code], to: 'received', at: hoursAgo(8) });
    return s.code;
  }
  const messages = (template: string) =>
    queryRows<{ recipient: string; params: Record<string, unknown>; channel: string }>(f.h.db, sql`select recipient, params, channel from outbox where template = ${template} order by id`);

  beforeAll(async () => {
    f = await testingFixture(12);
    const campaign = await createCampaign(f.h.db, f.commune, campaignIn(f, { pooling: 'high_risk', resampleDueHours: 12 }));
    campaignId = campaign.id;
    members = [];
    for (const p of f.local.slice(0, 5)) members.push((await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId, personId: p.id, collectedAt: hoursAgo(10) })).code);
    pool = (await getSample(f.h.db, f.commune, members[0])).pool!.code;
    await moveSamples(f.h.db, f.commune, { codes: [pool], to: 'sent', labId: f.labId, at: hoursAgo(9) });
    await moveSamples(f.h.db, f.lab, { codes: [pool], to: 'received', at: hoursAgo(8) });
    individual.lab = await sentAndReceived(5);
    individual.officer = await sentAndReceived(8);
    individual.invalid = await sentAndReceived(9);
    individual.notSent = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[7].id, collectedAt: hoursAgo(10) })).code;
    individual.rapid = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[6].id, requestedTest: 'rapid_antigen', collectedAt: hoursAgo(3) })).code;
  }, 120_000);
  afterAll(() => f.h.close());

  it('checks a result before recording it: Ct for a positive RT-PCR, none for a rapid test, sent to a lab first', async () => {
    const noCt = await refusal(recordResult(f.h.db, f.lab, { code: individual.lab, testType: 'rt_pcr', result: 'positive', testedAt: hoursAgo(1) }));
    expect(noCt).toMatchObject({ field: 'ctValue', messageKey: 'testing.errors.ct_required' });
    const rapidCt = await refusal(recordResult(f.h.db, f.lab, { code: individual.rapid, testType: 'rapid_antigen', result: 'positive', ctValue: 20, testedAt: hoursAgo(1) }));
    expect(rapidCt).toMatchObject({ field: 'ctValue', messageKey: 'testing.errors.ct_not_rapid' });
    const notSent = await refusal(recordResult(f.h.db, f.lab, { code: individual.notSent, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(1) }));
    expect(notSent).toMatchObject({ field: 'code', messageKey: 'testing.errors.not_sent' });
    const member = await refusal(recordResult(f.h.db, f.lab, { code: members[0], testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(1) }));
    expect(member).toMatchObject({ field: 'code', messageKey: 'testing.errors.sample_pooled', params: { pool } });
    const early = await refusal(recordResult(f.h.db, f.lab, { code: individual.lab, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(11) }));
    expect(early).toMatchObject({ field: 'testedAt', messageKey: 'testing.errors.before_collection' });
    expect((await refusal(recordResult(f.h.db, f.commune, { code: individual.lab, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(1) }))).code).toBe('forbidden');
    expect((await refusal(recordResult(f.h.db, f.otherCommune, { code: individual.lab, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(1) }))).code).toBe('forbidden');
  });

  it('a positive pool opens a re-sampling task for each member, due when the campaign says, and tells the commune', async () => {
    const now = new Date();
    const out = await recordResult(f.h.db, f.lab, { code: pool, testType: 'rt_pcr', result: 'positive', ctValue: 27.46, testedAt: hoursAgo(2) }, now);
    expect(out).toMatchObject({ applied: 1, positivePools: 1, positives: 0, resampleTasks: 5, caseProposals: 0 });
    const audited = await queryRows<{ person_id: number }>(f.h.db, sql`select person_id::int from audit_log where entity = 'testing_result' order by person_id`);
    expect(audited.map((a) => a.person_id)).toEqual(f.local.slice(0, 5).map((p) => p.id).sort((a, b) => a - b));
    const member = await getSample(f.h.db, f.commune, members[2]);
    expect(member).toMatchObject({ state: 'tested', result: 'positive', resultFrom: 'pool', ctValue: 27.5, testType: 'rt_pcr' });
    expect(member.history.map((h) => h.toState)).toEqual(['collected', 'sent', 'received', 'tested']);
    const tasks = await listResampleTasks(f.h.db, f.commune, { campaignId });
    expect(tasks.total).toBe(5);
    expect(tasks.rows.map((t) => t.personId).sort()).toEqual(f.local.slice(0, 5).map((p) => p.id).sort());
    expect(tasks.rows[0]).toMatchObject({ reason: 'pool_positive', poolCode: pool, status: 'open', overdue: false, dueAt: new Date(now.getTime() + 12 * 3_600_000).toISOString() });
    expect(await messages('testing.notify.pool_resample')).toEqual([{ recipient: `unit:${f.units.hongHa}`, channel: 'log', params: { poolCode: pool, count: 5 } }]);
    // The member comes back: sampled on their own (profile: retestMembersIndividually), the task done.
    const again = await recordSample(f.h.db, f.commune, { siteId: f.siteId, campaignId, personId: f.local[0].id });
    expect(again).toMatchObject({ pool: null, resampleTaskId: tasks.rows.find((t) => t.personId === f.local[0].id)!.id });
    const done = await listResampleTasks(f.h.db, f.commune, { status: 'done' });
    expect(done.rows).toMatchObject([{ personId: f.local[0].id, newSampleCode: again.code, status: 'done' }]);
  });

  it('a positive RT-PCR entered by a lab technician proposes a confirmed case that the commune opens', async () => {
    const out = await recordResult(f.h.db, f.lab, { code: individual.lab, testType: 'rt_pcr', result: 'positive', ctValue: 22, testedAt: labTestedAt, labId: f.labId });
    expect(out).toMatchObject({ applied: 1, positives: 1, caseProposals: 1 });
    const pending = await listCaseProposals(f.h.db, f.commune, { status: 'pending' });
    expect(pending.rows).toMatchObject([{ personId: f.local[5].id, sampleCode: individual.lab, proposedStatus: 'confirmed', criterion: 'rt_pcr_positive', status: 'pending', caseId: null }]);
    const [note] = await messages('testing.notify.positive_result');
    expect(note).toMatchObject({ recipient: `unit:${f.units.hongHa}`, params: { sampleCode: individual.lab, testType: 'RT-PCR', proposed: 'ca bệnh xác định', proposalId: pending.rows[0].id } });
    expect((await refusal(acceptCaseProposal(f.h.db, f.lab, pending.rows[0].id))).code).toBe('forbidden');
    const accepted = await acceptCaseProposal(f.h.db, f.commune, pending.rows[0].id);
    expect(accepted).toMatchObject({ status: 'created', error: null });
    const opened = await getCase(f.h.db, f.commune, accepted.caseId!);
    expect(opened).toMatchObject({ status: 'confirmed', confirmation: 'test', confirmationTest: individual.lab, person: { id: f.local[5].id } });
    expect(opened.code).toMatch(/^BN\d+$/);
  });

  it('entered by a health officer who may open cases, the case opens at once', async () => {
    await recordResult(f.h.db, f.province, { code: individual.officer, testType: 'rt_pcr', result: 'positive', ctValue: 31, testedAt: hoursAgo(2) });
    const [proposal] = (await listCaseProposals(f.h.db, f.province, {})).rows.filter((p) => p.sampleCode === individual.officer);
    expect(proposal).toMatchObject({ status: 'created', proposedStatus: 'confirmed' });
    expect((await getCase(f.h.db, f.province, proposal.caseId!)).status).toBe('confirmed');
  });

  it('a rapid test read at the site proposes a suspected case, confirmed by a second positive within the hours of the profile', async () => {
    const first = await recordResult(f.h.db, f.lab, { code: individual.rapid, testType: 'rapid_antigen', result: 'positive', testedAt: hoursAgo(2.5) });
    expect(first.caseProposals).toBe(1);
    const second = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[6].id, requestedTest: 'rapid_antigen', collectedAt: hoursAgo(1) })).code;
    await recordResult(f.h.db, f.lab, { code: second, testType: 'rapid_antigen', result: 'positive', testedAt: hoursAgo(0.5) });
    const proposals = (await listCaseProposals(f.h.db, f.lab, {})).rows.filter((p) => p.personId === f.local[6].id);
    expect(proposals.map((p) => [p.sampleCode, p.proposedStatus, p.criterion])).toEqual([
      [individual.rapid, 'suspected', null],
      [second, 'confirmed', 'two_rapid_positive'],
    ]);
  });

  it('never overwrites a result: the same again changes nothing, a different one is refused', async () => {
    const same = await recordResult(f.h.db, f.lab, { code: individual.lab, testType: 'rt_pcr', result: 'positive', ctValue: 22, testedAt: labTestedAt });
    expect(same).toMatchObject({ applied: 0, unchanged: 1, positives: 0, caseProposals: 0 });
    const other = await refusal(recordResult(f.h.db, f.lab, { code: individual.lab, testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(2) }));
    expect(other).toMatchObject({ field: 'result', messageKey: 'testing.errors.already_resulted', params: { result: 'positive' } });
    expect((await getSample(f.h.db, f.lab, individual.lab)).result).toBe('positive');
  });

  it('an invalid result asks for a new sample', async () => {
    const out = await recordResult(f.h.db, f.lab, { code: individual.invalid, testType: 'rt_pcr', result: 'invalid', testedAt: hoursAgo(1) });
    expect(out).toMatchObject({ resampleTasks: 1, caseProposals: 0 });
    const tasks = await listResampleTasks(f.h.db, f.lab, {});
    expect(tasks.rows.find((t) => t.sampleCode === individual.invalid)).toMatchObject({ reason: 'invalid_result', poolCode: null, personId: f.local[9].id });
  });
});
