// The tubes on the chain of custody as the sampling station and the custody screen see them: a
// pool moves with all its samples, so the lists hold pools and the samples that are not pooled.
// A tube is visible where it was taken (its site in the jurisdiction) or where it went (its lab).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { AppError } from '../http/errors.js';
import type { Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { can } from '../../shared/roles.js';
import { normalizeCode, type SampleState, type TestResult } from '../../shared/api/testing.js';
import { custodyItemsQuery, type CustodyItem, type CustodyItemDetail, type CustodyItemsQuery, type CustodyItemsResponse } from '../../shared/api/testing-custody.js';
import { actorScope, inUnit } from './access.js';

/** Sample takers, lab staff and officials all handle tubes. */
function requireHandler(actor: Actor): void {
  if (!can(actor.role, 'testing.read') && !can(actor.role, 'testing.sample') && !can(actor.role, 'testing.lab')) throw new AppError('forbidden');
}

interface ItemRow {
  kind: 'sample' | 'pool';
  id: number;
  code: string;
  state: SampleState;
  site_id: number;
  site_name: string;
  lab_id: number | null;
  lab_name: string | null;
  campaign_id: number | null;
  sample_count: number;
  size_limit: number | null;
  closed: boolean;
  collected_at: Date | string;
  sent_at: Date | string | null;
  received_at: Date | string | null;
  tested_at: Date | string | null;
  result: TestResult | null;
  total?: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function itemOf(r: ItemRow): CustodyItem {
  return {
    kind: r.kind,
    code: r.code,
    state: r.state,
    site: { id: r.site_id, name: r.site_name },
    lab: r.lab_id === null ? null : { id: r.lab_id, name: r.lab_name ?? '' },
    campaignId: r.campaign_id,
    sampleCount: r.sample_count,
    sizeLimit: r.size_limit,
    closed: r.closed,
    collectedAt: iso(r.collected_at)!,
    sentAt: iso(r.sent_at),
    receivedAt: iso(r.received_at),
    testedAt: iso(r.tested_at),
    result: r.result,
  };
}

/** Pools and unpooled samples, each branch narrowed by the same condition on x (the tube). */
function tubes(where: (x: string) => SQL): SQL {
  return sql`select 'pool' as kind, x.id::int, x.code, x.state, x.site_id, x.lab_id, x.campaign_id,
                    (select count(*) from testing_samples m where m.pool_id = x.id)::int as sample_count, x.size_limit,
                    (x.closed_at is not null or x.state <> 'collected') as closed,
                    x.collected_at, x.sent_at, x.received_at, x.tested_at, x.result
               from testing_pools x where ${where('x')}
             union all
             select 'sample', x.id::int, x.code, x.state, x.site_id, x.lab_id, x.campaign_id, 1, null, true,
                    x.collected_at, x.sent_at, x.received_at, x.tested_at, x.result
               from testing_samples x where x.pool_id is null and ${where('x')}`;
}

const withPlaces = (inner: SQL, visible: SQL) =>
  sql`select i.*, t.name as site_name, lb.name as lab_name
        from (${inner}) i join testing_sites t on t.id = i.site_id left join testing_labs lb on lb.id = i.lab_id
       where ${visible}`;

function visibleTo(actor: Actor): SQL {
  const scope = actorScope(actor);
  return sql`(${inUnit(scope, 't')} or (lb.id is not null and ${inUnit(scope, 'lb')}))`;
}

export async function listCustodyItems(db: Db, actor: Actor, raw: CustodyItemsQuery): Promise<CustodyItemsResponse> {
  requireHandler(actor);
  const q = parseInput(custodyItemsQuery, raw);
  const where = (x: string) => {
    const col = (c: string) => sql.raw(`${x}.${c}`);
    return sql.join(
      [
        sql`${col('state')} = ${q.state}`,
        q.campaignId ? sql`${col('campaign_id')} = ${q.campaignId}` : sql`true`,
        q.siteId ? sql`${col('site_id')} = ${q.siteId}` : sql`true`,
        q.labId ? sql`${col('lab_id')} = ${q.labId}` : sql`true`,
      ],
      sql` and `,
    );
  };
  const kind = q.kind ? sql`and i.kind = ${q.kind}` : sql``;
  const open = q.open === undefined ? sql`` : sql`and i.closed = ${!q.open}`;
  const rows = await queryRows<ItemRow>(
    db,
    sql`select y.*, (count(*) over ())::int as total from (${withPlaces(tubes(where), visibleTo(actor))} ${kind} ${open}) y
         order by y.collected_at, y.id limit ${q.limit} offset ${q.offset}`,
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(itemOf) };
}

/** One tube by its code (sample or pool), with its samples and its history; reading the people is audited. */
export async function custodyItem(db: Db, actor: Actor, rawCode: string): Promise<CustodyItemDetail> {
  requireHandler(actor);
  const typed = normalizeCode(rawCode);
  return db.transaction(async (tx) => {
    // A pooled sample's code finds its pool: the pool is the tube that moves.
    const [{ code }] = await queryRows<{ code: string }>(
      tx,
      sql`select coalesce((select p.code from testing_samples s join testing_pools p on p.id = s.pool_id where s.code = ${typed}), ${typed}) as code`,
    );
    const [item] = await queryRows<ItemRow>(tx, withPlaces(tubes((x) => sql`${sql.raw(x)}.code = ${code}`), visibleTo(actor)));
    if (!item) throw new AppError('not_found', 'testing.errors.code_unknown', { code: typed });
    const sampleIds = item.kind === 'pool' ? sql`select id from testing_samples where pool_id = ${item.id}` : sql`select ${item.id}::bigint`;
    const samples = await queryRows<{ code: string; person_id: number; collected_at: Date | string; state: SampleState }>(
      tx,
      sql`select code, person_id::int, collected_at, state from testing_samples where id in (${sampleIds}) order by collected_at, id`,
    );
    const history = await queryRows<{ from_state: SampleState | null; to_state: SampleState; at: Date | string; account_name: string | null; lab_name: string | null; samples: number }>(
      tx,
      sql`select e.from_state, e.to_state, e.at, a.display_name as account_name, l.name as lab_name, count(*)::int as samples
            from testing_sample_events e left join accounts a on a.id = e.account_id left join testing_labs l on l.id = e.lab_id
           where e.sample_id in (${sampleIds})
           group by e.from_state, e.to_state, e.at, a.display_name, l.name
           order by e.at, min(e.id)`,
    );
    const people = await summariesInJurisdiction(tx, actor, samples.map((s) => s.person_id));
    await audit.recordMany(
      tx,
      actor,
      [...people.keys()].map((personId) => ({ action: 'read' as const, entity: item.kind === 'pool' ? 'testing_pool' : 'testing_sample', entityId: item.id, personId })),
    );
    return {
      ...itemOf(item),
      samples: samples.map((s) => ({ code: s.code, personId: s.person_id, person: people.get(s.person_id) ?? null, collectedAt: iso(s.collected_at)!, state: s.state })),
      history: history.map((h) => ({ fromState: h.from_state, toState: h.to_state, at: iso(h.at)!, accountName: h.account_name, labName: h.lab_name, samples: h.samples })),
    };
  });
}
