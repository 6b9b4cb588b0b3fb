// Reading cases: one with its history and contact counts, or a filtered list. A case is visible
// when its commune lies in the reader's jurisdiction; every read is audited with its person.
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesByIds } from '../people/service.js';
import { foldKey } from '../../shared/vn/text.js';
import { listCasesQuery, SOURCE_STATUSES, type CaseDetail, type CaseView, type ListCasesQuery } from '../../shared/api/cases.js';
import { cases, type CaseRow } from './schema.js';
import { actorUnit, caseCode, inUnit, placeInScope, scopeOf } from './access.js';
import { idArray } from './levels.js';

/** The case if the actor's jurisdiction holds it; otherwise 404, so ids cannot be probed. */
export async function visibleCase(tx: DbOrTx, actor: Actor, id: number, opts: { lock?: boolean } = {}): Promise<CaseRow> {
  const q = tx.select().from(cases).where(eq(cases.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row || !placeInScope(actorUnit(actor), row)) throw notFound('cases.errors.case_unknown');
  return row;
}

/** Views of case rows, in their order. The case's person is named: the case is in the reader's jurisdiction. */
export async function caseViews(tx: DbOrTx, rows: CaseRow[]): Promise<CaseView[]> {
  if (rows.length === 0) return [];
  const people = await summariesByIds(tx, rows.map((r) => r.personId));
  const sourceIds = rows.map((r) => r.sourceCaseId).filter((v): v is number => v !== null);
  const clusterIds = rows.map((r) => r.clusterId).filter((v): v is number => v !== null);
  const sources = new Map(
    sourceIds.length
      ? (
          await queryRows<{ id: number; number: number | null; full_name: string }>(
            tx,
            sql`select c.id, c.number, p.full_name from cases c join people p on p.id = c.person_id where c.id = any(${idArray(sourceIds)}::bigint[])`,
          )
        ).map((s) => [Number(s.id), s])
      : [],
  );
  const clusterNames = new Map(
    clusterIds.length
      ? (await queryRows<{ id: number; name: string }>(tx, sql`select id, name from clusters where id = any(${idArray(clusterIds)}::bigint[])`)).map((c) => [Number(c.id), c.name])
      : [],
  );
  return rows.map((r) => {
    const src = r.sourceCaseId !== null ? sources.get(r.sourceCaseId) : undefined;
    return {
      id: r.id,
      code: caseCode(r.number),
      person: people.get(r.personId)!,
      status: r.status,
      confirmation: r.confirmation,
      confirmationTest: r.confirmationTest,
      confirmationReason: r.confirmationReason,
      confirmedAt: r.confirmedAt?.toISOString() ?? null,
      symptomOnset: r.symptomOnset,
      positiveSampleDate: r.positiveSampleDate,
      infectiousFrom: r.infectiousFrom,
      infectiousUntil: r.infectiousUntil,
      location: r.location,
      treatmentTier: r.treatmentTier,
      locationNote: r.locationNote,
      transferredTo: r.transferredTo,
      // A source outside the reader's jurisdiction is shown by its number only.
      sourceCase: src ? { id: Number(src.id), code: caseCode(src.number), personName: null } : null,
      sourceKnown: r.sourceKnown,
      imported: r.imported,
      cluster: r.clusterId !== null ? { id: r.clusterId, name: clusterNames.get(r.clusterId) ?? '' } : null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

async function namedSources(tx: DbOrTx, actor: Actor, views: CaseView[]): Promise<CaseView[]> {
  const ids = views.map((v) => v.sourceCase?.id).filter((v): v is number => v !== undefined);
  if (ids.length === 0) return views;
  const visible = await queryRows<{ id: number; full_name: string }>(
    tx,
    sql`select c.id, p.full_name from cases c join people p on p.id = c.person_id where c.id = any(${idArray(ids)}::bigint[]) and ${inUnit(actorUnit(actor), 'c')}`,
  );
  const names = new Map(visible.map((v) => [Number(v.id), v.full_name]));
  return views.map((v) => (v.sourceCase ? { ...v, sourceCase: { ...v.sourceCase, personName: names.get(v.sourceCase.id) ?? null } } : v));
}

export async function caseDetailOf(tx: DbOrTx, actor: Actor, row: CaseRow): Promise<CaseDetail> {
  const [view] = await namedSources(tx, actor, await caseViews(tx, [row]));
  const history = await queryRows<{ status: CaseDetail['status']; note: string; display_name: string | null; at: string | Date }>(
    tx,
    sql`select h.status, h.note, a.display_name, h.at from case_status_history h left join accounts a on a.id = h.account_id where h.case_id = ${row.id} order by h.at, h.id`,
  );
  const counts = await queryRows<{ level: number; count: number }>(
    tx,
    sql`select level, count(*)::int as count from contact_levels where root_case_id = ${row.id} and level >= 1 group by level order by level`,
  );
  const [{ pending }] = await queryRows<{ pending: number }>(
    tx,
    sql`select count(*)::int as pending from tracing_proposals tp where tp.status = 'pending'
        and (tp.subject_id = ${row.personId} or tp.subject_id in (select person_id from contact_levels where root_case_id = ${row.id} and level >= 1))`,
  );
  return {
    ...view,
    history: history.map((h) => ({ status: h.status, note: h.note, accountName: h.display_name, at: new Date(h.at).toISOString() })),
    contactCounts: counts.map((c) => ({ level: Number(c.level), count: Number(c.count) })),
    pendingProposals: Number(pending),
  };
}

export async function getCase(db: Db, actor: Actor, id: number): Promise<CaseDetail> {
  requirePermission(actor, 'cases.read');
  return db.transaction(async (tx) => {
    const row = await visibleCase(tx, actor, id);
    await audit.record(tx, actor, { action: 'read', entity: 'case', entityId: id, personId: row.personId });
    return caseDetailOf(tx, actor, row);
  });
}

const SOURCE_LIST = sql.raw(SOURCE_STATUSES.map((s) => `'${s}'`).join(', '));

/** Cases of the jurisdiction (or a unit in it), newest confirmation first; unknownSource: confirmed with no known source. */
export async function listCases(db: Db, actor: Actor, raw: ListCasesQuery = {}): Promise<{ total: number; rows: CaseView[] }> {
  requirePermission(actor, 'cases.read');
  const q = parseInput(listCasesQuery, raw);
  return db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor, q.unitId);
    const where: SQL[] = [inUnit(scope, 'c')];
    if (q.status) where.push(sql`c.status = ${q.status}`);
    if (q.clusterId) where.push(sql`c.cluster_id = ${q.clusterId}`);
    if (q.unknownSource) where.push(sql`c.status in (${SOURCE_LIST}) and not c.source_known`);
    if (q.from) where.push(sql`(c.confirmed_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${q.from}::date`);
    if (q.to) where.push(sql`(c.confirmed_at at time zone 'Asia/Ho_Chi_Minh')::date <= ${q.to}::date`);
    const term = q.q?.trim();
    if (term) {
      const code = /^bn\s*(\d+)$/i.exec(term);
      where.push(code ? sql`c.number = ${Number(code[1])}` : sql`exists (select 1 from people p where p.id = c.person_id and p.name_key like ${`%${foldKey(term)}%`})`);
    }
    const cond = sql.join(where, sql` and `);
    const ids = await queryRows<{ id: number }>(
      tx,
      sql`select c.id from cases c where ${cond} order by c.confirmed_at desc nulls first, c.id desc limit ${q.limit} offset ${q.offset}`,
    );
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from cases c where ${cond}`);
    const rows = ids.length ? await tx.select().from(cases).where(sql`${cases.id} = any(${idArray(ids.map((r) => Number(r.id)))}::bigint[])`).orderBy(asc(cases.id)) : [];
    const order = new Map(ids.map((r, i) => [Number(r.id), i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'cases', details: { ...q, total } },
      ...rows.map((r) => ({ action: 'read' as const, entity: 'case', entityId: r.id, personId: r.personId })),
    ]);
    return { total, rows: await namedSources(tx, actor, await caseViews(tx, rows)) };
  });
}

