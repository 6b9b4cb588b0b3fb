// Exposures between people: added by hand, from accepted proposals or imported lists, removed
// with a reason. Each add or remove recomputes the levels around it and is audited.
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesInJurisdiction } from '../people/service.js';
import { exposureInput, removeExposureBody, type ExposureInput, type ExposureView, EXPOSURE_ORIGINS } from '../../shared/api/cases.js';
import { exposures, type ExposureRow } from './schema.js';
import { idArray, lockLevels, relevel } from './levels.js';
import type { FollowUpResult, LevelChange } from './types.js';

export type ExposureOrigin = (typeof EXPOSURE_ORIGINS)[number];
export type NewExposure = ExposureInput & { origin: ExposureOrigin; evidenceObject?: Record<string, unknown> };

/**
 * Stores exposures (an already standing one of the same pair, setting and start is reused),
 * recomputes the levels around all of them at once and hands the moves to follow-up.
 * Ids come back in the order of the inputs.
 */
export async function addExposures(
  tx: Tx,
  actor: Actor | null,
  inputs: NewExposure[],
): Promise<{ ids: number[]; changes: LevelChange[]; followUp: FollowUpResult }> {
  if (inputs.length === 0) return { ids: [], changes: [], followUp: { tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 } };
  const parsed = inputs.map((raw, i) => ({ ...parseInput(exposureInput, raw, inputs.length > 1 ? `[${i}]` : ''), origin: raw.origin, evidenceObject: raw.evidenceObject }));
  await lockLevels(tx);
  await checkPeopleAndVenues(tx, parsed);
  const rows = parsed.map((e, i) => ({
    i,
    source_id: e.sourceId,
    contact_id: e.contactId,
    setting: e.setting,
    place: e.place,
    venue_id: e.venueId,
    started_at: e.startedAt,
    ended_at: e.endedAt,
    evidence: { ...(e.evidenceObject ?? {}), ...(e.evidence ? { note: e.evidence } : {}) },
    origin: e.origin,
  }));
  const source = sql`select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(i int, source_id bigint, contact_id bigint, setting text,
    place text, venue_id int, started_at timestamptz, ended_at timestamptz, evidence jsonb, origin text)`;
  return storeExposures(tx, actor, source, {});
}

/**
 * The exposures of accepted proposals, made from the proposals' rows where they are: a cluster's
 * contacts are a hundred thousand proposals, not worth a trip through the application and back.
 * Ids come back in the order of the proposal ids.
 */
export async function addProposalExposures(
  tx: Tx,
  actor: Actor | null,
  proposalIds: readonly number[],
): Promise<{ ids: number[]; changes: LevelChange[]; followUp: FollowUpResult }> {
  await lockLevels(tx);
  const source = sql`
    select row_number() over (order by p.id)::int as i, p.subject_id as source_id, p.candidate_id as contact_id, p.setting,
           left(coalesce(case p.setting when 'venue' then p.evidence->>'venueName' when 'household' then p.evidence->>'addressLine'
                                        when 'vehicle' then p.evidence->>'vehicleNumber' end, ''), 300) as place,
           p.venue_id, coalesce(p.overlap_start, p.created_at) as started_at,
           coalesce(p.overlap_start, p.created_at) + make_interval(mins => p.overlap_minutes) as ended_at,
           p.evidence || jsonb_build_object('proposalId', p.id) as evidence, 'proposal'::text as origin
      from tracing_proposals p where p.id = any(${idArray([...proposalIds])}::int8[])`;
  return storeExposures(tx, actor, source, { audited: true });
}

/**
 * One statement for the whole batch, from `source` (i, source_id, contact_id, setting, place,
 * venue_id, started_at, ended_at, evidence, origin): new rows are inserted, a standing one of the
 * same pair, setting and start is reused; each row gets its exposure's id back, in the order of i.
 */
async function storeExposures(
  tx: Tx,
  actor: Actor | null,
  source: SQL,
  options: { audited?: boolean },
): Promise<{ ids: number[]; changes: LevelChange[]; followUp: FollowUpResult }> {
  const stored = await queryRows<{ i: number; id: number; created: boolean; source_id: number; contact_id: number; setting: string; origin: string }>(
    tx,
    sql`
    with x as materialized (${source}), ins as (
      insert into exposures (source_id, contact_id, setting, place, venue_id, started_at, ended_at, evidence, origin, created_by)
      select source_id, contact_id, setting, place, venue_id, started_at, ended_at, evidence, origin, ${actor?.accountId ?? null}::int from x order by i
      on conflict (source_id, contact_id, setting, started_at) where removed_at is null do nothing
      returning id, source_id, contact_id, setting, started_at, origin
    )
    select x.i, ins.id is not null as created, x.source_id, x.contact_id, x.setting, x.origin,
      coalesce(ins.id, (select e.id from exposures e where e.source_id = x.source_id and e.contact_id = x.contact_id and e.setting = x.setting
        and e.started_at = x.started_at and e.removed_at is null)) as id
    from x
    left join ins on ins.source_id = x.source_id and ins.contact_id = x.contact_id and ins.setting = x.setting and ins.started_at = x.started_at
    order by x.i`,
  );
  const ids = stored.map((r) => Number(r.id));
  // A pair listed twice in one batch is created once.
  const created = [...new Map(stored.filter((r) => r.created).map((r) => [Number(r.id), r])).values()];
  const entries = created.map((r) => ({
    action: 'create' as const,
    entity: 'exposure',
    entityId: Number(r.id),
    personId: Number(r.contact_id),
    details: { sourceId: Number(r.source_id), setting: r.setting, origin: r.origin },
  }));
  // A caller that audits the decision behind the exposures (an accepted proposal) names them there.
  if (options.audited !== true) await audit.recordMany(tx, actor, entries);
  if (created.length === 0) return { ids, changes: [], followUp: { tasksCreated: 0, tasksCancelled: 0, proposed: 0, autoAccepted: 0 } };
  const seeds = created.flatMap((r) => [Number(r.source_id), Number(r.contact_id)]);
  return { ids, ...(await relevel(tx, actor, seeds, { kind: 'exposures_added' })) };
}

