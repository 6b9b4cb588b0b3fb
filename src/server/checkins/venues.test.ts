import { refusal } from '../db/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { actorFor } from '../db/fixtures.js';
import {
  activateVenue,
  citizenCheckIn,
  getVenue,
  listVenues,
  publicVenue,
  registerVenue,
  registerVenuePublic,
  suspendVenue,
  venueToken,
} from './service.js';
import { checkinFixture, minutesAgo, venueIn, type CheckinFixture } from './test-helpers.js';


const ORIGIN = 'https://khaibao.quangninh.gov.vn';

describe('venues', () => {
  let f: CheckinFixture;
  beforeAll(async () => {
    f = await checkinFixture(1);
  });
  afterAll(() => f.h.close());

  it('registers a venue in the jurisdiction with a province-coded code, normalised contact and an audit row', async () => {
    const v = await registerVenue(f.h.db, f.district, venueIn(f.units.baiChay, { name: '  Siêu thị   Bãi Cháy ', type: 'supermarket', managerPhone: '84 987 654 321' }));
    expect(v).toMatchObject({ name: 'Siêu thị Bãi Cháy', type: 'supermarket', status: 'active', managerName: 'Trần Thị Mai', managerPhone: '0987654321', communeName: 'Phường Bãi Cháy', registeredBy: f.district.accountId, lastCheckInAt: null });
    expect(v.code).toMatch(/^QN-[2-9A-HJ-NP-Z]{5}$/);
    const [a] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'venue' and entity_id = ${String(v.id)} and action = 'create' and username = ${f.district.username}`);
    expect(a.n).toBe(1);
  });

  it('names the field of every input error and refuses communes outside the jurisdiction', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'A' }, 'name', 'checkins.errors.name_length'],
      [{ type: 'casino' }, 'type', 'checkins.errors.type_unknown'],
      [{ managerPhone: '123' }, 'managerPhone', 'checkins.errors.phone_invalid'],
      [{ capacity: 0 }, 'capacity', 'checkins.errors.capacity_range'],
      [{ communeId: undefined }, 'communeId', 'checkins.errors.commune_required'],
      [{ addressLine: '' }, 'addressLine', 'checkins.errors.address_length'],
    ];
    for (const [over, field, key] of cases) {
      const err = await refusal(registerVenue(f.h.db, f.commune, { ...venueIn(f.units.hongHa), ...over } as never));
      expect([err.field, err.messageKey]).toEqual([field, key]);
    }
    const outside = await refusal(registerVenue(f.h.db, f.commune, venueIn(f.units.kaLong)));
    expect([outside.code, outside.field]).toEqual(['forbidden', 'communeId']);
    const steering = await actorFor(f.h.db, 'steering_member', f.units.province);
    expect((await refusal(registerVenue(f.h.db, steering, venueIn(f.units.hongHa)))).code).toBe('forbidden');
  });

  it('keeps an owner-registered venue pending, refusing check-ins, until the commune activates it', async () => {
    const reg = await registerVenuePublic(f.h.db, venueIn(f.units.hongHa, { name: 'Quán karaoke Hồng Hà', type: 'karaoke' }));
    expect(reg.status).toBe('pending');
    const token = await venueToken(f.h.db, reg.id);
    expect((await refusal(publicVenue(f.h.db, token))).messageKey).toBe('checkins.errors.venue_pending');
    const err = await refusal(citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: f.local[0].token }));
    expect([err.code, err.field, err.messageKey]).toEqual(['conflict', 'venueToken', 'checkins.errors.venue_pending']);
    expect((await listVenues(f.h.db, f.commune, { status: 'pending' }, ORIGIN)).rows.map((v) => v.id)).toEqual([reg.id]);
    expect((await refusal(activateVenue(f.h.db, f.otherCommune, reg.id))).code).toBe('not_found');
    await activateVenue(f.h.db, f.commune, reg.id);
    expect(await publicVenue(f.h.db, token)).toMatchObject({ id: reg.id, name: 'Quán karaoke Hồng Hà', communeName: 'Phường Hồng Hà' });
  });

  it('suspends with a reason (audited) and refuses forged, altered and unknown venue codes', async () => {
    const v = await registerVenue(f.h.db, f.commune, venueIn(f.units.hongHa, { name: 'Nhà hàng Biển Xanh', type: 'restaurant' }));
    expect((await refusal(suspendVenue(f.h.db, f.commune, v.id, { reason: '' }))).field).toBe('reason');
    const s = await suspendVenue(f.h.db, f.commune, v.id, { reason: 'Không thực hiện quét mã' });
    expect(s).toMatchObject({ status: 'suspended', suspendedReason: 'Không thực hiện quét mã' });
    const token = await venueToken(f.h.db, v.id);
    expect((await refusal(publicVenue(f.h.db, token))).messageKey).toBe('checkins.errors.venue_suspended');
    const altered = token.replace(/^[^.]+/, (id) => (parseInt(id, 36) + 1).toString(36));
    expect((await refusal(publicVenue(f.h.db, altered))).messageKey).toBe('checkins.errors.venue_qr_invalid');
    expect((await refusal(publicVenue(f.h.db, 'khong-phai-ma-qr'))).field).toBe('venueToken');
    expect((await refusal(publicVenue(f.h.db, await venueToken(f.h.db, 999_999)))).code).toBe('not_found');
    const [a] = await queryRows<{ details: { status: { from: string; to: string }; reason: string } }>(
      f.h.db,
      sql`select details from audit_log where entity = 'venue' and entity_id = ${String(v.id)} and action = 'update'`,
    );
    expect(a.details).toEqual({ status: { from: 'active', to: 'suspended' }, reason: 'Không thực hiện quét mã' });
  });

  it('lists venues per commune within the jurisdiction, with the last check-in and the idle filter', async () => {
    const quiet = await registerVenue(f.h.db, f.commune, venueIn(f.units.hongHa, { name: 'Trường THCS Hồng Hà', type: 'school' }));
    await citizenCheckIn(f.h.db, { venueToken: await venueToken(f.h.db, f.venueId), personalQrToken: f.local[0].token, at: minutesAgo(5) });
    const all = await listVenues(f.h.db, f.commune, {}, ORIGIN);
    expect(all.rows.every((v) => v.communeId === f.units.hongHa)).toBe(true);
    expect(all.rows.find((v) => v.id === f.venueId)!.lastCheckInAt).not.toBeNull();
    expect(all.rows.find((v) => v.id === quiet.id)!.lastCheckInAt).toBeNull();
    expect((await getVenue(f.h.db, f.commune, quiet.id, ORIGIN)).lastCheckInAt).toBeNull();
    const idle = await listVenues(f.h.db, f.commune, { idleSince: minutesAgo(60) }, ORIGIN);
    expect(idle.rows.map((v) => v.id)).toContain(quiet.id);
    expect(idle.rows.map((v) => v.id)).not.toContain(f.venueId);
    expect((await listVenues(f.h.db, f.district, { unitId: f.units.baiChay }, ORIGIN)).rows.every((v) => v.communeId === f.units.baiChay)).toBe(true);
    expect((await listVenues(f.h.db, f.commune, { q: 'truong thcs' }, ORIGIN)).rows.map((v) => v.id)).toEqual([quiet.id]);
    expect((await listVenues(f.h.db, f.otherCommune, {}, ORIGIN)).total).toBe(0);
    expect((await refusal(listVenues(f.h.db, f.commune, { unitId: f.units.kaLong }, ORIGIN))).field).toBe('unitId');
    expect((await refusal(getVenue(f.h.db, f.otherCommune, f.venueId, ORIGIN))).code).toBe('not_found');
    const one = await getVenue(f.h.db, f.province, f.venueId, ORIGIN);
    expect(one.id).toBe(f.venueId);
    // The link the venue's QR opens, to copy without printing the poster.
    expect(one.qrUrl).toBe(`${ORIGIN}/p/c/${await venueToken(f.h.db, f.venueId)}`);
    expect(all.rows.find((v) => v.id === f.venueId)!.qrUrl).toBe(one.qrUrl);
  });
});
