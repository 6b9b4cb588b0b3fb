import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { signingKeys } from './schema.js';

/**
 * Short signed tokens for QR codes: `<body>.<key id>.<mac>`. The body is an opaque identifier
 * (never personal data); the MAC is HMAC-SHA256 over the purpose and the body, cut to 128 bits,
 * which keeps the QR small while making forgery infeasible.
 */
export interface Signer {
  sign(body: string): string;
  /** The body of a token signed for this purpose with a live key, or null for anything else. */
  verify(token: string): string | null;
}

const MAC_BYTES = 16;

function mac(secret: string, purpose: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}\n${body}`).digest().subarray(0, MAC_BYTES);
}

export async function signer(db: DbOrTx, purpose: string): Promise<Signer> {
  let keys = await liveKeys(db, purpose);
  if (keys.length === 0) {
    await db.insert(signingKeys).values({ purpose, secret: randomBytes(32).toString('base64url') });
    keys = await liveKeys(db, purpose);
  }
  const current = keys[keys.length - 1];
  const byId = new Map(keys.map((k) => [k.id, k.secret]));
  return {
    sign: (body) => {
      if (body.includes('.')) throw new Error('a token body cannot contain "."');
      return `${body}.${current.id.toString(36)}.${mac(current.secret, purpose, body).toString('base64url')}`;
    },
    verify: (token) => {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [body, kid, given] = parts;
      const secret = byId.get(parseInt(kid, 36));
      if (!secret) return null;
      // Compared as text: base64 decoding ignores the spare bits of the last character, so two
      // spellings would decode to the same MAC and an altered token would pass.
      const expected = Buffer.from(mac(secret, purpose, body).toString('base64url'));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected) ? body : null;
    },
  };
}

function liveKeys(db: DbOrTx, purpose: string) {
  return db
    .select({ id: signingKeys.id, secret: signingKeys.secret })
    .from(signingKeys)
    .where(and(eq(signingKeys.purpose, purpose), isNull(signingKeys.retiredAt)))
    .orderBy(asc(signingKeys.id));
}

/** Adds a new key for the purpose; tokens signed with older live keys keep verifying. */
export async function rotateKey(db: DbOrTx, purpose: string): Promise<void> {
  await db.insert(signingKeys).values({ purpose, secret: randomBytes(32).toString('base64url') });
}

/** Retires a key: tokens signed with it stop verifying (a leaked key, say). */
export async function retireKey(db: DbOrTx, id: number): Promise<void> {
  await db.update(signingKeys).set({ retiredAt: new Date() }).where(eq(signingKeys.id, id));
}
