import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/handle.js';
import { actorFor, type UnitFixture } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { PUBLIC_LIMITS } from './routes.js';
import { countRows, daysAgo, declarationIn, declarationsDb } from './test-helpers.js';

describe('declarations HTTP routes', () => {
  let h: DbHandle;
  let units: UnitFixture;
  let app: FastifyInstance;

  async function signIn(username: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'mat-khau-thu-nghiem' } });
    expect(res.statusCode).toBe(200);
    return `pd_session=${res.cookies.find((c) => c.name === 'pd_session')!.value}`;
  }

  beforeAll(async () => {
    ({ h, units } = await declarationsDb());
    app = await buildApp({ handle: h });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('names the field of a bad answer in Vietnamese or English and stores nothing', async () => {
    const payload = declarationIn(units.hongHa, { kind: 'domestic_travel', travel: { vehicleType: 'coach', fromUnitId: units.kaLong, toUnitId: units.hongHa, departureDate: daysAgo(0) } });
    const vi = await app.inject({ method: 'POST', url: '/api/public/declarations', payload, remoteAddress: '10.0.0.1' });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toEqual({ error: { code: 'validation', field: 'travel.vehicleNumber', message: 'Số hiệu phương tiện: bắt buộc với tờ khai di chuyển nội địa' } });
    const en = await app.inject({ method: 'POST', url: '/api/public/declarations', payload, headers: { 'accept-language': 'en' }, remoteAddress: '10.0.0.1' });
    expect(en.json()).toEqual({ error: { code: 'validation', field: 'travel.vehicleNumber', message: 'Vehicle number: required for a domestic travel declaration' } });

    const symptom = declarationIn(units.hongHa, { answers: { symptoms: ['fever', 'hiccups'] } });
    const bad = await app.inject({ method: 'POST', url: '/api/public/declarations', payload: symptom, headers: { 'x-lang': 'en' }, remoteAddress: '10.0.0.1' });
    expect(bad.json()).toEqual({ error: { code: 'validation', field: 'answers.symptoms[1]', message: 'This symptom is not in the list (hiccups)' } });
    const phone = await app.inject({ method: 'POST', url: '/api/public/declarations', payload: declarationIn(units.hongHa, {}, { phone: '123' }), remoteAddress: '10.0.0.1' });
    expect(phone.json()).toEqual({ error: { code: 'validation', field: 'answers.identity.phone', message: 'Số điện thoại không hợp lệ' } });
    expect(await countRows(h, 'declarations')).toBe(0);
    expect(await countRows(h, 'people')).toBe(0);
  });

  it('serves the form, takes a declaration, prefills and updates it from the same device', async () => {
    const form = await app.inject({ method: 'GET', url: '/api/public/declarations/form', remoteAddress: '10.0.0.2' });
    expect(form.statusCode).toBe(200);
    expect(form.json().lookbackDays).toBe(14);

    const first = await app.inject({ method: 'POST', url: '/api/public/declarations', payload: declarationIn(units.hongHa), remoteAddress: '10.0.0.2' });
    expect(first.statusCode).toBe(200);
    const { deviceKey, qrToken, declarationId } = first.json();
    expect(deviceKey).toEqual(expect.any(String));

    const latest = await app.inject({ method: 'GET', url: '/api/public/declarations/latest', headers: { 'x-device-key': deviceKey }, remoteAddress: '10.0.0.2' });
    expect(latest.json()).toMatchObject({ declarationId, qrToken, answers: { identity: { fullName: 'Trần Thị Bình' } } });
    const unknown = await app.inject({ method: 'GET', url: '/api/public/declarations/latest', headers: { 'x-device-key': 'x' }, remoteAddress: '10.0.0.2' });
    expect(unknown.statusCode).toBe(404);

    const second = await app.inject({
      method: 'POST',
      url: '/api/public/declarations',
      headers: { 'x-device-key': deviceKey },
      payload: declarationIn(units.hongHa, { answers: { symptoms: ['fever'], onsetDate: daysAgo(0) } }),
      remoteAddress: '10.0.0.2',
    });
    expect(second.json()).toMatchObject({ deviceKey: null, qrToken, triage: { status: 'pending' } });

    const officer = await actorFor(h.db, 'commune_officer', units.hongHa);
    const cookie = await signIn(officer.username);
    const list = await app.inject({ method: 'GET', url: '/api/declarations/worklist', headers: { cookie } });
    expect(list.json().rows.map((r: { id: number }) => r.id)).toEqual([second.json().declarationId]);
    const detail = await app.inject({ method: 'GET', url: `/api/declarations/${second.json().declarationId}`, headers: { cookie } });
    expect(detail.json()).toMatchObject({ supersedesId: declarationId, triageStatus: 'pending' });
    const triage = await app.inject({ method: 'POST', url: `/api/declarations/${second.json().declarationId}/triage`, headers: { cookie }, payload: { action: 'home_monitoring', outcome: 'Đã dặn tự theo dõi' } });
    expect(triage.json()).toMatchObject({ triageStatus: 'handled', lastAction: { action: 'home_monitoring' } });
    const history = await app.inject({ method: 'GET', url: `/api/declarations?personId=${detail.json().personId}`, headers: { cookie } });
    expect(history.json().map((d: { id: number }) => d.id)).toEqual([second.json().declarationId, declarationId]);
    expect((await app.inject({ method: 'GET', url: '/api/declarations/worklist' })).statusCode).toBe(401);
  });

  it('limits submissions per device and per IP with our error shape, in Vietnamese', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/public/declarations', payload: declarationIn(units.baiChay, {}, { fullName: 'Lý Văn Tâm', phone: '0922000333', sex: 'male', birthDate: '1977-07-07' }), remoteAddress: '10.0.1.1' });
    const deviceKey = first.json().deviceKey as string;
    const statuses: number[] = [];
    // Each from another address, so only the device limit can stop them; bad bodies are cheap and still count.
    for (let i = 0; i < PUBLIC_LIMITS.submitPerDevice.max + 1; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/public/declarations', headers: { 'x-device-key': deviceKey }, payload: {}, remoteAddress: `10.0.2.${i}` });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^Quá nhiều yêu cầu, vui lòng thử lại sau \d+ giây$/) } });
      }
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.at(-1)).toBe(429);

    let last = 0;
    for (let i = 0; i < PUBLIC_LIMITS.submitPerIp.max + 1; i++) {
      last = (await app.inject({ method: 'POST', url: '/api/public/declarations', payload: {}, remoteAddress: '10.0.3.1' })).statusCode;
      if (i < PUBLIC_LIMITS.submitPerIp.max) expect(last).toBe(400);
    }
    const limited = await app.inject({ method: 'POST', url: '/api/public/declarations', payload: {}, remoteAddress: '10.0.3.1', headers: { 'accept-language': 'vi' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^Quá nhiều yêu cầu, vui lòng thử lại sau \d+ giây$/) });
    // Another address is not affected.
    expect((await app.inject({ method: 'POST', url: '/api/public/declarations', payload: {}, remoteAddress: '10.0.3.2' })).statusCode).toBe(400);
  });
});
