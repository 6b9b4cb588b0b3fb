// A declaration names a person by CCCD, phone and name, all of which others may know. A device
// that declares for a person already registered is given that person's QR only once it shows it
// holds the phone on record: a code sent there by SMS, typed back on the device. A person the
// declaration itself registers gets the QR at once (no one else had it). Without a phone on
// record, the commune health station adds one to the record and the device asks for the code.
import { createHash, randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { phoneOf } from '../people/service.js';
import { enqueue } from '../cases/service.js';
import { personDevices } from './schema.js';
import { deviceOfKey, personalQrToken, type Device } from './qr.js';

export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
/** Between two codes for one device: an SMS costs money and a flood of them is abuse. */
export const RESEND_SECONDS = 60;
export const CODE_TEMPLATE = 'declarations.sms.code';

export interface Verification {
  /** the last digits of the phone the code went to; null when the person has no phone on record */
  phoneHint: string | null;
}

const hashCode = (deviceId: number, code: string) => createHash('sha256').update(`${deviceId}:${code}`, 'utf8').digest('hex');
const hintOf = (phone: string) => `•••${phone.slice(-3)}`;

/**
 * What an unverified device is told: a code is sent to the phone on record unless one sent less
 * than RESEND_SECONDS ago is still waiting.
 */
export async function pendingVerification(tx: DbOrTx, device: Device, now: Date): Promise<Verification> {
  const phone = await phoneOf(tx, device.personId);
  if (!phone) return { phoneHint: null };
  const [row] = await tx.select({ sentAt: personDevices.codeSentAt }).from(personDevices).where(eq(personDevices.id, device.id));
  if (!row?.sentAt || now.getTime() - row.sentAt.getTime() >= RESEND_SECONDS * 1000) await sendCode(tx, device.id, phone, now);
  return { phoneHint: hintOf(phone) };
}

async function sendCode(tx: DbOrTx, deviceId: number, phone: string, now: Date): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.update(personDevices).set({ codeHash: hashCode(deviceId, code), codeSentAt: now, codeAttempts: 0 }).where(eq(personDevices.id, deviceId));
  await enqueue(tx, [{ channel: 'sms', recipient: phone, template: CODE_TEMPLATE, params: { code, minutes: CODE_MINUTES } }]);
}

/** A new code for the device, at most one per RESEND_SECONDS. */
export async function resendCode(db: Db, key: string | undefined, now = new Date()): Promise<Verification> {
  return db.transaction(async (tx) => {
    const device = await lockedDevice(tx, key);
    if (device.verifiedAt) throw new AppError('conflict', 'declarations.errors.device_verified');
    const phone = await phoneOf(tx, device.personId);
    if (!phone) return { phoneHint: null };
    const wait = device.codeSentAt ? RESEND_SECONDS - Math.floor((now.getTime() - device.codeSentAt.getTime()) / 1000) : 0;
    if (wait > 0) throw new AppError('rate_limited', 'errors.rate_limited', { seconds: wait });
    await sendCode(tx, device.id, phone, now);
    return { phoneHint: hintOf(phone) };
  });
}

async function lockedDevice(tx: DbOrTx, key: string | undefined) {
  const known = await deviceOfKey(tx, key);
  if (!known) throw notFound();
  const [row] = await tx.select().from(personDevices).where(eq(personDevices.id, known.id)).for('update');
  return { ...row, personId: known.personId };
}

type Checked = { ok: true; qrToken: string } | { ok: false; error: AppError };

/**
 * The code typed on the device: right, the device is verified and gets the person's QR; wrong,
 * the attempt is counted (kept even though the answer is an error) until CODE_ATTEMPTS, after
 * which only a new code helps.
 */
export async function verifyCode(db: Db, key: string | undefined, code: string, now = new Date()): Promise<{ qrToken: string }> {
  const checked = await db.transaction(async (tx): Promise<Checked> => {
    const device = await lockedDevice(tx, key);
    if (device.verifiedAt) return { ok: true, qrToken: await personalQrToken(tx, device.personId) };
    if (!device.codeHash || !device.codeSentAt || now.getTime() - device.codeSentAt.getTime() > CODE_MINUTES * 60_000) {
      return { ok: false, error: invalid('code', 'declarations.errors.code_expired') };
    }
    if (device.codeAttempts >= CODE_ATTEMPTS) return { ok: false, error: invalid('code', 'declarations.errors.code_locked') };
    if (hashCode(device.id, code.trim()) !== device.codeHash) {
      await tx.update(personDevices).set({ codeAttempts: sql`${personDevices.codeAttempts} + 1` }).where(eq(personDevices.id, device.id));
      const left = CODE_ATTEMPTS - device.codeAttempts - 1;
      return { ok: false, error: invalid('code', left > 0 ? 'declarations.errors.code_wrong' : 'declarations.errors.code_locked', { left }) };
    }
    await tx.update(personDevices).set({ verifiedAt: now, codeHash: null, codeAttempts: 0 }).where(eq(personDevices.id, device.id));
    await audit.record(tx, null, { action: 'update', entity: 'person_device', entityId: device.id, personId: device.personId, details: { verified: 'sms_code' } });
    return { ok: true, qrToken: await personalQrToken(tx, device.personId) };
  });
  if (!checked.ok) throw checked.error;
  return { qrToken: checked.qrToken };
}
