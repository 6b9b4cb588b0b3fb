import { and, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { personIdsInJurisdiction } from '../people/service.js';
import { accountIdsInJurisdiction } from '../auth/service.js';
import type { DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { requirePermission } from '../auth/actor.js';
import { auditLog, type AuditRow } from './schema.js';

export type AuditAction = 'read' | 'search' | 'create' | 'update' | 'merge' | 'dismiss' | 'export' | 'import' | 'login' | 'logout' | 'login_failed' | 'password_change';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  personId?: number | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log, inside the caller's transaction so the record and its trace commit together. */
export async function record(db: DbOrTx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await recordMany(db, actor, [entry]);
}

/**
 * One statement whatever the number of entries, the entries as one JSON parameter: a bulk decision
 * audits hundreds of thousands of rows, which as bound values would need chunks under
 * PostgreSQL's 65,535 parameters and cost more to build than to store.
 */
export async function recordMany(db: DbOrTx, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId == null ? null : String(e.entityId),
    person_id: e.personId ?? null,
    details: e.details ?? null,
  }));
  await db.execute(sql`
    insert into audit_log (account_id, username, role, action, entity, entity_id, person_id, ip, via, details)
    select ${actor?.accountId ?? null}::int, ${actor?.username ?? null}::text, ${actor?.role ?? null}::text,
           x.action, x.entity, x.entity_id, x.person_id, ${actor?.ip ?? null}::text, ${actor?.via ?? null}::text, x.details
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(action text, entity text, entity_id text, person_id bigint, details jsonb)`);
}

/**
 * Appends one entry per row of `rows`, an SQL select of (action, entity, entity_id text,
 * person_id bigint, details jsonb): for entries made from rows the caller has just written, so
 * they never travel to the application and back.
 */
export async function recordSelected(db: DbOrTx, actor: Actor | null, rows: SQL): Promise<void> {
  await db.execute(sql`
    insert into audit_log (account_id, username, role, action, entity, entity_id, person_id, ip, via, details)
    select ${actor?.accountId ?? null}::int, ${actor?.username ?? null}::text, ${actor?.role ?? null}::text,
           x.action, x.entity, x.entity_id, x.person_id, ${actor?.ip ?? null}::text, ${actor?.via ?? null}::text, x.details
      from (${rows}) as x(action, entity, entity_id, person_id, details)`);
}

export interface AuditQuery {
  personId?: number;
  username?: string;
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function search(db: DbOrTx, actor: Actor, q: AuditQuery): Promise<{ total: number; rows: AuditRow[] }> {
  requirePermission(actor, 'audit.read');
  const where: SQL[] = [];
  if (q.personId) where.push(eq(auditLog.personId, q.personId));
  if (q.username) where.push(eq(auditLog.username, q.username));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  // Below the province, an officer sees what was done to the people of the jurisdiction and by
  // its own staff, never the traces of people elsewhere.
  if (actor.jurisdiction.level !== 'province') {
    where.push(
      or(
        inArray(auditLog.personId, personIdsInJurisdiction(db, actor)),
        and(isNull(auditLog.personId), inArray(auditLog.accountId, accountIdsInJurisdiction(db, actor))),
      )!,
    );
  }
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db.select().from(auditLog).where(cond).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(cond),
  ]);
  return { total: n, rows };
}
