// What lets a citizen without an account come back: a personal QR (a signed random id, shown
// to staff and scanned at check-ins) and a device key (kept by the browser, sent to update a
// declaration). Neither carries personal data; only the SHA-256 of a device key is stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { signer } from '../auth/signing.js';
import { canonicalPersonId } from '../people/service.js';
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
 * The person a personal QR token stands for (following merges), or null when the token is
 * forged, altered, signed with a retired key, or its QR was revoked.
 */
export async function resolvePersonalQr(db: DbOrTx, token: string): Promise<{ personId: number } | null> {
  const qrId = (await signer(db, QR_PURPOSE)).verify(token.trim());
  if (!qrId) return null;
  const [row] = await db
    .select({ personId: personalQr.personId })
    .from(personalQr)
    .where(and(eq(personalQr.qrId, qrId), isNull(personalQr.revokedAt)));
  return row ? { personId: await canonicalPersonId(db, row.personId) } : null;
}

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface Device {
  id: number;
  personId: number;
}

/** The device a key was given to, with the person it declares for (following merges). */
export async function deviceOfKey(db: DbOrTx, key: string | undefined): Promise<Device | null> {
  if (!key || key.length > 100) return null;
  const [row] = await db.select({ id: personDevices.id, personId: personDevices.personId }).from(personDevices).where(eq(personDevices.keyHash, hashKey(key)));
  return row ? { id: row.id, personId: await canonicalPersonId(db, row.personId) } : null;
}

export async function touchDevice(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db.update(personDevices).set({ lastUsedAt: at }).where(eq(personDevices.id, id));
}

/** A new device key for the person: returned once, stored only as its hash. */
export async function newDevice(db: DbOrTx, personId: number, at: Date): Promise<{ device: Device; key: string }> {
  const key = randomBytes(32).toString('base64url');
  const [row] = await db.insert(personDevices).values({ keyHash: hashKey(key), personId, createdAt: at, lastUsedAt: at }).returning({ id: personDevices.id });
  return { device: { id: row.id, personId }, key };
}
