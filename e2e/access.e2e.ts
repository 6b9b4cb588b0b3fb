import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, newPage } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(BASE_URL());
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function searchPeople(page: Page, q: string) {
  await page.goto(`${BASE_URL()}/people?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('.ant-table-tbody');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
}

/** The commune column (last) of every result row. */
async function communesShown(page: Page): Promise<string[]> {
  return page.$$eval('.ant-table-tbody tr.ant-table-row', (rows) => rows.map((r) => (r.lastElementChild as HTMLElement).innerText.trim()));
}

/** A person who lives outside Hồng Gai, found through the API as the province health officer. */
async function personOutsideHongGai(): Promise<{ fullName: string; docNumber: string; communeName: string }> {
  const ctx = await browser.newContext();
  const login = await ctx.request.post(`${BASE_URL()}/api/auth/login`, { data: { username: 'tinh.cdc', password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const res = await ctx.request.get(`${BASE_URL()}/api/people?q=nguyen&limit=50`);
  const rows = (await res.json()).rows as { fullName: string; docNumber: string | null; communeName: string }[];
  await ctx.close();
  const other = rows.find((r) => r.docNumber && r.communeName !== 'Phường Hồng Gai');
  if (!other?.docNumber) throw new Error('no person outside Hồng Gai with an ID document in the demo');
  return { ...other, docNumber: other.docNumber };
}

describe('access by jurisdiction', () => {
  it('refuses a wrong password with a clear message', async () => {
    const page = await newPage(browser);
    await signIn(page, 'honggai.xa', 'mat-khau-sai-roi');
    await expect(page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor()).resolves.toBeUndefined();
    expect(page.url()).not.toContain('/people');
    await page.screenshot({ path: 'e2e/artifacts/wrong-password.png' });
    await page.context().close();
  });

  it('shows a commune officer only the people of that commune', async () => {
    const outsider = await personOutsideHongGai();
    const page = await newPage(browser);
    await signIn(page, 'honggai.xa');
    await page.getByText('Phường Hồng Gai').first().waitFor();

    await searchPeople(page, 'nguyen');
    const communes = await communesShown(page);
    expect(communes.length).toBeGreaterThan(0);
    expect(new Set(communes)).toEqual(new Set(['Phường Hồng Gai']));
    await page.screenshot({ path: 'e2e/artifacts/commune-officer-people.png' });

    await searchPeople(page, outsider.docNumber);
    expect(await communesShown(page)).toEqual([]);
    await page.getByText('Không tìm thấy').first().waitFor();
    await page.context().close();
  });

  it('shows a province officer people of every commune', async () => {
    const outsider = await personOutsideHongGai();
    const page = await newPage(browser);
    await signIn(page, 'tinh.cdc');
    await page.getByText('Tỉnh Quảng Ninh').first().waitFor();

    await searchPeople(page, 'nguyen');
    const communes = new Set(await communesShown(page));
    expect(communes.size).toBeGreaterThan(5);
    await page.screenshot({ path: 'e2e/artifacts/province-officer-people.png' });

    await searchPeople(page, outsider.docNumber);
    expect(await communesShown(page)).toEqual([outsider.communeName]);
    await page.context().close();
  });
});
