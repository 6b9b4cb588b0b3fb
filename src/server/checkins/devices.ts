// Venue scanning devices: a phone or tablet at the entrance scans visitors' personal QR codes
// without a staff account. An official issues a key per device (shown once, stored as SHA-256)
// and can revoke it; the device sends it as X-Venue-Device.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { deviceBody, type DeviceVenueDto } from '../../shared/api/checkins.js';
import { venueDevices, venues } from './schema.js';
import { visibleVenue } from './venues.js';

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Device lookups are cached this long per process: a revocation on another process applies within it. */
const DEVICE_TTL_MS = 30_000;
const cache = new WeakMap<object, Map<string, { venueId: number | null; until: number }>>();

export async function issueVenueDevice(db: Db, actor: Actor, venueId: number, raw: { label: string }): Promise<{ id: number; label: string; deviceKey: string }> {
  requirePermission(actor, 'venues.manage');
  const { label } = parseInput(deviceBody, raw);
  return db.transaction(async (tx) => {
    await visibleVenue(tx, actor, venueId);
    const deviceKey = randomBytes(24).toString('base64url');
    const [row] = await tx.insert(venueDevices).values({ venueId, label, keyHash: hashKey(deviceKey), createdBy: actor.accountId }).returning();
    await audit.record(tx, actor, { action: 'create', entity: 'venue_device', entityId: row.id, details: { venueId, label } });
    return { id: row.id, label: row.label, deviceKey };
  });
}

export async function revokeVenueDevice(db: Db, actor: Actor, venueId: number, deviceId: number): Promise<void> {
  requirePermission(actor, 'venues.manage');
  await db.transaction(async (tx) => {
    await visibleVenue(tx, actor, venueId);
    const [row] = await tx
      .update(venueDevices)
      .set({ revokedAt: new Date() })
      .where(and(eq(venueDevices.id, deviceId), eq(venueDevices.venueId, venueId), isNull(venueDevices.revokedAt)))
      .returning({ id: venueDevices.id });
    if (!row) throw notFound('checkins.errors.device_unknown');
    await audit.record(tx, actor, { action: 'update', entity: 'venue_device', entityId: deviceId, details: { venueId, revoked: true } });
  });
  cache.get(db)?.clear();
}

/** The venue a device key was issued to, or null for an unknown or revoked key. */
export async function venueOfDeviceKey(db: DbOrTx, key: string): Promise<number | null> {
  if (!key || key.length > 100) return null;
  const hash = hashKey(key);
  let byHash = cache.get(db);
  if (!byHash) cache.set(db, (byHash = new Map()));
  const hit = byHash.get(hash);
  if (hit && hit.until > Date.now()) return hit.venueId;
  const [row] = await db
    .select({ venueId: venueDevices.venueId })
    .from(venueDevices)
    .where(and(eq(venueDevices.keyHash, hash), isNull(venueDevices.revokedAt)));
  const venueId = row?.venueId ?? null;
  if (byHash.size > 10_000) byHash.clear();
  byHash.set(hash, { venueId, until: Date.now() + DEVICE_TTL_MS });
  return venueId;
}

/** The venue of a scanning device's key, for the scanner page; not found for an unknown or revoked key. */
export async function deviceVenue(db: DbOrTx, key: string | undefined): Promise<DeviceVenueDto> {
  const venueId = key === undefined ? null : await venueOfDeviceKey(db, key);
  const [row] = venueId === null ? [] : await db.select({ name: venues.name, code: venues.code }).from(venues).where(eq(venues.id, venueId));
  if (!row) throw notFound('checkins.errors.device_unknown');
  return { venueId: venueId!, venueName: row.name, venueCode: row.code };
}
