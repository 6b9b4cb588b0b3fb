import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { sessionCookie } from '../db/fixtures.js';
import { campaignIn, hoursAgo, testingFixture, type TestingFixture } from './test-helpers.js';

const BOUNDARY = '----phongdich-test';
function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`), file.data, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

describe('testing HTTP routes', () => {
  let f: TestingFixture;
  let app: FastifyInstance;
  let commune: string;
  let lab: string;

  beforeAll(async () => {
    f = await testingFixture(6);
    app = await buildApp({ handle: f.h });
    commune = await sessionCookie(app, f.commune.username);
    lab = await sessionCookie(app, f.lab.username);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('runs a market campaign in pools of 5 from sampling to a lab file with one positive pool', async () => {
    const campaign = await call('POST', '/api/testing/campaigns', commune, campaignIn(f, { pooling: 'high_risk' }));
    expect(campaign.statusCode).toBe(200);
    const { id: campaignId, poolSize, members } = campaign.json();
    expect({ poolSize, members }).toEqual({ poolSize: 5, members: 6 });
    const codes: string[] = [];
    for (const p of f.local.slice(0, 5)) {
      const s = await call('POST', '/api/testing/samples', commune, { siteId: f.siteId, campaignId, personId: p.id, collectedAt: hoursAgo(5) });
      expect(s.statusCode).toBe(200);
      codes.push(s.json().code);
    }
    const pool = (await call('GET', `/api/testing/samples/${codes[0]}`, commune)).json().pool.code;
    expect((await call('POST', '/api/testing/custody', commune, { codes: [pool], to: 'sent', labId: f.labId, at: hoursAgo(4) })).json()).toEqual({ samples: 5, pools: 1 });
    expect((await call('POST', '/api/testing/custody', lab, { codes: [pool], to: 'received', at: hoursAgo(3) })).json()).toEqual({ samples: 5, pools: 1 });
    const file = Buffer.from(`Mã mẫu;Loại xét nghiệm;Kết quả;Ct;Thời gian xét nghiệm\n${pool};RT-PCR;Dương tính;26,5;${hoursAgo(1)}\n`);
    const upload = multipart({ labId: String(f.labId) }, { name: 'kq.csv', data: file });
    const imported = await app.inject({ method: 'POST', url: '/api/testing/results/import', payload: upload.payload, headers: { ...upload.headers, cookie: lab } });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ applied: 1, positivePools: 1, resampleTasks: 5 });
    const tasks = await call('GET', `/api/testing/resample-tasks?campaignId=${campaignId}`, commune);
    expect(tasks.json().total).toBe(5);
    expect(tasks.json().rows[0].person.fullName).toMatch(/^Người Thử/);
    const members2 = await call('GET', `/api/testing/campaigns/${campaignId}/members?status=pending`, commune);
    expect(members2.json()).toMatchObject({ total: 1, rows: [{ personId: f.local[5].id, sampleCode: null }] });
    const capacity = await call('GET', '/api/testing/capacity?from=2021-01-01&to=2021-03-31', commune);
    expect(capacity.statusCode).toBe(200);
  });

  it('answers problems in the caller\'s language, naming the field or the rows', async () => {
    const en = await app.inject({ method: 'POST', url: '/api/testing/results', headers: { cookie: lab, 'accept-language': 'en' }, payload: { code: 'S12', testType: 'rt_pcr', result: 'negative', testedAt: hoursAgo(1) } });
    expect(en.json()).toEqual({ error: { code: 'validation', field: 'code', message: 'The code is not valid: check each character' } });
    const badFile = multipart({}, { name: 'kq.csv', data: Buffer.from('Mã mẫu,Loại xét nghiệm,Kết quả,Ct,Thời gian xét nghiệm\nS12,RT-PCR,Âm tính,,hôm qua\n') });
    const rows = await app.inject({ method: 'POST', url: '/api/testing/results/import', payload: badFile.payload, headers: { ...badFile.headers, cookie: lab } });
    expect(rows.statusCode).toBe(400);
    expect(rows.json().error).toMatchObject({
      field: 'file',
      message: 'Tệp có 2 dòng lỗi; chưa kết quả nào được ghi',
      details: { rows: [{ row: 2, field: 'code', message: 'Mã không hợp lệ: hãy kiểm tra lại từng ký tự' }, { row: 2, field: 'testedAt' }] },
    });
    expect((await call('GET', '/api/testing/campaigns', lab)).statusCode).toBe(200);
    expect((await call('POST', '/api/testing/campaigns', lab, campaignIn(f))).statusCode).toBe(403);
  });

  it('prints a sheet of labels and the QR of a sample', async () => {
    const sheet = await call('GET', '/api/testing/labels.pdf?count=30', commune);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    expect(sheet.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const s = await call('POST', '/api/testing/samples', commune, { siteId: f.siteId, personId: f.local[0].id });
    const png = await call('GET', `/api/testing/samples/${s.json().code}/label.png`, commune);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });
});
