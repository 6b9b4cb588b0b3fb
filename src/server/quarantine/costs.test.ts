import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { peopleIn, saveModifiedProfile } from '../cases/test-helpers.js';
import { exportStayCosts, stayCosts } from './monitoring-service.js';
import { paidDays, stayDays } from './cost-rules.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { facilityIn, monitoringFixture, stayFor, type MonitoringFixture } from './monitoring-test-helpers.js';

const NOW = new Date('2021-09-12T15:00:00+07:00');
const at = (d: string) => `2021-${d}T10:00:00+07:00`;

describe('costs of stays', () => {
  let f: MonitoringFixture;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    f = await monitoringFixture();
    ids.centralized = await facilityIn(f, { kind: 'quarantine_centralized', rooms: 2, perRoom: 10 });
    ids.hotel = await facilityIn(f, { kind: 'quarantine_hotel', communeId: f.units.baiChay, rooms: 1, perRoom: 4, fundingSource: 'self' });
    ids.done = (await stayFor(f, { facilityId: ids.centralized, admittedAt: at('08-25'), dischargedAt: at('09-08') })).stayId;
    ids.f1 = (await stayFor(f, { facilityId: ids.centralized, admittedAt: at('09-10') })).stayId;
    ids.arrival = (await stayFor(f, { facilityId: ids.centralized, admittedAt: at('09-10'), risk: 'arrival' })).stayId;
    ids.hotelStay = (await stayFor(f, { facilityId: ids.hotel, admittedAt: at('09-11') })).stayId;
    ids.f0 = (await stayFor(f, { kind: 'treatment', admittedAt: at('09-05') })).stayId;
    ids.kaLong = (await stayFor(f, { personId: (await peopleIn(f, 1, { communeId: f.units.kaLong }))[0], admittedAt: at('09-10') })).stayId;
  }, 120_000);
  afterAll(() => f.h.close());

  it("prices each stay by its profile's per-day support and its days", async () => {
    const costs = await stayCosts(f.h.db, f.province, {}, NOW);
    expect(costs.asOf).toBe('2021-09-12');
    const by = new Map(costs.rows.map((r) => [r.stayId, r]));
    expect(by.get(ids.done)).toMatchObject({ admissionDay: '2021-08-25', endDay: '2021-09-08', days: 14, dailyVnd: 80_000, amountVnd: 1_120_000, status: 'discharged', facility: { id: ids.centralized } });
    expect(by.get(ids.f1)).toMatchObject({ endDay: null, days: 3, amountVnd: 240_000 });
    expect(by.get(ids.arrival)).toMatchObject({ risk: 'arrival', days: 3, dailyVnd: 0, amountVnd: 0 });
    expect(by.get(ids.hotelStay)).toMatchObject({ fundingSource: 'self', days: 2, amountVnd: 160_000 });
    expect(by.get(ids.f0)).toMatchObject({ kind: 'treatment', risk: 'f0', facility: null, days: 8, amountVnd: 640_000 });
    // The SQL counts days as the rule does.
    for (const r of costs.rows) expect(r.days).toBe(stayDays(r.admissionDay, r.endDay, costs.asOf));
    // None of these reaches the profile's cap.
    for (const r of costs.rows) expect(r.paidDays).toBe(r.days);
    expect(costs.totals).toEqual({ stays: 6, days: 33, paidDays: 33, amountVnd: 2_400_000 });
    expect(costs.byFacility).toEqual([
      { facility: null, stays: 2, days: 11, paidDays: 11, amountVnd: 880_000 },
      { facility: { id: ids.centralized, name: expect.any(String) }, stays: 3, days: 20, paidDays: 20, amountVnd: 1_360_000 },
      { facility: { id: ids.hotel, name: expect.any(String) }, stays: 1, days: 2, paidDays: 2, amountVnd: 160_000 },
    ]);
    expect(costs.byFundingSource).toEqual([
      { fundingSource: 'self', stays: 1, days: 2, paidDays: 2, amountVnd: 160_000 },
      { fundingSource: 'state', stays: 5, days: 31, paidDays: 31, amountVnd: 2_240_000 },
    ]);
  });

  it('filters, pages and keeps to the jurisdiction', async () => {
    const page = await stayCosts(f.h.db, f.province, { limit: 2 }, NOW);
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.stayId)).toEqual([ids.done, ids.f0]);
    expect((await stayCosts(f.h.db, f.province, { facilityId: ids.centralized }, NOW)).totals).toEqual({ stays: 3, days: 20, paidDays: 20, amountVnd: 1_360_000 });
    expect((await stayCosts(f.h.db, f.province, { status: 'active' }, NOW)).total).toBe(5);
    expect((await stayCosts(f.h.db, f.province, { from: '2021-09-10', to: '2021-09-12' }, NOW)).total).toBe(4);
    expect((await refusal(stayCosts(f.h.db, f.province, { from: '2021-09-12', to: '2021-09-10' }, NOW))).field).toBe('to');
    const commune = await stayCosts(f.h.db, f.commune, {}, NOW);
    expect(commune.rows.map((r) => r.stayId)).not.toContain(ids.kaLong);
    expect(commune.totals).toEqual({ stays: 5, days: 30, paidDays: 30, amountVnd: 2_160_000 });
    expect((await stayCosts(f.h.db, f.otherCommune, {}, NOW)).rows.map((r) => r.stayId)).toEqual([ids.kaLong]);
    expect((await refusal(stayCosts(f.h.db, f.community, {}, NOW))).code).toBe('forbidden');
  });

  it('exports the stays and both totals to XLSX', async () => {
    const file = await exportStayCosts(f.h.db, f.province, {}, NOW);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Chi phí theo lượt', 'Theo cơ sở', 'Theo nguồn kinh phí']);
    const stays = book.getWorksheet('Chi phí theo lượt')!;
    expect(stays.getRow(1).values).toEqual([
      undefined,
      'Mã lượt',
      'Họ và tên',
      'Năm sinh',
      'Cơ sở',
      'Đối tượng',
      'Trạng thái',
      'Nguồn kinh phí',
      'Ngày vào',
      'Ngày ra',
      'Số ngày',
      'Số ngày được hỗ trợ',
      'Mức/ngày (đồng)',
      'Thành tiền (đồng)',
    ]);
    expect(stays.rowCount).toBe(1 + 6 + 1);
    const first = stays.getRow(2).values as unknown[];
    expect(first.slice(1)).toEqual([ids.done, expect.stringMatching(/^Nguyễn Văn/), expect.any(Number), expect.any(String), 'F1', 'Đã ra', 'Ngân sách nhà nước', '25/08/2021', '08/09/2021', 14, 14, 80_000, 1_120_000]);
    const homeRow = stays.getRow(3).values as unknown[];
    expect(homeRow.slice(4, 10)).toEqual(['Tại nhà', 'F0', 'Đang cách ly/điều trị', 'Ngân sách nhà nước', '05/09/2021', 'Đang cách ly (tính đến 12/09/2021)']);
    expect((stays.getRow(8).values as unknown[]).slice(2)).toEqual(['Tổng cộng', undefined, undefined, undefined, undefined, undefined, undefined, undefined, 33, 33, undefined, 2_400_000]);
    const facilities = book.getWorksheet('Theo cơ sở')!;
    expect((facilities.getRow(2).values as unknown[]).slice(1)).toEqual(['Tại nhà', 2, 11, 880_000]);
    const funding = book.getWorksheet('Theo nguồn kinh phí')!;
    expect((funding.getRow(2).values as unknown[]).slice(1)).toEqual(['Tự chi trả', 1, 2, 160_000]);
    expect((funding.getRow(3).values as unknown[]).slice(1)).toEqual(['Ngân sách nhà nước', 5, 31, 2_240_000]);
    const [audit] = await queryRows<{ action: string; details: { stays: number } }>(f.h.db, sql`select action, details from audit_log where entity = 'stay_costs' and action = 'export'`);
    expect(audit.details.stays).toBe(6);
  });
  it('prices a stay by the profile it was admitted under', async () => {
    // A new profile version in force from today, with a higher daily support; a stay admitted today falls under it.
    await saveModifiedProfile(f, (rules) => {
      rules.support.items = rules.support.items.map((i) => (i.code === 'f0_f1_daily' ? { ...i, amountVnd: 120_000 } : i));
    });
    const now = new Date();
    const stay = await stayFor(f, { admittedAt: now.toISOString() });
    const costs = await stayCosts(f.h.db, f.province, { from: todayInVietnam(now) }, now);
    expect(costs.rows).toMatchObject([{ stayId: stay.stayId, days: 1, dailyVnd: 120_000, amountVnd: 120_000 }]);
    expect((await stayCosts(f.h.db, f.province, {}, now)).rows.find((r) => r.stayId === ids.f1)?.dailyVnd).toBe(80_000);
  });
});

