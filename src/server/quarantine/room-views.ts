// A facility's zones and rooms as the screens show them: capacity, people in the room, the
// cohorts (admission day and risk) they belong to, and which beds are taken.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import type { FacilityDetail, RoomView } from '../../shared/api/quarantine.js';

interface Row {
  zone_id: number | null;
  zone_name: string | null;
  id: number;
  code: string;
  capacity: number;
  sex: RoomView['sex'];
  occupied: number;
  cohorts: { admissionDay: string; risk: RoomView['cohorts'][number]['risk'] }[] | null;
  beds: { id: number; code: string; kind: RoomView['beds'][number]['kind']; occupied: boolean }[] | null;
}

export async function roomViews(db: DbOrTx, facilityId: number): Promise<FacilityDetail['zones']> {
  const rows = await queryRows<Row>(
    db,
    sql`select z.id as zone_id, z.name as zone_name, r.id, r.code, r.capacity, r.sex,
          (select count(*)::int from stays s where s.room_id = r.id and s.status = 'active') as occupied,
          (select jsonb_agg(distinct jsonb_build_object('admissionDay', s.admission_day::text, 'risk', s.risk))
             from stays s where s.room_id = r.id and s.status = 'active') as cohorts,
          (select jsonb_agg(jsonb_build_object('id', b.id, 'code', b.code, 'kind', b.kind,
                  'occupied', exists (select 1 from stays s where s.bed_id = b.id and s.status = 'active')) order by b.code)
             from facility_beds b where b.room_id = r.id) as beds
        from facility_rooms r left join facility_zones z on z.id = r.zone_id
        where r.facility_id = ${facilityId}
        order by z.name nulls last, length(r.code), r.code`,
  );
  const zones = new Map<number, FacilityDetail['zones'][number]>();
  for (const r of rows) {
    const key = r.zone_id ?? 0;
    if (!zones.has(key)) zones.set(key, { id: key, name: r.zone_name ?? '', rooms: [] });
    zones.get(key)!.rooms.push({
      id: r.id,
      code: r.code,
      capacity: r.capacity,
      sex: r.sex,
      occupied: r.occupied,
      cohorts: (r.cohorts ?? []).sort((a, b) => a.admissionDay.localeCompare(b.admissionDay) || a.risk.localeCompare(b.risk)),
      beds: r.beds ?? [],
    });
  }
  return [...zones.values()];
}
