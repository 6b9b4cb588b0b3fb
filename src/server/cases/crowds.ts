// Crowds: visits of a traced person shared with more people than the profile's crowdSize. The
// tracer screens them another way (a public announcement asking the visitors to declare and test,
// a testing campaign of the venue's visitors) and dismisses the crowd, or expands it into
// person-by-person proposals when the place was in fact one room.
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { AppError } from '../http/errors.js';
import { personIdsInJurisdiction, summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { decideCrowdBody, listCrowdsQuery, type CrowdView } from '../../shared/api/cases.js';
import { subjectWindows, tracingRules } from './proposals-window.js';
import { coVisitorsSql, storeProposals } from './proposals-sql.js';
import { idArray } from './levels.js';
import { visibleCase } from './case-views.js';

interface CrowdRow {
  id: number;
  subject_id: number;
  subject_level: number | null;
  venue_id: number;
  venue_name: string;
  venue_address: string;
  subject_visit_id: number;
  window_start: Date | string;
  window_end: Date | string;
  people: number | null;
  status: CrowdView['status'];
  decided_at: Date | string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

const select = sql`select tc.id::int, tc.subject_id::int, sl.level::int as subject_level, tc.venue_id, v.name as venue_name, v.address_line as venue_address,
                          tc.subject_visit_id::int, tc.window_start, tc.window_end, tc.people, tc.status, tc.decided_at
                     from tracing_crowds tc
                     join venues v on v.id = tc.venue_id
                     left join contact_levels sl on sl.person_id = tc.subject_id`;

/**
 * Head counts of crowds stored without one (tracing stops reading a visit once it shows a crowd),
 * counted as tracing would have counted them and kept.
 */
async function countPeople(tx: DbOrTx, rows: CrowdRow[]): Promise<CrowdRow[]> {
  const missing = rows.filter((r) => r.people === null).map((r) => r.id);
  if (missing.length === 0) return rows;
  const { tracing: t } = await tracingRules(tx);
  const visit = { venueId: sql`tc.venue_id`, from: sql`tc.window_start`, to: sql`tc.window_end`, subjectId: sql`tc.subject_id` };
  const counted = await queryRows<{ id: number; people: number }>(
    tx,
    sql`update tracing_crowds tc set people = (select count(distinct person_id) from (${coVisitorsSql(visit, t)}) o)
         where tc.id = any(${idArray(missing)}::int8[]) and tc.people is null
        returning tc.id::int, tc.people`,
  );
  const byId = new Map(counted.map((c) => [c.id, c.people]));
  return rows.map((r) => (r.people === null && byId.has(r.id) ? { ...r, people: byId.get(r.id)! } : r));
}

async function views(tx: DbOrTx, actor: Actor, raw: CrowdRow[]): Promise<CrowdView[]> {
  const rows = await countPeople(tx, raw);
  const people = await summariesInJurisdiction(tx, actor, rows.map((r) => r.subject_id));
  return rows.map((r) => ({
    id: r.id,
    subject: { id: r.subject_id, fullName: people.get(r.subject_id)?.fullName ?? null, level: r.subject_level },
    venue: { id: r.venue_id, name: r.venue_name, address: r.venue_address },
    subjectVisitId: r.subject_visit_id,
    windowStart: iso(r.window_start),
    windowEnd: iso(r.window_end),
    people: r.people ?? 0,
    status: r.status,
    decidedAt: r.decided_at === null ? null : iso(r.decided_at),
  }));
}

/** Crowds of the subjects in the actor's jurisdiction, of one case (its person and contacts) when asked. */
export async function listCrowds(db: Db, actor: Actor, raw: unknown): Promise<{ total: number; rows: CrowdView[] }> {
  requirePermission(actor, 'cases.read');
  const q = parseInput(listCrowdsQuery, raw);
  return db.transaction(async (tx) => {
    if (q.caseId) await visibleCase(tx, actor, q.caseId);
    const where = sql.join(
      [
        sql`tc.status = ${q.status}`,
        sql`tc.subject_id in (${personIdsInJurisdiction(tx, actor)})`,
        q.caseId
          ? sql`tc.subject_id in (select person_id from cases where id = ${q.caseId}::int8 union select person_id from contact_levels where root_case_id = ${q.caseId}::int8)`
          : sql`true`,
      ],
      sql` and `,
    );
    const rows = await queryRows<CrowdRow>(tx, sql`${select} where ${where} order by tc.window_start, tc.id limit ${q.limit}`);
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from tracing_crowds tc where ${where}`);
    await audit.record(tx, actor, { action: 'search', entity: 'tracing_crowds', details: { caseId: q.caseId ?? null, status: q.status, total } });
    return { total, rows: await views(tx, actor, rows) };
  });
}

/**
 * Expands a pending crowd into proposals (every co-visitor of that visit, whatever the crowd
 * size) or dismisses it. The subject must still be traced: a closed case has no window left.
 */
export async function decideCrowd(db: Db, actor: Actor, id: number, raw: unknown): Promise<{ crowd: CrowdView; proposed: number }> {
  requirePermission(actor, 'tracing.decide');
  const body = parseInput(decideCrowdBody, raw);
  return db.transaction(async (tx) => {
    const [row] = await queryRows<CrowdRow>(tx, sql`${select} where tc.id = ${id}::int8 and tc.subject_id in (${personIdsInJurisdiction(tx, actor)}) for update of tc`);
    if (!row) throw new AppError('not_found');
    if (row.status !== 'pending') throw new AppError('conflict', 'cases.errors.crowd_decided', {}, 'decision');
    let proposed = 0;
    if (body.decision === 'expand') {
      const rules = await tracingRules(tx);
      const [w] = await subjectWindows(tx, [row.subject_id], rules);
      if (!w) throw new AppError('conflict', 'cases.errors.crowd_not_traced', {}, 'decision');
      proposed = (await storeProposals(tx, [w], rules, { visitId: row.subject_visit_id })).proposals.length;
    }
    const status = body.decision === 'expand' ? 'expanded' : 'dismissed';
    const [updated] = await queryRows<CrowdRow>(
      tx,
      sql`with u as (update tracing_crowds set status = ${status}, decided_by = ${actor.accountId}, decided_at = now() where id = ${id}::int8 returning id)
          ${select} where tc.id = (select id from u)`,
    );
    // the update is not visible to the select of the same statement: report the new state
    const crowd = (await views(tx, actor, [{ ...updated, status, decided_at: new Date() }]))[0];
    await audit.record(tx, actor, {
      action: 'update',
      entity: 'tracing_crowd',
      entityId: id,
      personId: row.subject_id,
      details: { decision: body.decision, reason: body.reason, people: row.people, proposed, venueId: row.venue_id },
    });
    return { crowd, proposed };
  });
}
