// The staff monitoring routes over HTTP: what the screens will call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../app.js';
import { actorFor, sessionCookie } from '../db/fixtures.js';
import { facilityIn, monitoringFixture, stayFor, type MonitoringFixture } from './monitoring-test-helpers.js';

describe('quarantine monitoring HTTP routes', () => {
  let f: MonitoringFixture;
  let app: FastifyInstance;
  let officer: string;
  let province: string;
  let steering: string;
  let hospital: number;
  let patient: { stayId: number };
  let home: { stayId: number };

  beforeAll(async () => {
    f = await monitoringFixture();
    await actorFor(f.h.db, 'steering_member', f.units.province, 'bcd');
    app = await buildApp({ handle: f.h });
    officer = await sessionCookie(app, f.commune.username);
    province = await sessionCookie(app, f.province.username);
    steering = await sessionCookie(app, 'bcd');
    hospital = await facilityIn(f, { kind: 'treatment_field', tier: 1 });
    const since = new Date(Date.now() - 86_400_000).toISOString();
    patient = await stayFor(f, { facilityId: hospital, kind: 'treatment', admittedAt: since });
    home = await stayFor(f, { admittedAt: '2021-09-10T09:00:00+07:00' });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object, lang = 'vi') =>
    app.inject({ method, url, headers: { cookie, 'x-lang': lang }, ...(payload ? { payload } : {}) });

  it('records a check with warning signs and decides the transfer proposal', async () => {
    const missing = await call('POST', `/api/quarantine/stays/${patient.stayId}/health-checks`, officer, { temperature: 38 }, 'en');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toEqual({ code: 'validation', field: 'respiratoryRate', message: 'Enter the respiratory rate' });
    const check = await call('POST', `/api/quarantine/stays/${patient.stayId}/health-checks`, officer, {
      temperature: 38.6,
      spo2: 94,
      respiratoryRate: 24,
      pulse: 100,
      systolic: 110,
      diastolic: 70,
      symptoms: ['cough'],
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().warnings.map((w: { code: string }) => w.code)).toEqual(['respiratory_rate', 'spo2_low']);
    const list = await call('GET', `/api/quarantine/stays/${patient.stayId}/health-checks`, officer);
    expect(list.json().rows).toHaveLength(1);
    const proposals = await call('GET', '/api/quarantine/transfer-proposals?status=pending', officer);
    expect(proposals.json()).toMatchObject({ total: 1, rows: [{ stayId: patient.stayId, fromTier: 1, toTier: 2 }] });
    const accepted = await call('POST', `/api/quarantine/transfer-proposals/${proposals.json().rows[0].id}/accept`, officer, { note: 'Chuyển tầng 2' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', decisionNote: 'Chuyển tầng 2' });
  });

  it('lists home stays, posts the sign and makes a report link', async () => {
    const list = await call('GET', '/api/quarantine/home-stays?missingToday=true', officer);
    expect(list.statusCode).toBe(200);
    expect(list.json().rows.map((r: { stayId: number }) => r.stayId)).toEqual([home.stayId]);
    const sign = await call('POST', `/api/quarantine/home-stays/${home.stayId}/sign`, officer, { action: 'post', on: '2021-09-11' });
    expect(sign.json().sign).toEqual({ required: true, postedOn: '2021-09-11', removedOn: null });
    const linkRes = await call('POST', `/api/quarantine/stays/${home.stayId}/report-link`, officer);
    expect(linkRes.json()).toMatchObject({ stayId: home.stayId, token: expect.any(String) });
  });

  it('shows capacity to the steering committee, takes targets, and prices the stays', async () => {
    const target = await call('PUT', '/api/quarantine/capacity-targets', province, { unitId: f.units.hongHa, kind: 'treatment', target: 100 });
    expect(target.statusCode).toBe(200);
    const capacity = await call('GET', '/api/quarantine/capacity', steering);
    expect(capacity.statusCode).toBe(200);
    const hongHa = capacity.json().units.find((u: { unit: { id: number }; kind: string }) => u.unit.id === f.units.hongHa && u.kind === 'treatment');
    expect(hongHa).toMatchObject({ capacity: 8, occupied: 1, target: 100, atHome: 0 });
    expect((await call('GET', `/api/quarantine/stays/${patient.stayId}/health-checks`, steering)).statusCode).toBe(403);

    const costs = await call('GET', '/api/quarantine/costs?limit=10', officer);
    const priced = costs.json();
    expect(priced.total).toBe(2);
    expect(priced.rows.find((r: { stayId: number }) => r.stayId === patient.stayId)).toMatchObject({ days: 2, dailyVnd: 80_000, amountVnd: 160_000 });
    expect(priced.totals.amountVnd).toBe(priced.rows.reduce((n: number, r: { amountVnd: number }) => n + r.amountVnd, 0));
    const file = await call('GET', '/api/quarantine/costs.xlsx', officer);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(3);
  });
});
