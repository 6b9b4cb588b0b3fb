// The CBOR Web Token (RFC 8392) a DCC signs: issuer, issued-at, expiry and the health
// certificate claim (-260) holding the DCC JSON under key 1.
import { decodeCbor, Tagged, type CborValue } from './cbor.js';
import { encodeCbor } from './cbor-encode.js';
import { DccError } from './errors.js';

const CLAIM_ISS = 1;
const CLAIM_EXP = 4;
const CLAIM_IAT = 6;
const CLAIM_HCERT = -260;
const HCERT_DCC_V1 = 1;

export interface CwtClaims {
  iss?: string;
  /** Seconds since the epoch. */
  iat?: number;
  exp?: number;
  /** The DCC payload as JSON (nam, dob, v/t/r …). */
  dcc: unknown;
}

const fail = (message: string): never => {
  throw new DccError('cwt', message);
};

function seconds(v: CborValue, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return fail(`the ${name} claim is not a number`);
}

/** CBOR the DCC JSON came from, as JSON: a tagged date (tag 0/1) becomes its value; bytes are refused. */
export function toJson(v: CborValue): unknown {
  if (v instanceof Tagged) return v.tag === 0 || v.tag === 1 ? toJson(v.value) : fail(`unexpected tag ${v.tag} in the payload`);
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Map) {
    const obj: Record<string, unknown> = {};
    for (const [k, x] of v) {
      if (typeof k !== 'string') fail('a payload key is not text');
      Object.defineProperty(obj, k as string, { value: toJson(x), enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }
  if (v instanceof Uint8Array || typeof v === 'bigint' || v === undefined) return fail('the payload holds a value JSON cannot carry');
  if (v && typeof v === 'object') {
    const obj: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(obj, k, { value: toJson(x), enumerable: true, writable: true, configurable: true });
    return obj;
  }
  return v;
}

export function parseCwt(payload: Uint8Array): CwtClaims {
  const claims = decodeCbor(payload);
  if (!(claims instanceof Map)) return fail('the payload is not a map of claims');
  const iss = claims.get(CLAIM_ISS);
  if (iss !== undefined && typeof iss !== 'string') fail('the iss claim is not text');
  const hcert = claims.get(CLAIM_HCERT);
  if (!(hcert instanceof Map) || !hcert.has(HCERT_DCC_V1)) return fail('there is no health certificate claim');
  return { iss: iss as string | undefined, iat: seconds(claims.get(CLAIM_IAT), 'iat'), exp: seconds(claims.get(CLAIM_EXP), 'exp'), dcc: toJson(hcert.get(HCERT_DCC_V1)!) };
}

export function encodeCwt(c: { iss: string; iat: number; exp: number; dcc: CborValue }): Uint8Array {
  return encodeCbor(
    new Map<CborValue, CborValue>([
      [CLAIM_ISS, c.iss],
      [CLAIM_IAT, c.iat],
      [CLAIM_EXP, c.exp],
      [CLAIM_HCERT, new Map<CborValue, CborValue>([[HCERT_DCC_V1, c.dcc]])],
    ]),
  );
}
