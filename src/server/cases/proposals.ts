// Automated tracing: proposing the contacts of cases and traced contacts from check-ins, shared
// addresses and travel declarations, and the tracer's list of what is waiting for a decision.
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { personIdsInJurisdiction, summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { listProposalsQuery, type ProposalView, type ExposureSetting } from '../../shared/api/cases.js';
import { subjectWindows, tracingRules, type TracingRules } from './proposals-window.js';
import { storeProposals, type StoredProposal } from './proposals-sql.js';
import { visibleCase } from './case-views.js';

export { tracingRules, subjectWindows, type TracingRules } from './proposals-window.js';
export type { StoredProposal } from './proposals-sql.js';

/**
 * Proposes the contacts of those of the given people who are tracing subjects now (see
 * subjectWindows), in one statement for all of them, inside the caller's transaction; visits
 * shared with a crowd are stored as crowds (see crowds.ts). Re-running proposes nothing new.
 */
export async function proposeForSubjects(tx: DbOrTx, personIds: readonly number[], rules?: TracingRules, now = new Date()): Promise<StoredProposal[]> {
  if (personIds.length === 0) return [];
  const r = rules ?? (await tracingRules(tx, now));
  return (await storeProposals(tx, await subjectWindows(tx, personIds, r, now), r)).proposals;
}

/** The people whose proposals belong to a case: its person and the contacts traced from it. */
const subjectsOfCase = (caseId: number) =>
  sql`(select person_id from cases where id = ${caseId}::int8 union select person_id from contact_levels where root_case_id = ${caseId}::int8)`;

interface ProposalRow {
  id: number;
  subject_id: number;
  candidate_id: number;
  setting: ExposureSetting;
  venue_id: number | null;
  venue_name: string | null;
  subject_visit_id: number | null;
  overlap_start: Date | string | null;
  overlap_minutes: number | null;
  evidence: Record<string, unknown>;
  status: ProposalView['status'];
  decided_at: Date | string | null;
  subject_level: number | null;
  candidate_level: number | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Proposals of the subjects in the actor's jurisdiction (of one case or one subject when asked),
 * grouped by subject and visit. Candidates living outside the jurisdiction are counted and shown
 * without a name.
 */
export async function listProposals(db: Db, actor: Actor, raw: unknown): Promise<{ total: number; rows: ProposalView[] }> {
  requirePermission(actor, 'cases.read');
  const q = parseInput(listProposalsQuery, raw);
  return db.transaction(async (tx) => {
    if (q.caseId) await visibleCase(tx, actor, q.caseId);
    const where = sql.join(
      [
        sql`tp.status = ${q.status}`,
        sql`tp.subject_id in (${personIdsInJurisdiction(tx, actor)})`,
        q.caseId ? sql`tp.subject_id in ${subjectsOfCase(q.caseId)}` : sql`true`,
        q.subjectId ? sql`tp.subject_id = ${q.subjectId}::int8` : sql`true`,
      ],
      sql` and `,
    );
    const rows = await queryRows<ProposalRow>(
        tx,
        sql`select tp.id::int, tp.subject_id::int, tp.candidate_id::int, tp.setting, tp.venue_id, v.name as venue_name,
                   tp.subject_visit_id::int, tp.overlap_start, tp.overlap_minutes, tp.evidence, tp.status, tp.decided_at,
                   sl.level::int as subject_level, cl.level::int as candidate_level
              from tracing_proposals tp
              left join venues v on v.id = tp.venue_id
              left join contact_levels sl on sl.person_id = tp.subject_id
              left join contact_levels cl on cl.person_id = tp.candidate_id
             where ${where}
             order by tp.subject_id, tp.setting, tp.subject_visit_id nulls first, tp.overlap_start, tp.id
             limit ${q.limit} offset ${q.offset}`,
    );
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from tracing_proposals tp where ${where}`);
    const people = await summariesInJurisdiction(tx, actor, rows.flatMap((r) => [r.subject_id, r.candidate_id]));
    const named = [...new Set(rows.map((r) => r.candidate_id).filter((id) => people.has(id)))];
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'tracing_proposals', details: { caseId: q.caseId ?? null, subjectId: q.subjectId ?? null, status: q.status, total } },
      ...named.map((personId) => ({ action: 'read' as const, entity: 'tracing_proposal', personId })),
    ]);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        subject: { id: r.subject_id, fullName: people.get(r.subject_id)?.fullName ?? null, level: r.subject_level },
        candidate: people.get(r.candidate_id) ?? null,
        candidateId: r.candidate_id,
        candidateLevel: r.candidate_level,
        setting: r.setting,
        venue: r.venue_id === null ? null : { id: r.venue_id, name: r.venue_name ?? '' },
        subjectVisitId: r.subject_visit_id,
        overlapStart: iso(r.overlap_start),
        overlapMinutes: r.overlap_minutes,
        evidence: r.evidence,
        status: r.status,
        decidedAt: iso(r.decided_at),
      })),
    };
  });
}
