// The testing capacity view, in aggregates only: samples per day by site and by lab, turnaround
// from collection to result (median and 90th percentile), the backlog waiting at each step, and
// positivity by commune and by campaign. Figures about the work (sites, labs, backlog, campaigns)
// count samples taken at the jurisdiction's sites; positivity by commune counts the samples of
// the people who live in it, wherever they were taken. Days are Vietnam days.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import { parseInput } from '../people/validate.js';
import { capacityQuery, type CapacityQuery, type CapacityResponse } from '../../shared/api/testing.js';
import { inUnit, scopeFor } from './access.js';
import { communeNames } from './sites.js';

const MAX_DAYS = 92;
const DAY = sql.raw(`'Asia/Ho_Chi_Minh'`);
const pct = (positive: number, tested: number) => (tested === 0 ? null : Math.round((positive / tested) * 10_000) / 100);
const hours = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

interface Window {
  from: string;
  to: string;
}
const inWindow = (column: string, w: Window): SQL =>
  sql`${sql.raw(column)} >= (${w.from}::date)::timestamp at time zone ${DAY} and ${sql.raw(column)} < (${w.to}::date + 1)::timestamp at time zone ${DAY}`;
const dayOf = (column: string) => sql`to_char(${sql.raw(column)} at time zone ${DAY}, 'YYYY-MM-DD')`;

export async function capacityView(db: Db, actor: Actor, raw: CapacityQuery): Promise<CapacityResponse> {
  requirePermission(actor, 'testing.capacity');
  const q = parseInput(capacityQuery, raw);
  if (q.to < q.from) throw invalid('to', 'testing.errors.window_order');
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) throw invalid('to', 'testing.errors.window_too_long', { days: MAX_DAYS });
  const scope = await scopeFor(db, actor, q.unitId);
  const sites = inUnit(scope, 't');
  const people = inUnit(scope, 's');
  const w = { from: q.from, to: q.to };

  const [bySite, byLab, turnaround, backlog, communes, campaigns] = await Promise.all([
    queryRows<{ day: string; id: number; name: string; n: number }>(
      db,
      sql`select ${dayOf('s.collected_at')} as day, t.id, t.name, count(*)::int as n
            from testing_samples s join testing_sites t on t.id = s.site_id
           where ${sites} and ${inWindow('s.collected_at', w)} group by 1, 2, 3 order by 1, 2`,
    ),
    queryRows<{ day: string; id: number; name: string; received: number; tested: number }>(
      db,
      sql`select x.day, l.id, l.name, sum(x.received)::int as received, sum(x.tested)::int as tested
            from (select ${dayOf('s.received_at')} as day, s.lab_id, 1 as received, 0 as tested
                    from testing_samples s join testing_sites t on t.id = s.site_id where ${sites} and ${inWindow('s.received_at', w)}
                  union all
                  select ${dayOf('s.tested_at')}, s.lab_id, 0, 1
                    from testing_samples s join testing_sites t on t.id = s.site_id where ${sites} and s.lab_id is not null and ${inWindow('s.tested_at', w)}) x
            join testing_labs l on l.id = x.lab_id
           group by 1, 2, 3 order by 1, 2`,
    ),
    queryRows<{ total: number; lab_id: number | null; name: string | null; n: number; p50: number | null; p90: number | null }>(
      db,
      sql`select grouping(s.lab_id)::int as total, s.lab_id, l.name, count(*)::int as n,
                 percentile_cont(0.5) within group (order by extract(epoch from s.tested_at - s.collected_at) / 3600) as p50,
                 percentile_cont(0.9) within group (order by extract(epoch from s.tested_at - s.collected_at) / 3600) as p90
            from testing_samples s join testing_sites t on t.id = s.site_id left join testing_labs l on l.id = s.lab_id
           where ${sites} and s.state = 'tested' and ${inWindow('s.tested_at', w)}
           group by grouping sets ((s.lab_id, l.name), ()) order by l.name nulls first`,
    ),
    queryRows<{ state: 'collected' | 'sent' | 'received'; n: number; oldest: Date | string | null }>(
      db,
      sql`select s.state, count(*)::int as n, min(s.collected_at) as oldest
            from testing_samples s join testing_sites t on t.id = s.site_id
           where ${sites} and s.state <> 'tested' group by 1`,
    ),
    queryRows<{ commune_id: number; province_id: number; tested: number; positive: number }>(
      db,
      sql`select s.commune_id, min(s.province_id) as province_id,
                 count(*) filter (where s.result in ('positive', 'negative') or (s.result is null and p.result = 'negative'))::int as tested,
                 count(*) filter (where s.result = 'positive')::int as positive
            from testing_samples s left join testing_pools p on p.id = s.pool_id
           where ${people} and s.state = 'tested' and ${inWindow('s.tested_at', w)}
           group by s.commune_id order by s.commune_id`,
    ),
    queryRows<{ id: number; name: string; tested: number; positive: number }>(
      db,
      sql`select c.id, c.name,
                 count(*) filter (where s.result in ('positive', 'negative') or (s.result is null and p.result = 'negative'))::int as tested,
                 count(*) filter (where s.result = 'positive')::int as positive
            from testing_samples s join testing_sites t on t.id = s.site_id join testing_campaigns c on c.id = s.campaign_id
            left join testing_pools p on p.id = s.pool_id
           where ${sites} and s.state = 'tested' and ${inWindow('s.tested_at', w)}
           group by c.id, c.name order by c.id`,
    ),
  ]);
  const names = await communeNames(db, communes.map((c) => c.province_id));
  const overall = turnaround.find((t) => t.total === 1);
  return {
    bySite: bySite.map((r) => ({ day: r.day, site: { id: r.id, name: r.name }, collected: r.n })),
    byLab: byLab.map((r) => ({ day: r.day, lab: { id: r.id, name: r.name }, received: r.received, tested: r.tested })),
    turnaround: { samples: overall?.n ?? 0, p50Hours: hours(overall?.p50 ?? null), p90Hours: hours(overall?.p90 ?? null) },
    turnaroundByLab: turnaround
      .filter((t) => t.total === 0 && t.lab_id !== null)
      .map((t) => ({ lab: { id: t.lab_id!, name: t.name ?? '' }, samples: t.n, p50Hours: hours(t.p50), p90Hours: hours(t.p90) })),
    backlog: (['collected', 'sent', 'received'] as const).map((state) => {
      const b = backlog.find((r) => r.state === state);
      return { state, samples: b?.n ?? 0, oldestAt: b?.oldest ? new Date(b.oldest).toISOString() : null };
    }),
    positivityByCommune: communes.map((c) => ({ commune: { id: c.commune_id, name: names.get(c.commune_id) ?? '' }, tested: c.tested, positive: c.positive, positivityPct: pct(c.positive, c.tested) })),
    positivityByCampaign: campaigns.map((c) => ({ campaign: { id: c.id, name: c.name }, tested: c.tested, positive: c.positive, positivityPct: pct(c.positive, c.tested) })),
  };
}
