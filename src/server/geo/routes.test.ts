import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture, sessionCookie, type UnitFixture } from '../db/fixtures.js';
import { buildApp } from '../app.js';
import { unitsFingerprint } from './testing.js';

const BOUNDARY = '----geo-test-boundary';

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Record<string, string>, files: { field: string; name: string; data: Buffer }[]) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

describe('units HTTP routes', () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let fx: UnitFixture;
  let admin: string;
  let officer: string;

  const signIn = (username: string) => sessionCookie(app, username);

  beforeAll(async () => {
    h = await testDb();
    fx = await seedUnitFixture(h.db);
    app = await buildApp({ handle: h });
    await actorFor(h.db, 'system_admin', fx.province, 'quan-tri');
    await actorFor(h.db, 'district_officer', fx.halong, 'can-bo-ha-long');
    admin = await signIn('quan-tri');
    officer = await signIn('can-bo-ha-long');
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('answers a bad import with every row problem, worded in the caller’s language, and writes nothing', async () => {
    const before = await unitsFingerprint(h.db);
    const csv = [
      'Mã,Tên,Tên Tiếng Anh,Cấp,Mã TP,Tỉnh / Thành Phố',
      '06652,Phường Hà Tu,,Phường,22,Tỉnh Quảng Ninh',
      '06652,Phường Hà Tu,,Phường,22,Tỉnh Quảng Ninh',
      'abc,Phường Cao Xanh,,Phường,22,Tỉnh Quảng Ninh',
    ].join('\n');
    const body = multipart({ listVersion: '2025-07', validFrom: '2025-07-01', mode: 'replace', provinceCode: '22' }, [
      { field: 'file', name: 'xa-2025.csv', data: Buffer.from(csv) },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/units/import', payload: body.payload, headers: { ...body.headers, cookie: admin, 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'validation',
        field: 'file',
        message: 'The file has 2 errors; nothing was saved. Fix the rows listed and upload it again',
        details: {
          rows: [
            { file: 'xa-2025.csv', row: 3, field: 'Mã', message: 'The code 06652 duplicates row 2' },
            { file: 'xa-2025.csv', row: 4, field: 'Mã', message: 'The code "abc" must have exactly 5 digits' },
          ],
        },
      },
    });
    const vi = await app.inject({ method: 'POST', url: '/api/units/import', payload: body.payload, headers: { ...body.headers, cookie: admin } });
    expect(vi.json().error.details.rows[0].message).toBe('Mã 06652 trùng với dòng 2');
    expect(await unitsFingerprint(h.db)).toBe(before);
  });

  it('imports through multipart, then serves search, detail, tree and population', async () => {
    const csv = ['Mã,Tên,Tên Tiếng Anh,Cấp,Mã TP,Tỉnh / Thành Phố', '06652,Phường Hà Tu,,Phường,22,Tỉnh Quảng Ninh'].join('\n');
    const body = multipart({ listVersion: '2025-07', validFrom: '2025-07-01', mode: 'replace', provinceCode: '22' }, [{ field: 'file', name: 'xa.csv', data: Buffer.from(csv) }]);
    const res = await app.inject({ method: 'POST', url: '/api/units/import', payload: body.payload, headers: { ...body.headers, cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ provinces: 1, districts: 0, communes: 1, retired: 5 });

    const badField = multipart({ listVersion: '2025-07', validFrom: '01/07/2025' }, [{ field: 'file', name: 'xa.csv', data: Buffer.from(csv) }]);
    const bad = await app.inject({ method: 'POST', url: '/api/units/import', payload: badField.payload, headers: { ...badField.headers, cookie: admin, 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'validFrom', message: expect.stringContaining('Effective date') });
    const forbidden = await app.inject({ method: 'POST', url: '/api/units/import', payload: body.payload, headers: { ...body.headers, cookie: officer } });
    expect(forbidden.statusCode).toBe(403);

    const search = await app.inject({ url: '/api/units/search?q=ha%20tu', headers: { cookie: officer } });
    expect(search.statusCode).toBe(200);
    const [haTu] = search.json();
    expect(haTu).toMatchObject({ code: '06652', fullName: 'Phường Hà Tu', provinceName: 'Tỉnh Quảng Ninh', validTo: null });
    const retired = await app.inject({ url: '/api/units/search?q=ka%20long&includeRetired=true', headers: { cookie: officer } });
    expect(retired.json().map((u: { id: number }) => u.id)).toEqual([fx.kaLong]);

    const detail = await app.inject({ url: `/api/units/${fx.kaLong}`, headers: { cookie: officer } });
    expect(detail.json()).toMatchObject({ fullName: 'Phường Ka Long', validTo: '2025-07-01', chain: [{ id: fx.province }, { id: fx.mongcai }] });
    expect((await app.inject({ url: '/api/units/999999', headers: { cookie: officer } })).statusCode).toBe(404);

    const tree = await app.inject({ url: '/api/units/tree', headers: { cookie: admin } });
    expect(tree.json().map((n: { code: string; peopleCount: number }) => [n.code, n.peopleCount])).toEqual([
      ['22', 0],
      ['06652', 0],
    ]);

    const patch = await app.inject({ method: 'PATCH', url: `/api/units/${haTu.id}`, payload: { population: 32_000 }, headers: { cookie: admin } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ id: haTu.id, population: 32_000 });
    const negative = await app.inject({ method: 'PATCH', url: `/api/units/${haTu.id}`, payload: { population: -1 }, headers: { cookie: admin } });
    expect([negative.statusCode, negative.json().error.field]).toEqual([400, 'population']);
    expect((await app.inject({ url: '/api/units/tree' })).statusCode).toBe(401);
  });

  it('stores boundaries from an uploaded GeoJSON file', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { ma: '06652' }, geometry: { type: 'Point', coordinates: [107.1, 20.95] } }],
    });
    const body = multipart({}, [{ field: 'file', name: 'ranh-gioi.geojson', data: Buffer.from(geojson) }]);
    const res = await app.inject({ method: 'POST', url: '/api/units/boundaries', payload: body.payload, headers: { ...body.headers, cookie: admin } });
    expect(res.json()).toEqual({ matched: 1, unmatched: [] });
    const broken = multipart({}, [{ field: 'file', name: 'x.geojson', data: Buffer.from('not json') }]);
    const bad = await app.inject({ method: 'POST', url: '/api/units/boundaries', payload: broken.payload, headers: { ...broken.headers, cookie: admin, 'x-lang': 'en' } });
    expect(bad.json().error).toEqual({ code: 'validation', field: 'file', message: 'The boundary file is not valid JSON' });
  });

  it('lets citizens walk the current unit tree without signing in', async () => {
    type U = { id: number; level: string; parentId: number | null; fullName: string; validTo: string | null };
    const get = async (url: string): Promise<U[]> => (await app.inject({ url })).json();
    const provinces = await get('/api/public/units');
    const qn = provinces.find((u) => u.fullName === 'Tỉnh Quảng Ninh')!;
    expect(provinces.every((u) => u.level === 'province' && u.validTo === null)).toBe(true);
    const below = await get(`/api/public/units?parentId=${qn.id}`);
    expect(below.length).toBeGreaterThan(0);
    expect(below.every((u) => u.parentId === qn.id && u.validTo === null)).toBe(true);
    const chain = await get(`/api/public/units/${fx.kaLong}/chain`);
    expect(chain.map((u) => u.id)).toEqual([fx.province, fx.mongcai, fx.kaLong]);
    expect((await app.inject({ url: '/api/public/units/999999/chain' })).statusCode).toBe(404);
  });
});
