import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { actorFor } from '../db/fixtures.js';
import { AppError } from '../http/errors.js';
import { citizenCheckIn, exportVisitors, personVisits, venueToken, venueVisitors } from './service.js';
import { checkinFixture, minutesAgo, type CheckinFixture } from './test-helpers.js';
import { formatVnDateTime } from './lookups.js';

describe('visit look-ups', () => {
  let f: CheckinFixture;
  const window = { from: minutesAgo(24 * 60), to: minutesAgo(-1) };
  beforeAll(async () => {
    f = await checkinFixture(2);
    const token = await venueToken(f.h.db, f.venueId);
    for (const [i, p] of [f.local[0], f.outside[0], f.local[1], f.outside[1]].entries()) {
      await citizenCheckIn(f.h.db, { venueToken: token, personalQrToken: p.token, at: minutesAgo(120 - i * 20) });
    }
  });
  afterAll(() => f.h.close());

  it('names visitors of the jurisdiction only; others are counted but not named, and every named person is audited', async () => {
    const r = await venueVisitors(f.h.db, f.commune, f.venueId, window);
    expect(r).toMatchObject({ total: 4, outsideJurisdiction: 2 });
    expect(r.rows.map((v) => v.person?.fullName ?? null)).toEqual(['Nguyễn Văn Hồng A', null, 'Nguyễn Văn Hồng B', null]);
    expect(r.rows.every((v) => v.source === 'citizen')).toBe(true);
    const audited = await queryRows<{ person_id: number | null; action: string }>(
      f.h.db,
      sql`select person_id::int as person_id, action from audit_log where entity = 'venue_visitors' and username = ${f.commune.username} order by id`,
    );
    expect(audited).toEqual([
      { person_id: null, action: 'search' },
      { person_id: f.local[0].id, action: 'read' },
      { person_id: f.local[1].id, action: 'read' },
    ]);
    const province = await venueVisitors(f.h.db, f.province, f.venueId, window);
    expect(province.outsideJurisdiction).toBe(0);
    expect(province.rows.every((v) => v.person !== null)).toBe(true);
  });

  it('refuses venues outside the jurisdiction, reversed or overlong windows, and roles without the permission', async () => {
    await expect(venueVisitors(f.h.db, f.otherCommune, f.venueId, window)).rejects.toMatchObject({ code: 'not_found' });
    await expect(venueVisitors(f.h.db, f.commune, f.venueId, { from: window.to, to: window.from })).rejects.toMatchObject({ field: 'to', messageKey: 'checkins.errors.window_order' });
    await expect(venueVisitors(f.h.db, f.commune, f.venueId, { from: minutesAgo(40 * 24 * 60), to: window.to })).rejects.toMatchObject({ field: 'to', messageKey: 'checkins.errors.window_too_long' });
    await expect(venueVisitors(f.h.db, f.commune, f.venueId, { from: 'hôm qua', to: window.to })).rejects.toMatchObject({ field: 'from' });
    const steering = await actorFor(f.h.db, 'steering_member', f.units.province);
    await expect(venueVisitors(f.h.db, steering, f.venueId, window)).rejects.toBeInstanceOf(AppError);
  });

  it("lists a person's visits for the person's own jurisdiction only, audited", async () => {
    const mine = await personVisits(f.h.db, f.otherCommune, f.outside[0].id);
    expect(mine).toMatchObject({ personId: f.outside[0].id, total: 1, rows: [{ venue: { id: f.venueId, name: 'Chợ Hạ Long 1', communeName: 'Phường Hồng Hà' } }] });
    await expect(personVisits(f.h.db, f.commune, f.outside[0].id)).rejects.toMatchObject({ code: 'not_found' });
    const [a] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where entity = 'person_visits' and person_id = ${f.outside[0].id}`);
    expect(a.n).toBe(1);
  });

  it('exports the visitors to XLSX with Vietnamese headers and Vietnam times, outsiders unnamed', async () => {
    const file = await exportVisitors(f.h.db, f.commune, f.venueId, window);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Khách ra vào');
    expect(sheet.getRow(2).values).toEqual([undefined, 'Giờ vào', 'Giờ ra', 'Họ và tên', 'Năm sinh', 'Điện thoại', 'Xã/phường cư trú', 'Cách ghi nhận']);
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(3).getCell(1).value).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(sheet.getRow(4).getCell(3).value).toBe('(Người ngoài địa bàn quản lý)');
    expect(formatVnDateTime(new Date('2021-09-20T17:30:00Z'))).toBe('21/09/2021 00:30');
    const [a] = await queryRows<{ n: number }>(f.h.db, sql`select count(*)::int as n from audit_log where action = 'export' and entity = 'venue_visitors'`);
    expect(a.n).toBe(1);
  });

  it("lists visits made under a record merged into the person since as the person's", async () => {
    const [kept, merged] = f.outside;
    await f.h.db.execute(sql`update people set merged_into = ${kept.id} where id = ${merged.id}`);
    const r = await personVisits(f.h.db, f.otherCommune, kept.id);
    expect(r.total).toBe(2);
    expect(r.rows.map((v) => v.venue.id)).toEqual([f.venueId, f.venueId]);
  });
});
