// The two QR codes a check-in joins: the venue's poster (signed here, purpose "venue") and the
// visitor's personal QR (issued by declarations; purpose "personal-qr"). Both are verified by
// MAC in memory, against signing keys each process caches for a minute (SIGNER_TTL_MS), so a
// forged or altered code never reaches the database and a genuine one costs no query either.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import { cachedSigner, verifyCached, type Signer } from '../auth/signing.js';
import { personalQrIdOfToken, personalQrPeople } from '../declarations/service.js';

const VENUE_PURPOSE = 'venue';

/** The token in a venue's QR: its id in base 36, signed. */
export async function venueToken(db: DbOrTx, venueId: number): Promise<string> {
  return (await cachedSigner(db, VENUE_PURPOSE)).sign(venueId.toString(36));
}

// Venue tokens already verified, per set of cached keys (a reload of the keys starts afresh, so a
// retired key stops working as it would without this). A crowd scans few venues, so most taps
// skip the MAC; only genuine tokens are kept, and at most MAX_VERIFIED of them.
const verified = new WeakMap<Signer, Map<string, number>>();
const MAX_VERIFIED = 100_000;

/** The venue id a token was signed for, or null for a forged or altered token. */
export async function venueIdOfToken(db: DbOrTx, token: string): Promise<number | null> {
  const t = token.trim();
  const keys = await cachedSigner(db, VENUE_PURPOSE);
  let known = verified.get(keys);
  const hit = known?.get(t);
  if (hit !== undefined) return hit;
  const body = await verifyCached(db, VENUE_PURPOSE, t);
  if (body === null || !/^[0-9a-z]{1,10}$/.test(body)) return null;
  const id = parseInt(body, 36);
  if (!known || known.size >= MAX_VERIFIED) verified.set(keys, (known = new Map()));
  known.set(t, id);
  return id;
}

/** The public address a venue's QR opens: the light check-in page. */
export function venueQrUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/p/c/${token}`;
}

/** The QR id of a scanned personal QR, or null when forged or altered; whether it is live is the writer's to judge. */
export const qrIdOfToken = personalQrIdOfToken;

/**
 * The QR id of the code printed under a personal QR, typed by venue staff when the camera fails:
 * 16 base-32 letters, spaces, dashes and case ignored. Only signed-in staff and registered venue
 * devices can send one, so it needs no MAC.
 */
export function qrIdOfManualCode(code: string): string | null {
  const id = code.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z2-7]{16}$/.test(id) ? id : null;
}

/** The person of a live personal QR (following merges), or null: for the check-out, which does not go through the writer. */
export async function personOfQrId(db: DbOrTx, qrId: string): Promise<number | null> {
  const [row] = await queryRows<{ person_id: string | number }>(db, sql`select person_id from ${personalQrPeople(sql`array[${qrId}]::text[]`)} r`);
  return row ? Number(row.person_id) : null;
}
