// What new results set off, in the transaction that records them: re-sampling tasks for the
// members of a positive (or unreadable) pool and for an invalid individual result, a case
// proposal for each positive individual result (confirmed or suspected by the profile's case
// definition), and messages to the commune through the outbox. Proposals become cases at once
// when the account recording the results may open cases; otherwise the commune accepts them.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { can } from '../../shared/roles.js';
import { translate } from '../../shared/i18n/index.js';
import { formatDateTime, todayInVietnam } from '../../shared/vn/dates.js';
import { profileInForce } from '../profiles/service.js';
import { currentLevels } from '../cases/service.js';
import { communeRecipient, enqueue, type NewMessage } from '../cases/outbox.js';
import { DISEASE } from './campaigns.js';
import { openProposedCases } from './case-proposals.js';

/** Due time of a re-sample outside any campaign (campaigns set their own, resampleDueHours). */
export const DEFAULT_RESAMPLE_HOURS = 24;

export interface FollowUps {
  positives: number;
  positivePools: number;
  resampleTasks: number;
  caseProposals: number;
}

interface Positive {
  id: number;
  code: string;
  person_id: number;
  commune_id: number;
  district_id: number | null;
  province_id: number;
  test_type: 'rt_pcr' | 'rapid_antigen';
  tested_at: Date | string;
  collected_at: Date | string;
}

async function resampleTasks(tx: DbOrTx, now: Date): Promise<{ tasks: number; byPool: { pool_id: number; code: string; commune_id: number; n: number }[] }> {
  const due = (alias: string) => sql`${now.toISOString()}::timestamptz + make_interval(hours => coalesce(${sql.raw(alias)}.resample_due_hours, ${DEFAULT_RESAMPLE_HOURS}))`;
  const created = await queryRows<{ pool_id: number | null; commune_id: number }>(
    tx,
    sql`insert into testing_resample_tasks (person_id, sample_id, pool_id, campaign_id, reason, commune_id, district_id, province_id, due_at)
        select s.person_id, s.id, s.pool_id, s.campaign_id, case when a.result = 'positive' then 'pool_positive' else 'pool_invalid' end,
               s.commune_id, s.district_id, s.province_id, ${due('c')}
          from testing_applied a join testing_samples s on s.pool_id = a.id left join testing_campaigns c on c.id = s.campaign_id
         where a.kind = 'pool' and a.result in ('positive', 'invalid')
        union all
        select s.person_id, s.id, null, s.campaign_id, 'invalid_result', s.commune_id, s.district_id, s.province_id, ${due('c')}
          from testing_applied a join testing_samples s on s.id = a.id left join testing_campaigns c on c.id = s.campaign_id
         where a.kind = 'sample' and a.result = 'invalid'
        on conflict (sample_id) do nothing
        returning pool_id::int, commune_id`,
  );
  const byPool = new Map<string, { pool_id: number; code: string; commune_id: number; n: number }>();
  for (const t of created) {
    if (t.pool_id === null) continue;
    const key = `${t.pool_id}:${t.commune_id}`;
    const cur = byPool.get(key) ?? { pool_id: t.pool_id, code: '', commune_id: t.commune_id, n: 0 };
    cur.n++;
    byPool.set(key, cur);
  }
  if (byPool.size) {
    const codes = await queryRows<{ id: number; code: string }>(tx, sql`select a.id::int, p.code from testing_applied a join testing_pools p on p.id = a.id where a.kind = 'pool'`);
    const code = new Map(codes.map((c) => [c.id, c.code]));
    for (const g of byPool.values()) g.code = code.get(g.pool_id) ?? '';
  }
  return { tasks: created.length, byPool: [...byPool.values()] };
}

