// Staff moving one person to another room of the facility, with the reason kept on the stay and
// in its events. The room must have a free place (and the bed, when given, be free); mixing
// cohorts or sexes is allowed, since it is staff's decision, and recorded as such.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { parseInput } from '../people/validate.js';
import { summariesByIds } from '../people/service.js';
import { roomOverrideBody, type StayDetail } from '../../shared/api/quarantine.js';
import { facilityBeds, facilityRooms, stayEvents, stays } from './schema.js';
import { stayDetailOf, visibleStay } from './stays.js';

export async function moveStayRoom(db: Db, actor: Actor, stayId: number, raw: unknown): Promise<StayDetail> {
  requirePermission(actor, 'quarantine.admit');
  const body = parseInput(roomOverrideBody, raw);
  return db.transaction(async (tx) => {
    const stay = await visibleStay(tx, actor, stayId, { lock: true });
    if (stay.status !== 'active' || stay.facilityId === null) throw invalid('roomId', 'quarantine.errors.stay_not_in_facility');
    // Serialises with admissions to the facility, which lock it too.
    await tx.execute(sql`select id from facilities where id = ${stay.facilityId} for update`);
    const [room] = await tx.select().from(facilityRooms).where(and(eq(facilityRooms.id, body.roomId), eq(facilityRooms.facilityId, stay.facilityId)));
    if (!room) throw invalid('roomId', 'quarantine.errors.room_unknown');
    if (room.id === stay.roomId) throw invalid('roomId', 'quarantine.errors.same_room');
    const others = await queryRows<{ admission_day: string; risk: string; person_id: number }>(
      tx,
      sql`select admission_day::text as admission_day, risk, person_id from stays where room_id = ${room.id} and status = 'active'`,
    );
    if (others.length >= room.capacity) throw invalid('roomId', 'quarantine.errors.room_full', { code: room.code });
    const bedId = await bedFor(tx, room.id, body.bedId);
    const sexes = await summariesByIds(tx, [stay.personId, ...others.map((o) => Number(o.person_id))]);
    const sex = sexes.get(stay.personId)?.sex;
    const mixesCohort = others.some((o) => o.admission_day !== stay.admissionDay || o.risk !== stay.risk);
    const sexMismatch = (room.sex !== 'any' && room.sex !== sex) || others.some((o) => sexes.get(Number(o.person_id))?.sex !== sex);
    await tx.update(stays).set({ roomId: room.id, bedId, overrideReason: body.reason }).where(eq(stays.id, stay.id));
    await tx.insert(stayEvents).values({
      stayId: stay.id,
      kind: 'moved_room',
      by: actor.accountId,
      params: { fromRoomId: stay.roomId, toRoomId: room.id, toRoomCode: room.code, bedId, reason: body.reason, mixesCohort, sexMismatch },
    });
    await audit.record(tx, actor, { action: 'update', entity: 'stay', entityId: stay.id, personId: stay.personId, details: { roomId: room.id, reason: body.reason, mixesCohort, sexMismatch } });
    return stayDetailOf(tx, actor, await visibleStay(tx, actor, stay.id));
  });
}

/** The bed asked for (in the room and free), or the room's first free bed when it lists beds. */
async function bedFor(tx: Tx, roomId: number, bedId: number | null): Promise<number | null> {
  const free = await queryRows<{ id: number }>(
    tx,
    sql`select b.id from facility_beds b where b.room_id = ${roomId}
          and not exists (select 1 from stays s where s.bed_id = b.id and s.status = 'active')
        order by b.kind <> 'normal', length(b.code), b.code`,
  );
  if (bedId === null) return free[0]?.id ?? null;
  const [bed] = await tx.select().from(facilityBeds).where(and(eq(facilityBeds.id, bedId), eq(facilityBeds.roomId, roomId)));
  if (!bed) throw invalid('bedId', 'quarantine.errors.bed_unknown');
  if (!free.some((b) => b.id === bedId)) throw invalid('bedId', 'quarantine.errors.bed_taken', { code: bed.code });
  return bedId;
}
