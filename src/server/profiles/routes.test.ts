import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture, sessionCookie, type UnitFixture } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { covid19Profile2022 } from '../../shared/profiles/covid19-2022.js';
import { CROSS_FIELD_CHECKS } from '../../shared/profiles/rules.js';
import { diseaseProfiles } from './schema.js';
import { ensureDefaultProfiles } from './service.js';

let h: DbHandle;
let units: UnitFixture;
let app: FastifyInstance;

beforeEach(async () => {
  h = await testDb();
  units = await seedUnitFixture(h.db);
  await ensureDefaultProfiles(h.db);
  app = await buildApp({ handle: h });
});
afterEach(async () => {
  await app.close();
  await h.close();
});

async function signIn(role: 'health_officer' | 'commune_officer', unitId: number): Promise<string> {
  await actorFor(h.db, role, unitId);
  return sessionCookie(app, `${role}_${unitId}`);
}

const body = (mutate: (rules: typeof covid19Profile2022.rules) => void = () => {}) => {
  const rules = structuredClone(covid19Profile2022.rules);
  mutate(rules);
  return { disease: 'covid-19', label: 'Thử nghiệm', effectiveFrom: '2022-04-15', rules, notes: '' };
};

describe('profile routes', () => {
  it('list, pick the version in force and show one version to any reader', async () => {
    expect((await app.inject({ url: '/api/profiles' })).statusCode).toBe(401);
    const cookie = await signIn('commune_officer', units.hongHa);
    const list = await app.inject({ url: '/api/profiles?disease=covid-19', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((p: { version: number }) => p.version)).toEqual([2, 1]);

    const inForce = await app.inject({ url: '/api/profiles/in-force?disease=covid-19&on=2021-08-01', headers: { cookie } });
    expect(inForce.json()).toMatchObject({ version: 1, effectiveFrom: '2021-07-14' });
    const v2 = await app.inject({ url: '/api/profiles/in-force?on=2022-03-01', headers: { cookie } });
    expect(v2.json().version).toBe(2);
    expect(v2.json().rules).toEqual(covid19Profile2022.rules);
    const byId = await app.inject({ url: `/api/profiles/${inForce.json().id}`, headers: { cookie } });
    expect(byId.json().rules.quarantine.rules[0].testDays).toEqual([1, 7, 14]);
    expect((await app.inject({ url: '/api/profiles/999999', headers: { cookie } })).statusCode).toBe(404);
    const none = await app.inject({ url: '/api/profiles/in-force?on=2020-01-01', headers: { cookie, 'accept-language': 'en' } });
    expect([none.statusCode, none.json().error.message]).toEqual([404, 'No disease profile version is in force on that date']);

    const schema = await app.inject({ url: '/api/profiles/schema', headers: { cookie } });
    expect(schema.json().jsonSchema.properties.quarantine).toBeDefined();
    expect(schema.json().crossFieldChecks).toEqual(CROSS_FIELD_CHECKS);
  });

  it('saves a new version for a health officer and refuses a commune officer with 403', async () => {
    const commune = await signIn('commune_officer', units.hongHa);
    expect((await app.inject({ method: 'POST', url: '/api/profiles', headers: { cookie: commune }, payload: body() })).statusCode).toBe(403);
    const officer = await signIn('health_officer', units.province);
    const res = await app.inject({ method: 'POST', url: '/api/profiles', headers: { cookie: officer }, payload: body((r) => (r.contacts.closeContactDistanceM = 1)) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, effectiveFrom: '2022-04-15', rules: { contacts: { closeContactDistanceM: 1 } } });
  });

  it('answers a bad value with 400, the field path and a message in the caller language', async () => {
    const cookie = await signIn('health_officer', units.province);
    const bad = body((r) => (r.quarantine.rules[1].testDays = [1, 9]));
    const vi = await app.inject({ method: 'POST', url: '/api/profiles', headers: { cookie }, payload: bad });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error).toEqual({
      code: 'validation',
      field: 'rules.quarantine.rules[1].testDays[1]',
      message: 'Ngày xét nghiệm: ngày xét nghiệm vượt quá số ngày cách ly',
    });
    const en = await app.inject({ method: 'POST', url: '/api/profiles', headers: { cookie, 'accept-language': 'en' }, payload: bad });
    expect(en.json().error.message).toBe('Test days: the test day is beyond the quarantine days');

    const negative = await app.inject({ method: 'POST', url: '/api/profiles', headers: { cookie }, payload: body((r) => (r.contacts.maskedMinMinutes = -5)) });
    expect([negative.statusCode, negative.json().error.field]).toEqual([400, 'rules.contacts.maskedMinMinutes']);
    expect(negative.json().error.message).toBe('Thời gian tối thiểu khi đeo khẩu trang (phút): quá ngắn hoặc quá nhỏ');
    expect(await h.db.$count(diseaseProfiles)).toBe(2);
  });
});
