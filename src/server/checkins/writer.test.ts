import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { people } from '../people/schema.js';
import { personalQr } from '../declarations/schema.js';
import { registerVenue, suspendVenue } from './service.js';
import { checkinCount, checkinFixture, venueIn, type CheckinFixture } from './test-helpers.js';
import { CheckinWriter, SOURCE_CODES, type CheckinItem } from './writer.js';

describe('group-commit writer: one flush, one answer per scan', () => {
  let f: CheckinFixture;
  let closedVenue: number;
  beforeAll(async () => {
    f = await checkinFixture(3);
    closedVenue = (await registerVenue(f.h.db, f.commune, venueIn(f.units.hongHa, { name: 'Quán karaoke Hoa Hồng', type: 'karaoke' }))).id;
    await suspendVenue(f.h.db, f.commune, closedVenue, { reason: 'Đóng cửa theo chỉ thị 16' });
    // local[1] was a duplicate record, merged into local[2]; both QR codes stay live.
    await f.h.db.update(people).set({ mergedInto: f.local[2].id }).where(eq(people.id, f.local[1].id));
    await f.h.db.update(personalQr).set({ revokedAt: new Date() }).where(eq(personalQr.qrId, f.outside[0].code));
  });
  afterAll(() => f.h.close());

  it('resolves QRs, checks venues and folds repeats per scan, all in the same batch', async () => {
    const t0 = Date.now() - 60 * 60_000;
    const at = (min: number) => new Date(t0 + min * 60_000);
    const scan = (qrId: string, min: number, venueId = f.venueId): CheckinItem => ({ venueId, qrId, at: at(min), source: SOURCE_CODES.citizen, clientId: null });
    const writer = new CheckinWriter(f.h.db, { repeatMinutes: 10 });
    const stored = await writer.write(scan(f.outside[2].code, -5));
    expect(stored.ok).toBe(true);
    const before = await checkinCount(f.h);

    const results = await Promise.all(
      [
        scan(f.local[0].code, 0), // 0: a new visit
        scan(f.local[0].code, 1), // 1: the same visit, a minute later
        scan('AAAAAAAAAAAAAAAA', 0), // 2: no such QR
        scan(f.outside[0].code, 0), // 3: a revoked QR
        scan(f.outside[1].code, 0, closedVenue), // 4: a suspended venue
        scan(f.local[1].code, 0), // 5: the merged record's QR: a visit of the kept person
        scan(f.local[2].code, 2), // 6: the kept person's own QR two minutes later: the same visit
        scan(f.outside[2].code, 0), // 7: within the window of the visit stored before the batch
        scan(f.local[0].code, 0, 999_999), // 8: no such venue
      ].map((item) => writer.write(item)),
    );

    const visit = (i: number) => (results[i].ok ? results[i].visit : null);
    expect(visit(0)).toMatchObject({ venueId: f.venueId, venueName: 'Chợ Hạ Long 1', repeated: false });
    expect(visit(1)).toMatchObject({ id: visit(0)!.id, repeated: true });
    expect(results[2]).toEqual({ ok: false, reason: 'person_unknown' });
    expect(results[3]).toEqual({ ok: false, reason: 'person_unknown' });
    expect(results[4]).toEqual({ ok: false, reason: 'venue_inactive', status: 'suspended' });
    expect(visit(5)?.repeated).toBe(false);
    expect(visit(6)).toMatchObject({ id: visit(5)!.id, repeated: true });
    expect(visit(7)).toMatchObject({ id: stored.ok ? stored.visit.id : -1, repeated: true });
    expect(results[8]).toEqual({ ok: false, reason: 'venue_inactive', status: null });

    expect(await checkinCount(f.h)).toBe(before + 2);
    const rows = await queryRows<{ id: number; person_id: number }>(f.h.db, sql`select id::int, person_id::int from checkins where id = any(${`{${visit(0)!.id},${visit(5)!.id}}`}::int8[]) order by id`);
    expect(rows.map((r) => r.person_id).sort()).toEqual([f.local[0].id, f.local[2].id].sort());
  });
});
