// Issuing a certificate: the person's DCC payload with a new UVCI, signed with the province's key.
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { AppError, forbidden } from '../http/errors.js';
import { canonicalPersonId, summariesInJurisdiction } from '../people/service.js';
import { summariesByIds } from '../people/service.js';
import { parseInput } from '../people/validate.js';
import { buildDcc, newUvci, signedQr, uvciHash, type DccEntry, type DccType, type Holder } from '../../shared/dcc/index.js';
import { issueCertificateInput, type IssueCertificateInput, type IssuedCertificateDto } from '../../shared/api/certificates.js';
import { signingKey } from './keys.js';
import { certificates, type CertificateRow } from './schema.js';

export const ISSUER_COUNTRY = 'VN';
/** A sample time this far ahead of the server's clock is still accepted (devices' clocks drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

export function issuedView(row: CertificateRow): IssuedCertificateDto {
  return { id: row.id, uvci: row.uvci, qr: row.qr, issuedAt: row.issuedAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

/** The holder as the people registry has them, following merges; an actor sees only their jurisdiction. */
async function holderOf(db: DbOrTx, actor: Actor | null, personId: number): Promise<Holder & { id: number }> {
  const id = await canonicalPersonId(db, personId);
  const found = (actor ? await summariesInJurisdiction(db, actor, [id]) : await summariesByIds(db, [id])).get(id);
  if (!found) throw new AppError('validation', 'certificates.errors.person_unknown', {}, 'personId');
  return { id, fullName: found.fullName, birthDate: found.birthDate, birthYear: found.birthYear };
}

const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

/**
 * When the certificate stops being valid. A test counts from its sample, as the 72-hour rule
 * does (a result looked up two days later has one day left); the others from issue.
 */
function expiryOf(input: { type: DccType; payload: unknown; validityHours?: number; validityMonths?: number }, issuedAt: Date): Date {
  const from = input.type === 't' ? Date.parse((input.payload as { sc: string }).sc) : issuedAt.getTime();
  if (input.validityHours !== undefined) return wholeSeconds(from + input.validityHours * 3_600_000);
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + input.validityMonths!);
  return wholeSeconds(d.getTime());
}

/**
 * Issues a DCC of the given type for a person. `actor` is the staff member issuing (the person must
 * be in their jurisdiction and the province theirs), or null when the platform issues on its own
 * (a citizen who proved who they are fetching their test certificate): the caller vouches then.
 * The calling capability checks its own permission (to record results, vaccinations …), and may
 * pass its own transaction so the certificate commits with what it certifies.
 */
export async function issueCertificate(db: DbOrTx, actor: Actor | null, raw: IssueCertificateInput, opts: { now?: Date } = {}): Promise<IssuedCertificateDto> {
  const input = parseInput(issueCertificateInput, raw);
  if (actor && actor.jurisdiction.provinceId !== input.provinceId) throw forbidden();
  const issuedAt = wholeSeconds((opts.now ?? new Date()).getTime());
  if (input.type === 't' && Date.parse(input.payload.sc) > issuedAt.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('validation', 'certificates.errors.sample_time_future', {}, 'payload.sc');
  }
  const expiresAt = expiryOf(input, issuedAt);
  if (expiresAt <= issuedAt) throw new AppError('validation', 'certificates.errors.already_expired', {}, 'validityHours');

  return db.transaction(async (tx) => {
    const holder = await holderOf(tx, actor, input.personId);
    const key = await signingKey(tx, input.provinceId);
    const uvci = newUvci(ISSUER_COUNTRY, randomBytes(24));
    const dcc = buildDcc(holder, input.type, { ...input.payload, ci: uvci } as DccEntry);
    const qr = await signedQr({ dcc, issuer: ISSUER_COUNTRY, issuedAt, expiresAt, kid: key.kidBytes, sign: key.sign });
    const [row] = await tx
      .insert(certificates)
      .values({
        uvci,
        uvciHash: await uvciHash(uvci),
        type: input.type,
        personId: holder.id,
        provinceId: input.provinceId,
        kid: key.kid,
        sourceRef: input.sourceRef ?? null,
        qr,
        issuedAt,
        expiresAt,
        issuedBy: actor?.accountId ?? null,
      })
      .returning();
    await audit.record(tx, actor, {
      action: 'create',
      entity: 'certificate',
      entityId: row.id,
      personId: holder.id,
      details: { type: input.type, uvci, kid: key.kid, sourceRef: row.sourceRef, expiresAt: expiresAt.toISOString() },
    });
    return issuedView(row);
  });
}

/** The newest unrevoked certificate issued for a source (e.g. a test result), for showing it again. */
export async function certificateForSource(db: DbOrTx, type: DccType, sourceRef: string): Promise<IssuedCertificateDto | null> {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.type, type), eq(certificates.sourceRef, sourceRef), isNull(certificates.revokedAt)))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(1);
  return row ? issuedView(row) : null;
}
