// Samples as the screens show them: the person (when in the reader's jurisdiction), site, pool,
// lab, custody times and the result (its own or its pool's), with the history for one sample.
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { summariesInJurisdiction } from '../people/service.js';
import type { SampleDetail, SampleState, SampleView } from '../../shared/api/testing.js';
import { testingLabs, testingPools, testingSites, type SampleRow } from './schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const idsJson = (ids: Iterable<number>) => JSON.stringify([...new Set(ids)]);

export interface ViewExtras {
  matched?: SampleView['matched'];
}

export async function sampleViews(tx: DbOrTx, actor: Actor, rows: SampleRow[], extras: ViewExtras = {}): Promise<SampleView[]> {
  if (rows.length === 0) return [];
  const poolIds = rows.flatMap((r) => (r.poolId ? [r.poolId] : []));
  const labIds = rows.flatMap((r) => (r.labId ? [r.labId] : []));
  const [people, sites, pools, poolSizes, labs, members, tasks] = await Promise.all([
    summariesInJurisdiction(tx, actor, rows.map((r) => r.personId)),
    tx.select({ id: testingSites.id, name: testingSites.name }).from(testingSites).where(inArray(testingSites.id, [...new Set(rows.map((r) => r.siteId))])),
    poolIds.length ? tx.select().from(testingPools).where(inArray(testingPools.id, [...new Set(poolIds)])) : [],
    poolIds.length
      ? queryRows<{ pool_id: number; n: number }>(tx, sql`select pool_id::int, count(*)::int as n from testing_samples where pool_id in (select (jsonb_array_elements_text(${idsJson(poolIds)}::jsonb))::bigint) group by pool_id`)
      : [],
    labIds.length ? tx.select({ id: testingLabs.id, name: testingLabs.name }).from(testingLabs).where(inArray(testingLabs.id, [...new Set(labIds)])) : [],
    queryRows<{ sample_id: number }>(
      tx,
      sql`select s.id::int as sample_id from testing_samples s join testing_campaign_members m on m.campaign_id = s.campaign_id and m.person_id = s.person_id
           where s.id in (select (jsonb_array_elements_text(${idsJson(rows.map((r) => r.id))}::jsonb))::bigint)`,
    ),
    queryRows<{ new_sample_id: number; id: number }>(
      tx,
      sql`select new_sample_id::int, id::int from testing_resample_tasks where new_sample_id in (select (jsonb_array_elements_text(${idsJson(rows.map((r) => r.id))}::jsonb))::bigint)`,
    ),
  ]);
  const site = new Map(sites.map((s) => [s.id, s]));
  const pool = new Map(pools.map((p) => [p.id, p]));
  const size = new Map(poolSizes.map((p) => [p.pool_id, p.n]));
  const lab = new Map(labs.map((l) => [l.id, l]));
  const member = new Set(members.map((m) => m.sample_id));
  const task = new Map(tasks.map((t) => [t.new_sample_id, t.id]));
  return rows.map((r) => {
    const p = r.poolId ? pool.get(r.poolId)! : null;
    const result = r.result ?? p?.result ?? null;
    return {
      id: r.id,
      code: r.code,
      personId: r.personId,
      person: people.get(r.personId) ?? null,
      site: site.get(r.siteId)!,
      campaignId: r.campaignId,
      pool: p ? { id: p.id, code: p.code, sizeLimit: p.sizeLimit, members: size.get(p.id) ?? 0, closed: p.closedAt !== null || p.state !== 'collected' } : null,
      requestedTest: r.requestedTest,
      state: r.state,
      lab: r.labId ? (lab.get(r.labId) ?? null) : null,
      collectedAt: r.collectedAt.toISOString(),
      sentAt: iso(r.sentAt),
      receivedAt: iso(r.receivedAt),
      testedAt: iso(r.testedAt),
      testType: r.testType,
      result,
      resultFrom: r.result ? 'sample' : p?.result ? 'pool' : null,
      ctValue: r.result ? r.ctValue : (p?.ctValue ?? null),
      campaignMember: member.has(r.id),
      matched: extras.matched ?? null,
      resampleTaskId: task.get(r.id) ?? null,
    };
  });
}

export async function sampleDetail(tx: DbOrTx, actor: Actor, row: SampleRow): Promise<SampleDetail> {
  const [view] = await sampleViews(tx, actor, [row]);
  const events = await queryRows<{ from_state: SampleState | null; to_state: SampleState; at: Date | string; account_name: string | null; lab_name: string | null }>(
    tx,
    sql`select e.from_state, e.to_state, e.at, a.display_name as account_name, l.name as lab_name
          from testing_sample_events e left join accounts a on a.id = e.account_id left join testing_labs l on l.id = e.lab_id
         where e.sample_id = ${row.id} order by e.id`,
  );
  return {
    ...view,
    history: events.map((e) => ({ fromState: e.from_state, toState: e.to_state, at: new Date(e.at).toISOString(), accountName: e.account_name, labName: e.lab_name })),
  };
}
