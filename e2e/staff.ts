// What the staff browser tests share: signing in, reading the API with the page's session, and
// driving Ant Design's selects and inputs.
import { expect } from 'vitest';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD } from './browser.js';

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(BASE_URL());
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mật khẩu').waitFor({ state: 'detached' });
}

export async function getJson<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(`${BASE_URL()}/api${path}`);
  expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/**
 * Opens an antd Select (clicking `trigger`), optionally types to search, and picks the option holding
 * `text`; opened again when a re-render closed the list before the click landed.
 */
export async function choose(page: Page, trigger: Locator, text: string | RegExp, typed?: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) {
      await trigger.click();
      if (typed) await page.keyboard.type(typed);
    }
    try {
      await option.click({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
}

/** An antd input that may carry the test id itself or on a wrapper around it. */
export const inputOf = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