describe("costs up to the profile's cap on paid days", () => {
  let f: MonitoringFixture;
  afterAll(() => f.h.close());

  it('pays an F1 at most 21 quarantine days and an F0 at most 45 treatment days (Resolution 68), in rows, totals and the file', async () => {
    f = await monitoringFixture();
    const facility = await facilityIn(f, { kind: 'quarantine_centralized', rooms: 4, perRoom: 2 });
    const f1 = (await stayFor(f, { facilityId: facility, admittedAt: at('08-01') })).stayId;
    const f0 = (await stayFor(f, { kind: 'treatment', admittedAt: at('07-20'), dischargedAt: at('09-10') })).stayId;
    const short = (await stayFor(f, { facilityId: facility, admittedAt: at('09-01') })).stayId;
    const costs = await stayCosts(f.h.db, f.province, {}, NOW);
    const by = new Map(costs.rows.map((r) => [r.stayId, r]));
    expect(by.get(f1)).toMatchObject({ risk: 'f1', days: 43, paidDays: 21, amountVnd: 21 * 80_000 });
    expect(by.get(f0)).toMatchObject({ risk: 'f0', days: 52, paidDays: 45, amountVnd: 45 * 80_000 });
    expect(by.get(short)).toMatchObject({ days: 12, paidDays: 12, amountVnd: 12 * 80_000 });
    for (const r of costs.rows) expect(r.paidDays).toBe(paidDays(r.days, r.risk === 'f0' ? 45 : 21));
    expect(costs.totals).toEqual({ stays: 3, days: 107, paidDays: 78, amountVnd: 78 * 80_000 });

    // A stay admitted under a profile without the cap is paid every day.
    const profileId = await saveModifiedProfile(f, (r) => {
      r.support.items = r.support.items.map((i) => (i.code === 'f0_f1_daily' ? { ...i, maxDays: undefined } : i));
      r.unverified = r.unverified.filter((u) => u !== 'support.items[2].maxDays');
    });
    const uncapped = (await stayFor(f, { facilityId: facility, admittedAt: at('08-01') })).stayId;
    await f.h.db.execute(sql`update stays set profile_id = ${profileId} where id = ${uncapped}`);
    const again = await stayCosts(f.h.db, f.province, {}, NOW);
    expect(again.rows.find((r) => r.stayId === uncapped)).toMatchObject({ days: 43, paidDays: 43 });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportStayCosts(f.h.db, f.province, {}, NOW)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Chi phí theo lượt')!;
    const header = sheet.getRow(1).values as unknown[];
    const row = sheet.getRows(2, 10)!.find((r) => r.getCell(1).value === f1)!;
    expect(row.getCell(header.indexOf('Số ngày được hỗ trợ')).value).toBe(21);
  }, 120_000);
});
