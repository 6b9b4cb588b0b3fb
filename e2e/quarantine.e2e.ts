// Quarantine and treatment in the browser, as the "done when" reads: the province's CDC sets
// up a centralized facility of twelve rooms, admits 15 F1s admitted eight days ago and 15 admitted
// yesterday in bulk (no room holds both days), finds the day-7 test task, records a warning-sign
// check for a case in a tier-1 facility (a transfer to tier 2 is proposed), discharges a stay of
// the older cohort with its certificate PDF, and sets the commune's target on the capacity page.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launch, newPage } from './browser.js';
import { signIn, getJson, choose, inputOf } from './staff.js';

const SHOTS = 'e2e/artifacts';
const COMMUNE = 'Phường Hồng Gai';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** A Vietnam calendar day `daysAgo` before today, as yyyy-MM-dd and as the screens' dd/MM/yyyy. */
function vnDay(daysAgo: number): { iso: string; shown: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() - daysAgo * 86_400_000));
  const [y, m, d] = iso.split('-');
  return { iso, shown: `${d}/${m}/${y}` };
}

/** Sets an antd DatePicker with time by typing, Enter confirming it. */
async function setDateTime(page: Page, testId: string, text: string) {
  const input = inputOf(page, testId);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(text);
}

interface Person {
  id: number;
  fullName: string;
  mergedInto: number | null;
}
interface StayRow {
  id: number;
  personId: number;
  admissionDay: string;
  status: string;
  room: { code: string } | null;
}

/** Builds a facility in the editor: details, then rooms `from`–`to` of `capacity` added in bulk; returns its id. */
async function createFacility(page: Page, o: { code: string; name: string; treatmentTier?: number; from: string; to: string; capacity: number }): Promise<number> {
  await page.goto(`${BASE_URL()}/quarantine`);
  if (o.treatmentTier) await page.goto(`${BASE_URL()}/quarantine/facilities/new?kind=treatment`);
  else await page.getByTestId('facility-create').first().click();
  await page.getByTestId('facility-code').fill(o.code);
  await page.getByTestId('facility-name').fill(o.name);
  if (o.treatmentTier) await choose(page, page.getByTestId('facility-tier'), `Tầng ${o.treatmentTier}`);
  await choose(page, page.getByLabel('Xã/phường', { exact: true }), COMMUNE, 'Hồng Gai');
  await page.getByTestId('rooms-bulk-from').fill(o.from);
  await page.getByTestId('rooms-bulk-to').fill(o.to);
  await inputOf(page, 'rooms-bulk-capacity').fill(String(o.capacity));
  await page.getByTestId('rooms-bulk-add').click();
  const rooms = Number(o.to) - Number(o.from) + 1;
  await expect.poll(() => page.getByTestId('editor-room-row').count()).toBe(rooms);
  await page.getByTestId('facility-save').click();
  await page.waitForURL(/\/quarantine\/facilities\/\d+$/, { timeout: 20_000 });
  return Number(/\/quarantine\/facilities\/(\d+)$/.exec(page.url())![1]);
}

