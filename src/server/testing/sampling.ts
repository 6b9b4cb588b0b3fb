// Taking a sample at a site: the person is found (by id, or by the identity given on the spot,
// registering them when new), the label scanned or a new code made, the sample pooled when the
// campaign pools, and an open re-sampling task of the person fulfilled.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { matchOrCreatePerson, summariesInJurisdiction, type MatchedBy } from '../people/service.js';
import { summariesByIds } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { profileInForce } from '../profiles/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { normalizeCode, sampleInput, type SampleDetail, type SampleInput, type SampleView } from '../../shared/api/testing.js';
import { actorScope, inUnit, visibleSite } from './access.js';
import { DISEASE, visibleCampaign } from './campaigns.js';
import { afterAdding, freshCode, poolFor } from './pooling.js';
import { sampleDetail, sampleViews } from './views.js';
import { testingResampleTasks, testingSamples, type CampaignRow, type SampleRow } from './schema.js';

/** A device clock this far ahead is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

async function personOf(tx: DbOrTx, actor: Actor, input: ReturnType<typeof parseSample>): Promise<{ id: number; matched: MatchedBy | null }> {
  if (input.personId !== null) {
    const found = (await summariesInJurisdiction(tx, actor, [input.personId])).get(input.personId);
    if (!found) throw invalid('personId', 'testing.errors.person_unknown');
    return { id: found.mergedInto ?? found.id, matched: null };
  }
  const m = await matchOrCreatePerson(tx, input.person!, { actor, source: 'testing', fieldPrefix: 'person' });
  return { id: m.personId, matched: m.matched };
}

const parseSample = (raw: SampleInput) => parseInput(sampleInput, raw);

function checkCampaign(campaign: CampaignRow, siteIds: number[], siteId: number, collectedAt: Date): void {
  if (campaign.status !== 'active') throw invalid('campaignId', 'testing.errors.campaign_closed');
  if (!siteIds.includes(siteId)) throw invalid('siteId', 'testing.errors.site_not_in_campaign');
  const day = todayInVietnam(collectedAt);
  if (day < campaign.startsOn || day > campaign.endsOn) throw invalid('collectedAt', 'testing.errors.outside_campaign_dates');
}

export async function recordSample(db: Db, actor: Actor, raw: SampleInput, now = new Date()): Promise<SampleView> {
  requirePermission(actor, 'testing.sample');
  const input = parseSample(raw);
  const collectedAt = input.collectedAt ? new Date(input.collectedAt) : now;
  if (collectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('collectedAt', 'testing.errors.time_future');
  const site = await visibleSite(db, actor, input.siteId);
  if (!site.active) throw invalid('siteId', 'testing.errors.site_inactive');
  const campaign = input.campaignId === null ? null : await visibleCampaign(db, actor, input.campaignId, 'campaignId');
  if (campaign) {
    const sites = await queryRows<{ site_id: number }>(db, sql`select site_id from testing_campaign_sites where campaign_id = ${campaign.id}`);
    checkCampaign(campaign, sites.map((r) => r.site_id), site.id, collectedAt);
    if (input.poolCode && campaign.pooling === 'none') throw invalid('poolCode', 'testing.errors.campaign_not_pooled');
  }
  const retestAlone = (await profileInForce(db, DISEASE, todayInVietnam(collectedAt))).rules.testing.pooling.retestMembersIndividually;

  return db.transaction(async (tx) => {
    const person = await personOf(tx, actor, input);
    const place = (await summariesByIds(tx, [person.id])).get(person.id)!;
    if (input.code) {
      const [taken] = await tx.select({ id: testingSamples.id }).from(testingSamples).where(eq(testingSamples.code, input.code));
      if (taken) throw new AppError('conflict', 'testing.errors.code_taken', { code: input.code }, 'code');
    }
    const code = input.code ?? (await freshCode(tx, 'sample'));
    const [task] = await tx
      .select()
      .from(testingResampleTasks)
      .where(and(eq(testingResampleTasks.personId, person.id), eq(testingResampleTasks.status, 'open')))
      .orderBy(asc(testingResampleTasks.dueAt))
      .limit(1)
      .for('update');
    // A member of a positive pool is tested on their own the second time (profile: retestMembersIndividually).
    const pooled = campaign !== null && campaign.pooling !== 'none' && !(task && retestAlone);
    if (!pooled && input.poolCode) throw invalid('poolCode', 'testing.errors.retest_alone');
    const pool = pooled ? await poolFor(tx, actor, { campaign: campaign!, siteId: site.id, person: place, poolCode: input.poolCode, collectedAt }) : null;
    const [row] = await tx
      .insert(testingSamples)
      .values({
        code,
        personId: person.id,
        communeId: place.communeId,
        districtId: place.districtId,
        provinceId: place.provinceId,
        siteId: site.id,
        campaignId: campaign?.id ?? null,
        poolId: pool?.id ?? null,
        requestedTest: input.requestedTest,
        stateBy: actor.accountId,
        collectedAt,
        collectedBy: actor.accountId,
      })
      .returning();
    if (pool) await afterAdding(tx, pool);
    if (task) await tx.update(testingResampleTasks).set({ status: 'done', newSampleId: row.id, doneAt: now }).where(eq(testingResampleTasks.id, task.id));
    await audit.record(tx, actor, {
      action: 'create',
      entity: 'testing_sample',
      entityId: row.id,
      personId: person.id,
      details: { code, pool: pool?.code ?? null, campaignId: campaign?.id ?? null, resampleTaskId: task?.id ?? null },
    });
    return (await sampleViews(tx, actor, [row], { matched: person.matched }))[0];
  });
}

/** A sample (by its code) taken at a site of the jurisdiction or of a person in it, with its history; audited. */
export async function getSample(db: Db, actor: Actor, rawCode: string): Promise<SampleDetail> {
  requirePermission(actor, 'testing.read');
  const code = normalizeCode(rawCode);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(testingSamples)
      .where(
        and(
          eq(testingSamples.code, code),
          sql`(${inUnit(actorScope(actor), 'testing_samples')} or exists (select 1 from testing_sites s where s.id = ${testingSamples.siteId} and ${inUnit(actorScope(actor), 's')}))`,
        ),
      );
    if (!row) throw notFound('testing.errors.sample_unknown');
    await audit.record(tx, actor, { action: 'read', entity: 'testing_sample', entityId: row.id, personId: row.personId });
    return sampleDetail(tx, actor, row as SampleRow);
  });
}
