import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../db/handle.js';
import { actorFor, refusal, type UnitFixture } from '../db/fixtures.js';
import { createPerson, updatePerson } from '../people/service.js';
import { buildApp } from '../app.js';
import { cccd } from '../people/test-helpers.js';
import { CODE_ATTEMPTS, CODE_MINUTES, RESEND_SECONDS } from './device-code.js';
import { CODE_TEMPLATE, latestForDevice, resendCode, resolvePersonalQr, submitDeclaration, verifyCode } from './service.js';
import { declarationIn, declarationsDb } from './test-helpers.js';

const DOC = cccd('female', 1990, 7);
const later = (t: Date, seconds: number) => new Date(t.getTime() + seconds * 1000);

describe('a device declaring for a person already registered shows it holds the phone on record', () => {
  let h: DbHandle;
  let units: UnitFixture;
  beforeEach(async () => {
    ({ h, units } = await declarationsDb());
  });
  afterEach(() => h.close());

  /** Registered by the ward with her CCCD and phone; someone who knows them declares in her name. */
  async function registered(phone: string | null = '0912345678') {
    const officer = await actorFor(h.db, 'commune_officer', units.hongHa);
    const { person } = await createPerson(h.db, officer, {
      fullName: 'Trần Thị Bình',
      sex: 'female',
      birthDate: '1990-05-04',
      docType: 'cccd',
      docNumber: DOC,
      phone,
      communeId: units.hongHa,
      addressLine: 'Số 5 ngõ 12',
    });
    return person.id;
  }
  const declare = (now: Date, deviceKey?: string) =>
    submitDeclaration(h.db, declarationIn(units.hongHa, {}, { docType: 'cccd', docNumber: DOC, phone: '0988 000 111' }), { now, deviceKey });
  const messages = () =>
    queryRows<{ recipient: string; code: string }>(h.db, sql`select recipient, params->>'code' as code from outbox where template = ${CODE_TEMPLATE} order by id`);

  it('keeps the declaration but gives the QR only for the code sent to the phone on record', async () => {
    const personId = await registered();
    const t0 = new Date();
    const res = await declare(t0);
    expect(res.qrToken).toBeNull();
    expect(res.verification).toEqual({ phoneHint: '•••678' });
    const [row] = await queryRows<{ person_id: number }>(h.db, sql`select person_id::int from declarations where id = ${res.declarationId}`);
    expect(row.person_id).toBe(personId);
    // The code goes to the phone on record, not to the one typed in the declaration.
    const sent = await messages();
    expect(sent).toEqual([{ recipient: '0912345678', code: expect.stringMatching(/^\d{6}$/) }]);
    expect((await latestForDevice(h.db, res.deviceKey!)).qrToken).toBeNull();

    // Declaring again from the device within a minute sends no second message.
    await declare(later(t0, 10), res.deviceKey!);
    expect(await messages()).toHaveLength(1);

    const wrong = sent[0].code === '000000' ? '111111' : '000000';
    const err = await refusal(verifyCode(h.db, res.deviceKey!, wrong, later(t0, 20)));
    expect([err.field, err.messageKey, err.params]).toEqual(['code', 'declarations.errors.code_wrong', { left: CODE_ATTEMPTS - 1 }]);

    const { qrToken } = await verifyCode(h.db, res.deviceKey!, sent[0].code, later(t0, 30));
    expect(await resolvePersonalQr(h.db, qrToken)).toEqual({ personId });
    expect((await latestForDevice(h.db, res.deviceKey!)).qrToken).toBe(qrToken);
    // Verified once: the next declaration from the device answers with the QR at once.
    expect((await declare(later(t0, 40), res.deviceKey!)).qrToken).toBe(qrToken);
    const [audit] = await queryRows<{ details: Record<string, unknown> }>(h.db, sql`select details from audit_log where entity = 'person_device' and person_id = ${personId}`);
    expect(audit.details).toEqual({ verified: 'sms_code' });
  });

  it('locks the code after wrong tries, counting them although each answer is an error, until a new code', async () => {
    await registered();
    const t0 = new Date();
    const { deviceKey } = await declare(t0);
    const [{ code }] = await messages();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < CODE_ATTEMPTS; i++) await refusal(verifyCode(h.db, deviceKey!, wrong, later(t0, i)));
    expect((await refusal(verifyCode(h.db, deviceKey!, code, later(t0, 10)))).messageKey).toBe('declarations.errors.code_locked');

    const tooSoon = await refusal(resendCode(h.db, deviceKey!, later(t0, 20)));
    expect([tooSoon.code, tooSoon.params]).toEqual(['rate_limited', { seconds: RESEND_SECONDS - 20 }]);
    expect(await resendCode(h.db, deviceKey!, later(t0, RESEND_SECONDS))).toEqual({ phoneHint: '•••678' });
    const fresh = (await messages())[1].code;
    const expired = await refusal(verifyCode(h.db, deviceKey!, fresh, later(t0, RESEND_SECONDS + CODE_MINUTES * 60 + 1)));
    expect(expired.messageKey).toBe('declarations.errors.code_expired');
    await resendCode(h.db, deviceKey!, later(t0, RESEND_SECONDS * 2 + CODE_MINUTES * 60));
    expect(await verifyCode(h.db, deviceKey!, (await messages())[2].code, later(t0, RESEND_SECONDS * 2 + CODE_MINUTES * 60 + 5))).toHaveProperty('qrToken');
  });

  it('without a phone on record sends nothing until the health station adds one to the record', async () => {
    const personId = await registered(null);
    const t0 = new Date();
    const res = await declare(t0);
    expect(res).toMatchObject({ qrToken: null, verification: { phoneHint: null } });
    expect(await messages()).toEqual([]);
    expect(await resendCode(h.db, res.deviceKey!, later(t0, 5))).toEqual({ phoneHint: null });

    const officer = await actorFor(h.db, 'commune_officer', units.hongHa, 'tram_y_te');
    await updatePerson(h.db, officer, personId, { phone: '0977 123 456' });
    expect(await resendCode(h.db, res.deviceKey!, later(t0, 10))).toEqual({ phoneHint: '•••456' });
    const [sent] = await messages();
    expect(sent.recipient).toBe('0977123456');
    expect(await verifyCode(h.db, res.deviceKey!, sent.code, later(t0, 20))).toHaveProperty('qrToken');
  });

  it('over HTTP: the code typed on the page, with errors naming the field in Vietnamese', async () => {
    await registered();
    const app = await buildApp({ handle: h });
    try {
      const payload = declarationIn(units.hongHa, {}, { docType: 'cccd', docNumber: DOC });
      const declared = await app.inject({ method: 'POST', url: '/api/public/declarations', payload, remoteAddress: '10.8.0.1' });
      expect(declared.json()).toMatchObject({ qrToken: null, verification: { phoneHint: '•••678' } });
      const headers = { 'x-device-key': declared.json().deviceKey as string };
      const bad = await app.inject({ method: 'POST', url: '/api/public/declarations/verify', headers, payload: { code: '12' } });
      expect(bad.json()).toEqual({ error: { code: 'validation', field: 'code', message: 'Mã xác nhận gồm 6 chữ số' } });
      const [{ code }] = await messages();
      const ok = await app.inject({ method: 'POST', url: '/api/public/declarations/verify', headers, payload: { code } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().qrToken).toMatch(/^[A-Z2-7]{16}\./);
    } finally {
      await app.close();
    }
  });

  it('an unknown device key is not found', async () => {
    expect((await refusal(verifyCode(h.db, 'no-such-key', '123456'))).status).toBe(404);
  });
});
