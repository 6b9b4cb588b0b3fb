// Clusters ("ổ dịch"): cases linked by transmission (source_case_id), by a direct exposure, by a
// shared exposure neighbour or by the same venue on the same day form components; a component
// with at least tracing.clusterMinCases cases becomes a cluster, or extends the one it holds (the
// oldest when it holds several, which merges them). A closed cluster keeps its cases: those linked
// to it later make a new cluster once they are the minimum by themselves (a resurgence). Names come from the venue most of its cases
// share, else from the commune most of them live in, and can be changed by hand.
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { translate } from '../../shared/i18n/index.js';
import { renameClusterBody, SOURCE_STATUSES, type ClusterView } from '../../shared/api/cases.js';
import { clusters } from './schema.js';
import { actorUnit, inUnit, placeInScope } from './access.js';
import { idArray, lockLevels } from './levels.js';
import { rulesOn } from './window.js';

const SOURCES = sql.raw(SOURCE_STATUSES.map((s) => `'${s}'`).join(', '));

/** Case ids grouped into components by the links above (union-find over case–link pairs). */
async function components(tx: DbOrTx, provinceId: number): Promise<number[][]> {
  const links = await queryRows<{ case_id: number; link: string }>(
    tx,
    sql`
    with cp as (select id, person_id, source_case_id from cases where province_id = ${provinceId} and status in (${SOURCES})),
    e as (
      select cp.id, x.contact_id as other, x.venue_id, x.started_at from cp join exposures x on x.source_id = cp.person_id and x.removed_at is null
      union all
      select cp.id, x.source_id, x.venue_id, x.started_at from cp join exposures x on x.contact_id = cp.person_id and x.removed_at is null
    )
    select id as case_id, 'p' || other as link from e
    union select id, 'p' || person_id from cp
    union select id, 'v' || venue_id || ':' || (started_at at time zone 'Asia/Ho_Chi_Minh')::date from e where venue_id is not null
    union select id, 'c' || source_case_id from cp where source_case_id is not null
    union select id, 'c' || id from cp`,
  );
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const l of links) union(`k${l.case_id}`, l.link);
  const groups = new Map<string, number[]>();
  for (const id of new Set(links.map((l) => Number(l.case_id)))) {
    const root = find(`k${id}`);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()];
}

/** "Ổ dịch <venue>" when a venue appears in the exposures of most of the cases, else "Ổ dịch <commune>". */
async function nameFor(tx: DbOrTx, caseIds: number[]): Promise<{ name: string; communeId: number; districtId: number | null }> {
  const ids = sql`${idArray(caseIds)}::bigint[]`;
  const [venue] = await queryRows<{ name: string; n: number }>(
    tx,
    sql`select v.name, count(distinct c.id)::int as n from cases c
        join exposures x on (x.source_id = c.person_id or x.contact_id = c.person_id) and x.removed_at is null and x.venue_id is not null
        join venues v on v.id = x.venue_id where c.id = any(${ids}) group by v.id, v.name order by n desc, v.id limit 1`,
  );
  const [commune] = await queryRows<{ id: number; district_id: number | null; full_name: string }>(
    tx,
    sql`select u.id, u.district_id, u.full_name from cases c join admin_units u on u.id = c.commune_id
        where c.id = any(${ids}) group by u.id, u.district_id, u.full_name order by count(*) desc, u.id limit 1`,
  );
  const base = venue && venue.n * 2 > caseIds.length ? venue.name : commune.full_name;
  return { name: translate('vi', 'cases.cluster.venueName', { name: base }), communeId: Number(commune.id), districtId: commune.district_id };
}

async function uniqueName(tx: DbOrTx, provinceId: number, name: string): Promise<string> {
  const taken = new Set((await queryRows<{ name: string }>(tx, sql`select name from clusters where province_id = ${provinceId}`)).map((r) => r.name));
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
}

/** Finds the clusters of a province; returns how many were created and how many grew. */
export async function detectClustersIn(tx: DbOrTx, provinceId: number, accountId: number | null): Promise<{ created: number[]; grown: number[] }> {
  await lockLevels(tx);
  const min = (await rulesOn(tx)).rules.tracing.clusterMinCases;
  const created: number[] = [];
  const grown: number[] = [];
  for (const ids of await components(tx, provinceId)) {
    if (ids.length < min) continue;
    const held = await queryRows<{ case_id: number; cluster_id: number | null; status: string | null }>(
      tx,
      sql`select c.id as case_id, c.cluster_id, k.status from cases c left join clusters k on k.id = c.cluster_id where c.id = any(${idArray(ids)}::bigint[])`,
    );
    const active = [...new Set(held.filter((h) => h.status === 'active').map((h) => Number(h.cluster_id)))].sort((a, b) => a - b);
    // Cases kept by a closed cluster stay with it; the rest join the oldest active one.
    const free = held.filter((h) => h.status !== 'closed').map((h) => Number(h.case_id));
    let clusterId = active[0];
    if (clusterId === undefined) {
      // What follows a closed cluster is a new one only once it has the minimum of cases itself.
      if (free.length < min) continue;
      const { name, communeId, districtId } = await nameFor(tx, free);
      const [{ n }] = await queryRows<{ n: number }>(tx, sql`select coalesce(max(number), 0)::int + 1 as n from clusters where province_id = ${provinceId}`);
      const [row] = await tx
        .insert(clusters)
        .values({ provinceId, number: n, name: await uniqueName(tx, provinceId, name), communeId, districtId, createdBy: accountId })
        .returning({ id: clusters.id });
      clusterId = row.id;
      created.push(clusterId);
    } else if (held.some((h) => h.status !== 'closed' && Number(h.cluster_id) !== clusterId)) {
      grown.push(clusterId);
    }
    await tx.execute(sql`update cases set cluster_id = ${clusterId}, updated_at = now() where id = any(${idArray(free)}::bigint[]) and cluster_id is distinct from ${clusterId}`);
    const merged = active.slice(1);
    if (merged.length) await tx.execute(sql`update clusters set status = 'closed', closed_at = now() where id = any(${idArray(merged)}::bigint[])`);
  }
  return { created, grown };
}

