// What lets a citizen without an account come back: a personal QR (a signed random id, shown
// to staff and scanned at check-ins) and a device key (kept by the browser, sent to update a
// declaration). Neither carries personal data; only the SHA-256 of a device key is stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import { signer, verifyCached } from '../auth/signing.js';
import { canonicalPersonId, MAX_MERGE_DEPTH } from '../people/service.js';
import { personalQr, personDevices } from './schema.js';

const QR_PURPOSE = 'personal-qr';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 10 random bytes as 16 base32 letters: upper case, so a QR can hold it in its compact alphanumeric mode. */
function newQrId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The signed token of the person's live personal QR, made on first use. */
export async function personalQrToken(db: DbOrTx, personId: number): Promise<string> {
  const [live] = await db
    .select({ qrId: personalQr.qrId })
    .from(personalQr)
    .where(and(eq(personalQr.personId, personId), isNull(personalQr.revokedAt)))
    .orderBy(asc(personalQr.createdAt))
    .limit(1);
  const qrId = live?.qrId ?? (await db.insert(personalQr).values({ qrId: newQrId(), personId }).returning())[0].qrId;
  return (await signer(db, QR_PURPOSE)).sign(qrId);
}

/**
 * The QR id a personal QR token carries, or null when the token is forged, altered or signed with
 * a retired key. Checked in memory against the keys cached for SIGNER_TTL_MS (a key retired on
 * another process keeps verifying here for up to a minute); whether the QR is live is not checked.
 */
export async function personalQrIdOfToken(db: DbOrTx, token: string): Promise<string | null> {
  return verifyCached(db, QR_PURPOSE, token.trim());
}

/**
 * A subquery of (qr_id text, person_id bigint): the person of each live personal QR among
 * `qrIds` (an SQL text[]), following merges to the kept person. For statements that resolve a
 * whole batch of scans at once (the check-in writer); an unknown or revoked QR has no row. It adds
 * no parameter of its own, so a caller may send the statement as plain text.
 */
export function personalQrPeople(qrIds: SQL): SQL {
  // One primary-key probe per id and per merge step: "offset 0" keeps each lateral subquery from
  // being flattened into a hash join over every live QR or every person (the recursive step's
  // row count cannot be estimated), which costs tens of milliseconds to find a few hundred rows.
  return sql`(
    with recursive chain(qr_id, person_id, depth) as (
      select u.qr_id, q.person_id, 0 from unnest(${qrIds}) as u(qr_id)
        cross join lateral (select q.person_id from personal_qr q where q.qr_id = u.qr_id and q.revoked_at is null offset 0) q
      union all
      select c.qr_id, p.merged_into, c.depth + 1 from chain c
        cross join lateral (select p.merged_into from people p where p.id = c.person_id and p.merged_into is not null offset 0) p
       where c.depth < ${sql.raw(String(MAX_MERGE_DEPTH))}
    )
    select distinct on (qr_id) qr_id, person_id from chain order by qr_id, depth desc
  )`;
}

/** The person of each token's live personal QR (following merges); forged, altered, unknown or revoked tokens are absent. */
export async function resolvePersonalQrs(db: DbOrTx, tokens: readonly string[]): Promise<Map<string, number>> {
  const qrOf = new Map<string, string>();
  for (const t of tokens) {
    const qrId = await personalQrIdOfToken(db, t);
    if (qrId !== null) qrOf.set(t, qrId);
  }
  const out = new Map<string, number>();
  if (qrOf.size === 0) return out;
  const rows = await queryRows<{ qr_id: string; person_id: string | number }>(db, sql`select * from ${personalQrPeople(sql`${textArray([...new Set(qrOf.values())])}::text[]`)} r`);
  const personOf = new Map(rows.map((r) => [r.qr_id, Number(r.person_id)]));
  for (const [t, qrId] of qrOf) {
    const personId = personOf.get(qrId);
    if (personId !== undefined) out.set(t, personId);
  }
  return out;
}

/** The person a personal QR token stands for (following merges), or null as resolvePersonalQrs leaves it out. */
export async function resolvePersonalQr(db: DbOrTx, token: string): Promise<{ personId: number } | null> {
  const personId = (await resolvePersonalQrs(db, [token])).get(token);
  return personId === undefined ? null : { personId };
}

/** A Postgres array literal of text values, for one parameter (drizzle would spread a JS array into many). */
function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface Device {
  id: number;
  personId: number;
  /** the device has shown it holds the person's phone, or registered the person (device-code.ts) */
  verified: boolean;
}

/** The device a key was given to, with the person it declares for (following merges). */
export async function deviceOfKey(db: DbOrTx, key: string | undefined): Promise<Device | null> {
  if (!key || key.length > 100) return null;
  const [row] = await db
    .select({ id: personDevices.id, personId: personDevices.personId, verifiedAt: personDevices.verifiedAt })
    .from(personDevices)
    .where(eq(personDevices.keyHash, hashKey(key)));
  return row ? { id: row.id, personId: await canonicalPersonId(db, row.personId), verified: row.verifiedAt !== null } : null;
}

export async function touchDevice(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db.update(personDevices).set({ lastUsedAt: at }).where(eq(personDevices.id, id));
}

/** A new device key for the person: returned once, stored only as its hash. Verified: see device-code.ts. */
export async function newDevice(db: DbOrTx, personId: number, at: Date, verified: boolean): Promise<{ device: Device; key: string }> {
  const key = randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(personDevices)
    .values({ keyHash: hashKey(key), personId, createdAt: at, lastUsedAt: at, verifiedAt: verified ? at : null })
    .returning({ id: personDevices.id });
  return { device: { id: row.id, personId, verified }, key };
}
