import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { sessionCookie } from '../db/fixtures.js';
import { KeyRing, uvciHash, verifyDcc } from '../../shared/dcc/index.js';
import { issueCertificate } from './service.js';
import { certificateFixture, testCertificate, type CertificateFixture } from './test-helpers.js';

describe('certificate HTTP routes', () => {
  let f: CertificateFixture;
  let app: FastifyInstance;
  let commune: string;
  let admin: string;

  beforeAll(async () => {
    f = await certificateFixture();
    app = await buildApp({ handle: f.h });
    commune = await sessionCookie(app, f.commune.username);
    admin = await sessionCookie(app, f.admin.username);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  it('publishes keys and revocations without an account, and a verifier trusts exactly those', async () => {
    // Sampled an hour ago, so the certificate is valid now and stays on the revocation list.
    const sc = new Date(Date.now() - 3_600_000).toISOString();
    const issued = await issueCertificate(f.h.db, null, testCertificate(f, { sc }));
    const keys = await app.inject({ method: 'GET', url: '/api/public/certificates/keys' });
    expect(keys.statusCode).toBe(200);
    expect(keys.headers['cache-control']).toBe('public, max-age=60');
    expect(keys.json()).toMatchObject({ issuer: 'VN', keys: [{ provinceId: f.units.province, active: true }] });
    expect(keys.json().keys[0]).not.toHaveProperty('privateKey');
    const ring = new KeyRing(keys.json().keys);
    expect((await verifyDcc(issued.qr, { keys: ring })).status).toBe('valid');

    const list = await app.inject({ method: 'GET', url: '/api/certificates/people/' + f.personId, headers: { cookie: commune } });
    expect(list.json()).toEqual([expect.objectContaining({ id: issued.id, type: 't', revokedAt: null, qr: issued.qr })]);
    const revoke = await app.inject({ method: 'POST', url: `/api/certificates/${issued.id}/revoke`, headers: { cookie: commune }, payload: { reason: 'Cấp nhầm người' } });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ id: issued.id, revocationReason: 'Cấp nhầm người' });

    const revoked = await app.inject({ method: 'GET', url: '/api/public/certificates/revoked' });
    expect(revoked.json().hashes).toEqual([await uvciHash(issued.uvci)]);
    expect((await verifyDcc(issued.qr, { keys: ring, revoked: new Set(revoked.json().hashes) })).status).toBe('revoked');
  });

  it('asks for an account and the right role on staff routes', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/certificates/1/revoke', payload: { reason: 'không có phiên' } })).statusCode).toBe(401);
    const rotate = await app.inject({ method: 'POST', url: '/api/certificates/keys/rotate', headers: { cookie: commune }, payload: { provinceId: f.units.province } });
    expect(rotate.statusCode).toBe(403);
    const rotated = await app.inject({ method: 'POST', url: '/api/certificates/keys/rotate', headers: { cookie: admin }, payload: { provinceId: f.units.province } });
    expect(rotated.statusCode).toBe(200);
    const keys = (await app.inject({ method: 'GET', url: '/api/public/certificates/keys' })).json().keys;
    expect(keys.map((k: { kid: string; active: boolean }) => [k.kid === rotated.json().kid, k.active])).toEqual([
      [false, false],
      [true, true],
    ]);
    const retire = await app.inject({ method: 'POST', url: '/api/certificates/keys/retire', headers: { cookie: admin }, payload: { kid: keys[0].kid } });
    expect(retire.json()).toEqual({ ok: true });
    const missing = await app.inject({ method: 'POST', url: '/api/certificates/999999/revoke', headers: { cookie: commune }, payload: { reason: 'không tồn tại' } });
    expect(missing.statusCode).toBe(404);
  });
});
