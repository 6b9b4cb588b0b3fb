import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { refusal } from '../db/fixtures.js';
import { queryRows } from '../db/handle.js';
import { addCamera, addStaff, endStaffDuty, listStaff, setCameraStatus } from './facility-duty.js';
import { createFacility, getFacility, listFacilities, setFacilityStatus, updateFacility } from './facilities.js';
import { admit } from './admission.js';
import { BY_DECISION, facilityInput, quarantineFixture, residents, type QuarantineFixture } from './test-helpers.js';

describe('facilities', () => {
  let f: QuarantineFixture;
  beforeAll(async () => {
    f = await quarantineFixture();
  }, 60_000);
  afterAll(() => f.h.close());

  it('creates a facility with zones, rooms and beds in one call, and lists it across the province', async () => {
    const detail = await createFacility(f.h.db, f.province, {
      code: 'bv-dc-cp',
      name: 'Bệnh viện dã chiến Cẩm Phả',
      kind: 'treatment_field',
      tier: 2,
      communeId: f.units.baiChay,
      oxygenBeds: 2,
      zones: [
        { name: 'Khu A', rooms: [{ code: 'A1', capacity: 2, beds: [{ code: 'G1', kind: 'oxygen' }, { code: 'G2', kind: 'oxygen' }] }, { code: 'A2', capacity: 6, sex: 'female' }] },
        { name: 'Khu B', rooms: [{ code: 'B1', capacity: 10, sex: 'male' }] },
      ],
    });
    expect(detail).toMatchObject({ code: 'BV-DC-CP', tier: 2, status: 'ready', rooms: 3, capacity: 18, occupied: 0, free: 18, communeName: 'Phường Bãi Cháy', managingUnit: { id: f.units.halong } });
    expect(detail.zones.map((z) => [z.name, z.rooms.map((r) => `${r.code}:${r.capacity}:${r.sex}:${r.beds.length}`)])).toEqual([
      ['Khu A', ['A1:2:any:2', 'A2:6:female:0']],
      ['Khu B', ['B1:10:male:0']],
    ]);
    // A commune officer of another district reads the province's facilities (to send people there) …
    const listed = await listFacilities(f.h.db, f.otherCommune, {});
    expect(listed.rows.map((r) => r.code)).toContain('BV-DC-CP');
    expect((await listFacilities(f.h.db, f.province, { unitId: f.units.mongcai })).rows).toEqual([]);
    expect((await listFacilities(f.h.db, f.province, { unitId: f.units.halong, kind: 'treatment_field' })).rows).toHaveLength(1);
    // … but only the province's health officers set facilities up.
    expect((await refusal(createFacility(f.h.db, f.commune, facilityInput(f, [{ capacity: 2 }], { code: 'X1' })))).code).toBe('forbidden');
  });

  it('refuses bad structures naming the field', async () => {
    const dup = await refusal(createFacility(f.h.db, f.province, facilityInput(f, [{ capacity: 2 }, { capacity: 2 }], { code: 'DUP', zones: [{ name: 'A', rooms: [{ code: 'P1', capacity: 2 }, { code: 'p1', capacity: 3 }] }] })));
    expect({ field: dup.field, key: dup.messageKey }).toEqual({ field: 'zones[0].rooms[1].code', key: 'quarantine.errors.room_code_taken' });
    const tier = await refusal(createFacility(f.h.db, f.province, facilityInput(f, [{ capacity: 2 }], { code: 'T', kind: 'treatment_district' })));
    expect({ field: tier.field, key: tier.messageKey }).toEqual({ field: 'tier', key: 'quarantine.errors.tier_required' });
    const beds = await refusal(createFacility(f.h.db, f.province, facilityInput(f, [], { code: 'B', zones: [{ name: 'A', rooms: [{ code: 'P1', capacity: 3, beds: [{ code: 'G1' }] }] }] })));
    expect(beds.field).toBe('zones[0].rooms[0].beds');
    const taken = await refusal(createFacility(f.h.db, f.province, facilityInput(f, [{ capacity: 2 }], { code: 'bv-dc-cp' })));
    expect({ code: taken.code, field: taken.field }).toEqual({ code: 'conflict', field: 'code' });
    const outside = await refusal(createFacility(f.h.db, f.district, facilityInput(f, [{ capacity: 2 }], { code: 'KL', communeId: f.units.kaLong })));
    expect(outside.code).toBe('forbidden');
  });

  it('edits the structure keeping rooms in use, and never below the people in them', async () => {
    const created = await createFacility(f.h.db, f.province, facilityInput(f, [{ capacity: 4 }, { capacity: 4 }], { code: 'KCL-EDIT' }));
    const [a101] = created.zones[0].rooms;
    const people = await residents(f, 3, { sex: 'male' });
    await admit(f.h.db, f.commune, { facilityId: created.id, source: 'manual', personIds: people, placeReason: BY_DECISION });
    const smaller = facilityInput(f, [{ capacity: 2 }, { capacity: 4 }], { code: 'KCL-EDIT' });
    const refused = await refusal(updateFacility(f.h.db, f.province, created.id, smaller));
    expect({ field: refused.field, key: refused.messageKey, params: refused.params }).toEqual({ field: 'zones[0].rooms[0].capacity', key: 'quarantine.errors.capacity_below_occupancy', params: { code: 'A101', people: 3 } });
    const dropped = await refusal(updateFacility(f.h.db, f.province, created.id, { ...smaller, zones: [{ name: 'Tòa A', rooms: [{ code: 'A102', capacity: 4 }] }] }));
    expect({ field: dropped.field, key: dropped.messageKey }).toEqual({ field: 'zones', key: 'quarantine.errors.room_in_use' });
    const edited = await updateFacility(f.h.db, f.province, created.id, {
      ...smaller,
      name: 'Khu cách ly tập trung (đổi tên)',
      zones: [
        { name: 'Tòa A', rooms: [{ code: 'A101', capacity: 6 }] },
        { name: 'Tòa B', rooms: [{ code: 'B201', capacity: 2, sex: 'female' }] },
      ],
    });
    expect(edited.zones.map((z) => z.rooms.map((r) => [r.code, r.capacity, r.occupied]))).toEqual([[['A101', 6, 3]], [['B201', 2, 0]]]);
    expect(edited.zones[0].rooms[0].id).toBe(a101.id);
    expect(edited.name).toBe('Khu cách ly tập trung (đổi tên)');
    // A facility with people in it does not close.
    const closing = await refusal(setFacilityStatus(f.h.db, f.province, created.id, { status: 'closed' }));
    expect({ code: closing.code, field: closing.field }).toEqual({ code: 'conflict', field: 'status' });
    expect((await setFacilityStatus(f.h.db, f.province, created.id, { status: 'active' })).status).toBe('active');
  });

  it('keeps who is on duty and the camera feeds, for the facility\'s own manager', async () => {
    const created = await createFacility(f.h.db, f.province, facilityInput(f, [{ capacity: 2 }], { code: 'KCL-DUTY' }));
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const nurse = await addStaff(f.h.db, f.manager, created.id, { fullName: 'Điều dưỡng Lê Thị Hoa', phone: '0912.345.678', role: 'Điều dưỡng', onDutyFrom: hourAgo });
    expect(nurse).toMatchObject({ phone: '0912345678', onDuty: true });
    const doctor = await addStaff(f.h.db, f.manager, created.id, { fullName: 'Bác sĩ Phạm Văn Minh', role: 'Bác sĩ', onDutyFrom: hourAgo });
    await endStaffDuty(f.h.db, f.manager, created.id, doctor.id, { onDutyTo: new Date(Date.now() - 60_000).toISOString() });
    expect((await listStaff(f.h.db, f.commune, created.id)).rows.map((s) => s.fullName)).toEqual(['Điều dưỡng Lê Thị Hoa']);
    expect((await listStaff(f.h.db, f.commune, created.id, { all: 'true' })).rows).toHaveLength(2);
    const badPhone = await refusal(addStaff(f.h.db, f.manager, created.id, { fullName: 'Bảo vệ', phone: '12345', role: 'Bảo vệ', onDutyFrom: hourAgo }));
    expect(badPhone.field).toBe('phone');

    const camera = await addCamera(f.h.db, f.manager, created.id, { label: 'Cổng chính', url: 'rtsp://10.0.0.5/stream1' });
    expect(camera.lastStatus).toBe('unknown');
    const down = await setCameraStatus(f.h.db, f.manager, created.id, camera.id, { status: 'down' });
    expect(down.lastStatus).toBe('down');
    expect(down.lastCheckedAt).not.toBeNull();
    const detail = await getFacility(f.h.db, f.commune, created.id);
    expect(detail.cameras).toEqual([down]);
    expect(detail.staffOnDuty.map((s) => s.fullName)).toEqual(['Điều dưỡng Lê Thị Hoa']);
    const badUrl = await refusal(addCamera(f.h.db, f.manager, created.id, { label: 'X', url: 'javascript:alert(1)' }));
    expect(badUrl.field).toBe('url');
    // The Ka Long officer is outside the facility's jurisdiction.
    expect((await refusal(addCamera(f.h.db, f.otherCommune, created.id, { label: 'Y', url: 'https://cam.example/1' }))).code).toBe('forbidden');
    const audited = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity in ('facility_staff', 'facility_camera')`);
    expect(audited[0].n).toBe(4);
  });
});
