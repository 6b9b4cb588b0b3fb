// The self-report link over HTTP, as the person's phone uses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { queryRows } from '../db/handle.js';
import { sessionCookie } from '../db/fixtures.js';
import { monitoringSettings } from './monitoring-settings.js';
import { WARNING_TEMPLATE } from './health-checks.js';
import { facilityIn, messagesOf, monitoringFixture, stayFor, type MonitoringFixture } from './monitoring-test-helpers.js';

describe('self-report links', () => {
  let f: MonitoringFixture;
  let app: FastifyInstance;
  let community: string;
  let stay: { stayId: number; personId: number };
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();

  beforeAll(async () => {
    f = await monitoringFixture();
    app = await buildApp({ handle: f.h });
    community = await sessionCookie(app, f.community.username);
    stay = await stayFor(f, { admittedAt: twoDaysAgo });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  const link = (stayId: number) => app.inject({ method: 'POST', url: `/api/quarantine/stays/${stayId}/report-link`, headers: { cookie: community } });
  const form = (token: string, ip = '10.0.0.1') => app.inject({ method: 'POST', url: '/api/public/quarantine/report-form', payload: { token }, remoteAddress: ip });
  const report = (payload: object, ip = '10.0.0.1') => app.inject({ method: 'POST', url: '/api/public/quarantine/report', payload, remoteAddress: ip });

  it('gives a home stay a link whose token is kept only as a hash', async () => {
    const res = await link(stay.stayId);
    expect(res.statusCode).toBe(200);
    const { token } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [row] = await queryRows<{ token_hash: string }>(f.h.db, sql`select token_hash from home_reports_tokens where stay_id = ${stay.stayId}`);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(token);

    const centralized = await facilityIn(f, { kind: 'quarantine_centralized' });
    const inFacility = await stayFor(f, { facilityId: centralized });
    expect((await link(inFacility.stayId)).statusCode).toBe(404); // a community team does not see facility stays
    const officer = await sessionCookie(app, f.commune.username);
    const refused = await app.inject({ method: 'POST', url: `/api/quarantine/stays/${inFacility.stayId}/report-link`, headers: { cookie: officer } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
  });

  it('shows the form and takes a report with the temperature, judging what was measured', async () => {
    const { token } = (await link(stay.stayId)).json();
    const page = await form(token);
    expect(page.statusCode).toBe(200);
    const [person] = await queryRows<{ full_name: string }>(f.h.db, sql`select full_name from people where id = ${stay.personId}`);
    expect(page.json()).toMatchObject({ givenName: person.full_name.split(' ').pop(), dayNumber: 3, measures: ['temperature'], required: ['temperature'], timesPerDay: 2, reportsToday: 0 });
    expect(page.json().symptoms.length).toBe(10);

    const missing = await report({ token, spo2: 97 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ field: 'temperature', message: 'Hãy nhập nhiệt độ' });

    const ok = await report({ token, temperature: 37.2, symptoms: ['fatigue'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ reportsToday: 1, warnings: [] });

    const warning = await report({ token, temperature: 38, spo2: 92, symptoms: [] });
    expect(warning.json()).toMatchObject({ reportsToday: 2, warnings: ['spo2_low'] });
    const [alert] = await messagesOf(f, WARNING_TEMPLATE);
    expect(alert).toMatchObject({ recipient: `unit:${f.units.hongHa}`, params: { stayId: stay.stayId, selfReport: '(Người bệnh tự khai báo.)' } });
    const checks = await queryRows<{ self_report: boolean; reported_by_account: number | null }>(f.h.db, sql`select self_report, reported_by_account from health_checks where stay_id = ${stay.stayId}`);
    expect(checks).toEqual([
      { self_report: true, reported_by_account: null },
      { self_report: true, reported_by_account: null },
    ]);
    const [audit] = await queryRows<{ account_id: number | null; details: { ip: string } }>(f.h.db, sql`select account_id, details from audit_log where entity = 'health_check' and person_id = ${stay.personId} order by id limit 1`);
    expect(audit).toMatchObject({ account_id: null, details: { ip: '10.0.0.1' } });
  });

  it('answers a wrong, replaced or finished link alike', async () => {
    const old = (await link(stay.stayId)).json().token as string;
    const fresh = (await link(stay.stayId)).json().token as string;
    const wrong = await form('x'.repeat(32), '10.0.0.2');
    const replaced = await form(old, '10.0.0.2');
    expect(wrong.statusCode).toBe(404);
    expect(replaced.statusCode).toBe(404);
    expect(replaced.json()).toEqual(wrong.json());
    expect(wrong.json().error.message).toContain('không còn hiệu lực');
    expect((await form(fresh, '10.0.0.2')).statusCode).toBe(200);
    await f.h.db.execute(sql`update stays set status = 'discharged', discharged_at = now() where id = ${stay.stayId}`);
    expect((await report({ token: fresh, temperature: 37 }, '10.0.0.2')).json()).toEqual(wrong.json());
  });

  it('limits tries per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= monitoringSettings.reportsPerIpMinute; i++) statuses.push((await form(`guess-${i}-${'y'.repeat(30)}`, '10.0.0.3')).statusCode);
    expect(statuses.slice(0, -1).every((s) => s === 404)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(429);
    expect((await form('z'.repeat(32), '10.0.0.4')).statusCode).toBe(404);
  });
});