/** Confirmed or suspected, and by which criterion of the case definition in force on the sample's day. */
async function proposals(tx: DbOrTx, positives: Positive[]) {
  const rapid = positives.filter((p) => p.test_type === 'rapid_antigen');
  const levels = await currentLevels(tx, rapid.map((p) => p.person_id));
  const earlier = rapid.length
    ? await queryRows<{ id: number; person_id: number; tested_at: Date | string }>(
        tx,
        sql`select id::int, person_id::int, tested_at from testing_samples
             where result = 'positive' and test_type = 'rapid_antigen'
               and person_id in (select (jsonb_array_elements_text(${JSON.stringify([...new Set(rapid.map((p) => p.person_id))])}::jsonb))::bigint)`,
      )
    : [];
  const rulesByDay = new Map<string, Awaited<ReturnType<typeof profileInForce>>['rules']['caseDefinition']>();
  const out = [];
  for (const p of positives) {
    const day = todayInVietnam(new Date(p.collected_at));
    if (!rulesByDay.has(day)) rulesByDay.set(day, (await profileInForce(tx, DISEASE, day)).rules.caseDefinition);
    const def = rulesByDay.get(day)!;
    const testedAt = new Date(p.tested_at).getTime();
    const secondRapid = earlier.some((e) => e.person_id === p.person_id && e.id !== p.id && Math.abs(new Date(e.tested_at).getTime() - testedAt) <= def.repeatRapidWithinHours * 3_600_000);
    const criterion =
      p.test_type === 'rt_pcr'
        ? def.confirmedBy.includes('rt_pcr_positive') ? 'rt_pcr_positive' : null
        : def.confirmedBy.includes('two_rapid_positive') && secondRapid
          ? 'two_rapid_positive'
          : def.confirmedBy.includes('f1_rapid_positive') && levels.get(p.person_id)?.level === 1
            ? 'f1_rapid_positive'
            : null;
    out.push({ ...p, proposedStatus: criterion ? ('confirmed' as const) : ('suspected' as const), criterion });
  }
  return out;
}

export async function followUpResults(tx: DbOrTx, actor: Actor, now: Date): Promise<FollowUps> {
  const tasks = await resampleTasks(tx, now);
  const positives = await queryRows<Positive>(
    tx,
    sql`select s.id::int, s.code, s.person_id::int, s.commune_id, s.district_id, s.province_id, a.test_type, a.tested_at, s.collected_at
          from testing_applied a join testing_samples s on s.id = a.id where a.kind = 'sample' and a.result = 'positive' order by s.id`,
  );
  const [{ pools }] = await queryRows<{ pools: number }>(tx, sql`select count(*)::int as pools from testing_applied where kind = 'pool' and result = 'positive'`);
  const proposed = await proposals(tx, positives);
  const stored = proposed.length
    ? await queryRows<{ id: number; sample_id: number }>(
        tx,
        sql`insert into testing_case_proposals (sample_id, person_id, commune_id, district_id, province_id, proposed_status, criterion)
            select * from jsonb_to_recordset(${JSON.stringify(
              proposed.map((p) => ({ sample_id: p.id, person_id: p.person_id, commune_id: p.commune_id, district_id: p.district_id, province_id: p.province_id, proposed_status: p.proposedStatus, criterion: p.criterion })),
            )}::jsonb) as x(sample_id bigint, person_id bigint, commune_id int, district_id int, province_id int, proposed_status text, criterion text)
            on conflict (sample_id) do nothing returning id::int, sample_id::int`,
      )
    : [];
  const proposalOf = new Map(stored.map((s) => [s.sample_id, s.id]));
  const messages: NewMessage[] = [
    ...proposed.map((p) => ({
      channel: 'log' as const,
      recipient: communeRecipient(p.commune_id),
      template: 'testing.notify.positive_result',
      params: {
        sampleCode: p.code,
        testType: translate('vi', `testing.testType.${p.test_type}`),
        proposed: translate('vi', `testing.proposedStatus.${p.proposedStatus}`),
        proposalId: proposalOf.get(p.id) ?? null,
        testedAt: formatDateTime(new Date(p.tested_at)),
      },
    })),
    ...tasks.byPool.map((g) => ({
      channel: 'log' as const,
      recipient: communeRecipient(g.commune_id),
      template: 'testing.notify.pool_resample',
      params: { poolCode: g.code, count: g.n },
    })),
  ];
  await enqueue(tx, messages);
  if (stored.length && can(actor.role, 'cases.write')) await openProposedCases(tx, actor, stored.map((s) => s.id));
  return { positives: positives.length, positivePools: pools, resampleTasks: tasks.tasks, caseProposals: stored.length };
}
