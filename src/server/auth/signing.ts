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

type Key = { id: number; secret: string };

/** The live keys of a purpose, oldest first; the first use of a purpose creates its key. */
async function keysOf(db: DbOrTx, purpose: string): Promise<Key[]> {
  let keys = await liveKeys(db, purpose);
  if (keys.length === 0) {
    await db.insert(signingKeys).values({ purpose, secret: randomBytes(32).toString('base64url') });
    keys = await liveKeys(db, purpose);
  }
  return keys;
}

function signerOf(purpose: string, keys: Key[]): Signer {
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

/** Reads the live keys on every call: a rotation or retirement applies at once. */
export async function signer(db: DbOrTx, purpose: string): Promise<Signer> {
  return signerOf(purpose, await keysOf(db, purpose));
}

/**
 * How long a process keeps a purpose's keys in memory (cachedSigner). A key retired on another
 * process stops verifying here within this time; on this process, at once.
 */
export const SIGNER_TTL_MS = 60_000;
/** A token naming a key newer than the cached ones reloads the keys, at most this often. */
const NEW_KEY_RELOAD_MS = 5_000;

interface CachedKeys {
  signer: Promise<Signer>;
  newestId: Promise<number>;
  until: number;
  loadedAt: number;
  generation: number;
}
const cache = new WeakMap<object, Map<string, CachedKeys>>();
// rotateKey and retireKey bump it, so this process's caches reload on their next use.
let generation = 0;

function load(db: DbOrTx, purpose: string, byPurpose: Map<string, CachedKeys>): CachedKeys {
  const keys = keysOf(db, purpose);
  const now = Date.now();
  const entry: CachedKeys = {
    signer: keys.then((k) => signerOf(purpose, k)),
    newestId: keys.then((k) => k[k.length - 1].id),
    until: now + SIGNER_TTL_MS,
    loadedAt: now,
    generation,
  };
  byPurpose.set(purpose, entry);
  keys.catch(() => byPurpose.delete(purpose));
  return entry;
}

function cached(db: DbOrTx, purpose: string): { entry: CachedKeys; byPurpose: Map<string, CachedKeys> } {
  let byPurpose = cache.get(db);
  if (!byPurpose) cache.set(db, (byPurpose = new Map()));
  const hit = byPurpose.get(purpose);
  const entry = hit && hit.until > Date.now() && hit.generation === generation ? hit : load(db, purpose, byPurpose);
  return { entry, byPurpose };
}

/**
 * The signer of a purpose with its keys held in memory for SIGNER_TTL_MS, for checks on every
 * request (check-ins): verifying then costs no query. Use verifyCached to verify, so a token
 * signed with a key created meanwhile on another process is not refused.
 */
export function cachedSigner(db: DbOrTx, purpose: string): Promise<Signer> {
  return cached(db, purpose).entry.signer;
}

/** cachedSigner's verify; a token naming a key newer than the cached ones reloads the keys first (rate-limited). */
export async function verifyCached(db: DbOrTx, purpose: string, token: string): Promise<string | null> {
  const { entry, byPurpose } = cached(db, purpose);
  const body = (await entry.signer).verify(token);
  if (body !== null) return body;
  const kid = parseInt(token.split('.')[1] ?? '', 36);
  if (!(kid > (await entry.newestId)) || Date.now() - entry.loadedAt < NEW_KEY_RELOAD_MS || byPurpose.get(purpose) !== entry) return null;
  return (await load(db, purpose, byPurpose).signer).verify(token);
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
  generation++;
}

/** Retires a key: tokens signed with it stop verifying (a leaked key, say). */
export async function retireKey(db: DbOrTx, id: number): Promise<void> {
  await db.update(signingKeys).set({ retiredAt: new Date() }).where(eq(signingKeys.id, id));
  generation++;
}
