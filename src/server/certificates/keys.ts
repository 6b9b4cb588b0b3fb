// Issuer keys: one P-256 key signs a province's certificates at a time; rotation adds a newer one
// while the older ones stay published until retired, so what they signed keeps verifying.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import * as audit from '../audit/service.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { getUnit } from '../geo/service.js';
import { parseInput } from '../people/validate.js';
import { fromBase64, keyId, toBase64 } from '../../shared/dcc/index.js';
import { rotateKeyBody, type PublicKeysDto } from '../../shared/api/certificates.js';
import type { Permission } from '../../shared/roles.js';
import { certificateKeys, certificates, type CertificateKeyRow } from './schema.js';

/** Key management is the system administrator's (the only role holding it). */
const MANAGE_KEYS: Permission = 'certificates.keys';

export interface IssuerKey {
  kid: string;
  kidBytes: Uint8Array;
  /** ES256 over `data`, as the raw 64-byte r‖s COSE wants. */
  sign(data: Uint8Array): Uint8Array;
}

function issuerKey(row: CertificateKeyRow): IssuerKey {
  const key: KeyObject = createPrivateKey({ key: Buffer.from(row.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return {
    kid: row.kid,
    kidBytes: fromBase64(row.kid),
    sign: (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
  };
}

async function createKey(db: DbOrTx, provinceId: number): Promise<CertificateKeyRow> {
  const unit = await getUnit(db, provinceId).catch(() => null);
  if (!unit || unit.level !== 'province') throw new AppError('validation', 'certificates.errors.province_unknown', {}, 'provinceId');
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const [row] = await db
    .insert(certificateKeys)
    .values({
      provinceId,
      provinceName: unit.fullName,
      kid: toBase64(await keyId(spki)),
      publicKey: spki.toString('base64'),
      privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    })
    .returning();
  return row;
}

async function newestLive(db: DbOrTx, provinceId: number): Promise<CertificateKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(certificateKeys)
    .where(and(eq(certificateKeys.provinceId, provinceId), isNull(certificateKeys.retiredAt)))
    .orderBy(desc(certificateKeys.id))
    .limit(1);
  return row;
}

/** The key that signs for the province now; the province's first certificate creates it. Call inside a transaction. */
export async function signingKey(tx: DbOrTx, provinceId: number): Promise<IssuerKey> {
  let row = await newestLive(tx, provinceId);
  if (!row) {
    // Two first certificates at once must not make two keys: the second waits and finds the first's.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`certificate-key:${provinceId}`}))`);
    row = (await newestLive(tx, provinceId)) ?? (await createKey(tx, provinceId));
  }
  return issuerKey(row);
}

function requireProvinceAdmin(actor: Actor, provinceId: number): void {
  requirePermission(actor, MANAGE_KEYS);
  if (actor.jurisdiction.provinceId !== provinceId) throw forbidden();
}

/** Adds a new signing key for the province; the previous ones stay published for verification. */
export async function rotateIssuerKey(db: Db, actor: Actor, raw: unknown): Promise<{ kid: string }> {
  const { provinceId } = parseInput(rotateKeyBody, raw);
  requireProvinceAdmin(actor, provinceId);
  return db.transaction(async (tx) => {
    const row = await createKey(tx, provinceId);
    await audit.record(tx, actor, { action: 'create', entity: 'certificate_key', entityId: row.kid, details: { provinceId } });
    return { kid: row.kid };
  });
}

/**
 * Takes a key off the published list (a leaked key, or one whose certificates have all expired):
 * certificates it signed stop verifying. The key that signs now cannot be retired; rotate first.
 */
export async function retireIssuerKey(db: Db, actor: Actor, kid: string): Promise<void> {
  requirePermission(actor, MANAGE_KEYS);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(certificateKeys).where(eq(certificateKeys.kid, kid)).for('update');
    if (!row || row.retiredAt) throw notFound('certificates.errors.key_unknown');
    requireProvinceAdmin(actor, row.provinceId);
    if ((await newestLive(tx, row.provinceId))?.id === row.id) throw new AppError('conflict', 'certificates.errors.key_active', {}, 'kid');
    await tx.update(certificateKeys).set({ retiredAt: new Date() }).where(eq(certificateKeys.id, row.id));
    await audit.record(tx, actor, { action: 'update', entity: 'certificate_key', entityId: kid, details: { retired: true, provinceId: row.provinceId } });
  });
}

/** Every live key, for verifiers; a key that no longer signs says until when its certificates run. */
export async function publishedKeys(db: DbOrTx, now = new Date()): Promise<PublicKeysDto> {
  const rows = await db.select().from(certificateKeys).where(isNull(certificateKeys.retiredAt)).orderBy(asc(certificateKeys.provinceId), asc(certificateKeys.id));
  const newest = new Map<number, number>();
  for (const r of rows) newest.set(r.provinceId, r.id);
  const older = rows.filter((r) => newest.get(r.provinceId) !== r.id).map((r) => r.kid);
  const lastExpiry = new Map(
    older.length
      ? (
          await db
            .select({ kid: certificates.kid, until: sql<string>`max(${certificates.expiresAt})` })
            .from(certificates)
            .where(inArray(certificates.kid, older))
            .groupBy(certificates.kid)
        ).map((r) => [r.kid, new Date(r.until).toISOString()])
      : [],
  );
  return {
    issuer: 'VN',
    generatedAt: now.toISOString(),
    keys: rows.map((r) => {
      const active = newest.get(r.provinceId) === r.id;
      return {
        kid: r.kid,
        spki: r.publicKey,
        provinceId: r.provinceId,
        provinceName: r.provinceName,
        active,
        validFrom: r.createdAt.toISOString(),
        validUntil: active ? null : (lastExpiry.get(r.kid) ?? null),
      };
    }),
  };
}