async function checkPeopleAndVenues(tx: DbOrTx, list: { sourceId: number; contactId: number; venueId: number | null }[]): Promise<void> {
  const ids = [...new Set(list.flatMap((e) => [e.sourceId, e.contactId]))];
  const found = new Set(
    (await queryRows<{ id: number }>(tx, sql`select id from people where id = any(${idArray(ids)}::bigint[]) and merged_into is null`)).map((r) => Number(r.id)),
  );
  const venueIds = [...new Set(list.map((e) => e.venueId).filter((v): v is number => v !== null))];
  const venues = new Set(
    venueIds.length ? (await queryRows<{ id: number }>(tx, sql`select id from venues where id = any(${idArray(venueIds)}::int[])`)).map((r) => Number(r.id)) : [],
  );
  const at = (i: number, field: string) => (list.length > 1 ? `[${i}].${field}` : field);
  list.forEach((e, i) => {
    if (!found.has(e.sourceId)) throw invalid(at(i, 'sourceId'), 'cases.errors.person_unknown');
    if (!found.has(e.contactId)) throw invalid(at(i, 'contactId'), 'cases.errors.person_unknown');
    if (e.venueId !== null && !venues.has(e.venueId)) throw invalid(at(i, 'venueId'), 'cases.errors.venue_unknown');
  });
}

/** One exposure recorded by an officer: one of its two people must be in the officer's jurisdiction. */
export async function recordExposure(db: Db, actor: Actor, raw: ExposureInput): Promise<{ exposure: ExposureView; levelChanges: number }> {
  requirePermission(actor, 'cases.write');
  const input = parseInput(exposureInput, raw);
  return db.transaction(async (tx) => {
    const visible = await summariesInJurisdiction(tx, actor, [input.sourceId, input.contactId]);
    if (visible.size === 0) throw new AppError('forbidden', 'errors.out_of_jurisdiction', {}, 'sourceId');
    const { ids, changes } = await addExposures(tx, actor, [{ ...raw, origin: 'manual' }]);
    const [view] = await exposureViews(tx, actor, [ids[0]]);
    return { exposure: view, levelChanges: changes.length };
  });
}

/** Removes a standing exposure (kept with who, when and why) and lets the levels fall back. */
export async function removeExposure(db: Db, actor: Actor, id: number, raw: unknown): Promise<{ levelChanges: number }> {
  requirePermission(actor, 'cases.write');
  const { reason } = parseInput(removeExposureBody, raw);
  return db.transaction(async (tx) => {
    await lockLevels(tx);
    const [row] = await tx.select().from(exposures).where(eq(exposures.id, id)).for('update');
    if (!row) throw notFound('cases.errors.exposure_unknown');
    const visible = await summariesInJurisdiction(tx, actor, [row.sourceId, row.contactId]);
    if (visible.size === 0) throw notFound('cases.errors.exposure_unknown');
    if (row.removedAt) throw new AppError('conflict', 'cases.errors.exposure_removed', {}, 'id');
    await tx
      .update(exposures)
      .set({ removedAt: new Date(), removedBy: actor.accountId, removedReason: reason })
      .where(and(eq(exposures.id, id), isNull(exposures.removedAt)));
    await audit.record(tx, actor, { action: 'update', entity: 'exposure', entityId: id, personId: row.contactId, details: { removed: true, reason, sourceId: row.sourceId } });
    const { changes } = await relevel(tx, actor, [row.sourceId, row.contactId], { kind: 'exposure_removed', exposureId: id });
    return { levelChanges: changes.length };
  });
}

/** Exposures as the API shows them; people outside the jurisdiction keep their id but not their name. */
export async function exposureViews(tx: DbOrTx, actor: Actor, ids: readonly number[]): Promise<ExposureView[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select().from(exposures).where(inArray(exposures.id, [...new Set(ids)]));
  return viewsOf(tx, actor, rows);
}

export async function viewsOf(tx: DbOrTx, actor: Actor, rows: ExposureRow[]): Promise<ExposureView[]> {
  const names = await summariesInJurisdiction(tx, actor, rows.flatMap((r) => [r.sourceId, r.contactId]));
  const venueIds = [...new Set(rows.map((r) => r.venueId).filter((v): v is number => v !== null))];
  const venues = new Map(
    venueIds.length
      ? (await queryRows<{ id: number; name: string }>(tx, sql`select id, name from venues where id = any(${idArray(venueIds)}::int[])`)).map((v) => [Number(v.id), v.name])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    source: { id: r.sourceId, fullName: names.get(r.sourceId)?.fullName ?? null },
    contact: { id: r.contactId, fullName: names.get(r.contactId)?.fullName ?? null },
    setting: r.setting,
    place: r.place,
    venue: r.venueId !== null ? { id: r.venueId, name: venues.get(r.venueId) ?? '' } : null,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    evidence: r.evidence,
    origin: r.origin,
    removedAt: r.removedAt?.toISOString() ?? null,
  }));
}
