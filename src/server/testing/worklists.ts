// The lists staff work from: a campaign's drawn members (who is still to be sampled) and the
// re-sampling tasks of the jurisdiction. People outside the reader's jurisdiction are listed
// without a name; every read is audited.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { membersQuery, resampleTasksQuery, type MembersQuery, type MembersResponse, type ResampleTasksQuery } from '../../shared/api/testing.js';
import { actorScope, inUnit } from './access.js';
import { visibleCampaign } from './campaigns.js';

export async function campaignMembers(db: Db, actor: Actor, campaignId: number, raw: MembersQuery = {}): Promise<MembersResponse> {
  requirePermission(actor, 'testing.read');
  const q = parseInput(membersQuery, raw);
  return db.transaction(async (tx) => {
    const campaign = await visibleCampaign(tx, actor, campaignId);
    const status = q.status === 'sampled' ? sql`and x.sample_code is not null` : q.status === 'pending' ? sql`and x.sample_code is null` : sql``;
    const rows = await queryRows<{ rank: number; person_id: number; sample_code: string | null; total: number }>(
      tx,
      sql`select x.*, (count(*) over ())::int as total from (
            select m.rank, m.person_id::int,
                   (select s.code from testing_samples s where s.campaign_id = m.campaign_id and s.person_id = m.person_id order by s.collected_at limit 1) as sample_code
              from testing_campaign_members m where m.campaign_id = ${campaign.id}) x
          where true ${status} order by x.rank limit ${q.limit} offset ${q.offset}`,
    );
    const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.person_id));
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'testing_campaign_members', entityId: campaign.id, details: { status: q.status ?? null, total: rows[0]?.total ?? 0 } },
      ...[...people.keys()].map((personId) => ({ action: 'read' as const, entity: 'testing_campaign_members', entityId: campaign.id, personId })),
    ]);
    return {
      total: rows[0]?.total ?? 0,
      rows: rows.map((r) => ({ rank: r.rank, personId: r.person_id, person: people.get(r.person_id) ?? null, sampleCode: r.sample_code })),
    };
  });
}

interface TaskRow {
  id: number;
  person_id: number;
  sample_code: string;
  pool_code: string | null;
  campaign_id: number | null;
  reason: 'pool_positive' | 'pool_invalid' | 'invalid_result';
  due_at: Date | string;
  status: 'open' | 'done' | 'cancelled';
  new_sample_code: string | null;
  total: number;
}

export async function listResampleTasks(db: Db, actor: Actor, raw: ResampleTasksQuery = {}, now = new Date()) {
  requirePermission(actor, 'testing.read');
  const q = parseInput(resampleTasksQuery, raw);
  return db.transaction(async (tx) => {
    const rows = await queryRows<TaskRow>(
      tx,
      sql`select r.id::int, r.person_id::int, s.code as sample_code, p.code as pool_code, r.campaign_id, r.reason, r.due_at, r.status,
                 n.code as new_sample_code, (count(*) over ())::int as total
            from testing_resample_tasks r join testing_samples s on s.id = r.sample_id
            left join testing_pools p on p.id = r.pool_id left join testing_samples n on n.id = r.new_sample_id
           where ${inUnit(actorScope(actor), 'r')} and r.status = ${q.status}
             ${q.campaignId ? sql`and r.campaign_id = ${q.campaignId}` : sql``}
           order by r.due_at, r.id limit ${q.limit} offset ${q.offset}`,
    );
    const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.person_id));
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'testing_resample_tasks', details: { status: q.status, total: rows[0]?.total ?? 0 } },
      ...rows.map((r) => ({ action: 'read' as const, entity: 'testing_resample_task', entityId: r.id, personId: r.person_id })),
    ]);
    return {
      total: rows[0]?.total ?? 0,
      rows: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        person: people.get(r.person_id) ?? null,
        sampleCode: r.sample_code,
        poolCode: r.pool_code,
        campaignId: r.campaign_id,
        reason: r.reason,
        dueAt: new Date(r.due_at).toISOString(),
        overdue: r.status === 'open' && new Date(r.due_at) < now,
        status: r.status,
        newSampleCode: r.new_sample_code,
      })),
    };
  });
}
