// Testing in the browser, as the "done when" reads: a campaign for the market Chợ Hạ Long I
// (its visitors, pools of 5); the city's checkpoint officer samples ten walk-ins at the market's
// site and sends the two pools to the CDC lab, which receives them and imports its CSV with one
// pool positive; the five re-sampling tasks appear; one member, re-sampled alone, is positive and
// proposed as a case, which the district accepts. A citizen of the negative pool looks their
// result up on a phone, gets the certificate and a checker's phone camera reads its QR as valid;
// once the district revokes it, the checker's verifier (lists fetched again) refuses it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type APIRequestContext, type Browser, type Locator, type Page } from 'playwright-core';
import { BASE_URL, launch, newPage } from './browser.js';
import { signIn, getJson, choose, inputOf } from './staff.js';

const SHOTS = 'e2e/artifacts';
const PHONE = { width: 390, height: 844 };
const MARKET = 'Chợ Hạ Long I';
const SITE = `Điểm lấy mẫu ${MARKET}`;
const LAB = 'CDC-QN';

const VIDEO = join(tmpdir(), `phongdich-dcc-${process.pid}.y4m`);

let browser: Browser;
let cameraBrowser: Browser | undefined;
beforeAll(async () => {
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await cameraBrowser?.close();
  await browser?.close();
  await rm(VIDEO, { force: true });
});

async function staff(username: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, username);
  return page;
}

/** Vietnam wall time as the screens take it: dd/MM/yyyy HH:mm. */
function vnWall(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
/** The next whole minute: a test time not before a sample taken just now, and within the server's clock skew. */
const nextMinute = () => new Date(Math.ceil((Date.now() + 1000) / 60_000) * 60_000);

interface Person {
  id: number;
  fullName: string;
  phone: string | null;
  birthDate: string | null;
  communeId: number;
  communeName: string;
  addressLine: string;
  mergedInto: number | null;
}

/**
 * Ten residents of Hạ Long who walk in at the market: with a phone (the citizen's proof) and a
 * birth date, no case, and no open re-sampling task (which would make the station test them alone).
 * Neither the campaign's drawn visitors nor their households: the market's visitors are the demo's
 * suspected case's contacts, which the tracing test expects to find untouched by a new case.
 */
async function walkIns(api: APIRequestContext, campaignId: number): Promise<Person[]> {
  const cases = await getJson<{ rows: { person: { id: number } }[] }>(api, '/cases?limit=500');
  const tasks = await getJson<{ rows: { personId: number }[] }>(api, '/testing/resample-tasks?status=open&limit=500');
  const members = await getJson<{ rows: { personId: number; person: Person | null }[] }>(api, `/testing/campaigns/${campaignId}/members?limit=500`);
  const excluded = new Set([...cases.rows.map((c) => c.person.id), ...tasks.rows.map((t) => t.personId), ...members.rows.map((m) => m.personId)]);
  const home = (p: Person) => `${p.communeId}|${p.addressLine}`;
  const visitorHomes = new Set(members.rows.flatMap((m) => (m.person ? [home(m.person)] : [])));
  const found = new Map<number, Person>();
  for (const q of ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô']) {
    const res = await getJson<{ rows: Person[] }>(api, `/people?q=${encodeURIComponent(q)}&limit=200`);
    for (const p of res.rows) found.set(p.id, p);
  }
  const phones = new Map<string, number>();
  for (const p of found.values()) if (p.phone) phones.set(p.phone, (phones.get(p.phone) ?? 0) + 1);
  const chosen = [...found.values()]
    .filter((p) => p.phone && phones.get(p.phone) === 1 && p.birthDate && !p.mergedInto && !excluded.has(p.id) && !visitorHomes.has(home(p)))
    .sort((a, b) => a.id - b.id)
    .slice(0, 10);
  expect(chosen, 'ten people of Hạ Long to sample').toHaveLength(10);
  return chosen;
}

/** At the station (campaign and site chosen): finds the person by phone, picks them and records a sample with a new code. */
async function sampleOne(page: Page, person: Person): Promise<string> {
  const rows = page.getByTestId('sampling-recorded-row');
  const before = await rows.count();
  await page.getByTestId('sampling-person-search').fill(person.phone!);
  await page.getByTestId('sampling-person-search-submit').click();
  await page.locator(`[data-testid=sampling-person-result][data-person-id="${person.id}"]`).getByTestId('sampling-person-pick').click();
  await expect.poll(() => page.getByTestId('sampling-person').innerText()).toContain(person.fullName);
  await page.getByTestId('sampling-record').click();
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(before + 1);
  return (await rows.first().getAttribute('data-code'))!;
}

/** Adds tubes to the custody batch by their codes, as a scanner would type them. */
async function addCodes(page: Page, codes: string[], state: string) {
  for (const code of codes) {
    await page.getByTestId('custody-code').fill(code);
    await page.getByTestId('custody-add').click();
    await page.locator(`[data-testid=custody-row][data-code="${code}"][data-state="${state}"]`).waitFor({ timeout: 15_000 });
  }
}

async function send(page: Page, codes: string[]) {
  await page.goto(`${BASE_URL()}/testing/custody`);
  await choose(page, page.getByTestId('custody-lab'), LAB);
  await addCodes(page, codes, 'collected');
  await page.getByTestId('custody-send').click();
  await page.getByTestId('custody-done').waitFor({ timeout: 15_000 });
  for (const code of codes) await page.locator(`[data-testid=custody-row][data-code="${code}"][data-state="sent"]`).waitFor({ timeout: 15_000 });
}

/** The certificate QR as the citizen's screen shows it: the image's grey levels, drawn through a canvas. */
async function qrPixels(page: Page): Promise<{ size: number; luma: Buffer }> {
  const { size, data } = await page.getByTestId('certificate-qr').evaluate(async (el) => {
    const img = el as HTMLImageElement;
    await img.decode();
    const size = img.naturalWidth - (img.naturalWidth % 2);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, size, size);
    const rgba = ctx.getImageData(0, 0, size, size).data;
    const luma = new Uint8Array(size * size);
    for (let i = 0; i < luma.length; i++) luma[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
    let bin = '';
    for (let i = 0; i < luma.length; i += 0x8000) bin += String.fromCharCode(...luma.subarray(i, i + 0x8000));
    return { size, data: btoa(bin) };
  });
  return { size, luma: Buffer.from(data, 'base64') };
}

/** A Y4M video of one still image (grey levels, studio range), what Chromium plays as its fake camera. */
async function stillVideo(path: string, size: number, luma: Buffer, frames = 10) {
  const y = Buffer.from(luma.map((v) => 16 + Math.round((v * 219) / 255)));
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  await writeFile(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]));
}

