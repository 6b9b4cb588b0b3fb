import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { DbHandle } from '../db/handle.js';
import { actorFor, sessionCookie, type UnitFixture } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { cccd, count, peopleDb, personIn } from './test-helpers.js';

describe('people HTTP routes', () => {
  let h: DbHandle;
  let units: UnitFixture;
  let app: FastifyInstance;
  let district: string;
  let commune: string;

  const signIn = (username: string) => sessionCookie(app, username);

  beforeAll(async () => {
    ({ h, units } = await peopleDb());
    app = await buildApp({ handle: h });
    const d = await actorFor(h.db, 'district_officer', units.halong);
    const c = await actorFor(h.db, 'commune_officer', units.kaLong);
    district = await signIn(d.username);
    commune = await signIn(c.username);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('refuses a bad CCCD with a field-named error in the caller language, and stores nothing', async () => {
    const payload = personIn(units.hongHa, { docType: 'cccd', docNumber: '12345' });
    const vi = await app.inject({ method: 'POST', url: '/api/people', headers: { cookie: district }, payload });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toEqual({ error: { code: 'validation', field: 'docNumber', message: 'Số CCCD phải gồm 12 chữ số' } });
    const en = await app.inject({ method: 'POST', url: '/api/people', headers: { cookie: district, 'accept-language': 'en-US,en;q=0.9' }, payload });
    expect(en.json()).toEqual({ error: { code: 'validation', field: 'docNumber', message: 'A CCCD number must have 12 digits' } });
    const noName = await app.inject({ method: 'POST', url: '/api/people', headers: { cookie: district }, payload: { ...payload, fullName: undefined } });
    expect(noName.json().error).toMatchObject({ code: 'validation', field: 'fullName' });
    expect(await count(h, 'people')).toBe(0);
  });

  it('creates, finds, reads, edits and exports a person within the jurisdiction only', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie: district },
      payload: personIn(units.hongHa, { docType: 'cccd', docNumber: cccd('male', 1985, 5), phone: '0912 345 678' }),
    });
    expect(created.statusCode).toBe(200);
    const { person, duplicates } = created.json();
    expect(person).toMatchObject({ fullName: 'Nguyễn Văn An', phone: '0912345678', commune: { name: 'Phường Hồng Hà' } });
    expect(duplicates).toEqual([]);

    const again = await app.inject({ method: 'POST', url: '/api/people', headers: { cookie: district }, payload: personIn(units.baiChay, { docType: 'cccd', docNumber: cccd('male', 1985, 5) }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', field: 'docNumber' });

    const found = await app.inject({ method: 'GET', url: '/api/people?q=nguyen%20van%20an', headers: { cookie: district } });
    expect(found.json()).toMatchObject({ kind: 'name', hasMore: false, rows: [{ id: person.id }] });
    const hidden = await app.inject({ method: 'GET', url: '/api/people?q=0912345678', headers: { cookie: commune } });
    expect(hidden.json()).toMatchObject({ kind: 'phone', rows: [] });

    expect((await app.inject({ method: 'GET', url: `/api/people/${person.id}`, headers: { cookie: district } })).json()).toMatchObject({ id: person.id });
    expect((await app.inject({ method: 'GET', url: `/api/people/${person.id}`, headers: { cookie: commune } })).statusCode).toBe(404);

    const patched = await app.inject({ method: 'PATCH', url: `/api/people/${person.id}`, headers: { cookie: district }, payload: { phone: '12' } });
    expect(patched.json().error).toMatchObject({ field: 'phone', message: 'Số điện thoại không hợp lệ' });

    const file = await app.inject({ method: 'GET', url: '/api/people/export.xlsx', headers: { cookie: district } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(2);

    const list = await app.inject({ method: 'GET', url: '/api/people/duplicates', headers: { cookie: district } });
    expect(list.json()).toEqual({ rows: [], hasMore: false });
    const scan = await app.inject({ method: 'POST', url: '/api/people/duplicates/scan', headers: { cookie: district } });
    expect(scan.json()).toEqual({ found: 0, created: 0, skippedGroups: 0 });
  });

  it('asks for a sign-in and documents its routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/people?q=an' })).statusCode).toBe(401);
    const spec = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/people', '/api/people/{id}', '/api/people/merge', '/api/people/duplicates/{id}/dismiss']));
  });
});
