// A facility's zones, rooms and beds, written from the whole structure the form sends. Rooms and
// beds are matched by code and zones by name, so an edit keeps their ids (and the stays pointing
// at them); one that is gone is deleted only if no stay ever used it, and a room in use keeps
// enough capacity for the people in it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { AppError, invalid } from '../http/errors.js';
import type { facilityInput } from '../../shared/api/quarantine.js';
import { facilityBeds, facilityRooms, facilityZones } from './schema.js';

type Zones = z.output<typeof facilityInput>['zones'];

interface RoomUse {
  id: number;
  code: string;
  zone_id: number | null;
  capacity: number;
  sex: string;
  active: number;
  ever: boolean;
}

export async function writeStructure(tx: DbOrTx, facilityId: number, zones: Zones): Promise<void> {
  const existingZones = await tx.select().from(facilityZones).where(eq(facilityZones.facilityId, facilityId));
  const zoneIds = new Map(existingZones.map((z) => [z.name.toLowerCase(), z.id]));
  for (const z of zones) {
    const known = zoneIds.get(z.name.toLowerCase());
    if (known !== undefined) {
      await tx.update(facilityZones).set({ name: z.name }).where(eq(facilityZones.id, known));
    } else {
      const [row] = await tx.insert(facilityZones).values({ facilityId, name: z.name }).returning({ id: facilityZones.id });
      zoneIds.set(z.name.toLowerCase(), row.id);
    }
  }

  const rooms = await queryRows<RoomUse>(
    tx,
    sql`select r.id, r.code, r.zone_id, r.capacity, r.sex,
          (select count(*)::int from stays s where s.room_id = r.id and s.status = 'active') as active,
          exists (select 1 from stays s where s.room_id = r.id) as ever
        from facility_rooms r where r.facility_id = ${facilityId}`,
  );
  const byCode = new Map(rooms.map((r) => [r.code, r]));
  const kept = new Set<string>();
  for (const [i, z] of zones.entries()) {
    const zoneId = zoneIds.get(z.name.toLowerCase())!;
    for (const [j, r] of z.rooms.entries()) {
      const path = `zones[${i}].rooms[${j}]`;
      kept.add(r.code);
      const old = byCode.get(r.code);
      let roomId: number;
      if (old) {
        if (r.capacity < old.active) throw invalid(`${path}.capacity`, 'quarantine.errors.capacity_below_occupancy', { code: r.code, people: old.active });
        if (r.sex !== old.sex && old.active > 0) throw invalid(`${path}.sex`, 'quarantine.errors.room_occupied', { code: r.code });
        await tx.update(facilityRooms).set({ zoneId, capacity: r.capacity, sex: r.sex }).where(eq(facilityRooms.id, old.id));
        roomId = old.id;
      } else {
        const [row] = await tx.insert(facilityRooms).values({ facilityId, zoneId, code: r.code, capacity: r.capacity, sex: r.sex }).returning({ id: facilityRooms.id });
        roomId = row.id;
      }
      await writeBeds(tx, roomId, r.beds, `${path}.beds`);
    }
  }
  const gone = rooms.filter((r) => !kept.has(r.code));
  const used = gone.find((r) => r.ever);
  if (used) throw new AppError('conflict', 'quarantine.errors.room_in_use', { code: used.code }, 'zones');
  if (gone.length) {
    const ids = gone.map((r) => r.id);
    await tx.delete(facilityBeds).where(inArray(facilityBeds.roomId, ids));
    await tx.delete(facilityRooms).where(inArray(facilityRooms.id, ids));
  }
  const keptZones = new Set(zones.map((z) => zoneIds.get(z.name.toLowerCase())!));
  const emptyZones = existingZones.filter((z) => !keptZones.has(z.id)).map((z) => z.id);
  if (emptyZones.length) {
    // A zone left out of the form keeps its rooms that stays still point at.
    await tx
      .delete(facilityZones)
      .where(and(inArray(facilityZones.id, emptyZones), sql`not exists (select 1 from facility_rooms r where r.zone_id = ${facilityZones.id})`));
  }
}

async function writeBeds(tx: DbOrTx, roomId: number, beds: Zones[number]['rooms'][number]['beds'], path: string): Promise<void> {
  const existing = await queryRows<{ id: number; code: string; ever: boolean }>(
    tx,
    sql`select b.id, b.code, exists (select 1 from stays s where s.bed_id = b.id) as ever from facility_beds b where b.room_id = ${roomId}`,
  );
  const byCode = new Map(existing.map((b) => [b.code, b]));
  for (const b of beds) {
    const old = byCode.get(b.code);
    if (old) await tx.update(facilityBeds).set({ kind: b.kind }).where(eq(facilityBeds.id, old.id));
    else await tx.insert(facilityBeds).values({ roomId, code: b.code, kind: b.kind });
  }
  const wanted = new Set(beds.map((b) => b.code));
  const gone = existing.filter((b) => !wanted.has(b.code));
  const used = gone.find((b) => b.ever);
  if (used) throw new AppError('conflict', 'quarantine.errors.bed_in_use', { code: used.code }, path);
  if (gone.length) await tx.delete(facilityBeds).where(and(eq(facilityBeds.roomId, roomId), inArray(facilityBeds.id, gone.map((b) => b.id))));
}
