// Reading contacts: the traced people of a case or of a unit, and one person's tracing record.
// A contact outside the reader's jurisdiction is counted (person null) but never named.
import { desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesInJurisdiction } from '../people/service.js';
import type { z } from 'zod';
import { listContactsQuery, type listContactsResponse, type PersonTracing } from '../../shared/api/cases.js';
import { exposures, levelChanges } from './schema.js';
import { caseCode, inUnit, scopeOf } from './access.js';
import { visibleCase } from './case-views.js';
import { casesOfPeople } from './cases.js';
import { currentLevels } from './levels.js';
import { viewsOf } from './exposures.js';

type ContactsResponse = z.infer<typeof listContactsResponse>;

export async function listContacts(db: Db, actor: Actor, raw: unknown = {}): Promise<ContactsResponse> {
  requirePermission(actor, 'cases.read');
  const q = parseInput(listContactsQuery, raw);
  return db.transaction(async (tx) => {
    const where: SQL[] = [sql`cl.level >= 1`];
    if (q.level) where.push(sql`cl.level = ${q.level}`);
    if (q.caseId) {
      await visibleCase(tx, actor, q.caseId);
      where.push(sql`cl.root_case_id = ${q.caseId}`);
    } else {
      // The contacts living in the unit, and those of the unit's cases living elsewhere.
      const scope = await scopeOf(tx, actor, q.unitId);
      where.push(sql`(${inUnit(scope, 'cl')} or exists (select 1 from cases c where c.id = cl.root_case_id and ${inUnit(scope, 'c')}))`);
    }
    if (q.caseId && q.unitId) where.push(inUnit(await scopeOf(tx, actor, q.unitId), 'cl'));
    const cond = sql.join(where, sql` and `);
    const rows = await queryRows<{ person_id: number; level: number; via_person_id: number | null; exposed_at: string | Date | null; since: string | Date; open_tasks: number }>(
      tx,
      sql`select cl.person_id, cl.level, cl.via_person_id, cl.exposed_at, cl.since,
            (select count(*)::int from tracing_tasks t where t.person_id = cl.person_id and t.status = 'open') as open_tasks
          from contact_levels cl where ${cond}
          order by cl.level, cl.exposed_at nulls last, cl.person_id limit ${q.limit} offset ${q.offset}`,
    );
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`select count(*)::int as total from contact_levels cl where ${cond}`);
    const ids = rows.flatMap((r) => [Number(r.person_id), ...(r.via_person_id === null ? [] : [Number(r.via_person_id)])]);
    const named = await summariesInJurisdiction(tx, actor, ids);
    const shown = rows.map((r) => Number(r.person_id)).filter((id) => named.has(id));
    await audit.recordMany(tx, actor, [
      { action: 'search', entity: 'contacts', entityId: q.caseId ?? null, details: { ...q, total, named: shown.length } },
      ...shown.map((personId) => ({ action: 'read' as const, entity: 'contact_level', entityId: personId, personId })),
    ]);
    return {
      total,
      rows: rows.map((r) => {
        const via = r.via_person_id === null ? null : Number(r.via_person_id);
        return {
          person: named.get(Number(r.person_id)) ?? null,
          personId: Number(r.person_id),
          level: Number(r.level),
          via: via === null ? null : { id: via, fullName: named.get(via)?.fullName ?? null },
          exposedAt: r.exposed_at === null ? null : new Date(r.exposed_at).toISOString(),
          since: new Date(r.since).toISOString(),
          openTasks: Number(r.open_tasks),
        };
      }),
    };
  });
}

/** A person's level, why, the moves that led there and their exposures; the person must be in the jurisdiction. */
export async function personTracing(db: Db, actor: Actor, personId: number): Promise<PersonTracing> {
  requirePermission(actor, 'cases.read');
  return db.transaction(async (tx) => {
    if (!(await summariesInJurisdiction(tx, actor, [personId])).has(personId)) throw notFound('cases.errors.person_unknown');
    const level = (await currentLevels(tx, [personId])).get(personId);
    const open = (await casesOfPeople(tx, [personId])).get(personId);
    const changes = await tx.select().from(levelChanges).where(eq(levelChanges.personId, personId)).orderBy(desc(levelChanges.at), desc(levelChanges.id)).limit(200);
    const exposed = await tx
      .select()
      .from(exposures)
      .where(or(eq(exposures.sourceId, personId), eq(exposures.contactId, personId)))
      .orderBy(desc(exposures.startedAt), desc(exposures.id))
      .limit(200);
    const [root] = level?.rootCaseId
      ? await queryRows<{ id: number; number: number | null }>(tx, sql`select id, number from cases where id = ${level.rootCaseId}`)
      : [];
    const viaName = level?.viaPersonId ? (await summariesInJurisdiction(tx, actor, [level.viaPersonId])).get(level.viaPersonId)?.fullName ?? null : null;
    await audit.record(tx, actor, { action: 'read', entity: 'person_tracing', entityId: personId, personId });
    return {
      personId,
      level: level?.level ?? null,
      rootCase: root ? { id: Number(root.id), code: caseCode(root.number) } : null,
      via: level?.viaPersonId ? { id: level.viaPersonId, fullName: viaName } : null,
      exposedAt: level?.exposedAt?.toISOString() ?? null,
      caseId: open?.id ?? null,
      changes: changes.map((c) => ({ fromLevel: c.fromLevel, toLevel: c.toLevel, reason: c.reason, params: c.reasonParams, at: c.at.toISOString() })),
      exposures: await viewsOf(tx, actor, exposed),
    };
  });
}

