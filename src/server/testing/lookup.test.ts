import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { refusal } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { issueCertificate } from '../certificates/service.js';
import { codeFromBytes } from '../../shared/api/testing.js';
import { citizenTestCertificate, lookupTestResult, moveSamples, recordResult, recordSample, testCertificateRequest } from './service.js';
import { settings } from './settings.js';
import { testingFixture, type TestingFixture } from './test-helpers.js';

describe("a citizen's result look-up", () => {
  let f: TestingFixture;
  let app: FastifyInstance;
  let negative: string;
  let pending: string;
  const sampledAt = '2021-09-20T08:15:00+07:00';
  const during = new Date('2021-09-21T10:00:00+07:00');

  beforeAll(async () => {
    f = await testingFixture(4);
    app = await buildApp({ handle: f.h });
    const at = new Date('2021-09-20T09:00:00+07:00');
    negative = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[0].id, collectedAt: sampledAt }, at)).code;
    pending = (await recordSample(f.h.db, f.commune, { siteId: f.siteId, personId: f.local[1].id, collectedAt: sampledAt }, at)).code;
    await moveSamples(f.h.db, f.commune, { codes: [negative, pending], to: 'sent', labId: f.labId, at: '2021-09-20T10:00:00+07:00' }, during);
    await recordResult(f.h.db, f.lab, { code: negative, testType: 'rt_pcr', result: 'negative', testedAt: '2021-09-20T16:00:00+07:00' }, during);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  it('shows the result, its date and how long it is valid (the profile: 72 hours from the sample), with the CCCD or the phone', async () => {
    const byDoc = await lookupTestResult(f.h.db, { code: negative.toLowerCase(), identity: f.local[0].doc }, { ip: '10.0.0.1', now: during });
    expect(byDoc).toEqual({
      code: negative,
      result: 'negative',
      testType: 'rt_pcr',
      sampledAt: '2021-09-20T01:15:00.000Z',
      testedAt: '2021-09-20T09:00:00.000Z',
      validUntil: '2021-09-23T01:15:00.000Z',
      valid: true,
      certificateAvailable: true,
    });
    const phone = `+84 ${f.local[0].phone.slice(1, 4)} ${f.local[0].phone.slice(4)}`;
    const later = await lookupTestResult(f.h.db, { code: negative, identity: phone }, { ip: '10.0.0.1', now: new Date('2021-09-23T09:00:00+07:00') });
    expect(later).toMatchObject({ result: 'negative', valid: false, certificateAvailable: false });
    expect(await lookupTestResult(f.h.db, { code: pending, identity: f.local[1].doc }, { ip: '10.0.0.1', now: during })).toMatchObject({ result: 'pending', validUntil: null, certificateAvailable: false });
  });

  it('refuses a wrong code and a wrong identity in the same words, and audits every attempt', async () => {
    const wrongId = await refusal(lookupTestResult(f.h.db, { code: negative, identity: f.local[1].doc }, { ip: '10.0.0.2' }));
    const wrongCode = await refusal(lookupTestResult(f.h.db, { code: codeFromBytes('sample', randomBytes(5)), identity: f.local[0].doc }, { ip: '10.0.0.2' }));
    const poolCode = await refusal(lookupTestResult(f.h.db, { code: codeFromBytes('pool', randomBytes(5)), identity: f.local[0].doc }, { ip: '10.0.0.2' }));
    const garbage = await refusal(lookupTestResult(f.h.db, { code: 'abc', identity: f.local[0].doc }, { ip: '10.0.0.2' }));
    for (const err of [wrongId, wrongCode, poolCode, garbage]) expect(err).toMatchObject({ code: 'not_found', messageKey: 'testing.errors.lookup_refused', field: 'code' });
    const audit = await queryRows<{ person_id: number | null; details: { ok: boolean; ip: string } }>(
      f.h.db,
      sql`select person_id::int, details from audit_log where entity = 'testing_result_lookup' and details->>'ip' = '10.0.0.2' order by id`,
    );
    expect(audit.map((a) => [a.person_id, a.details.ok])).toEqual(Array(4).fill([null, false]));
  });

  it('answers over HTTP with one refusal body, and limits look-ups per address', async () => {
    const ask = (payload: object, ip: string) => app.inject({ method: 'POST', url: '/api/public/testing/results', remoteAddress: ip, payload });
    const ok = await ask({ code: negative, identity: f.local[0].doc }, '10.1.0.1');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().result).toBe('negative');
    const a = await ask({ code: negative, identity: '0900000000' }, '10.1.0.1');
    const b = await ask({ code: codeFromBytes('sample', randomBytes(5)), identity: f.local[0].doc }, '10.1.0.1');
    expect(a.statusCode).toBe(404);
    expect(a.body).toBe(b.body);
    expect(a.json()).toEqual({ error: { code: 'not_found', field: 'code', message: 'Không tìm thấy kết quả với mã mẫu và số giấy tờ/điện thoại này' } });
    for (let i = 3; i < settings.lookupsPerIpMinute; i++) await ask({ code: negative, identity: 'x'.repeat(8) }, '10.1.0.1');
    const limited = await ask({ code: negative, identity: f.local[0].doc }, '10.1.0.1');
    expect(limited.statusCode).toBe(429);
    expect((await ask({ code: negative, identity: f.local[0].doc }, '10.1.0.2')).statusCode).toBe(200);
  });

  it('hands the certificate service what it needs for a negative, valid result', async () => {
    const request = await testCertificateRequest(f.h.db, { code: negative, identity: f.local[0].doc }, { ip: '10.0.0.3', now: during });
    expect(request).toMatchObject({
      type: 't',
      personId: f.local[0].id,
      provinceId: f.units.province,
      validityHours: 72,
      sourceRef: expect.stringMatching(/^testing-sample:\d+$/),
      payload: { tg: '840539006', tt: 'LP6464-4', sc: '2021-09-20T01:15:00Z', tr: '260415000', co: 'VN', tc: 'Trung tâm Kiểm soát bệnh tật Quảng Ninh', is: 'Sở Y tế Quảng Ninh' },
    });
    const issued = await issueCertificate(f.h.db, null, request!, { now: during });
    expect(issued.expiresAt).toBe('2021-09-23T01:15:00.000Z');
    expect(issued.qr).toMatch(/^HC1:/);
    expect(await testCertificateRequest(f.h.db, { code: pending, identity: f.local[1].doc }, { ip: '10.0.0.3', now: during })).toBeNull();
  });

  it("gives the citizen one certificate per negative sample, and refuses one for a pending sample or once it has expired", async () => {
    const proof = { code: negative, identity: f.local[0].doc };
    const first = await citizenTestCertificate(f.h.db, proof, { ip: '10.0.0.4', now: during });
    const again = await citizenTestCertificate(f.h.db, proof, { ip: '10.0.0.4', now: during });
    expect(first.qr).toMatch(/^HC1:/);
    expect(again.uvci).toBe(first.uvci);
    const pendingRefusal = await refusal(citizenTestCertificate(f.h.db, { code: pending, identity: f.local[1].doc }, { ip: '10.0.0.4', now: during }));
    expect([pendingRefusal.messageKey, pendingRefusal.field]).toEqual(['testing.errors.no_certificate', 'code']);
    // Over HTTP it is today: the 2021 result expired long ago.
    const res = await app.inject({ method: 'POST', url: '/api/public/testing/certificate', payload: proof, remoteAddress: '10.0.0.5' });
    expect([res.statusCode, res.json().error.field]).toEqual([404, 'code']);
  });
});
