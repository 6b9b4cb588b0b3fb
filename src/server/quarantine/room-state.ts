// The SQL that feeds allocateRooms: a facility's rooms in order (zone, then code), each with the
// people in it now (their cohort, sex and household), and the free beds of each room.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { summariesByIds } from '../people/service.js';
import { foldKey } from '../../shared/vn/text.js';
import type { Sex } from '../../shared/api/people.js';
import type { StayRisk } from '../../shared/api/quarantine.js';
import type { RoomState } from './allocation.js';

/** People of one household: same commune and the same address once accents and case are folded. */
export function householdOf(p: { communeId: number; addressLine: string }): string | null {
  const place = foldKey(p.addressLine);
  return place ? `${p.communeId}:${place}` : null;
}

export interface FacilityRooms {
  rooms: RoomState[];
  codes: Map<number, string>;
  /** free beds of each room that lists beds, normal beds first */
  freeBeds: Map<number, { id: number; code: string }[]>;
}

export async function facilityRooms(tx: DbOrTx, facilityId: number): Promise<FacilityRooms> {
  const rooms = await queryRows<{ id: number; code: string; capacity: number; sex: RoomState['sex'] }>(
    tx,
    sql`select r.id, r.code, r.capacity, r.sex from facility_rooms r left join facility_zones z on z.id = r.zone_id
        where r.facility_id = ${facilityId} order by z.name nulls last, length(r.code), r.code`,
  );
  const occupants = await queryRows<{ room_id: number; person_id: number; admission_day: string; risk: StayRisk }>(
    tx,
    sql`select room_id, person_id, admission_day::text as admission_day, risk from stays
        where facility_id = ${facilityId} and status = 'active' and room_id is not null`,
  );
  const people = await summariesByIds(tx, occupants.map((o) => Number(o.person_id)));
  const byRoom = new Map<number, RoomState['occupants']>();
  for (const o of occupants) {
    const p = people.get(Number(o.person_id));
    const list = byRoom.get(o.room_id) ?? [];
    list.push({ day: o.admission_day, risk: o.risk, sex: (p?.sex ?? 'other') as Sex, household: p ? householdOf(p) : null });
    byRoom.set(o.room_id, list);
  }
  const beds = await queryRows<{ id: number; code: string; room_id: number }>(
    tx,
    sql`select b.id, b.code, b.room_id from facility_beds b join facility_rooms r on r.id = b.room_id
        where r.facility_id = ${facilityId}
          and not exists (select 1 from stays s where s.bed_id = b.id and s.status = 'active')
        order by b.kind <> 'normal', length(b.code), b.code`,
  );
  const freeBeds = new Map<number, { id: number; code: string }[]>();
  for (const b of beds) freeBeds.set(b.room_id, [...(freeBeds.get(b.room_id) ?? []), { id: b.id, code: b.code }]);
  return {
    rooms: rooms.map((r) => ({ id: r.id, capacity: r.capacity, sex: r.sex, occupants: byRoom.get(r.id) ?? [] })),
    codes: new Map(rooms.map((r) => [r.id, r.code])),
    freeBeds,
  };
}
