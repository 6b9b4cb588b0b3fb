import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../db/fixtures.js';
import { decodeHc1, hasValidCheck, parseCwt, parseSign1, verifyDcc } from '../../shared/dcc/index.js';
import { dccSchema, valueSet } from '../../shared/dcc/testing/vectors.js';
import { validateSchema } from '../../shared/dcc/testing/json-schema.js';
import { certificateForSource, issueCertificate, revokeCertificate } from './service.js';
import { AFTER_SAMPLE, auditOf, certificateFixture, SAMPLE_TIME, testCertificate, verifierLists, type CertificateFixture } from './test-helpers.js';

describe('issuing test certificates', () => {
  let f: CertificateFixture;
  beforeAll(async () => {
    f = await certificateFixture();
  });
  afterAll(() => f.h.close());

  it('round-trips: issued, decoded by the browser-side verifier, signed by the published key, valid until the profile says', async () => {
    expect(f.validityHours).toBe(72);
    const issued = await issueCertificate(f.h.db, f.lab, testCertificate(f), { now: AFTER_SAMPLE });
    expect(issued.qr).toMatch(/^HC1:[0-9A-Z $%*+\-./:]+$/);
    expect(issued.uvci).toMatch(/^URN:UVCI:01:VN:[A-Z2-9]{24}#.$/);
    expect(hasValidCheck(issued.uvci)).toBe(true);
    // 72 hours from the sample, not from the issue two hours later.
    expect(issued.expiresAt).toBe(new Date(Date.parse(SAMPLE_TIME) + 72 * 3_600_000).toISOString());
    expect(issued.issuedAt).toBe(AFTER_SAMPLE.toISOString());

    const lists = await verifierLists(f.h, AFTER_SAMPLE);
    const result = await verifyDcc(issued.qr, { ...lists, now: AFTER_SAMPLE });
    expect(result).toMatchObject({ status: 'valid', type: 't', uvci: issued.uvci, issuer: 'VN' });
    expect(result.issuedAt!.toISOString()).toBe(issued.issuedAt);
    expect(result.expiresAt!.toISOString()).toBe(issued.expiresAt);
    expect(result.dcc).toEqual({
      ver: '1.3.0',
      nam: { fn: 'Đặng', fnt: 'DANG', gn: 'Thị Ngọc Ánh', gnt: 'THI<NGOC<ANH' },
      dob: '1990-04-30',
      t: [{ ...testCertificate(f).payload, ci: issued.uvci }],
    });

    const justAfter = new Date(Date.parse(issued.expiresAt) + 1000);
    expect((await verifyDcc(issued.qr, { ...lists, now: justAfter })).status).toBe('expired');
    expect((await verifyDcc(issued.qr, { ...lists, now: new Date(Date.parse(issued.issuedAt) - 60_000) })).reason).toBe('not_yet_valid');
  });

  it('issues payloads that validate against the DCC schema and use its value sets, with the kid in the protected header', async () => {
    const issued = await issueCertificate(f.h.db, null, testCertificate(f, { payload: { ...testCertificate(f).payload, tt: 'LP217198-3', ma: '1232', nm: undefined } as never }), { now: AFTER_SAMPLE });
    const sign1 = parseSign1(decodeHc1(issued.qr));
    expect(sign1.protectedHeader.get(1)).toBe(-7);
    expect((sign1.protectedHeader.get(4) as Uint8Array).length).toBe(8);
    const claims = parseCwt(sign1.payload);
    expect(claims).toMatchObject({ iss: 'VN', iat: Date.parse(issued.issuedAt) / 1000, exp: Date.parse(issued.expiresAt) / 1000 });
    expect(validateSchema(dccSchema, claims.dcc)).toEqual([]);
    const entry = (claims.dcc as { t: Record<string, string>[] }).t[0];
    expect(entry).not.toHaveProperty('nm');
    expect(valueSet('test-type')).toHaveProperty(entry.tt);
    // The repository keeps only an example of the device list (JRC); 1232 is Abbott Panbio in it.
    expect(valueSet('test-manf-example')).toHaveProperty(entry.ma);
    expect(valueSet('test-result')).toHaveProperty(entry.tr);
    expect(valueSet('disease-agent-targeted')).toHaveProperty(entry.tg);
  });

  it('refuses revoked certificates once the verifier has the revocation list, and audits issue and revocation', async () => {
    const issued = await issueCertificate(f.h.db, f.commune, testCertificate(f, { sourceRef: 'sample:42' }), { now: AFTER_SAMPLE });
    expect(await certificateForSource(f.h.db, 't', 'sample:42')).toEqual(issued);
    const revoked = await revokeCertificate(f.h.db, f.commune, issued.id, { reason: 'Nhập nhầm kết quả của người khác' });
    expect(revoked).toMatchObject({ id: issued.id, revocationReason: 'Nhập nhầm kết quả của người khác' });
    expect((await refusal(revokeCertificate(f.h.db, f.commune, issued.id, { reason: 'lần nữa' }))).messageKey).toBe('certificates.errors.already_revoked');
    expect(await certificateForSource(f.h.db, 't', 'sample:42')).toBeNull();

    const result = await verifyDcc(issued.qr, { ...(await verifierLists(f.h, AFTER_SAMPLE)), now: AFTER_SAMPLE });
    expect(result).toMatchObject({ status: 'revoked', uvci: issued.uvci });
    // Without the list (a verifier that never went online) the signature alone still holds.
    expect((await verifyDcc(issued.qr, { keys: (await verifierLists(f.h, AFTER_SAMPLE)).keys, now: AFTER_SAMPLE })).status).toBe('valid');

    const trail = (await auditOf(f.h, 'certificate')).filter((r) => r.entity_id === String(issued.id));
    expect(trail.map((r) => [r.action, r.person_id, r.username])).toEqual([
      ['create', f.personId, f.commune.username],
      ['update', f.personId, f.commune.username],
    ]);
    expect(trail[0].details).toMatchObject({ type: 't', uvci: issued.uvci, sourceRef: 'sample:42' });
    expect(trail[1].details).toMatchObject({ revoked: 'Nhập nhầm kết quả của người khác' });
  });

  it('keeps people outside the jurisdiction and other provinces out', async () => {
    const outside = await refusal(issueCertificate(f.h.db, f.otherCommune, testCertificate(f), { now: AFTER_SAMPLE }));
    expect([outside.messageKey, outside.field]).toEqual(['certificates.errors.person_unknown', 'personId']);
    const issued = await issueCertificate(f.h.db, f.lab, testCertificate(f), { now: AFTER_SAMPLE });
    expect((await refusal(revokeCertificate(f.h.db, f.otherCommune, issued.id, { reason: 'thử thu hồi' }))).code).toBe('not_found');
    const otherProvince = await refusal(issueCertificate(f.h.db, f.lab, testCertificate(f, { provinceId: f.units.province + 1000 }), { now: AFTER_SAMPLE }));
    expect(otherProvince.code).toBe('forbidden');
    const unknownProvince = await refusal(issueCertificate(f.h.db, null, testCertificate(f, { provinceId: f.units.halong }), { now: AFTER_SAMPLE }));
    expect([unknownProvince.messageKey, unknownProvince.field]).toEqual(['certificates.errors.province_unknown', 'provinceId']);
  });

  it('names the faulty field of a bad request', async () => {
    const cases: [Parameters<typeof testCertificate>[1], string, string?][] = [
      [{ sc: '2021-09-21T08:00:00+07:00' }, 'payload.sc', 'certificates.errors.sample_time_future'],
      [{ sc: '2021-09-10T08:00:00+07:00' }, 'validityHours', 'certificates.errors.already_expired'],
      [{ sc: '20/09/2021' }, 'payload.sc'],
      [{ validityHours: undefined }, 'validityHours'],
      [{ validityHours: 72, validityMonths: 12 }, 'validityHours'],
      [{ payload: { ...testCertificate(f).payload, tr: 'negative' } as never }, 'payload.tr'],
      [{ payload: { ...testCertificate(f).payload, extra: 1 } as never }, 'payload'],
      [{ type: 'x' as never }, 'type'],
    ];
    for (const [over, field, key] of cases) {
      const err = await refusal(issueCertificate(f.h.db, f.lab, testCertificate(f, over), { now: AFTER_SAMPLE }));
      expect([err.code, err.field], JSON.stringify(over)).toEqual(['validation', field]);
      if (key) expect(err.messageKey).toBe(key);
    }
  });

  it('counts vaccination validity in calendar months from issue', async () => {
    const issued = await issueCertificate(
      f.h.db,
      f.lab,
      {
        type: 'v',
        personId: f.personId,
        provinceId: f.units.province,
        validityMonths: 12,
        payload: { tg: '840539006', vp: 'J07BX03', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-09-01', is: 'Sở Y tế tỉnh Quảng Ninh' },
      },
      { now: AFTER_SAMPLE },
    );
    expect(issued.expiresAt).toBe('2022-09-20T03:00:00.000Z');
    const result = await verifyDcc(issued.qr, { ...(await verifierLists(f.h, AFTER_SAMPLE)), now: AFTER_SAMPLE });
    expect(result).toMatchObject({ status: 'valid', type: 'v' });
    expect(validateSchema(dccSchema, result.dcc)).toEqual([]);
  });

  it("commits with the caller's transaction, and not at all when it rolls back", async () => {
    const ref = 'sample:tx';
    await f.h.db
      .transaction(async (tx) => {
        await issueCertificate(tx, f.lab, testCertificate(f, { sourceRef: ref }), { now: AFTER_SAMPLE });
        expect(await certificateForSource(tx, 't', ref)).not.toBeNull();
        throw new Error('the result could not be stored');
      })
      .catch(() => undefined);
    expect(await certificateForSource(f.h.db, 't', ref)).toBeNull();
  });
});