/** Scans with the verifier page's camera button and returns the verdict shown. */
async function scan(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Quét mã QR' }).click();
  const verdict = page.locator('.dcc-verdict[data-status]');
  await verdict.waitFor({ timeout: 30_000 });
  return verdict;
}

describe('testing: campaign, pools, lab file, re-sampling, case proposal, certificate and revocation', () => {
  it('runs a market screening in pools of 5 through to a verified and then revoked certificate', { timeout: 300_000 }, async () => {
    // 1. The province's health officer makes the campaign for the market's visitors, drawn 100 %, pooled by 5.
    const cdc = await staff('tinh.cdc');
    await cdc.goto(`${BASE_URL()}/testing`);
    await cdc.getByTestId('campaign-create').click();
    const name = `Sàng lọc người đến ${MARKET} (e2e ${Date.now() % 1_000_000})`;
    await cdc.getByTestId('campaign-name').fill(name);
    // The city runs it: the market's visitors come from all over Hạ Long.
    await choose(cdc, cdc.getByLabel('Đơn vị tổ chức'), /^Thành phố Hạ Long,/, 'Hạ Long');
    await cdc.locator('[data-testid=campaign-target-kind] label:has(input[value="venue_visitors"])').click();
    await choose(cdc, cdc.getByTestId('campaign-venue'), new RegExp(`^${MARKET} \\(`), MARKET);
    await cdc.getByTestId('campaign-draw').click();
    await inputOf(cdc, 'campaign-share').fill('100');
    await cdc.locator('[data-testid=campaign-pooling] label:has(input[value="high_risk"])').click();
    await choose(cdc, cdc.getByTestId('campaign-sites'), SITE);
    await cdc.keyboard.press('Escape');
    await cdc.getByTestId('campaign-submit').click();
    await expect.poll(() => cdc.getByTestId('campaign-title').innerText(), { timeout: 30_000 }).toContain(name);
    const campaignId = Number(/\/testing\/campaigns\/(\d+)/.exec(cdc.url())![1]);
    const campaign = await getJson<{ targetKind: string; sharePct: number; poolSize: number; members: number; candidates: number; outsideJurisdiction: number }>(cdc.context().request, `/testing/campaigns/${campaignId}`);
    expect(campaign).toMatchObject({ targetKind: 'venue_visitors', sharePct: 100, poolSize: 5 });
    expect(campaign.members, "the market's visitors are drawn").toBeGreaterThan(0);
    expect(campaign.members).toBe(campaign.candidates - campaign.outsideJurisdiction);
    await expect.poll(() => cdc.getByTestId('member-row').count()).toBeGreaterThan(0);
    await cdc.screenshot({ path: `${SHOTS}/testing-campaign.png`, fullPage: true });
    const district = await staff('halong.huyen');
    const districtApi = district.context().request;
    const people = await walkIns(districtApi, campaignId);

    // 2. At the market, the city's checkpoint officer samples ten walk-ins: two pools of 5, each closed when full.
    const chot = await staff('halong.chot');
    await chot.goto(`${BASE_URL()}/testing/sampling`);
    await choose(chot, chot.getByTestId('sampling-campaign'), name);
    await choose(chot, chot.getByTestId('sampling-site'), SITE);
    const stationUrl = chot.url();
    const samples: string[] = [];
    const pools: string[] = [];
    for (const [i, person] of people.entries()) {
      if (i % 5 === 0) {
        await expect.poll(() => chot.getByTestId('pool').count()).toBe(0);
      }
      samples.push(await sampleOne(chot, person));
      if (i % 5 === 0) {
        const pool = chot.getByTestId('pool');
        await pool.waitFor();
        pools.push((await pool.getAttribute('data-pool-code'))!);
      }
      if (i % 5 === 3) {
        await expect.poll(() => chot.getByTestId('pool-member').count()).toBe(4);
        await chot.screenshot({ path: `${SHOTS}/testing-sampling-pool.png`, fullPage: true });
      }
      if (i % 5 === 4) await expect.poll(() => chot.getByTestId('sampling-done').innerText()).toContain('5/5 và được đóng');
    }
    expect(new Set(pools).size).toBe(2);
    await expect.poll(() => chot.getByTestId('open-pools').getByTestId('pool').count()).toBe(0);
    const recordedPools = await chot.getByTestId('sampling-recorded-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    for (const code of pools) expect(recordedPools.filter((t) => t.replace(/[\s-]/g, '').includes(code))).toHaveLength(5);

    // 3. Chain of custody: the officer sends both pools to the CDC lab; the lab receives them.
    await send(chot, pools);
    const lab = await staff('tinh.xetnghiem');
    await lab.goto(`${BASE_URL()}/testing/custody`);
    await addCodes(lab, pools, 'sent');
    await lab.getByTestId('custody-receive').click();
    await lab.getByTestId('custody-done').waitFor({ timeout: 15_000 });
    for (const code of pools) await lab.locator(`[data-testid=custody-row][data-code="${code}"][data-state="received"]`).waitFor({ timeout: 15_000 });

    // 4. The lab's CSV: the first pool positive, the second negative. Imported once; again, it changes nothing.
    const testedAt = vnWall(nextMinute());
    const csv = ['Mã mẫu,Loại xét nghiệm,Kết quả,Ct,Thời gian xét nghiệm', `${pools[0]},RT-PCR,Dương tính,"27,5",${testedAt}`, `${pools[1]},RT-PCR,Âm tính,,${testedAt}`].join('\n');
    const file = { name: `CDC-QN_ket-qua_${Date.now()}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) };
    await lab.goto(`${BASE_URL()}/testing/import`);
    const importOnce = async () => {
      await lab.locator('input[type=file]').setInputFiles(file);
      await choose(lab, lab.getByTestId('lab-import-lab'), LAB);
      await lab.getByTestId('lab-import-submit').click();
    };
    await importOnce();
    const summary = lab.getByTestId('lab-import-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getAttribute('data-applied')).toBe('2');
    expect(await lab.getByTestId('summary-positivePools').innerText()).toBe('1');
    expect(await lab.getByTestId('summary-resampleTasks').innerText()).toBe('5');
    expect(await lab.getByTestId('summary-caseProposals').innerText()).toBe('0');
    await lab.screenshot({ path: `${SHOTS}/testing-import.png`, fullPage: true });
    await importOnce();
    await expect.poll(() => lab.getByTestId('lab-import-summary').getAttribute('data-already'), { timeout: 30_000 }).toBe('1');

    // 5. The district sees five re-sampling tasks, one for each member of the positive pool.
    await district.goto(`${BASE_URL()}/testing/resample`);
    await choose(district, district.getByRole('search').getByLabel('Đợt xét nghiệm'), name, name);
    const tasks = district.locator(`[data-testid=resample-row][data-pool="${pools[0]}"]`);
    await expect.poll(() => tasks.count(), { timeout: 20_000 }).toBe(5);
    const taskPeople = await tasks.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-person-id'))));
    expect(taskPeople.sort((a, b) => a - b)).toEqual(people.slice(0, 5).map((p) => p.id).sort((a, b) => a - b));
    await district.screenshot({ path: `${SHOTS}/testing-resample.png`, fullPage: true });

    // 6. One member comes back: the station tests them alone (no pool) and sends the tube.
    const positive = people[0];
    await chot.goto(stationUrl);
    const resample = await sampleOne(chot, positive);
    await expect.poll(() => chot.getByTestId('sampling-done').innerText()).toContain('hoàn thành một yêu cầu lấy mẫu lại');
    expect(await chot.locator(`[data-testid=sampling-recorded-row][data-code="${resample}"]`).innerText()).toContain('—');
    await send(chot, [resample]);

    // 7. The lab enters the individual result: RT-PCR positive, so a case is proposed to the district.
    await lab.goto(`${BASE_URL()}/testing/results`);
    const posts: string[] = [];
    lab.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/testing/results') && posts.push(r.postData() ?? ''));
    // The test time first: Enter confirms the picker (and may try to submit the still empty form).
    const testedAtInput = inputOf(lab, 'result-tested-at');
    const resultTime = vnWall(nextMinute());
    await testedAtInput.click();
    await testedAtInput.fill(resultTime);
    await testedAtInput.press('Enter');
    expect(await testedAtInput.inputValue()).toBe(resultTime);
    await lab.getByTestId('result-code').fill(resample);
    await lab.locator('[data-testid=result-value] label:has(input[value=positive])').click();
    await inputOf(lab, 'result-ct').fill('22.4');
    await choose(lab, lab.getByTestId('result-lab'), LAB);
    await lab.getByTestId('result-submit').click();
    await lab.getByTestId('result-saved').waitFor({ timeout: 20_000 });
    expect(await lab.getByTestId('summary-caseProposals').innerText()).toBe('1');
    expect(posts.map((p) => JSON.parse(p))).toMatchObject([{ code: resample, result: 'positive', testType: 'rt_pcr', ctValue: 22.4, testedAt: expect.stringContaining(resultTime.replace(/^(\d\d)\/(\d\d)\/(\d{4}) /, '$3-$2-$1T')) }]);
    await lab.locator(`[data-testid=result-row][data-code="${resample}"][data-result="positive"]`).waitFor({ timeout: 15_000 });

    await district.goto(`${BASE_URL()}/testing/case-proposals`);
    const proposal = district.locator(`[data-testid=case-proposal-row][data-sample="${resample}"]`);
    await proposal.waitFor({ timeout: 20_000 });
    expect(await proposal.getAttribute('data-status')).toBe('pending');
    expect(await proposal.innerText()).toContain(positive.fullName);
    await district.screenshot({ path: `${SHOTS}/testing-case-proposal.png`, fullPage: true });
    await proposal.getByTestId('case-proposal-accept').click();
    await district.getByTestId('case-proposal-case').click();
    await expect.poll(() => district.getByTestId('case-code').innerText(), { timeout: 20_000 }).toMatch(/^BN\d+/);

    // 8. A citizen of the negative pool, on their phone: sample code + phone, the result, the certificate.
    const citizenPerson = people[5];
    const citizenCode = samples[5];
    const citizen = await (await browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', isMobile: true, hasTouch: true })).newPage();
    const crashes: string[] = [];
    citizen.on('pageerror', (e) => crashes.push(e.message));
    await citizen.goto(`${BASE_URL()}/p/ket-qua-xet-nghiem`);
    const qr = citizen.getByTestId('certificate-qr');
    const certificate = async () => {
      await citizen.getByTestId('result-code').fill(citizenCode);
      await citizen.getByTestId('result-id').fill(citizenPerson.phone!);
      await citizen.getByTestId('result-submit').click();
      await citizen.locator('[data-testid=result-card][data-result=negative]').waitFor({ timeout: 15_000 });
      await citizen.getByTestId('certificate-get').click();
      await qr.waitFor({ timeout: 20_000 });
      return { hc1: (await qr.getAttribute('data-hc1'))!, uvci: (await citizen.getByTestId('certificate-uvci').innerText()).trim() };
    };
    const { hc1, uvci } = await certificate();
    expect(hc1).toMatch(/^HC1:/);
    await citizen.screenshot({ path: `${SHOTS}/testing-certificate.png`, fullPage: true });

    // 9. A checker's phone reads the certificate's QR image with its camera: valid, with the holder's name.
    const { size, luma } = await qrPixels(citizen);
    await stillVideo(VIDEO, size, luma);
    cameraBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO}`],
    });
    const checker = await (await cameraBrowser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', isMobile: true, hasTouch: true, permissions: ['camera'] })).newPage();
    await checker.goto(`${BASE_URL()}/p/kiem-tra-chung-nhan`);
    const valid = await scan(checker);
    expect(await valid.getAttribute('data-status')).toBe('valid');
    expect(await checker.locator('.dcc-uvci').innerText()).toBe(uvci);
    expect(await checker.locator('.dcc-name').innerText()).not.toBe('');
    await checker.screenshot({ path: `${SHOTS}/testing-verify-valid.png`, fullPage: true });

    // Another look-up leaves the certificate's card (it once crashed the page doing so); the same sample gets the same certificate.
    await citizen.getByRole('button', { name: 'Tra cứu mẫu khác' }).click();
    await citizen.getByTestId('result-code').waitFor();
    expect(await certificate()).toEqual({ hc1, uvci });
    expect(crashes).toEqual([]);

    // The citizen's own link to the verifier, with the code's text pasted: valid too.
    await citizen.getByTestId('verify-link').click();
    await citizen.locator('#dcc-text').fill(hc1);
    await citizen.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await expect.poll(() => citizen.locator('.dcc-verdict').getAttribute('data-status'), { timeout: 15_000 }).toBe('valid');

    // 10. The district revokes the certificate on the person's page, with a reason.
    await district.goto(`${BASE_URL()}/people/${citizenPerson.id}`);
    const row = district.locator(`[data-testid=certificate-row][data-uvci="${uvci}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-status')).toBe('valid');
    await row.getByTestId('certificate-revoke').click();
    await district.getByTestId('certificate-revoke-reason').fill('Cấp nhầm người: mẫu bị dán nhầm nhãn');
    await district.getByTestId('certificate-revoke-confirm').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('revoked');
    await district.screenshot({ path: `${SHOTS}/testing-revoked-staff.png`, fullPage: true });

    // 11. The checker's verifier fetches its lists again (page reloaded) and refuses the same QR: revoked.
    const revoked = await getJson<{ hashes: string[] }>(districtApi, '/public/certificates/revoked');
    await checker.reload();
    await checker.getByText(`, ${revoked.hashes.length} chứng nhận bị thu hồi`).waitFor({ timeout: 15_000 });
    const refused = await scan(checker);
    expect(await refused.getAttribute('data-status')).toBe('revoked');
    expect(await refused.innerText()).toContain('Đã bị thu hồi');
    await checker.screenshot({ path: `${SHOTS}/testing-verify-revoked.png`, fullPage: true });

    // The citizen's verifier, with the refresh button: refused as well.
    await citizen.getByRole('button', { name: 'Kiểm tra chứng nhận khác' }).click();
    await citizen.getByRole('button', { name: 'Cập nhật danh sách' }).click();
    await citizen.getByText(`, ${revoked.hashes.length} chứng nhận bị thu hồi`).waitFor({ timeout: 15_000 });
    await citizen.locator('#dcc-text').fill(hc1);
    await citizen.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await expect.poll(() => citizen.locator('.dcc-verdict').getAttribute('data-status'), { timeout: 15_000 }).toBe('revoked');
  });
});
