// The results recorded so far, newest first, for the lab's and the sites' results screen: every
// sample tested on its own and every pool (a pooled sample's result is its pool's). A result is
// listed to whoever holds it: the lab it was sent to, or the site that read it (a rapid test).
// People are named only inside the reader's jurisdiction; every read is audited.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { resultsQuery, type ResultsQuery, type ResultView, type TestResult, type TestType } from '../../shared/api/testing.js';
import { actorScope, inUnit } from './access.js';

const DAY = sql.raw(`'Asia/Ho_Chi_Minh'`);

interface Row {
  kind: 'sample' | 'pool';
  id: number;
  code: string;
  person_id: number | null;
  members: number | null;
  test_type: TestType;
  result: TestResult;
  ct_value: string | number | null;
  collected_at: Date | string;
  tested_at: Date | string;
  site_id: number;
  site_name: string;
  lab_id: number | null;
  lab_name: string | null;
  campaign_id: number | null;
  import_id: number | null;
  total: number;
}

export async function listResults(db: Db, actor: Actor, raw: ResultsQuery = {}): Promise<{ total: number; rows: ResultView[] }> {
  requirePermission(actor, 'testing.read');
  const q = parseInput(resultsQuery, raw);
  const scope = actorScope(actor);
  const filters: SQL[] = [sql`(${inUnit(scope, 't')} or (lb.id is not null and ${inUnit(scope, 'lb')}))`];
  if (q.from) filters.push(sql`x.tested_at >= (${q.from}::date)::timestamp at time zone ${DAY}`);
  if (q.to) filters.push(sql`x.tested_at < (${q.to}::date + 1)::timestamp at time zone ${DAY}`);
  if (q.result) filters.push(sql`x.result = ${q.result}`);
  if (q.testType) filters.push(sql`x.test_type = ${q.testType}`);
  if (q.labId) filters.push(sql`x.lab_id = ${q.labId}`);
  if (q.code) filters.push(sql`(x.code = ${q.code} or (x.kind = 'pool' and exists (select 1 from testing_samples m where m.pool_id = x.id and m.code = ${q.code})))`);
  const where = sql.join(filters, sql` and `);

  return db.transaction(async (tx) => {
    const rows = await queryRows<Row>(
      tx,
      sql`select x.*, t.name as site_name, lb.name as lab_name, (count(*) over ())::int as total
            from (select 'sample' as kind, s.id::int, s.code, s.person_id::int, null::int as members, s.test_type, s.result, s.ct_value,
                         s.collected_at, s.tested_at, s.site_id, s.lab_id, s.campaign_id, s.import_id
                    from testing_samples s where s.result is not null
                  union all
                  select 'pool', p.id::int, p.code, null, (select count(*)::int from testing_samples m where m.pool_id = p.id), p.test_type, p.result, p.ct_value,
                         p.collected_at, p.tested_at, p.site_id, p.lab_id, p.campaign_id, p.import_id
                    from testing_pools p where p.result is not null) x
            join testing_sites t on t.id = x.site_id
            left join testing_labs lb on lb.id = x.lab_id
           where ${where}
           order by x.tested_at desc, x.kind, x.id desc limit ${q.limit} offset ${q.offset}`,
    );
    const personIds = rows.flatMap((r) => (r.person_id === null ? [] : [r.person_id]));
    const people = await summariesInJurisdiction(tx, actor, personIds);
    const total = rows[0]?.total ?? 0;
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'testing_results', details: { ...q, total } },
      ...[...people.keys()].map((personId) => ({ action: 'read' as const, entity: 'testing_result', personId })),
    ]);
    return {
      total,
      rows: rows.map((r) => ({
        kind: r.kind,
        code: r.code,
        personId: r.person_id,
        person: r.person_id === null ? null : (people.get(r.person_id) ?? null),
        members: r.members,
        testType: r.test_type,
        result: r.result,
        ctValue: r.ct_value === null ? null : Number(r.ct_value),
        collectedAt: new Date(r.collected_at).toISOString(),
        testedAt: new Date(r.tested_at).toISOString(),
        site: { id: r.site_id, name: r.site_name },
        lab: r.lab_id === null ? null : { id: r.lab_id, name: r.lab_name ?? '' },
        campaignId: r.campaign_id,
        importId: r.import_id,
      })),
    };
  });
}
