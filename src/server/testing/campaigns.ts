// Sampling campaigns: a target group, an optional random share of it drawn reproducibly, pooling
// from the disease profile, sites and dates. The drawn people are stored as the members.
import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { can } from '../../shared/roles.js';
import { invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { profileInForce } from '../profiles/service.js';
import { parseInput } from '../people/validate.js';
import { campaignInput, type CampaignInput, type CampaignView } from '../../shared/api/testing.js';
import { actorScope, inUnit, unitPlace, visibleSite } from './access.js';
import { candidatesOf } from './targets.js';
import { testingCampaignSites, testingCampaigns, testingSites, type CampaignRow } from './schema.js';

export const DISEASE = 'covid-19';

/**
 * Stores the first share % of the candidates in the order of md5(campaign:seed:person): the same
 * campaign and seed always draw the same people, and a different seed draws others. Returns how
 * many candidates there were and how many were drawn.
 */
export async function drawMembers(tx: DbOrTx, campaignId: number, seed: number, sharePct: number | null, candidates: SQL): Promise<{ candidates: number; members: number }> {
  const [r] = await queryRows<{ candidates: number; members: number }>(
    tx,
    sql`with c as (select distinct id from (${candidates}) x),
             ranked as (select id, row_number() over (order by md5(${`${campaignId}:${seed}:`} || id::text) collate "C", id) as rank from c),
             drawn as (
               insert into testing_campaign_members (campaign_id, person_id, rank)
               select ${campaignId}, id, rank from ranked
                where rank <= ceil((select count(*) from c) * ${sharePct ?? 100}::numeric / 100)
               returning 1)
        select (select count(*) from c)::int as candidates, (select count(*) from drawn)::int as members`,
  );
  return r;
}

/** Campaigns the actor may see: run for a unit of the jurisdiction, or using one of its sites. */
function visibleCondition(actor: Actor) {
  const scope = actorScope(actor);
  return sql`(${inUnit(scope, 'testing_campaigns')} or exists (
    select 1 from testing_campaign_sites cs join testing_sites s on s.id = cs.site_id
     where cs.campaign_id = testing_campaigns.id and ${inUnit(scope, 's')}))`;
}

export async function visibleCampaign(db: DbOrTx, actor: Actor, id: number, field?: string): Promise<CampaignRow> {
  const [row] = await db.select().from(testingCampaigns).where(and(eq(testingCampaigns.id, id), visibleCondition(actor)));
  if (!row) throw field ? invalid(field, 'testing.errors.campaign_unknown') : notFound('testing.errors.campaign_unknown');
  return row;
}

export async function campaignViews(db: DbOrTx, rows: CampaignRow[]): Promise<CampaignView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sites, counts, units] = await Promise.all([
    db
      .select({ campaignId: testingCampaignSites.campaignId, id: testingSites.id, name: testingSites.name })
      .from(testingCampaignSites)
      .innerJoin(testingSites, eq(testingSites.id, testingCampaignSites.siteId))
      .where(inArray(testingCampaignSites.campaignId, ids)),
    queryRows<{ id: number; members: number; sampled: number; sampled_members: number }>(
      db,
      sql`select c.id,
                 (select count(*) from testing_campaign_members m where m.campaign_id = c.id)::int as members,
                 (select count(distinct s.person_id) from testing_samples s where s.campaign_id = c.id)::int as sampled,
                 (select count(*) from testing_campaign_members m where m.campaign_id = c.id
                     and exists (select 1 from testing_samples s where s.campaign_id = c.id and s.person_id = m.person_id))::int as sampled_members
            from testing_campaigns c where c.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`,
    ),
    queryRows<{ id: number; full_name: string }>(db, sql`select id, full_name from admin_units where id in (select (jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.unitId))}::jsonb))::int)`),
  ]);
  const count = new Map(counts.map((c) => [c.id, c]));
  const unitName = new Map(units.map((u) => [u.id, u.full_name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unit: { id: r.unitId, name: unitName.get(r.unitId) ?? '' },
    targetKind: r.targetKind,
    // A list of people is stored whole but shown by its length: it may hold 50,000 ids.
    target: r.targetKind === 'explicit' ? { kind: 'explicit', people: (r.target.personIds as unknown[]).length } : r.target,
    sharePct: r.sharePct,
    seed: r.seed,
    pooling: r.pooling,
    poolSize: r.poolSize,
    poolGroupBy: r.poolGroupBy,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    resampleDueHours: r.resampleDueHours,
    sites: sites.filter((s) => s.campaignId === r.id).map((s) => ({ id: s.id, name: s.name })),
    candidates: r.candidates,
    outsideJurisdiction: r.outsideJurisdiction,
    members: count.get(r.id)?.members ?? 0,
    sampled: count.get(r.id)?.sampled ?? 0,
    sampledMembers: count.get(r.id)?.sampled_members ?? 0,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function createCampaign(db: Db, actor: Actor, raw: CampaignInput): Promise<CampaignView> {
  requirePermission(actor, 'testing.manage');
  const input = parseInput(campaignInput, raw);
  const place = await unitPlace(db, actor, input.unitId);
  for (const [i, siteId] of input.siteIds.entries()) await visibleSite(db, actor, siteId, `siteIds[${i}]`);
  const profile = await profileInForce(db, DISEASE, input.startsOn).catch(() => {
    throw invalid('startsOn', 'testing.errors.no_profile');
  });
  const pooling = profile.rules.testing.pooling;
  if (input.poolGroupBy && !pooling.groupBy.includes(input.poolGroupBy)) throw invalid('poolGroupBy', 'testing.errors.group_not_in_profile');
  const poolSize = input.pooling === 'none' ? null : input.pooling === 'low_risk' ? pooling.lowRiskPoolSize : pooling.highRiskPoolSize;
  const seed = input.seed ?? randomInt(2 ** 31 - 1);
  const candidates = await candidatesOf(db, actor, input.target);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(testingCampaigns)
      .values({
        name: input.name,
        unitId: place.unit.id,
        communeId: place.communeId,
        districtId: place.districtId,
        provinceId: place.provinceId,
        targetKind: input.target.kind,
        target: input.target as Record<string, unknown>,
        sharePct: input.sharePct,
        seed,
        pooling: input.pooling,
        poolSize,
        poolGroupBy: input.poolGroupBy,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        resampleDueHours: input.resampleDueHours,
        outsideJurisdiction: candidates.outsideJurisdiction,
        profileId: profile.id,
        createdBy: actor.accountId,
      })
      .returning();
    await tx.insert(testingCampaignSites).values([...new Set(input.siteIds)].map((siteId) => ({ campaignId: row.id, siteId })));
    const drawn = await drawMembers(tx, row.id, seed, input.sharePct, candidates.ids);
    const [saved] = await tx.update(testingCampaigns).set({ candidates: drawn.candidates }).where(eq(testingCampaigns.id, row.id)).returning();
    await audit.record(tx, actor, {
      action: 'create',
      entity: 'testing_campaign',
      entityId: row.id,
      details: { target: input.target.kind, sharePct: input.sharePct, seed, ...drawn },
    });
    return (await campaignViews(tx, [saved]))[0];
  });
}

export async function listCampaigns(db: Db, actor: Actor): Promise<{ rows: CampaignView[] }> {
  // Sample takers pick the campaign they sample for; a campaign's view holds no personal data.
  if (!can(actor.role, 'testing.read')) requirePermission(actor, 'testing.sample');
  const rows = await db.select().from(testingCampaigns).where(visibleCondition(actor)).orderBy(sql`${testingCampaigns.startsOn} desc, ${testingCampaigns.id} desc`).limit(500);
  return { rows: await campaignViews(db, rows) };
}

export async function getCampaign(db: Db, actor: Actor, id: number): Promise<CampaignView> {
  requirePermission(actor, 'testing.read');
  return (await campaignViews(db, [await visibleCampaign(db, actor, id)]))[0];
}
