// Revoking certificates, the public revocation list, and a person's certificates for staff.
import { and, asc, desc, eq, gt, isNotNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { AppError, notFound } from '../http/errors.js';
import { summariesInJurisdiction } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { revokeBody, type CertificateViewDto, type RevokedListDto } from '../../shared/api/certificates.js';
import type { Permission } from '../../shared/roles.js';
import { certificates, type CertificateRow } from './schema.js';
import { issuedView } from './issue.js';

/**
 * Labs, health and vaccination staff may withdraw a certificate of someone in their jurisdiction
 * (a result entered for the wrong person, a certificate issued in error).
 */
const REVOKE: Permission = 'certificates.revoke';
const READ: Permission = 'people.read';

function view(row: CertificateRow): CertificateViewDto {
  return {
    ...issuedView(row),
    type: row.type,
    personId: row.personId,
    provinceId: row.provinceId,
    kid: row.kid,
    sourceRef: row.sourceRef,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
  };
}

async function requireVisible(db: DbOrTx, actor: Actor, personId: number): Promise<void> {
  if (!(await summariesInJurisdiction(db, actor, [personId])).has(personId)) throw notFound('certificates.errors.not_found');
}

export async function revokeCertificate(db: Db, actor: Actor, id: number, raw: unknown): Promise<CertificateViewDto> {
  requirePermission(actor, REVOKE);
  const { reason } = parseInput(revokeBody, raw);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
    if (!row) throw notFound('certificates.errors.not_found');
    await requireVisible(tx, actor, row.personId);
    if (row.revokedAt) throw new AppError('conflict', 'certificates.errors.already_revoked');
    const [done] = await tx
      .update(certificates)
      .set({ revokedAt: new Date(), revokedBy: actor.accountId, revocationReason: reason })
      .where(eq(certificates.id, id))
      .returning();
    await audit.record(tx, actor, { action: 'update', entity: 'certificate', entityId: id, personId: row.personId, details: { revoked: reason, uvci: row.uvci } });
    return view(done);
  });
}

/** A person's certificates, newest first; the read is audited. */
export async function personCertificates(db: Db, actor: Actor, personId: number): Promise<CertificateViewDto[]> {
  requirePermission(actor, READ);
  return db.transaction(async (tx) => {
    await requireVisible(tx, actor, personId);
    const rows = await tx.select().from(certificates).where(eq(certificates.personId, personId)).orderBy(desc(certificates.issuedAt), desc(certificates.id));
    await audit.record(tx, actor, { action: 'read', entity: 'certificate', personId, details: { count: rows.length } });
    return rows.map(view);
  });
}

/**
 * Revoked certificates still within their validity, as the SHA-256 of their UVCI, oldest
 * revocation first. Expired ones are left out: verifiers refuse them anyway, and the list stays
 * small enough for a phone to keep.
 */
export async function revokedList(db: DbOrTx, now = new Date()): Promise<RevokedListDto> {
  const rows = await db
    .select({ hash: certificates.uvciHash })
    .from(certificates)
    .where(and(isNotNull(certificates.revokedAt), gt(certificates.expiresAt, now)))
    .orderBy(asc(certificates.revokedAt), asc(certificates.id));
  return { generatedAt: now.toISOString(), hashes: rows.map((r) => r.hash) };
}
