import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch } from './browser.js';

const PHONE = { width: 390, height: 844 };
let browser: Browser;
let staff: BrowserContext;
let api: APIRequestContext;
let hongGaiId: number;

beforeAll(async () => {
  browser = await launch();
  staff = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  api = staff.request;
  const me = await api.post(`${BASE_URL()}/api/auth/login`, { data: { username: 'honggai.xa', password: DEMO_PASSWORD } });
  expect(me.ok()).toBe(true);
  hongGaiId = (await me.json()).unit.id;
});
afterAll(() => browser?.close());

function phoneContext() {
  return browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', isMobile: true, hasTouch: true });
}

async function registerVenue(name: string) {
  const res = await api.post(`${BASE_URL()}/api/checkins/venues`, {
    data: { name, type: 'market', addressLine: 'Đường Lê Thánh Tông', communeId: hongGaiId, managerName: 'Trần Văn Quản', managerPhone: '0912000111', capacity: 300 },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { id } = (await res.json()) as { id: number };
  // The check-in link printed in the poster's QR, as the venue page shows it to officials.
  const detail = await api.get(`${BASE_URL()}/api/checkins/venues/${id}`);
  return (await detail.json()) as { id: number; code: string; qrUrl: string };
}

async function visitorsOf(venueId: number): Promise<{ person: { id: number; fullName: string } | null }[]> {
  const from = new Date(Date.now() - 3600_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  const res = await api.get(`${BASE_URL()}/api/checkins/venues/${venueId}/visitors?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).rows;
}

/** A person declares through the API, as a second phone would; returns the code printed under the QR. */
async function declaredCode(fullName: string, docNumber: string, phone: string): Promise<string> {
  const res = await api.post(`${BASE_URL()}/api/public/declarations`, {
    data: {
      kind: 'health',
      answers: {
        identity: { fullName, docType: 'cccd', docNumber, phone, birthYear: 1988, sex: 'male', nationality: 'VN', addressLine: 'Tổ 1', communeId: hongGaiId },
        placesVisited: [],
        symptoms: [],
        exposures: [],
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()).qrToken as string).split('.')[0];
}

async function declareOnPhone(page: Page, phone = '0912345679', done = 'Mã QR cá nhân') {
  await page.goto(`${BASE_URL()}/p/khai-bao`);
  await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
  await page.getByLabel('Họ và tên').fill('Phạm Thị Hồng');
  await page.getByLabel('Loại giấy tờ').selectOption('cccd');
  await page.getByLabel('Số giấy tờ').fill('022190123457');
  await page.getByLabel('Năm sinh').fill('1990');
  await page.getByLabel('Nữ').check();
  await page.getByLabel('Tỉnh/thành phố').first().selectOption({ label: 'Tỉnh Quảng Ninh' });
  await page.getByLabel('Quận/huyện/thị xã').first().selectOption({ label: 'Thành phố Hạ Long' });
  await page.getByLabel('Xã/phường/thị trấn').first().selectOption({ label: 'Phường Hồng Gai' });
  await page.getByLabel('Số nhà, đường, thôn/xóm').fill('Số 5, Tổ 2, Khu 3');
  await page.getByLabel('Sốt').check();
  await page.getByRole('button', { name: 'Gửi khai báo' }).click();
  await page.getByText(done).first().waitFor();
}

/** The text messages the platform sent to a phone number through the SMS gateway. */
async function textsTo(recipient: string): Promise<{ to: string; text: string; params: { code?: string } }[]> {
  const all = (await (await fetch(`${process.env.E2E_SMS_URL}/messages`)).json()) as { to: string; text: string; params: { code?: string } }[];
  return all.filter((m) => m.to === recipient);
}

describe('citizen declaration and venue check-in on a phone', () => {
  it('declares, gets a personal QR, checks in at a venue, and the commune sees both', async () => {
    const venue = await registerVenue('Chợ Hạ Long 1');
    const phone = await phoneContext();
    const page = await phone.newPage();

    const bad = await phone.request.post(`${BASE_URL()}/api/public/declarations`, { data: { kind: 'health', answers: { identity: { fullName: 'Lê Văn Tám', phone: '12345' } } } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.field).toMatch(/^answers\.identity\./);

    await declareOnPhone(page);
    // The QR image is drawn once its library has loaded, a moment after the card appears.
    const qr = page.locator('img[alt*="QR"]');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: 'e2e/artifacts/citizen-qr.png', fullPage: true });

    await page.goto(new URL(venue.qrUrl).pathname.replace(/^/, BASE_URL()));
    await page.getByText('Chợ Hạ Long 1').first().waitFor();
    await page.getByRole('button', { name: 'Ghi nhận ra vào' }).click();
    await page.getByText('Đã ghi nhận vào').waitFor();
    await page.screenshot({ path: 'e2e/artifacts/citizen-checked-in.png', fullPage: true });

    expect(await visitorsOf(venue.id)).toHaveLength(1);

    // The commune officer sees the symptomatic declaration in the worklist and the visit at the venue.
    const officer = await staff.newPage();
    await officer.setViewportSize({ width: 1366, height: 800 });
    await officer.goto(`${BASE_URL()}/declarations`);
    const row = officer.locator('tr', { hasText: 'Phạm Thị Hồng' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('Sốt');
    await officer.screenshot({ path: 'e2e/artifacts/worklist.png' });
    await officer.goto(`${BASE_URL()}/checkins/venues/${venue.id}`);
    await officer.getByRole('button', { name: 'Xem khách ra vào' }).click();
    await officer.locator('tr', { hasText: 'Phạm Thị Hồng' }).first().waitFor();
    await officer.screenshot({ path: 'e2e/artifacts/venue-visitors.png' });
    await officer.close();

    // A forged venue code is refused with a clear message.
    await page.goto(`${BASE_URL()}/p/c/QNABCDE.1.AAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByText('Không').first().waitFor();
    await phone.close();
  });

  it('another phone declaring in the name of someone already registered gets the QR only with the code texted to their phone', async () => {
    const phone = await phoneContext();
    const page = await phone.newPage();
    // Phạm Thị Hồng declared with 0912345679 in the first test; this phone knows her CCCD.
    await declareOnPhone(page, '0988777666', 'Xác nhận số điện thoại');
    await page.getByText('•••679').first().waitFor();
    expect(await page.locator('img[alt*="QR"]').count()).toBe(0);
    let texts: Awaited<ReturnType<typeof textsTo>> = [];
    for (let i = 0; i < 50 && texts.length === 0; i++) {
      texts = await textsTo('0912345679');
      if (texts.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(texts).toHaveLength(1);
    expect(await textsTo('0988777666')).toEqual([]);
    const code = texts[0].params.code!;
    expect(texts[0].text).toContain(code);

    await page.getByTestId('verify-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByText('Mã xác nhận không đúng, còn 4 lần thử').waitFor();
    await page.screenshot({ path: 'e2e/artifacts/citizen-verify-code.png', fullPage: true });
    await page.getByTestId('verify-code').fill(code);
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    const qr = page.locator('img[alt*="QR"]');
    await qr.waitFor();
    await page.screenshot({ path: 'e2e/artifacts/citizen-verified-qr.png', fullPage: true });
    await phone.close();
  });

  it("sends an offline staff device's queued scans once when the network is back", async () => {
    const venue = await registerVenue('Siêu thị Hồng Gai');
    const device = await api.post(`${BASE_URL()}/api/checkins/venues/${venue.id}/devices`, { data: { label: 'Máy quét cổng chính' } });
    expect(device.status(), await device.text()).toBe(200);
    const { deviceKey } = await device.json();
    const codes = [await declaredCode('Lê Văn Minh', '022088000101', '0912000201'), await declaredCode('Đỗ Văn Nam', '022088000102', '0912000202')];

    const phone = await phoneContext();
    const page = await phone.newPage();
    await page.goto(`${BASE_URL()}/p/quet`);
    // The device key alone tells the scanner which venue it belongs to.
    await page.getByLabel('Mã thiết bị quét').fill(deviceKey);
    await page.getByRole('button', { name: 'Lưu và bắt đầu quét' }).click();
    await page.getByText(`Siêu thị Hồng Gai (${venue.code})`).waitFor();

    await phone.setOffline(true);
    for (const code of [...codes, codes[0]]) {
      await page.getByLabel('Mã dưới QR của khách').fill(code);
      await page.getByRole('button', { name: 'Ghi nhận mã' }).click();
    }
    await page.getByText('Đang chờ gửi: 3').waitFor();
    await page.screenshot({ path: 'e2e/artifacts/scanner-offline.png', fullPage: true });
    expect(await visitorsOf(venue.id)).toHaveLength(0);

    // Back online, the page sends the queue by itself.
    await phone.setOffline(false);
    await page.getByText('Đang chờ gửi: 0').waitFor();
    await page.screenshot({ path: 'e2e/artifacts/scanner-sent.png', fullPage: true });
    await page.reload();
    await page.getByText('Đang chờ gửi: 0').waitFor();

    const visits = await visitorsOf(venue.id);
    expect(visits).toHaveLength(2);
    expect(visits.map((v) => v.person?.fullName).sort()).toEqual(['Lê Văn Minh', 'Đỗ Văn Nam']);
    await phone.close();
  });
});
