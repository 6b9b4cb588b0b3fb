import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE_URL = () => process.env.E2E_BASE_URL!;
export const DEMO_PASSWORD = 'PhongDich@2021';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function newPage(browser: Browser, viewport = { width: 1366, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}
