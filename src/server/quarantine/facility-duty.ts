// The people working a facility (who is on duty now) and its registered camera feeds: a link and
// the last known status, never video.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError, notFound } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { normalizePhone } from '../../shared/vn/phone.js';
import {
  cameraInput,
  cameraStatusBody,
  staffEndBody,
  staffInput,
  staffQuery,
  type CameraView,
  type StaffView,
} from '../../shared/api/quarantine.js';
import { managedFacility, readableFacility, requireAny } from './access.js';
import { facilityCameras, facilityStaff } from './schema.js';

// The facility's own manager keeps its roster and cameras; province staff set up facilities.
const ROSTER = ['quarantine.manage', 'quarantine.admit'] as const;

type StaffRow = typeof facilityStaff.$inferSelect;
const staffView = (r: StaffRow, at: Date): StaffView => ({
  id: r.id,
  fullName: r.fullName,
  phone: r.phone,
  role: r.role,
  onDutyFrom: r.onDutyFrom.toISOString(),
  onDutyTo: r.onDutyTo?.toISOString() ?? null,
  onDuty: r.onDutyFrom <= at && (r.onDutyTo === null || r.onDutyTo > at),
});

export async function staffViews(db: DbOrTx, facilityId: number, at: Date): Promise<StaffView[]> {
  const rows = await db.select().from(facilityStaff).where(eq(facilityStaff.facilityId, facilityId)).orderBy(asc(facilityStaff.onDutyFrom), asc(facilityStaff.id));
  return rows.map((r) => staffView(r, at));
}

/** The roster; on duty at `at` (now) unless all=true. */
export async function listStaff(db: Db, actor: Actor, facilityId: number, raw: unknown = {}): Promise<{ rows: StaffView[] }> {
  requireAny(actor, ['quarantine.read']);
  const q = parseInput(staffQuery, raw);
  await readableFacility(db, actor, facilityId, 'id');
  const all = await staffViews(db, facilityId, q.at ? new Date(q.at) : new Date());
  return { rows: q.all === 'true' ? all : all.filter((s) => s.onDuty) };
}

export async function addStaff(db: Db, actor: Actor, facilityId: number, raw: unknown): Promise<StaffView> {
  requireAny(actor, [...ROSTER]);
  const input = parseInput(staffInput, raw);
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!phone) throw new AppError('validation', 'quarantine.errors.phone_invalid', {}, 'phone');
  }
  return db.transaction(async (tx) => {
    await managedFacility(tx, actor, facilityId);
    const [row] = await tx
      .insert(facilityStaff)
      .values({ facilityId, fullName: input.fullName, phone, role: input.role, onDutyFrom: new Date(input.onDutyFrom), onDutyTo: input.onDutyTo ? new Date(input.onDutyTo) : null })
      .returning();
    await audit.record(tx, actor, { action: 'create', entity: 'facility_staff', entityId: row.id, details: { facilityId } });
    return staffView(row, new Date());
  });
}

/** Ends a shift (or an assignment with no planned end). */
export async function endStaffDuty(db: Db, actor: Actor, facilityId: number, staffId: number, raw: unknown): Promise<StaffView> {
  requireAny(actor, [...ROSTER]);
  const { onDutyTo } = parseInput(staffEndBody, raw);
  return db.transaction(async (tx) => {
    await managedFacility(tx, actor, facilityId);
    const [row] = await tx.select().from(facilityStaff).where(and(eq(facilityStaff.id, staffId), eq(facilityStaff.facilityId, facilityId)));
    if (!row) throw notFound('quarantine.errors.staff_unknown');
    const to = new Date(onDutyTo);
    if (to <= row.onDutyFrom) throw new AppError('validation', 'quarantine.errors.duty_ends_before_start', {}, 'onDutyTo');
    const [updated] = await tx.update(facilityStaff).set({ onDutyTo: to }).where(eq(facilityStaff.id, staffId)).returning();
    await audit.record(tx, actor, { action: 'update', entity: 'facility_staff', entityId: staffId, details: { facilityId, onDutyTo } });
    return staffView(updated, new Date());
  });
}

type CameraRow = typeof facilityCameras.$inferSelect;
const cameraView = (r: CameraRow): CameraView => ({ id: r.id, label: r.label, url: r.url, lastStatus: r.lastStatus, lastCheckedAt: r.lastCheckedAt?.toISOString() ?? null });

export async function cameraViews(db: DbOrTx, facilityId: number): Promise<CameraView[]> {
  const rows = await db.select().from(facilityCameras).where(eq(facilityCameras.facilityId, facilityId)).orderBy(asc(facilityCameras.label), asc(facilityCameras.id));
  return rows.map(cameraView);
}

export async function addCamera(db: Db, actor: Actor, facilityId: number, raw: unknown): Promise<CameraView> {
  requireAny(actor, [...ROSTER]);
  const input = parseInput(cameraInput, raw);
  return db.transaction(async (tx) => {
    await managedFacility(tx, actor, facilityId);
    const [row] = await tx.insert(facilityCameras).values({ facilityId, label: input.label, url: input.url }).returning();
    await audit.record(tx, actor, { action: 'create', entity: 'facility_camera', entityId: row.id, details: { facilityId } });
    return cameraView(row);
  });
}

/** The last known status of a feed, as a watcher or a monitoring probe saw it. */
export async function setCameraStatus(db: Db, actor: Actor, facilityId: number, cameraId: number, raw: unknown): Promise<CameraView> {
  requireAny(actor, [...ROSTER]);
  const input = parseInput(cameraStatusBody, raw);
  return db.transaction(async (tx) => {
    await managedFacility(tx, actor, facilityId);
    const [row] = await tx
      .update(facilityCameras)
      .set({ lastStatus: input.status, lastCheckedAt: input.checkedAt ? new Date(input.checkedAt) : new Date() })
      .where(and(eq(facilityCameras.id, cameraId), eq(facilityCameras.facilityId, facilityId)))
      .returning();
    if (!row) throw notFound('quarantine.errors.camera_unknown');
    return cameraView(row);
  });
}
