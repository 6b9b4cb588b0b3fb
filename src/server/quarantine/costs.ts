// Costs of stays: per stay the profile's per-day support for its risk times its days, up to the
// profile's cap for the risk (cost-rules.ts,
// the same rule written once more here in SQL so totals over a province's stays are one
// statement), with totals per facility (home stays together) and per funding source. Each stay
// is priced by the profile it was admitted under.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { costsQuery, type CostRow, type CostsQuery, type CostsResponse } from '../../shared/api/quarantine-monitoring.js';
import { STAY_RISKS } from '../../shared/api/quarantine.js';
import { dailyAmount, maxPaidDays } from './cost-rules.js';
import { rulesByProfile } from './home.js';
import { E, scopeFor, stayInScope } from './monitoring-access.js';

type Query = ReturnType<typeof costsQuery.parse>;

/** The stays a costs query covers (alias s, facility f), and the per-day amounts of their profiles. */
export async function costScope(db: DbOrTx, actor: Actor, q: Query, now: Date) {
  requirePermission(actor, 'quarantine.read');
  if (q.from && q.to && q.to < q.from) throw invalid('to', E('window_order'));
  const scope = await scopeFor(db, actor, q.unitId);
  const where = sql.join(
    [
      stayInScope(actor, scope),
      q.facilityId ? sql`s.facility_id = ${q.facilityId}` : undefined,
      q.status ? sql`s.status = ${q.status}` : undefined,
      q.from ? sql`s.admission_day >= ${q.from}::date` : undefined,
      q.to ? sql`s.admission_day <= ${q.to}::date` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` and `,
  );
  const profiles = await queryRows<{ profile_id: number }>(db, sql`select distinct s.profile_id from stays s left join facilities f on f.id = s.facility_id where ${where}`);
  const rules = await rulesByProfile(db, profiles.map((p) => p.profile_id));
  const amounts: Record<string, number> = {};
  const caps: Record<string, number> = {};
  for (const [id, r] of rules) {
    for (const risk of STAY_RISKS) {
      amounts[`${id}:${risk}`] = dailyAmount(r, risk);
      const cap = maxPaidDays(r, risk);
      if (cap !== null) caps[`${id}:${risk}`] = cap;
    }
  }
  const today = todayInVietnam(now);
  // One row per stay with its days and amount; see stayDays in cost-rules.ts for the day count.
  const stays = sql`
    select s.id, s.person_id, s.facility_id, f.name as facility_name, s.place, s.kind, s.risk, s.status, s.funding_source, s.admission_day,
           case when s.status = 'active' then null else coalesce((s.discharged_at at time zone 'Asia/Ho_Chi_Minh')::date, ${today}::date) end as end_day,
           case when s.status = 'active' then greatest(1, ${today}::date - s.admission_day + 1)
                else greatest(1, coalesce((s.discharged_at at time zone 'Asia/Ho_Chi_Minh')::date, ${today}::date) - s.admission_day) end as days,
           coalesce((${JSON.stringify(amounts)}::jsonb ->> (s.profile_id || ':' || s.risk))::int, 0) as daily,
           (${JSON.stringify(caps)}::jsonb ->> (s.profile_id || ':' || s.risk))::int as cap
      from stays s left join facilities f on f.id = s.facility_id
     where ${where}`;
  // The days paid for: paidDays in cost-rules.ts.
  const priced = sql`select d.*, least(d.days, coalesce(d.cap, d.days)) as paid_days from (${stays}) d`;
  return { priced, today };
}

interface PricedRow {
  id: number;
  person_id: number;
  full_name: string;
  birth_year: number;
  facility_id: number | null;
  facility_name: string | null;
  place: CostRow['place'];
  kind: CostRow['kind'];
  risk: CostRow['risk'];
  status: CostRow['status'];
  funding_source: CostRow['fundingSource'];
  admission_day: string;
  end_day: string | null;
  days: number;
  paid_days: number;
  daily: number;
}

export function costRowOf(r: PricedRow): CostRow {
  return {
    stayId: r.id,
    person: { id: r.person_id, fullName: r.full_name, birthYear: r.birth_year },
    facility: r.facility_id === null ? null : { id: r.facility_id, name: r.facility_name ?? '' },
    place: r.place,
    kind: r.kind,
    risk: r.risk,
    status: r.status,
    fundingSource: r.funding_source,
    admissionDay: r.admission_day,
    endDay: r.end_day,
    days: r.days,
    paidDays: r.paid_days,
    dailyVnd: r.daily,
    amountVnd: r.paid_days * r.daily,
  };
}

/** The priced stays in pages of `limit` (or all with limit null), oldest admission first. */
export function pricedRows(db: DbOrTx, priced: SQL, limit: number | null, offset: number) {
  return queryRows<PricedRow>(
    db,
    sql`select c.id::int, c.person_id::int, p.full_name, p.birth_year, c.facility_id, c.facility_name, c.place, c.kind, c.risk, c.status, c.funding_source,
               to_char(c.admission_day, 'YYYY-MM-DD') as admission_day, to_char(c.end_day, 'YYYY-MM-DD') as end_day, c.days, c.paid_days, c.daily
          from (${priced}) c join people p on p.id = c.person_id
         order by c.admission_day, c.id ${limit === null ? sql`` : sql`limit ${limit} offset ${offset}`}`,
  );
}

export async function costTotals(db: DbOrTx, priced: SQL) {
  const groups = await queryRows<{ by_facility: number; by_source: number; facility_id: number | null; facility_name: string | null; funding_source: CostRow['fundingSource'] | null; stays: number; days: number; paid_days: number; amount: string | number }>(
    db,
    sql`select grouping(c.facility_id, c.facility_name)::int as by_facility, grouping(c.funding_source)::int as by_source,
               c.facility_id, c.facility_name, c.funding_source, count(*)::int as stays, coalesce(sum(c.days), 0)::int as days, coalesce(sum(c.paid_days), 0)::int as paid_days, coalesce(sum(c.paid_days * c.daily), 0)::bigint as amount
          from (${priced}) c
         group by grouping sets ((), (c.facility_id, c.facility_name), (c.funding_source))
         order by c.facility_name nulls first, c.funding_source`,
  );
  const money = (g: (typeof groups)[number]) => ({ stays: g.stays, days: g.days, paidDays: g.paid_days, amountVnd: Number(g.amount) });
  const total = groups.find((g) => g.by_facility !== 0 && g.by_source === 1);
  return {
    totals: total ? money(total) : { stays: 0, days: 0, paidDays: 0, amountVnd: 0 },
    byFacility: groups
      .filter((g) => g.by_facility === 0)
      .map((g) => ({ facility: g.facility_id === null ? null : { id: g.facility_id, name: g.facility_name ?? '' }, ...money(g) })),
    byFundingSource: groups.filter((g) => g.by_source === 0 && g.funding_source !== null).map((g) => ({ fundingSource: g.funding_source!, ...money(g) })),
  };
}

export async function stayCosts(db: Db, actor: Actor, raw: CostsQuery, now = new Date()): Promise<CostsResponse> {
  const q = parseInput(costsQuery, raw);
  const { priced, today } = await costScope(db, actor, q, now);
  const [rows, sums] = await Promise.all([pricedRows(db, priced, q.limit, q.offset), costTotals(db, priced)]);
  await audit.recordMany(db, actor, [
    { action: 'search', entity: 'stay_costs', details: { ...q, total: sums.totals.stays } },
    ...[...new Set(rows.map((r) => r.person_id))].map((personId) => ({ action: 'read' as const, entity: 'stay_cost', personId })),
  ]);
  return { asOf: today, total: sums.totals.stays, rows: rows.map(costRowOf), ...sums };
}
