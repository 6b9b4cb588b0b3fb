import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { sessionCookie } from '../db/fixtures.js';
import { BY_DECISION, facilityInput, quarantineFixture, residents, vnMorning, type QuarantineFixture } from './test-helpers.js';

describe('quarantine HTTP routes', () => {
  let f: QuarantineFixture;
  let app: FastifyInstance;
  let province: string;
  let commune: string;
  let steering: string;

  beforeAll(async () => {
    f = await quarantineFixture();
    app = await buildApp({ handle: f.h });
    province = await sessionCookie(app, f.province.username);
    commune = await sessionCookie(app, f.commune.username);
    steering = await sessionCookie(app, f.steering.username);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object, lang?: string) =>
    app.inject({ method, url, headers: { cookie, ...(lang ? { 'accept-language': lang } : {}) }, ...(payload ? { payload } : {}) });

  it('sets up a facility, admits two days in bulk, and discharges with a certificate PDF', async () => {
    const created = await call('POST', '/api/quarantine/facilities', province, facilityInput(f, [{ capacity: 4 }, { capacity: 4 }, { capacity: 4 }, { capacity: 4 }], { code: 'KCL-HTTP' }));
    expect(created.statusCode).toBe(200);
    const facilityId = created.json().id;
    const day1 = await residents(f, 6, { sex: 'male' });
    const day2 = await residents(f, 4, { sex: 'male' });
    const a = await call('POST', '/api/quarantine/admissions', commune, { facilityId, source: 'f1_list', personIds: day1, admittedAt: vnMorning('2021-09-10') });
    expect(a.statusCode).toBe(200);
    const b = await call('POST', '/api/quarantine/admissions', commune, { facilityId, source: 'f1_list', personIds: day2, admittedAt: vnMorning('2021-09-11') });
    const roomsA = new Set(a.json().stays.map((s: { room: { id: number } }) => s.room.id));
    expect(b.json().stays.some((s: { room: { id: number } }) => roomsA.has(s.room.id))).toBe(false);

    const detail = await call('GET', `/api/quarantine/facilities/${facilityId}`, commune);
    expect(detail.json().zones[0].rooms.map((r: { occupied: number; cohorts: { admissionDay: string }[] }) => [r.occupied, r.cohorts.map((c) => c.admissionDay)])).toEqual([
      [4, ['2021-09-10']],
      [2, ['2021-09-10']],
      [4, ['2021-09-11']],
      [0, []],
    ]);
    const due = await call('GET', `/api/quarantine/tests/due?facilityId=${facilityId}&dueOn=2021-09-17`, commune);
    expect(due.json().rows.filter((r: { dayNumber: number }) => r.dayNumber === 7)).toHaveLength(10);

    const stayId = a.json().stays[0].stayId;
    const stay = (await call('GET', `/api/quarantine/stays/${stayId}`, commune)).json();
    for (const t of stay.tests) {
      const r = await call('POST', `/api/quarantine/stays/${stayId}/tests/${t.id}`, commune, { result: 'negative', testedAt: `${t.dueOn}T09:00:00+07:00` });
      expect(r.statusCode).toBe(200);
    }
    const done = await call('POST', `/api/quarantine/stays/${stayId}/discharge`, commune, { at: vnMorning('2021-09-23') });
    expect(done.json()).toMatchObject({ status: 'discharged', certificateNumber: `${stayId}/GXN-KCL-HTTP` });
    const pdf = await call('GET', `/api/quarantine/stays/${stayId}/certificate.pdf`, commune);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const list = await call('GET', `/api/quarantine/stays?facilityId=${facilityId}&status=active`, commune);
    expect(list.json().total).toBe(9);
  });

  it('answers refusals in the caller\'s language, naming the field', async () => {
    const small = await call('POST', '/api/quarantine/facilities', province, facilityInput(f, [{ capacity: 1 }], { code: 'KCL-TINY' }));
    const people = await residents(f, 2, { sex: 'female' });
    const vi = await call('POST', '/api/quarantine/admissions', commune, { facilityId: small.json().id, source: 'f1_list', personIds: people, placeReason: BY_DECISION });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toEqual({ error: { code: 'validation', field: 'facilityId', message: 'Cơ sở không đủ phòng: 1 trong 2 người chưa xếp được theo quy tắc xếp phòng (còn 1 chỗ trống)' } });
    const en = await call('POST', '/api/quarantine/admissions', commune, { facilityId: small.json().id, source: 'checkpoint', personIds: people, placeReason: BY_DECISION }, 'en');
    expect(en.json()).toEqual({ error: { code: 'validation', field: 'category', message: 'Choose arrivals from abroad or from a locked-down area' } });
    const dup = await call('POST', '/api/quarantine/facilities', province, { ...facilityInput(f, [{ capacity: 1 }], { code: 'KCL-DUP' }), zones: [{ name: 'A', rooms: [{ code: 'P1', capacity: 1 }, { code: 'P1', capacity: 2 }] }] }, 'en');
    expect(dup.json().error).toMatchObject({ field: 'zones[0].rooms[1].code', message: 'This room number is repeated in the facility' });
    // The steering committee reads capacity aggregates, never stays.
    expect((await call('GET', '/api/quarantine/stays', steering)).statusCode).toBe(403);
  });
});
