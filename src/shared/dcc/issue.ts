// Building a DCC: the JSON payload for a person, then the signed QR text.
import type { CborValue } from './cbor.js';
import { signSign1 } from './cose.js';
import { encodeCwt } from './cwt.js';
import { encodeHc1 } from './hc1.js';
import { dccName } from './names.js';
import { DCC_SCHEMA_VERSION, type Dcc, type DccEntry, type DccType } from './types.js';

export interface Holder {
  fullName: string;
  /** yyyy-mm-dd when known. */
  birthDate: string | null;
  birthYear: number | null;
}

/** Date of birth as the DCC allows it: full date, year only, or empty outside 1900–2099. */
export function dccBirthDate(h: Holder): string {
  if (h.birthDate && /^(19|20)\d\d-\d\d-\d\d$/.test(h.birthDate)) return h.birthDate;
  if (h.birthYear && h.birthYear >= 1900 && h.birthYear <= 2099) return String(h.birthYear);
  return '';
}

export function buildDcc(holder: Holder, type: DccType, entry: DccEntry): Dcc {
  // Through JSON so no undefined field reaches the CBOR, where it would be a value of its own.
  const clean = JSON.parse(JSON.stringify(entry)) as DccEntry;
  return { ver: DCC_SCHEMA_VERSION, nam: dccName(holder.fullName), dob: dccBirthDate(holder), [type]: [clean] };
}

export interface SignedQrInput {
  dcc: Dcc;
  issuer: string;
  issuedAt: Date;
  expiresAt: Date;
  kid: Uint8Array;
  /** ES256 over the bytes given, returning the raw 64-byte r‖s signature. */
  sign: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

/** The QR text: HC1:base45(zlib(COSE_Sign1(CWT))). */
export async function signedQr(i: SignedQrInput): Promise<string> {
  const payload = encodeCwt({
    iss: i.issuer,
    iat: Math.floor(i.issuedAt.getTime() / 1000),
    exp: Math.floor(i.expiresAt.getTime() / 1000),
    dcc: i.dcc as unknown as CborValue,
  });
  return encodeHc1(await signSign1(payload, i.kid, i.sign));
}
