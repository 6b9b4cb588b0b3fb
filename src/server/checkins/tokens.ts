// The two QR codes a check-in joins: the venue's poster (signed here, purpose "venue") and the
// visitor's personal QR (issued by declarations; purpose "personal-qr"). Both are verified by
// MAC before anything is looked up, so a forged or altered code never reaches the database.
import type { DbOrTx } from '../db/handle.js';
import { signer, type Signer } from '../auth/signing.js';
import { resolvePersonalQr } from '../declarations/service.js';

const VENUE_PURPOSE = 'venue';
const PERSONAL_QR_PURPOSE = 'personal-qr';
/** Signing keys are re-read this often, so a key retired on another process stops verifying within it. */
const SIGNER_TTL_MS = 60_000;

const cache = new WeakMap<object, Map<string, { signer: Promise<Signer>; until: number }>>();

function cachedSigner(db: DbOrTx, purpose: string): Promise<Signer> {
  let byPurpose = cache.get(db);
  if (!byPurpose) cache.set(db, (byPurpose = new Map()));
  const hit = byPurpose.get(purpose);
  if (hit && hit.until > Date.now()) return hit.signer;
  const fresh = signer(db, purpose);
  byPurpose.set(purpose, { signer: fresh, until: Date.now() + SIGNER_TTL_MS });
  fresh.catch(() => byPurpose.delete(purpose));
  return fresh;
}

/** The token in a venue's QR: its id in base 36, signed. */
export async function venueToken(db: DbOrTx, venueId: number): Promise<string> {
  return (await cachedSigner(db, VENUE_PURPOSE)).sign(venueId.toString(36));
}

/** The venue id a token was signed for, or null for a forged or altered token. */
export async function venueIdOfToken(db: DbOrTx, token: string): Promise<number | null> {
  const body = (await cachedSigner(db, VENUE_PURPOSE)).verify(token.trim());
  if (body === null || !/^[0-9a-z]{1,10}$/.test(body)) return null;
  return parseInt(body, 36);
}

/** The public address a venue's QR opens: the light check-in page. */
export function venueQrUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/p/c/${token}`;
}

/** The person a scanned personal QR stands for; null when forged, altered or revoked. */
export async function personOfToken(db: DbOrTx, token: string): Promise<number | null> {
  // Checked against the cached key first: a forgery costs no query.
  if ((await cachedSigner(db, PERSONAL_QR_PURPOSE)).verify(token.trim()) === null) return null;
  return (await resolvePersonalQr(db, token))?.personId ?? null;
}

/**
 * The person of the code printed under a personal QR, typed by venue staff when the camera
 * fails. The code is the QR's id (16 base-32 letters; spaces, dashes and case ignored); the
 * server signs it itself, so only signed-in staff and registered venue devices can use it.
 */
export async function personOfManualCode(db: DbOrTx, code: string): Promise<number | null> {
  const id = code.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z2-7]{16}$/.test(id)) return null;
  return (await resolvePersonalQr(db, (await cachedSigner(db, PERSONAL_QR_PURPOSE)).sign(id)))?.personId ?? null;
}
