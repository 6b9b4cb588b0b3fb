// Chain of custody: a batch of samples and pools (a pool moves with every sample in it) is sent
// from a site to a lab and received there, with the time and the account. Every code of the
// batch is checked first; one problem refuses the whole batch, each problem named by position.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound, type RowProblem } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { custodyBody, normalizeCode, type CustodyBody, type SampleState } from '../../shared/api/testing.js';
import { actorScope, inUnit, labInProvince, labOfActor, placeInScope } from './access.js';

const CLOCK_SKEW_MS = 5 * 60_000;
const BEFORE: Record<'sent' | 'received', SampleState> = { sent: 'collected', received: 'sent' };

interface Resolved {
  i: number;
  code: string;
  kind: 'sample' | 'pool' | null;
  id: number | null;
  in_pool: string | null;
  state: SampleState | null;
  lab_id: number | null;
  last_at: Date | string | null;
  site_commune: number | null;
  site_district: number | null;
  site_province: number | null;
  lab_commune: number | null;
  lab_district: number | null;
  lab_province: number | null;
}

async function resolve(tx: DbOrTx, codes: string[]): Promise<Resolved[]> {
  return queryRows<Resolved>(
    tx,
    sql`select (x.i - 1)::int as i, x.code,
               case when s.id is not null then 'sample' when p.id is not null then 'pool' end as kind,
               coalesce(s.id, p.id)::bigint as id, sp.code as in_pool,
               coalesce(s.state, p.state) as state, coalesce(s.lab_id, p.lab_id) as lab_id,
               greatest(coalesce(s.collected_at, p.collected_at), coalesce(s.sent_at, p.sent_at)) as last_at,
               t.commune_id as site_commune, t.district_id as site_district, t.province_id as site_province,
               lb.commune_id as lab_commune, lb.district_id as lab_district, lb.province_id as lab_province
          from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) with ordinality as x(code, i)
          left join testing_samples s on s.code = x.code
          left join testing_pools sp on sp.id = s.pool_id
          left join testing_pools p on p.code = x.code
          left join testing_sites t on t.id = coalesce(s.site_id, p.site_id)
          left join testing_labs lb on lb.id = coalesce(s.lab_id, p.lab_id)
         order by x.i`,
  );
}

/** Moves a batch one step along the chain: to "sent" (with the destination lab) or "received" at a lab. */
export async function moveSamples(db: Db, actor: Actor, raw: CustodyBody, now = new Date()): Promise<{ samples: number; pools: number }> {
  const body = parseInput(custodyBody, raw);
  requirePermission(actor, body.to === 'sent' ? 'testing.sample' : 'testing.lab');
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('at', 'testing.errors.time_future');
  if (body.to === 'sent' && body.labId === null) throw invalid('labId', 'testing.errors.lab_required');
  const lab = body.labId === null ? null : body.to === 'sent' ? await labInProvince(db, actor, body.labId) : await labOfActor(db, actor, body.labId);
  const scope = actorScope(actor);

  return db.transaction(async (tx) => {
    const rows = await resolve(tx, body.codes);
    const problems: RowProblem[] = [];
    const problem = (r: Resolved, messageKey: string, params: Record<string, unknown> = {}) =>
      problems.push({ row: r.i + 1, field: `codes[${r.i}]`, messageKey, params: { code: r.code, ...params } });
    const seen = new Set<string>();
    for (const r of rows) {
      const visible =
        r.kind !== null &&
        (body.to === 'sent'
          ? placeInScope(scope, { communeId: r.site_commune, districtId: r.site_district, provinceId: r.site_province! })
          : r.site_province === actor.jurisdiction.provinceId);
      if (!visible) problem(r, 'testing.errors.code_unknown');
      else if (seen.has(r.code)) problem(r, 'testing.errors.code_repeated');
      else if (r.in_pool) problem(r, 'testing.errors.sample_pooled', { pool: r.in_pool });
      else if (r.state !== BEFORE[body.to]) problem(r, 'testing.errors.wrong_state', { state: r.state });
      else if (body.to === 'received' && (lab ? r.lab_id !== lab.id : !placeInScope(scope, { communeId: r.lab_commune, districtId: r.lab_district, provinceId: r.lab_province! }))) {
        problem(r, 'testing.errors.other_lab');
      } else if (r.last_at && new Date(r.last_at).getTime() > at.getTime()) problem(r, 'testing.errors.before_previous');
      seen.add(r.code);
    }
    if (problems.length) {
      throw new AppError('validation', 'testing.errors.batch_rows', { count: problems.length }, problems[0].field, { rows: problems.slice(0, 500) });
    }
    const sampleIds = JSON.stringify(rows.filter((r) => r.kind === 'sample').map((r) => r.id));
    const poolIds = JSON.stringify(rows.filter((r) => r.kind === 'pool').map((r) => r.id));
    const column = sql.raw(body.to === 'sent' ? 'sent_at' : 'received_at');
    const labId = lab?.id ?? null;
    const pools = await queryRows<{ id: number }>(
      tx,
      sql`update testing_pools set state = ${body.to}, ${column} = ${at.toISOString()}::timestamptz, lab_id = coalesce(${labId}::int, lab_id),
                 closed_at = coalesce(closed_at, ${at.toISOString()}::timestamptz)
           where id in (select (jsonb_array_elements_text(${poolIds}::jsonb))::bigint) and state = ${BEFORE[body.to]} returning id`,
    );
    const samples = await queryRows<{ id: number; person_id: number }>(
      tx,
      sql`update testing_samples set state = ${body.to}, ${column} = ${at.toISOString()}::timestamptz, lab_id = coalesce(${labId}::int, lab_id), state_by = ${actor.accountId}
           where (id in (select (jsonb_array_elements_text(${sampleIds}::jsonb))::bigint)
                  or pool_id in (select (jsonb_array_elements_text(${poolIds}::jsonb))::bigint))
             -- a batch moved by someone else meanwhile stays where they put it
             and state = ${BEFORE[body.to]}
          returning id::int, person_id::int`,
    );
    await audit.record(tx, actor, {
      action: 'update',
      entity: 'testing_custody',
      details: { to: body.to, labId, at: at.toISOString(), samples: samples.length, pools: pools.length, codes: body.codes.slice(0, 100) },
    });
    return { samples: samples.length, pools: pools.length };
  });
}

/** Closes a pool that will not fill (end of the day), so no one else is added and it can be sent. */
export async function closePool(db: Db, actor: Actor, rawCode: string): Promise<{ code: string; members: number }> {
  requirePermission(actor, 'testing.sample');
  const code = normalizeCode(rawCode);
  return db.transaction(async (tx) => {
    const [pool] = await queryRows<{ id: number; members: number }>(
      tx,
      sql`update testing_pools p set closed_at = coalesce(p.closed_at, now())
            from testing_sites t where t.id = p.site_id and p.code = ${code} and ${inUnit(actorScope(actor), 't')}
          returning p.id::int, (select count(*)::int from testing_samples s where s.pool_id = p.id) as members`,
    );
    if (!pool) throw notFound('testing.errors.pool_unknown');
    await audit.record(tx, actor, { action: 'update', entity: 'testing_pool', entityId: pool.id, details: { closed: true } });
    return { code, members: pool.members };
  });
}
