import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD } from './browser.js';
import { qrVideo } from './fake-camera.js';

let browser: Browser | undefined;
afterAll(() => browser?.close());

describe('venue scanner camera', () => {
  let venue: { id: number; code: string };
  let deviceKey: string;
  let qrToken: string;

  beforeAll(async () => {
    const setup = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const api = (await setup.newContext()).request;
    const me = await (await api.post(`${BASE_URL()}/api/auth/login`, { data: { username: 'honggai.xa', password: DEMO_PASSWORD } })).json();
    const made = await api.post(`${BASE_URL()}/api/checkins/venues`, {
      data: { name: 'Nhà thuốc Hồng Gai', type: 'pharmacy', addressLine: 'Phố Bến Đoan', communeId: me.unit.id, managerName: 'Vũ Thị Lan', managerPhone: '0912000333' },
    });
    venue = await made.json();
    deviceKey = (await (await api.post(`${BASE_URL()}/api/checkins/venues/${venue.id}/devices`, { data: { label: 'Điện thoại quầy thuốc' } })).json()).deviceKey;
    const declared = await api.post(`${BASE_URL()}/api/public/declarations`, {
      data: {
        kind: 'health',
        answers: {
          identity: { fullName: 'Hoàng Văn Sơn', docType: 'cccd', docNumber: '022087000303', phone: '0912000303', birthYear: 1987, sex: 'male', nationality: 'VN', addressLine: 'Tổ 4', communeId: me.unit.id },
        },
      },
    });
    qrToken = (await declared.json()).qrToken;
    await setup.close();
  });

  it("reads a visitor's personal QR from the phone camera and records the visit", async () => {
    const video = join(tmpdir(), `phongdich-qr-${process.pid}.y4m`);
    await qrVideo(video, qrToken);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto(`${BASE_URL()}/p/quet`);
    await page.getByLabel('Mã thiết bị quét').fill(deviceKey);
    await page.getByRole('button', { name: 'Lưu và bắt đầu quét' }).click();
    await page.getByText(`Nhà thuốc Hồng Gai (${venue.code})`).waitFor();
    await page.getByRole('button', { name: 'Bật camera để quét' }).click();
    await page.getByText('Đã ghi nhận', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('Đang chờ gửi: 0').waitFor();
    await page.screenshot({ path: 'e2e/artifacts/scanner-camera.png', fullPage: true });

    const staff = await browser.newContext();
    await staff.request.post(`${BASE_URL()}/api/auth/login`, { data: { username: 'honggai.xa', password: DEMO_PASSWORD } });
    const from = new Date(Date.now() - 600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const visitors = await (await staff.request.get(`${BASE_URL()}/api/checkins/venues/${venue.id}/visitors?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).json();
    expect(visitors.rows.map((r: { person: { fullName: string } | null; source: string }) => [r.person?.fullName, r.source])).toEqual([['Hoàng Văn Sơn', 'staff_scan']]);
  });
});
