import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { admit, moveStayRoom } from '../quarantine/service.js';
import { queryRows } from '../db/handle.js';
import { BY_DECISION, facilityWith, quarantineFixture, residents, roomsOf, type QuarantineFixture } from '../quarantine/test-helpers.js';
import { proposalsOf, recentCase } from './tracing-test-helpers.js';

let f: QuarantineFixture;
afterEach(async () => {
  await f?.h.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe('room-mates', () => {
  it('proposes the people who shared a facility room with a case during its window, with the room as evidence', async () => {
    f = await quarantineFixture();
    const facility = await facilityWith(f, [{ capacity: 3 }, { capacity: 3 }]);
    const [a, b, c] = await residents(f, 3, { sex: 'male' });
    const [d] = await residents(f, 1, { sex: 'male' });
    await admit(f.h.db, f.province, { facilityId: facility.id, source: 'manual', personIds: [a, b, c], admittedAt: daysAgo(4), placeReason: BY_DECISION });
    // d arrives a day later: another cohort, another room
    await admit(f.h.db, f.province, { facilityId: facility.id, source: 'manual', personIds: [d], admittedAt: daysAgo(3), placeReason: BY_DECISION });
    const rooms = await roomsOf(f.h, [a, b, c, d]);
    expect(new Set([rooms.get(a), rooms.get(b), rooms.get(c)]).size).toBe(1);
    expect(rooms.get(d)).not.toBe(rooms.get(a));

    await recentCase(f, a, 3);
    const rows = (await proposalsOf(f, a)).filter((r) => r.setting === 'facility');
    expect(rows.map((r) => r.candidate_id)).toEqual([b, c]);
    expect(rows[0].evidence).toMatchObject({ facilityName: 'Khu cách ly tập trung Trường Cao đẳng Du lịch', roomCode: 'A101' });
  });

  it("proposes a room-mate moved to another room since, and not the new room's people", async () => {
    f = await quarantineFixture();
    const facility = await facilityWith(f, [{ capacity: 3 }, { capacity: 3 }]);
    const [a, b, d] = await residents(f, 3, { sex: 'male' });
    const first = await admit(f.h.db, f.province, { facilityId: facility.id, source: 'manual', personIds: [a, b], admittedAt: daysAgo(4), placeReason: BY_DECISION });
    const other = await admit(f.h.db, f.province, { facilityId: facility.id, source: 'manual', personIds: [d], admittedAt: daysAgo(3), placeReason: BY_DECISION });
    const stayOf = (r: typeof first, person: number) => r.stays.find((s) => s.personId === person)!;
    // After four days with a, b moves to d's room.
    await moveStayRoom(f.h.db, f.province, stayOf(first, b).stayId!, { roomId: stayOf(other, d).room!.id, reason: 'Tách phòng theo yêu cầu' });
    const [periods] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from stay_rooms where stay_id = ${stayOf(first, b).stayId!}`);
    expect(periods.n).toBe(2);

    await recentCase(f, a, 3);
    const rows = (await proposalsOf(f, a)).filter((r) => r.setting === 'facility');
    expect(rows.map((r) => r.candidate_id)).toEqual([b]);
    expect(rows[0].evidence).toMatchObject({ roomCode: stayOf(first, a).room!.code });
  });

  it('follows merges: a room-mate staying under a record merged since is proposed as the person kept', async () => {
    f = await quarantineFixture();
    const facility = await facilityWith(f, [{ capacity: 3 }]);
    const [a, b, kept] = await residents(f, 3, { sex: 'male' });
    await admit(f.h.db, f.province, { facilityId: facility.id, source: 'manual', personIds: [a, b], admittedAt: daysAgo(4), placeReason: BY_DECISION });
    await f.h.db.execute(sql`update people set merged_into = ${kept} where id = ${b}`);

    await recentCase(f, a, 3);
    expect((await proposalsOf(f, a)).filter((r) => r.setting === 'facility').map((r) => r.candidate_id)).toEqual([kept]);
  });
});
