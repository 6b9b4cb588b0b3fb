import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../db/fixtures.js';
import { decodeHc1, kidOf, parseSign1, toBase64, verifyDcc } from '../../shared/dcc/index.js';
import { issueCertificate, publishedKeys, retireIssuerKey, rotateIssuerKey } from './service.js';
import { AFTER_SAMPLE, auditOf, certificateFixture, testCertificate, verifierLists, type CertificateFixture } from './test-helpers.js';

describe('issuer keys', () => {
  let f: CertificateFixture;
  beforeAll(async () => {
    f = await certificateFixture();
  });
  afterAll(() => f.h.close());

  it("creates one key on the province's first certificates, even when they are issued at once", async () => {
    expect((await publishedKeys(f.h.db)).keys).toEqual([]);
    const issued = await Promise.all([1, 2, 3].map(() => issueCertificate(f.h.db, f.lab, testCertificate(f), { now: AFTER_SAMPLE })));
    const { keys } = await publishedKeys(f.h.db);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ provinceId: f.units.province, provinceName: 'Tỉnh Quảng Ninh', active: true, validUntil: null });
    // The DCC key id: the first 8 bytes of the SHA-256 of the DER public key.
    expect(keys[0].kid).toBe(createHash('sha256').update(Buffer.from(keys[0].spki, 'base64')).digest().subarray(0, 8).toString('base64'));
    for (const c of issued) expect(toBase64(kidOf(parseSign1(decodeHc1(c.qr)))!)).toBe(keys[0].kid);
  });

  it('rotates: new certificates carry the new key, those of the old key keep verifying until it is retired', async () => {
    const before = await issueCertificate(f.h.db, f.lab, testCertificate(f), { now: AFTER_SAMPLE });
    const [old] = (await publishedKeys(f.h.db)).keys;
    const { kid } = await rotateIssuerKey(f.h.db, f.admin, { provinceId: f.units.province });
    const after = await issueCertificate(f.h.db, f.lab, testCertificate(f), { now: AFTER_SAMPLE });
    const keys = (await publishedKeys(f.h.db)).keys;
    expect(keys.map((k) => [k.kid, k.active])).toEqual([
      [old.kid, false],
      [kid, true],
    ]);
    // The old key no longer signs; its certificates run until the last one expires.
    expect(keys[0].validUntil).toBe(before.expiresAt);
    const lists = await verifierLists(f.h, AFTER_SAMPLE);
    expect((await verifyDcc(before.qr, { ...lists, now: AFTER_SAMPLE })).kid).toBe(old.kid);
    expect((await verifyDcc(before.qr, { ...lists, now: AFTER_SAMPLE })).status).toBe('valid');
    expect((await verifyDcc(after.qr, { ...lists, now: AFTER_SAMPLE })).kid).toBe(kid);

    expect((await refusal(retireIssuerKey(f.h.db, f.admin, kid))).messageKey).toBe('certificates.errors.key_active');
    await retireIssuerKey(f.h.db, f.admin, old.kid);
    expect((await publishedKeys(f.h.db)).keys.map((k) => k.kid)).toEqual([kid]);
    const relisted = await verifierLists(f.h, AFTER_SAMPLE);
    expect(await verifyDcc(before.qr, { ...relisted, now: AFTER_SAMPLE })).toMatchObject({ status: 'invalid', reason: 'unknown_key' });
    expect((await verifyDcc(after.qr, { ...relisted, now: AFTER_SAMPLE })).status).toBe('valid');
    expect((await refusal(retireIssuerKey(f.h.db, f.admin, old.kid))).code).toBe('not_found');

    expect((await auditOf(f.h, 'certificate_key')).map((r) => [r.action, r.entity_id])).toEqual([
      ['create', kid],
      ['update', old.kid],
    ]);
  });

  it("leaves key management to the province's system administrator", async () => {
    expect((await refusal(rotateIssuerKey(f.h.db, f.lab, { provinceId: f.units.province }))).code).toBe('forbidden');
    const [current] = (await publishedKeys(f.h.db)).keys;
    expect((await refusal(retireIssuerKey(f.h.db, f.commune, current.kid))).code).toBe('forbidden');
    const bad = await refusal(rotateIssuerKey(f.h.db, f.admin, { provinceId: 'x' }));
    expect([bad.code, bad.field]).toEqual(['validation', 'provinceId']);
  });
});
