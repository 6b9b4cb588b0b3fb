// Tracing in the browser, on the demo's waiting suspected case in Hồng Gai (src/server/demo/outbreak-seed.ts):
// a district officer confirms it, accepts the market visit's proposed F1s, sees the F2s (their
// families) below them, the commune team's tasks and the chain in the graph; then one F1 is
// confirmed and their family moves up from F2 to F1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, launch, newPage } from './browser.js';
import { signIn, getJson } from './staff.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A radio in a form that is still opening can be re-rendered under the click: check until it stays checked. */
async function checkSurely(radio: Locator) {
  await expect.poll(async () => (await radio.check({ timeout: 2_000 }).catch(() => undefined), radio.isChecked()), { timeout: 15_000 }).toBe(true);
}

interface ContactRow {
  personId: number;
  level: number;
  via: { id: number } | null;
}

describe('cases and tracing', () => {
  it('confirms a case, accepts its market F1s, shows F2s, tasks and the graph, and moves levels up when an F1 is confirmed', async () => {
    const page = await newPage(browser);
    await signIn(page, 'halong.huyen');
    const api = page.context().request;

    const suspected = await getJson<{ rows: { id: number; person: { communeName: string } }[] }>(api, '/cases?status=suspected');
    const kase = suspected.rows.find((r) => r.person.communeName === 'Phường Hồng Gai');
    expect(kase, 'the demo has a suspected case waiting in Hồng Gai').toBeDefined();

    await page.goto(`${BASE_URL()}/cases/${kase!.id}`);
    await page.getByTestId('case-confirm').click();
    await checkSurely(page.getByLabel('Theo kết quả xét nghiệm'));
    await page.getByLabel('Mã/phiếu kết quả xét nghiệm').fill('XN-HG-0001');
    await page.getByTestId('case-status-submit').click();
    await expect.poll(() => page.getByTestId('case-code').innerText(), { timeout: 15_000 }).toMatch(/^BN\d+/);

    // The market visit: five neighbours there at the same time are proposed; the one who came later is not.
    const visit = page.getByTestId('proposal-visit').filter({ hasText: 'Chợ Hạ Long I' });
    await visit.waitFor({ timeout: 20_000 });
    await expect.poll(() => visit.getByTestId('proposal-row').count()).toBe(5);
    await page.screenshot({ path: 'e2e/artifacts/tracing-proposals.png', fullPage: true });
    await visit.getByTestId('accept-visit').click();
    await page.getByRole('button', { name: /^(OK|Đồng ý|Chấp nhận)$/ }).last().click().catch(() => undefined);

    const f2Rows = page.getByTestId('contacts-F2').getByTestId('contact-row');
    await expect.poll(() => f2Rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: 'e2e/artifacts/tracing-contacts.png', fullPage: true });

    const f1s = (await getJson<{ rows: ContactRow[] }>(api, `/tracing/contacts?caseId=${kase!.id}&level=1`)).rows;
    const f2s = (await getJson<{ rows: ContactRow[] }>(api, `/tracing/contacts?caseId=${kase!.id}&level=2`)).rows;
    const f1WithFamily = f1s.find((r) => f2s.some((f2) => f2.via?.id === r.personId))!;
    expect(f1WithFamily, 'an accepted F1 has family members traced as F2').toBeDefined();
    const family = f2s.filter((f2) => f2.via?.id === f1WithFamily.personId).map((f2) => f2.personId);

    // The commune team's worklist holds the new F1 tasks.
    const team = await newPage(browser);
    await signIn(team, 'honggai.xa');
    await team.goto(`${BASE_URL()}/cases/tasks`);
    await expect.poll(() => team.getByTestId('task-list').getByTestId('task-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await team.screenshot({ path: 'e2e/artifacts/tracing-tasks.png', fullPage: true });
    // The same list as a workbook, for teams that work from Excel.
    const listed = await getJson<{ total: number }>(team.context().request, '/tracing/tasks?limit=1');
    const [download] = await Promise.all([team.waitForEvent('download'), team.getByTestId('tasks-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^nhiem-vu-truy-vet-\d{2}-\d{2}-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0];
    expect([sheet.name, sheet.getCell('D1').value, sheet.rowCount - 1]).toEqual(['Nhiệm vụ truy vết', 'Loại nhiệm vụ', listed.total]);
    // A team writes the first outcome into the workbook and uploads it back.
    expect(sheet.getCell('P1').value).toBe('Kết quả');
    sheet.getCell('P2').value = 'Đã liên hệ được';
    const filled = join(tmpdir(), `ket-qua-${Date.now()}.xlsx`);
    await book.xlsx.writeFile(filled);
    await team.locator('input[type=file]').setInputFiles(filled);
    await team.locator('.ant-message-success').getByText('Đã đọc 1 dòng có kết quả: 1 nhiệm vụ hoàn thành').waitFor({ timeout: 15_000 });
    expect((await getJson<{ total: number }>(team.context().request, '/tracing/tasks?limit=1')).total).toBe(listed.total - 1);
    await team.screenshot({ path: 'e2e/artifacts/tracing-outcomes-uploaded.png' });
    await team.context().close();

    // The chain in the graph: the case, its F1s and F2s.
    await page.goto(`${BASE_URL()}/cases/graph?caseId=${kase!.id}`);
    const canvas = page.getByTestId('graph-canvas');
    await expect.poll(async () => Number(await canvas.getAttribute('data-nodes')), { timeout: 20_000 }).toBeGreaterThanOrEqual(1 + f1s.length + f2s.length);
    await page.screenshot({ path: 'e2e/artifacts/tracing-graph.png' });

    // One F1 tests positive: a new case; their family moves from F2 to F1, with the reason shown.
    await page.goto(`${BASE_URL()}/cases/new?person=${f1WithFamily.personId}`);
    await checkSurely(page.getByLabel('Theo kết quả xét nghiệm'));
    await page.getByLabel('Mã/phiếu kết quả xét nghiệm').fill('XN-HG-0002');
    const sample = page.getByLabel('Ngày lấy mẫu dương tính');
    await sample.fill(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/'));
    await sample.press('Enter');
    await page.getByTestId('case-create').click();
    await expect.poll(() => page.getByTestId('case-code').innerText(), { timeout: 15_000 }).toMatch(/^BN\d+/);

    await page.goto(`${BASE_URL()}/people/${family[0]}`);
    const card = page.getByTestId('person-tracing');
    await expect.poll(() => card.getByTestId('person-level').innerText(), { timeout: 15_000 }).toContain('F1');
    expect(await card.getByTestId('level-change').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'e2e/artifacts/tracing-moved-up.png', fullPage: true });
    await page.context().close();
  });

  // Last, as it traces a whole cluster of the demo: the cluster list's Expand menu.
  it('expands a cluster from its row: every proposed F1 of its cases, then every proposed F2', async () => {
    const page = await newPage(browser);
    await signIn(page, 'tinh.cdc');
    await page.goto(`${BASE_URL()}/cases/clusters`);
    const expand = page.getByTestId('cluster-expand').first();
    // the demo names its clusters; detection runs only if this demo had none
    const listed = await expand.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (!listed) await page.getByTestId('clusters-detect').click();
    await expand.waitFor({ timeout: 15_000 });

    const accepted = async (item: string) => {
      await expand.click();
      await page.getByRole('menuitem', { name: item }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: item }).click();
      // queued on the server, which answers at once; the row's button follows it until it ends
      await page.locator('.ant-message-info').getByText('Đã gửi yêu cầu; hệ thống đang xử lý').waitFor({ timeout: 15_000 });
      const text = await page.locator('.ant-message-success').last().innerText({ timeout: 60_000 });
      const m = /Đã chấp nhận (\d+) đề xuất: (\d+) người đổi cấp, (\d+) nhiệm vụ mới/.exec(text);
      expect(m, text).not.toBeNull();
      return m!.slice(1).map(Number);
    };
    const [f1Proposals, f1Moved, f1Tasks] = await accepted('Nhận mọi F1 đề xuất');
    expect(f1Proposals).toBeGreaterThan(0);
    expect(f1Moved).toBeGreaterThan(0);
    expect(f1Tasks).toBeGreaterThanOrEqual(f1Moved);
    await page.locator('.ant-message-success').last().waitFor({ state: 'detached', timeout: 15_000 });
    const [f2Proposals, f2Moved, f2Tasks] = await accepted('Nhận mọi F2 đề xuất');
    expect(f2Proposals).toBeGreaterThan(0);
    expect(f2Moved).toBeGreaterThan(0);
    expect(f2Tasks).toBeGreaterThanOrEqual(f2Moved);
    await page.screenshot({ path: 'e2e/artifacts/tracing-cluster-expanded.png', fullPage: true });

    // Nothing is left to accept for the cases: said on the row, not done twice.
    await expand.click();
    await page.getByRole('menuitem', { name: 'Nhận mọi F1 đề xuất' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Nhận mọi F1 đề xuất' }).click();
    await expect.poll(() => page.getByText('Các ca bệnh này không còn đề xuất nào chờ quyết định').count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });
});