export async function clusterViews(tx: DbOrTx, where: ReturnType<typeof sql>): Promise<ClusterView[]> {
  type Row = { id: number; name: string; status: 'active' | 'closed'; commune_name: string | null; cases: number; first: string | Date | null; last: string | Date | null; created_at: string | Date };
  const rows = await queryRows<Row & { deciding_id: number | null; deciding_subjects: 'cases' | 'contacts' | null }>(
    tx,
    sql`select k.id, k.name, k.status, u.full_name as commune_name, count(c.id)::int as cases, min(c.confirmed_at) as first, max(c.confirmed_at) as last, k.created_at,
               d.id as deciding_id, d.subjects as deciding_subjects
        from clusters k left join admin_units u on u.id = k.commune_id left join cases c on c.cluster_id = k.id
        left join lateral (select b.id, b.body->>'subjects' as subjects from tracing_bulk_decisions b
                            where b.cluster_id = k.id and b.status = 'queued' order by b.requested_at limit 1) d on true
        where ${where} group by k.id, u.full_name, d.id, d.subjects order by k.status, max(c.confirmed_at) desc nulls last, k.id desc`,
  );
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    status: r.status,
    communeName: r.commune_name,
    cases: Number(r.cases),
    firstConfirmed: iso(r.first),
    lastConfirmed: iso(r.last),
    createdAt: iso(r.created_at)!,
    deciding: r.deciding_id === null ? null : { id: Number(r.deciding_id), subjects: r.deciding_subjects ?? 'cases' },
  }));
}

export async function listClusters(db: Db, actor: Actor): Promise<{ rows: ClusterView[] }> {
  requirePermission(actor, 'cases.read');
  return { rows: await clusterViews(db, inUnit(actorUnit(actor), 'k')) };
}

export async function detectClusters(db: Db, actor: Actor) {
  requirePermission(actor, 'clusters.manage');
  return db.transaction(async (tx) => {
    const { created, grown } = await detectClustersIn(tx, actor.jurisdiction.provinceId, actor.accountId);
    await audit.record(tx, actor, { action: 'update', entity: 'clusters', details: { created, grown } });
    const ids = [...created, ...grown];
    const views = ids.length ? await clusterViews(tx, sql`k.id = any(${idArray(ids)}::bigint[]) and ${inUnit(actorUnit(actor), 'k')}`) : [];
    return { created: created.length, grown: grown.length, clusters: views };
  });
}

/**
 * Detection without an officer asking (job detect-clusters): each province with cases, in its own
 * transaction, audited as the system. A cluster forming overnight is named before the morning
 * briefing; what an officer renamed or closed is kept as detectClustersIn keeps it.
 */
export async function detectClustersEverywhere(db: Db): Promise<{ provinces: number; created: number; grown: number }> {
  const provinces = await queryRows<{ province_id: number }>(db, sql`select distinct province_id from cases`);
  let created = 0;
  let grown = 0;
  for (const { province_id: provinceId } of provinces) {
    await db.transaction(async (tx) => {
      const found = await detectClustersIn(tx, provinceId, null);
      created += found.created.length;
      grown += found.grown.length;
      if (found.created.length || found.grown.length) {
        await audit.record(tx, null, { action: 'update', entity: 'clusters', details: { provinceId, created: found.created, grown: found.grown } });
      }
    });
  }
  return { provinces: provinces.length, created, grown };
}

async function visibleCluster(tx: DbOrTx, actor: Actor, id: number) {
  const [row] = await tx.select().from(clusters).where(eq(clusters.id, id)).for('update');
  if (!row || !placeInScope(actorUnit(actor), { communeId: row.communeId ?? -1, districtId: row.districtId, provinceId: row.provinceId })) {
    throw notFound('cases.errors.cluster_unknown');
  }
  return row;
}

export async function renameCluster(db: Db, actor: Actor, id: number, raw: unknown): Promise<ClusterView> {
  requirePermission(actor, 'clusters.manage');
  const { name } = parseInput(renameClusterBody, raw);
  return db.transaction(async (tx) => {
    const before = await visibleCluster(tx, actor, id);
    await tx.update(clusters).set({ name }).where(eq(clusters.id, id));
    await audit.record(tx, actor, { action: 'update', entity: 'cluster', entityId: id, details: { name: { from: before.name, to: name } } });
    return (await clusterViews(tx, sql`k.id = ${id}`))[0];
  });
}

export async function closeCluster(db: Db, actor: Actor, id: number): Promise<ClusterView> {
  requirePermission(actor, 'clusters.manage');
  return db.transaction(async (tx) => {
    const before = await visibleCluster(tx, actor, id);
    if (before.status === 'closed') throw new AppError('conflict', 'cases.errors.cluster_closed', {}, 'id');
    await tx.update(clusters).set({ status: 'closed', closedAt: new Date() }).where(eq(clusters.id, id));
    await audit.record(tx, actor, { action: 'update', entity: 'cluster', entityId: id, details: { status: 'closed' } });
    return (await clusterViews(tx, sql`k.id = ${id}`))[0];
  });
}
