import { refusal } from '../db/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import {
  activateVenue,
  citizenCheckIn,
  citizenCheckOut,
  issueVenueDevice,
  staffCheckOut,
  staffScan,
  staffScanBatch,
  suspendVenue,
  venueToken,
} from './service.js';
import { checkinCount, checkinFixture, minutesAgo, type CheckinFixture } from './test-helpers.js';
import { CheckinWriter, foldRepeats } from './writer.js';
import { signer } from '../auth/signing.js';


describe('check-ins', () => {
  let f: CheckinFixture;
  let token: string;
  beforeAll(async () => {
    f = await checkinFixture(4);
    token = await venueToken(f.h.db, f.venueId);
  });
  afterAll(() => f.h.close());

  it('records a citizen tap once and folds repeats within 10 minutes into the same visit', async () => {
    const first = await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.local[0].token, at: minutesAgo(30) });
    expect(first).toMatchObject({ venueId: f.venueId, venueName: 'Chợ Hạ Long 1', repeated: false, checkedOutAt: null });
    const again = await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.local[0].token, at: minutesAgo(22) });
    expect(again).toMatchObject({ visitId: first.visitId, repeated: true, checkedInAt: first.checkedInAt });
    const later = await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.local[0].token, at: minutesAgo(15) });
    expect(later.visitId).not.toBe(first.visitId);
    expect(later.repeated).toBe(false);
  });

  it('keeps one visit for concurrent duplicate scans through the group-commit writer', async () => {
    const before = await checkinCount(f.h);
    const at = minutesAgo(1);
    const taps = await Promise.all(
      Array.from({ length: 12 }, (_, i) => citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.local[1 + (i % 2)].token, at })),
    );
    expect(await checkinCount(f.h)).toBe(before + 2);
    expect(new Set(taps.map((t) => t.visitId)).size).toBe(2);
    expect(taps.filter((t) => !t.repeated)).toHaveLength(2);
  });

  it('keeps one visit when concurrent batches race on separate writers (the advisory lock or a single connection orders them)', async () => {
    const before = await checkinCount(f.h);
    const writers = [new CheckinWriter(f.h.db, { repeatMinutes: 10 }), new CheckinWriter(f.h.db, { repeatMinutes: 10 })];
    const item = { venueId: f.venueId, personId: f.local[3].id, source: 1 as const, clientId: null };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => writers[i % 2].write({ ...item, at: new Date(now - 3 * 60_000 + i * 1000) })),
    );
    expect(await checkinCount(f.h)).toBe(before + 1);
    expect(new Set(results.map((r) => (r.ok ? r.visit.id : 0))).size).toBe(1);
  });

  it('folds by client id first, then by person and venue within the window', () => {
    const t0 = new Date('2021-09-20T01:00:00Z').getTime();
    const it = (m: number, personId: number, clientId: string | null) => ({ venueId: 1, personId, at: new Date(t0 + m * 60_000), source: 2 as const, clientId });
    expect(foldRepeats([it(0, 1, 'a'), it(5, 1, null), it(11, 1, null), it(30, 1, 'a'), it(2, 2, null), it(1, 1, null)], 10 * 60_000)).toEqual([0, 0, 2, 0, 4, 0]);
  });

  it('refuses forged and altered venue and personal codes, and future or too old times, naming the field', async () => {
    const forged = (await signer(f.h.db, 'personal-qr')).sign('ZZZZZZZZZZZZZZZZ');
    const altered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    const otherPurpose = (await signer(f.h.db, 'personal-qr')).sign(f.venueId.toString(36));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ venueToken: altered, personalQrToken: f.local[0].token }, 'venueToken', 'checkins.errors.venue_qr_invalid'],
      [{ venueToken: otherPurpose, personalQrToken: f.local[0].token }, 'venueToken', 'checkins.errors.venue_qr_invalid'],
      [{ venueToken: token, personalQrToken: f.local[0].token.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA') }, 'personalQrToken', 'checkins.errors.personal_qr_invalid'],
      [{ venueToken: token, personalQrToken: forged }, 'personalQrToken', 'checkins.errors.personal_qr_invalid'],
      [{ venueToken: token, personalQrToken: f.local[0].token, at: new Date(Date.now() + 5 * 60_000).toISOString() }, 'at', 'checkins.errors.at_future'],
      [{ venueToken: token, personalQrToken: f.local[0].token, at: minutesAgo(31 * 24 * 60) }, 'at', 'checkins.errors.at_too_old'],
      [{ venueToken: token, personalQrToken: f.local[0].token, at: 'hôm qua' }, 'at', 'checkins.errors.time_format'],
    ];
    const before = await checkinCount(f.h);
    for (const [body, field, key] of cases) {
      const err = await refusal(citizenCheckIn(f.h.db, body as never));
      expect([err.field, err.messageKey]).toEqual([field, key]);
    }
    // A device clock a minute fast is within the allowed skew.
    await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.outside[0].token, at: new Date(Date.now() + 60_000).toISOString() });
    expect(await checkinCount(f.h)).toBe(before + 1);
  });

  it('refuses check-ins at a suspended venue until it is reactivated', async () => {
    await suspendVenue(f.h.db, f.commune, f.venueId, { reason: 'Đóng cửa theo chỉ thị 16' });
    const err = await refusal(citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.outside[1].token }));
    expect([err.code, err.field, err.messageKey]).toEqual(['conflict', 'venueToken', 'checkins.errors.venue_suspended']);
    await activateVenue(f.h.db, f.commune, f.venueId);
    expect((await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.outside[1].token })).repeated).toBe(false);
  });

  it('lets staff scan by QR or typed code, only at venues of their jurisdiction or of their device', async () => {
    const staff = { kind: 'staff' as const, actor: f.commune };
    const scan = { venueId: f.venueId, at: minutesAgo(200), clientId: randomUUID() };
    const byQr = await staffScan(f.h.db, staff, { ...scan, personalQrToken: f.outside[2].token });
    const byCode = await staffScan(f.h.db, staff, { ...scan, clientId: randomUUID(), at: minutesAgo(100), manualCode: f.outside[2].code.toLowerCase().replace(/(.{4})/g, '$1 ') });
    expect(byCode.visitId).not.toBe(byQr.visitId);
    const [sources] = await queryRows<{ s: number[] }>(f.h.db, sql`select array_agg(source order by id) as s from checkins where person_id = ${f.outside[2].id}`);
    expect(sources.s).toEqual([2, 3]);

    expect((await refusal(staffScan(f.h.db, { kind: 'staff', actor: f.otherCommune }, { ...scan, clientId: randomUUID(), personalQrToken: f.local[0].token }))).code).toBe('not_found');
    expect((await refusal(staffScan(f.h.db, staff, { ...scan, clientId: randomUUID(), manualCode: 'KHONGCOMA' }))).field).toBe('manualCode');
    expect((await refusal(staffScan(f.h.db, staff, { ...scan, clientId: randomUUID() }))).messageKey).toBe('checkins.errors.person_required');
    expect((await refusal(staffScan(f.h.db, { kind: 'device', venueId: f.venueId + 1 }, { ...scan, clientId: randomUUID(), personalQrToken: f.local[0].token }))).field).toBe('venueId');

    await issueVenueDevice(f.h.db, f.commune, f.venueId, { label: 'Cổng chính' });
    const device = await staffScan(f.h.db, { kind: 'device', venueId: f.venueId }, { ...scan, clientId: randomUUID(), at: minutesAgo(300), personalQrToken: f.outside[3].token });
    expect(device.repeated).toBe(false);
  });

  it('stores an offline batch once however often it is resent, and reports bad items one by one', async () => {
    const device = { kind: 'device' as const, venueId: f.venueId };
    const scans = [0, 1, 2, 3].map((i) => ({ venueId: f.venueId, personalQrToken: f.local[i].token, at: minutesAgo(600 + i), clientId: randomUUID() }));
    const bad = { venueId: f.venueId, personalQrToken: f.local[0].token, at: new Date(Date.now() + 3_600_000).toISOString(), clientId: randomUUID() };
    const before = await checkinCount(f.h);
    const first = await staffScanBatch(f.h.db, device, { scans: [...scans, bad, { clientId: 'x' }] });
    expect(first.map((r) => r.ok)).toEqual([true, true, true, true, false, false]);
    expect(first[4]).toMatchObject({ clientId: bad.clientId, error: { field: 'scans[4].at', messageKey: 'checkins.errors.at_future' } });
    expect(first[5]).toMatchObject({ clientId: 'x', error: { field: 'scans[5].venueId' } });
    // Scans 0 to 3 are 1 minute apart but of different people: four visits.
    expect(await checkinCount(f.h)).toBe(before + 4);
    const second = await staffScanBatch(f.h.db, device, { scans });
    const third = await Promise.all([staffScanBatch(f.h.db, device, { scans }), staffScanBatch(f.h.db, device, { scans: scans.slice(1) })]);
    expect(await checkinCount(f.h)).toBe(before + 4);
    const ids = (rs: typeof first) => rs.map((r) => (r.ok ? r.visit.visitId : null));
    expect(ids(second)).toEqual(ids(first).slice(0, 4));
    expect(ids(third[0])).toEqual(ids(first).slice(0, 4));
    expect(second.every((r) => r.ok && r.visit.repeated)).toBe(true);
  });

  it('checks a visitor out of the open visit, and refuses a check-out without one', async () => {
    const visit = await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.outside[3].token, at: minutesAgo(90) });
    const out = await citizenCheckOut(f.h.db, { venueToken: token, personalQrToken: f.outside[3].token });
    expect(out.visitId).toBe(visit.visitId);
    expect(new Date(out.checkedOutAt!).getTime()).toBeGreaterThan(Date.now() - 10_000);
    const err = await refusal(staffCheckOut(f.h.db, { kind: 'device', venueId: f.venueId }, { venueId: f.venueId, personalQrToken: f.outside[3].token }));
    expect([err.code, err.messageKey]).toEqual(['not_found', 'checkins.errors.no_open_visit']);
  });
});
