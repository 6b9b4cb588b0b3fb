// The transmission graph: cases (level 0) chosen by date, unit, cluster or one case's chain,
// their traced contacts down to maxLevel, transmission edges (source_case_id) and the exposure
// each contact was reached through. People outside the reader's jurisdiction are drawn unlabelled.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesInJurisdiction } from '../people/service.js';
import { graphQuery, SOURCE_STATUSES, type GraphResponse } from '../../shared/api/cases.js';
import { caseCode, inUnit, scopeOf } from './access.js';
import { visibleCase } from './case-views.js';
import { idArray } from './levels.js';

const SOURCES = sql.raw(SOURCE_STATUSES.map((s) => `'${s}'`).join(', '));

type NodeRow = { person_id: number; level: number; case_id: number | null; number: number | null; status: GraphResponse['nodes'][number]['caseStatus']; cluster_id: number | null; commune_id: number };

export async function transmissionGraph(db: Db, actor: Actor, raw: unknown = {}): Promise<GraphResponse> {
  requirePermission(actor, 'cases.read');
  const q = parseInput(graphQuery, raw);
  return db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor, q.unitId);
    const where: SQL[] = [sql`c.status in (${SOURCES})`, inUnit(scope, 'c')];
    if (q.from) where.push(sql`(c.confirmed_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${q.from}::date`);
    if (q.to) where.push(sql`(c.confirmed_at at time zone 'Asia/Ho_Chi_Minh')::date <= ${q.to}::date`);
    if (q.clusterId) where.push(sql`c.cluster_id = ${q.clusterId}`);
    if (q.caseId) {
      await visibleCase(tx, actor, q.caseId);
      // One case's chain: the cases it came from and every case that came from it.
      where.push(sql`c.id in (
        with recursive up(id, src) as (select id, source_case_id from cases where id = ${q.caseId}
          union select c2.id, c2.source_case_id from cases c2 join up on c2.id = up.src),
        down(id) as (select id from up union select c3.id from cases c3 join down on c3.source_case_id = down.id)
        select id from down)`);
    }
    const cond = sql.join(where, sql` and `);
    // Cases first (newest last so chains read in order), then their contacts by level; one row more than the limit tells truncation.
    const rows = await queryRows<NodeRow>(
      tx,
      sql`
      with sel as (select c.* from cases c where ${cond}),
      src as (select s.* from cases s where s.id in (select source_case_id from sel) and s.id not in (select id from sel))
      select * from (
        select person_id, 0 as level, id as case_id, number, status, cluster_id, commune_id, 0 as o1, confirmed_at, person_id as o2 from sel
        union all
        select person_id, 0, id, number, status, cluster_id, commune_id, 1, confirmed_at, person_id from src
        union all
        select cl.person_id, cl.level, null, null, null, null, cl.commune_id, 2, null, cl.level * 1000000000000 + cl.person_id
        from contact_levels cl where cl.level between 1 and ${q.maxLevel} and cl.root_case_id in (select id from sel)
      ) n order by o1, confirmed_at nulls last, o2 limit ${q.limit + 1}`,
    );
    const truncated = rows.length > q.limit;
    const nodes = rows.slice(0, q.limit);
    const ids = nodes.map((n) => Number(n.person_id));
    const included = new Set(ids);
    const named = await summariesInJurisdiction(tx, actor, ids);
    const edges = await queryRows<{ source: number; target: number; setting: GraphResponse['edges'][number]['setting']; transmission: boolean }>(
      tx,
      sql`
      select cl.via_person_id as source, cl.person_id as target, x.setting, false as transmission
      from contact_levels cl join exposures x on x.id = cl.via_exposure_id
      where cl.person_id = any(${idArray(ids)}::bigint[]) and cl.level >= 1
      union all
      select s.person_id, c.person_id,
        coalesce((select x.setting from exposures x where x.removed_at is null and ((x.source_id = s.person_id and x.contact_id = c.person_id) or (x.source_id = c.person_id and x.contact_id = s.person_id)) order by x.started_at limit 1), 'other'),
        true
      from cases c join cases s on s.id = c.source_case_id
      where c.person_id = any(${idArray(ids)}::bigint[]) and c.status in (${SOURCES})`,
    );
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'transmission_graph', details: { ...q, nodes: nodes.length, truncated } },
      ...[...named.keys()].map((personId) => ({ action: 'read' as const, entity: 'transmission_graph', personId })),
    ]);
    return {
      nodes: nodes.map((n) => ({
        personId: Number(n.person_id),
        label: named.get(Number(n.person_id))?.fullName ?? null,
        level: Number(n.level),
        caseId: n.case_id === null ? null : Number(n.case_id),
        caseCode: caseCode(n.number),
        caseStatus: n.status,
        clusterId: n.cluster_id === null ? null : Number(n.cluster_id),
        communeId: Number(n.commune_id),
      })),
      edges: edges
        .map((e) => ({ source: Number(e.source), target: Number(e.target), setting: e.setting, transmission: e.transmission }))
        .filter((e) => included.has(e.source) && included.has(e.target)),
      truncated,
    };
  });
}
