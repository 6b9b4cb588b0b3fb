// Transfer proposals raised by warning signs: listed for the officials of the stay's jurisdiction
// (the person's or the facility's), and accepted or rejected with a note. Accepting records the
// decision; the move itself goes through the stay transfer (transfers.ts), at once when the
// decision names the receiving facility, or later by the admitting staff.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import { translate } from '../../shared/i18n/index.js';
import * as audit from '../audit/service.js';
import { summariesByIds } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import {
  acceptProposalBody,
  rejectProposalBody,
  transferProposalsQuery,
  type AcceptProposalBody,
  type TransferProposalView,
  type TransferProposalsQuery,
  type WarningSign,
} from '../../shared/api/quarantine-monitoring.js';
import { E, requireActive, stayInScope, watchedStay } from './monitoring-access.js';
import { readableFacility } from './access.js';
import { transferStayIn } from './transfer.js';

interface ProposalRow {
  total: number;
  id: number;
  stay_id: number;
  person_id: number;
  facility_id: number | null;
  facility_name: string | null;
  health_check_id: number | null;
  from_tier: number | null;
  to_tier: number;
  reasons: WarningSign[];
  status: TransferProposalView['status'];
  created_at: Date | string;
  decided_by: number | null;
  decider_name: string | null;
  decided_at: Date | string | null;
  decision_note: string | null;
  transferred_stay_id: number | null;
}

async function proposalRows(db: DbOrTx, where: SQL, limit: number, offset: number): Promise<ProposalRow[]> {
  return queryRows<ProposalRow>(
    db,
    sql`select count(*) over ()::int as total, p.id::int, p.stay_id::int, s.person_id::int, f.id as facility_id, f.name as facility_name,
               p.health_check_id::int, p.from_tier, p.to_tier, p.reasons, p.status, p.created_at, p.decided_by, a.display_name as decider_name,
               p.decided_at, p.decision_note, p.transferred_stay_id::int
          from transfer_proposals p join stays s on s.id = p.stay_id left join facilities f on f.id = s.facility_id
          left join accounts a on a.id = p.decided_by
         where ${where}
         order by (p.status = 'pending') desc, p.created_at desc, p.id desc limit ${limit} offset ${offset}`,
  );
}

function view(r: ProposalRow, person: TransferProposalView['person']): TransferProposalView {
  return {
    id: r.id,
    stayId: r.stay_id,
    person,
    facility: r.facility_id === null ? null : { id: r.facility_id, name: r.facility_name ?? '' },
    healthCheckId: r.health_check_id,
    fromTier: r.from_tier,
    toTier: r.to_tier,
    reasons: r.reasons,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    decidedBy: r.decided_by === null ? null : { id: r.decided_by, name: r.decider_name ?? '' },
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    decisionNote: r.decision_note,
    transferredStayId: r.transferred_stay_id,
  };
}

/** Pending first, newest first. Listing names people, so it is audited like a read of each. */
export async function listTransferProposals(db: Db, actor: Actor, raw: TransferProposalsQuery): Promise<{ total: number; rows: TransferProposalView[] }> {
  requirePermission(actor, 'quarantine.read');
  const q = parseInput(transferProposalsQuery, raw);
  const where = sql.join(
    [
      stayInScope(actor),
      q.status ? sql`p.status = ${q.status}` : undefined,
      q.stayId ? sql`p.stay_id = ${q.stayId}` : undefined,
      q.facilityId ? sql`s.facility_id = ${q.facilityId}` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` and `,
  );
  const rows = await proposalRows(db, where, q.limit, q.offset);
  const people = await summariesByIds(db, rows.map((r) => r.person_id));
  await audit.recordMany(db, actor, [
    { action: 'search', entity: 'transfer_proposals', details: { ...q, total: rows[0]?.total ?? 0 } },
    ...[...people.keys()].map((personId) => ({ action: 'read' as const, entity: 'transfer_proposal', personId })),
  ]);
  return { total: rows[0]?.total ?? 0, rows: rows.map((r) => view(r, people.get(r.person_id) ?? null)) };
}

async function pendingProposal(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await queryRows<{ stay_id: number; status: string }>(db, sql`select stay_id::int, status from transfer_proposals where id = ${id}`);
  if (!row) throw new AppError('not_found', E('proposal_unknown'));
  const w = await watchedStay(db, actor, row.stay_id, 'quarantine.admit').catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found' ? new AppError('not_found', E('proposal_unknown')) : err;
  });
  if (row.status !== 'pending') throw new AppError('conflict', E('proposal_decided'));
  return w;
}

async function decided(db: DbOrTx, id: number): Promise<TransferProposalView> {
  const [row] = await proposalRows(db, sql`p.id = ${id}`, 1, 0);
  const people = await summariesByIds(db, [row.person_id]);
  return view(row, people.get(row.person_id) ?? null);
}

/**
 * Accepts: the person is to move up a tier. With a facility (of the proposed tier or higher) the
 * transfer is made at once and the new stay recorded on the proposal. Without one the decision is
 * recorded, also for a stay the staff have already transferred (its new stay is recorded then).
 */
export async function acceptTransferProposal(db: Db, actor: Actor, id: number, raw: AcceptProposalBody, now = new Date()): Promise<TransferProposalView> {
  const w = await pendingProposal(db, actor, id);
  const body = parseInput(acceptProposalBody, raw);
  if (body.facilityId !== undefined) requireActive(w.stay);
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number; to_tier: number }>(
      tx,
      sql`update transfer_proposals set status = 'accepted', decided_by = ${actor.accountId}, decided_at = ${now.toISOString()}::timestamptz,
                 decision_note = ${body.note || null}
           where id = ${id} and status = 'pending' returning id::int, to_tier`,
    );
    if (!row) throw new AppError('conflict', E('proposal_decided'));
    // A stay already transferred by the admitting staff points at where the person went.
    let transferredStayId: number | null = w.stay.transferredToStayId;
    if (body.facilityId !== undefined) {
      const to = await readableFacility(tx, actor, body.facilityId);
      if (to.tier === null || to.tier < row.to_tier) throw invalid('facilityId', E('facility_tier_below'), { tier: row.to_tier });
      const reason = body.note.length >= 5 ? body.note : translate('vi', 'quarantineMonitoring.notify.transfer_reason', { id, tier: row.to_tier });
      transferredStayId = await transferStayIn(tx, actor, w.stay.id, { facilityId: to.id, roomId: body.roomId ?? null, reason }, now);
    }
    if (transferredStayId !== null) await tx.execute(sql`update transfer_proposals set transferred_stay_id = ${transferredStayId} where id = ${id}`);
    await audit.record(tx, actor, { action: 'update', entity: 'transfer_proposal', entityId: id, personId: w.stay.personId, details: { status: 'accepted', note: body.note, transferredStayId } });
  });
  return decided(db, id);
}

export async function rejectTransferProposal(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<TransferProposalView> {
  const w = await pendingProposal(db, actor, id);
  const body = parseInput(rejectProposalBody, raw);
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`update transfer_proposals set status = 'rejected', decided_by = ${actor.accountId}, decided_at = ${now.toISOString()}::timestamptz, decision_note = ${body.note}
           where id = ${id} and status = 'pending' returning id::int`,
    );
    if (!row) throw new AppError('conflict', E('proposal_decided'));
    await audit.record(tx, actor, { action: 'update', entity: 'transfer_proposal', entityId: id, personId: w.stay.personId, details: { status: 'rejected', note: body.note } });
  });
  return decided(db, id);
}