/** On the admission page: the facility, the day, the people found by `q` and picked; dry run (with the reason the rule asks for), then confirm. */
async function admitCohort(page: Page, facilityName: string, at: string, q: string, people: Person[]) {
  await page.goto(`${BASE_URL()}/quarantine/admit`);
  await choose(page, page.getByTestId('admit-facility'), facilityName);
  await setDateTime(page, 'admit-day', at);
  await page.getByTestId('admit-person-search').fill(q);
  await page.getByTestId('admit-person-search-submit').click();
  for (const p of people) {
    await page.locator(`[data-testid=admit-person-result][data-person-id="${p.id}"]`).getByTestId('admit-person-add').click();
  }
  await expect.poll(() => page.getByTestId('admit-people').getAttribute('data-count')).toBe(String(people.length));
  await page.getByTestId('admit-dry-run').click();
  // The rule in force today (2022) sends F1s home: the form asks why they go to a facility.
  await page.getByText(/^Quy định cách ly đang áp dụng \(/).waitFor();
  await page.getByTestId('admit-place-reason').fill('Ban Chỉ đạo tỉnh quyết định cách ly tập trung F1 của ổ dịch');
  await page.getByTestId('admit-dry-run').click();
  const proposed = page.getByTestId('admit-proposed-row');
  await expect.poll(() => proposed.count(), { timeout: 30_000 }).toBe(people.length);
  return proposed;
}

describe('quarantine: facility, bulk admission by day, tests, warning signs, discharge and capacity', () => {
  it('runs a facility from set-up to a discharge and shows it on the capacity page', { timeout: 300_000 }, async () => {
    const cdc = await newPage(browser);
    await signIn(cdc, 'tinh.cdc');
    const api = cdc.context().request;
    const tag = Date.now() % 100_000;

    // 1. A centralized facility with rooms 101–112 of four places, and a tier-1 field hospital.
    const qName = `Khu cách ly tập trung e2e ${tag}`;
    const qId = await createFacility(cdc, { code: `KCL${tag}`, name: qName, from: '101', to: '112', capacity: 4 });
    const tName = `Bệnh viện dã chiến e2e ${tag}`;
    const tId = await createFacility(cdc, { code: `BVDC${tag}`, name: tName, treatmentTier: 1, from: '201', to: '203', capacity: 4 });

    // 2. Thirty people, none a case: fifteen found by "Trần", fifteen by "Lê", as the screen's search lists them.
    const cases = await getJson<{ rows: { id: number; code: string | null; status: string; person: { id: number } }[] }>(api, '/cases?limit=500');
    const casePeople = new Set(cases.rows.map((c) => c.person.id));
    const pick = async (q: string, taken: Set<number>) => {
      const res = await getJson<{ rows: Person[] }>(api, `/people?q=${encodeURIComponent(q)}&limit=20`);
      const chosen = res.rows.filter((p) => !p.mergedInto && !casePeople.has(p.id) && !taken.has(p.id)).slice(0, 15);
      expect(chosen, `fifteen people found by ${q}`).toHaveLength(15);
      return chosen;
    };
    const older = await pick('Trần', new Set());
    const newer = await pick('Lê', new Set(older.map((p) => p.id)));

    const d8 = vnDay(8);
    const d1 = vnDay(1);
    let proposed = await admitCohort(cdc, qName, `${d8.shown} 09:00`, 'Trần', older);
    expect(new Set(await proposed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-day'))))).toEqual(new Set([d8.iso]));
    await cdc.getByTestId('admit-confirm').click();
    await expect.poll(() => cdc.getByTestId('admit-result').getAttribute('data-admitted'), { timeout: 30_000 }).toBe('15');

    proposed = await admitCohort(cdc, qName, `${d1.shown} 09:00`, 'Lê', newer);
    expect(new Set(await proposed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-day'))))).toEqual(new Set([d1.iso]));
    // The proposal puts the new day in rooms of its own.
    const newRooms = await proposed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-room')));
    await cdc.screenshot({ path: `${SHOTS}/quarantine-admit-proposal.png`, fullPage: true });
    await cdc.getByTestId('admit-confirm').click();
    await expect.poll(() => cdc.getByTestId('admit-result').getAttribute('data-admitted'), { timeout: 30_000 }).toBe('15');

    // 3. No room holds two days: on the facility's room list and in the stays themselves.
    await cdc.goto(`${BASE_URL()}/quarantine/facilities/${qId}`);
    const roomRows = cdc.locator('[data-testid=room-row]:not([data-occupied="0"])');
    await expect.poll(() => roomRows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const rooms = await roomRows.evaluateAll((rows) => rows.map((r) => ({ code: r.getAttribute('data-code')!, occupied: Number(r.getAttribute('data-occupied')), cohort: r.getAttribute('data-cohort')! })));
    expect(rooms.reduce((n, r) => n + r.occupied, 0)).toBe(30);
    for (const r of rooms) {
      const days = new Set(r.cohort.split(' ').map((c) => c.split(':')[0]));
      expect(days.size, `room ${r.code}: ${r.cohort}`).toBe(1);
    }
    await cdc.screenshot({ path: `${SHOTS}/quarantine-rooms.png`, fullPage: true });
    const stays = (await getJson<{ rows: StayRow[] }>(api, `/quarantine/stays?facilityId=${qId}&status=active&limit=100`)).rows;
    expect(stays).toHaveLength(30);
    const dayOfRoom = new Map<string, Set<string>>();
    for (const s of stays) dayOfRoom.set(s.room!.code, (dayOfRoom.get(s.room!.code) ?? new Set()).add(s.admissionDay));
    for (const [code, days] of dayOfRoom) expect(days.size, `room ${code}`).toBe(1);
    for (const code of newRooms) expect([...dayOfRoom.get(code!)!]).toEqual([d1.iso]);

    // 4. The day-7 test task of the older cohort is due (the list of tests due, and the stay's own tests).
    const olderIds = new Set(older.map((p) => p.id));
    const olderStays = stays.filter((s) => olderIds.has(s.personId));
    expect(new Set(olderStays.map((s) => s.admissionDay))).toEqual(new Set([d8.iso]));
    await cdc.goto(`${BASE_URL()}/quarantine/tests?facilityId=${qId}`);
    const due = cdc.locator('[data-testid=tests-due-row][data-day-number="7"]');
    await expect.poll(() => due.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(15);
    const dueStays = new Set(await due.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-stay-id')))));
    for (const s of olderStays) expect(dueStays.has(s.id), `stay ${s.id} has its day-7 test due`).toBe(true);

    // 5. One of them: the day-7 test negative, then discharged with the completion certificate.
    const leaving = olderStays[0];
    await cdc.goto(`${BASE_URL()}/quarantine/stays/${leaving.id}`);
    const day7 = cdc.locator('[data-testid=stay-test-row][data-day-number="7"]');
    await expect.poll(() => day7.getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
    await day7.getByTestId('stay-test-record').click();
    await cdc.locator('[data-testid=test-record-result] label:has(input[value=negative])').click();
    await cdc.getByTestId('test-record-submit').click();
    await expect.poll(() => day7.getAttribute('data-result'), { timeout: 20_000 }).toBe('negative');
    await cdc.getByTestId('stay-discharge-eligible').waitFor({ timeout: 20_000 });
    await cdc.getByTestId('stay-discharge').click();
    await cdc.getByTestId('stay-discharge-submit').click();
    await expect.poll(() => cdc.getByTestId('stay-title').getAttribute('data-status'), { timeout: 20_000 }).toBe('discharged');
    expect((await cdc.getByTestId('stay-certificate-number').innerText()).trim()).not.toBe('');
    const href = await cdc.getByTestId('stay-certificate').getAttribute('href');
    const pdf = await api.get(new URL(href!, BASE_URL()).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await cdc.screenshot({ path: `${SHOTS}/quarantine-discharged.png`, fullPage: true });

    // 6. A confirmed case is admitted to the tier-1 hospital; a check with low SpO2 and fast breathing proposes tier 2.
    const patient = cases.rows.find((c) => ['confirmed', 'isolating', 'in_treatment'].includes(c.status) && c.code);
    expect(patient, 'a confirmed demo case').toBeDefined();
    await cdc.goto(`${BASE_URL()}/quarantine/admit`);
    await choose(cdc, cdc.getByTestId('admit-facility'), tName);
    await cdc.locator('[data-testid=admit-source] label:has(input[value=case])').click();
    await choose(cdc, cdc.getByTestId('admit-case').locator('.ant-select'), patient!.code!, patient!.code!);
    await cdc.getByTestId('admit-dry-run').click();
    await expect.poll(() => cdc.getByTestId('admit-proposed-row').count(), { timeout: 30_000 }).toBe(1);
    await cdc.getByTestId('admit-confirm').click();
    await expect.poll(() => cdc.getByTestId('admit-result').getAttribute('data-admitted'), { timeout: 30_000 }).toBe('1');
    const treated = (await getJson<{ rows: StayRow[] }>(api, `/quarantine/stays?facilityId=${tId}&status=active&limit=10`)).rows;
    expect(treated.map((s) => s.personId)).toEqual([patient!.person.id]);

    await cdc.goto(`${BASE_URL()}/quarantine/monitoring?where=${tId}&stayId=${treated[0].id}`);
    await cdc.getByTestId('check-form').waitFor({ timeout: 20_000 });
    const measures: [string, string][] = [
      ['check-temperature', '38.5'],
      ['check-spo2', '90'],
      ['check-rr', '30'],
      ['check-pulse', '110'],
      ['check-systolic', '120'],
      ['check-diastolic', '80'],
    ];
    for (const [id, v] of measures) if (await cdc.getByTestId(id).count()) await inputOf(cdc, id).fill(v);
    await cdc.getByTestId('check-submit').click();
    await expect.poll(async () => Number(await cdc.getByTestId('check-warnings').first().getAttribute('data-count')), { timeout: 20_000 }).toBeGreaterThan(0);
    await cdc.screenshot({ path: `${SHOTS}/quarantine-warning-check.png`, fullPage: true });

    await cdc.goto(`${BASE_URL()}/quarantine/transfers`);
    const proposal = cdc.locator(`[data-testid=transfer-row][data-stay-id="${treated[0].id}"]`);
    await proposal.first().waitFor({ timeout: 20_000 });
    expect(await proposal.first().getAttribute('data-to-tier')).toBe('2');
    expect(await proposal.first().getAttribute('data-status')).toBe('pending');
    await expect.poll(() => cdc.locator('.ant-spin-spinning').count()).toBe(0);
    await cdc.screenshot({ path: `${SHOTS}/quarantine-transfers.png`, fullPage: true });

    // 7. The capacity page for the facility's commune: 29 people still in, and the target set here.
    const facility = await getJson<{ communeId: number }>(api, `/quarantine/facilities/${qId}`);
    await cdc.goto(`${BASE_URL()}/quarantine/capacity?unitId=${facility.communeId}`);
    const unit = cdc.locator(`[data-testid=capacity-unit-row][data-unit-id="${facility.communeId}"][data-kind=quarantine]`);
    await unit.waitFor({ timeout: 20_000 });
    expect(await unit.getAttribute('data-occupied')).toBe('29');
    expect(await unit.getAttribute('data-capacity')).toBe('48');
    await unit.getByTestId('capacity-target-edit').click();
    await inputOf(cdc, 'capacity-target-input').fill('200');
    await cdc.getByTestId('capacity-target-save').click();
    await expect.poll(() => unit.getAttribute('data-target'), { timeout: 20_000 }).toBe('200');
    expect(await unit.getAttribute('data-occupied')).toBe('29');
    await expect.poll(() => cdc.getByTestId('capacity-chart').getAttribute('data-occupied'), { timeout: 20_000 }).toBe('29');
    expect(await cdc.getByTestId('capacity-chart').getAttribute('aria-label')).toContain('200');
    await cdc.getByTestId('capacity-target-input').waitFor({ state: 'hidden' });
    await cdc.screenshot({ path: `${SHOTS}/quarantine-capacity.png`, fullPage: true });
  });
});
