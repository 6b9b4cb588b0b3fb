import { z } from 'zod';
import { nfc } from '../vn/text.js';
import { DCC_TYPES, TEST_DETECTED, TEST_NOT_DETECTED } from '../dcc/types.js';

/** DCC value-set codes for the test type: NAAT (RT-PCR) and rapid antigen. */
export const DCC_TEST_TYPES = ['LP6464-4', 'LP217198-3'] as const;
export const DCC_TEST_RESULTS = [TEST_NOT_DETECTED, TEST_DETECTED] as const;

const E = (key: string) => `certificates.errors.${key}`;
const text = (max: number, key: string) => z.string(E(key)).transform(nfc).pipe(z.string().min(1, E(key)).max(max, E(key)));
const optionalText = (max: number, key: string) => z.string(E(key)).transform(nfc).pipe(z.string().max(max, E(key))).optional();
const snomed = z.string(E('code_invalid')).regex(/^\d{6,18}$/, E('code_invalid'));
const country = z.string(E('country_invalid')).regex(/^[A-Z]{2}$/, E('country_invalid')).default('VN');
const date = z.iso.date({ error: E('date_invalid') });
const dose = z.number(E('dose_invalid')).int(E('dose_invalid')).min(1, E('dose_invalid')).max(20, E('dose_invalid'));

/** The DCC test entry ("t") without its identifier, which the service assigns. */
export const testEntryInput = z.strictObject({
  tg: snomed,
  tt: z.enum(DCC_TEST_TYPES, E('test_type_unknown')),
  nm: optionalText(80, 'text_length'),
  ma: optionalText(80, 'text_length'),
  sc: z.iso.datetime({ offset: true, error: E('sample_time_invalid') }),
  tr: z.enum(DCC_TEST_RESULTS, E('test_result_unknown')),
  tc: optionalText(80, 'text_length'),
  co: country,
  is: text(80, 'issuer_length'),
});

export const vaccinationEntryInput = z.strictObject({
  tg: snomed,
  vp: text(80, 'text_length'),
  mp: text(80, 'text_length'),
  ma: text(80, 'text_length'),
  dn: dose,
  sd: dose,
  dt: date,
  co: country,
  is: text(80, 'issuer_length'),
});

export const recoveryEntryInput = z.strictObject({
  tg: snomed,
  fr: date,
  co: country,
  is: text(80, 'issuer_length'),
  df: date,
  du: date,
});

const common = {
  personId: z.number(E('person_required')).int(E('person_required')).positive(E('person_required')),
  provinceId: z.number(E('province_required')).int(E('province_required')).positive(E('province_required')),
  /** How long the certificate is valid from issue: hours (tests, from the profile) or calendar months (vaccination). */
  validityHours: z.number(E('validity_invalid')).int(E('validity_invalid')).min(1, E('validity_invalid')).max(24 * 366, E('validity_invalid')).optional(),
  validityMonths: z.number(E('validity_invalid')).int(E('validity_invalid')).min(1, E('validity_invalid')).max(120, E('validity_invalid')).optional(),
  /** What the certificate was issued for (e.g. "sample:123"), so the issuing capability can find it again. */
  sourceRef: z.string(E('source_ref_length')).min(1, E('source_ref_length')).max(200, E('source_ref_length')).optional(),
};

export const issueCertificateInput = z
  .discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('t'), payload: testEntryInput, ...common }),
      z.object({ type: z.literal('v'), payload: vaccinationEntryInput, ...common }),
      z.object({ type: z.literal('r'), payload: recoveryEntryInput, ...common }),
    ],
    E('type_unknown'),
  )
  .refine((v) => (v.validityHours === undefined) !== (v.validityMonths === undefined), { message: E('validity_required'), path: ['validityHours'] });
export type IssueCertificateInput = z.input<typeof issueCertificateInput>;

export const issuedCertificate = z.object({
  id: z.number(),
  uvci: z.string(),
  /** The QR content: "HC1:…". */
  qr: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
});
export type IssuedCertificateDto = z.infer<typeof issuedCertificate>;

export const certificateView = issuedCertificate.extend({
  type: z.enum(DCC_TYPES),
  personId: z.number(),
  provinceId: z.number(),
  kid: z.string(),
  sourceRef: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});
export type CertificateViewDto = z.infer<typeof certificateView>;

export const revokeBody = z.object({ reason: text(500, 'reason_length').pipe(z.string().min(2, E('reason_length'))) });

export const rotateKeyBody = z.object({ provinceId: common.provinceId });

/** A published issuer key: verifiers trust certificates whose kid names one of these. */
export const publicKey = z.object({
  kid: z.string(),
  /** Base64 DER SubjectPublicKeyInfo (P-256). */
  spki: z.string(),
  provinceId: z.number(),
  provinceName: z.string(),
  /** Signs new certificates; the others only verify the ones they signed. */
  active: z.boolean(),
  validFrom: z.string(),
  /** For a key that no longer signs, the latest expiry of what it signed; null while it signs (or if it signed nothing). */
  validUntil: z.string().nullable(),
});
export type PublicKeyDto = z.infer<typeof publicKey>;
export const publicKeysResponse = z.object({ issuer: z.literal('VN'), generatedAt: z.string(), keys: z.array(publicKey) });
export type PublicKeysDto = z.infer<typeof publicKeysResponse>;

/** Revoked certificates as SHA-256 (hex) of their UVCI: enough to refuse them, nothing to identify anyone. */
export const revokedListResponse = z.object({ generatedAt: z.string(), hashes: z.array(z.string()) });
export type RevokedListDto = z.infer<typeof revokedListResponse>;
