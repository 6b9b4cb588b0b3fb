// COSE_Sign1 (RFC 8152 §4.2) as the DCC uses it: alg and kid in the protected header.
import { decodeCbor, Tagged, type CborValue } from './cbor.js';
import { encodeCbor } from './cbor-encode.js';
import { DccError } from './errors.js';

export const COSE_SIGN1_TAG = 18;
/** CWT tag (RFC 8392); some issuers wrap the COSE_Sign1 in it. */
export const CWT_TAG = 61;
const HEADER_ALG = 1;
const HEADER_KID = 4;

export const ALG_ES256 = -7;
export const ALG_PS256 = -37;

export interface Sign1 {
  /** The protected header as signed: its exact bytes are part of what the signature covers. */
  protectedBytes: Uint8Array;
  protectedHeader: Map<CborValue, CborValue>;
  unprotectedHeader: Map<CborValue, CborValue>;
  payload: Uint8Array;
  signature: Uint8Array;
}

const fail = (message: string): never => {
  throw new DccError('cose', message);
};

function headerMap(v: CborValue, what: string): Map<CborValue, CborValue> {
  if (v instanceof Map) return v;
  // A header without labels reads as {} (a map with no keys is a plain object to the decoder).
  if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Tagged) && Object.keys(v).length === 0) return new Map();
  return fail(`the ${what} header is not a map`);
}

export function parseSign1(bytes: Uint8Array): Sign1 {
  let item = decodeCbor(bytes);
  if (item instanceof Tagged && item.tag === CWT_TAG) item = item.value;
  if (item instanceof Tagged && item.tag === COSE_SIGN1_TAG) item = item.value;
  if (item instanceof Tagged) fail(`unexpected tag ${item.tag}`);
  if (!Array.isArray(item) || item.length !== 4) return fail('not a COSE_Sign1 array of four items');
  const [protectedBytes, unprotected, payload, signature] = item;
  if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    return fail('the protected header, payload and signature must be byte strings');
  }
  const protectedHeader = protectedBytes.length === 0 ? new Map() : headerMap(decodeCbor(protectedBytes), 'protected');
  return { protectedBytes, protectedHeader, unprotectedHeader: headerMap(unprotected, 'unprotected'), payload, signature };
}

/**
 * The algorithm the issuer signed with: the protected one, else the unprotected one (issuers did
 * send it there, see vector CO20). Swapping it gains nothing: only ES256 and PS256 are accepted,
 * and a key imports for one of them only, so a wrong alg fails the signature check.
 */
export function algOf(s: Sign1): number | undefined {
  const alg = s.protectedHeader.has(HEADER_ALG) ? s.protectedHeader.get(HEADER_ALG) : s.unprotectedHeader.get(HEADER_ALG);
  return typeof alg === 'number' ? alg : undefined;
}

/**
 * The key id: the protected one when present (an unprotected kid cannot override it), else the
 * unprotected one, which the signature check then vouches for by finding no other key.
 */
export function kidOf(s: Sign1): Uint8Array | undefined {
  const kid = s.protectedHeader.has(HEADER_KID) ? s.protectedHeader.get(HEADER_KID) : s.unprotectedHeader.get(HEADER_KID);
  return kid instanceof Uint8Array ? kid : undefined;
}

/** The bytes a COSE_Sign1 signature covers: Sig_structure with an empty external AAD. */
export function toBeSigned(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

export function protectedHeaderBytes(alg: number, kid: Uint8Array): Uint8Array {
  return encodeCbor(
    new Map<CborValue, CborValue>([
      [HEADER_ALG, alg],
      [HEADER_KID, kid],
    ]),
  );
}

export function encodeSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  return encodeCbor(new Tagged(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]));
}

/** Signs a payload as ES256 with the kid in the protected header; `sign` returns the raw r‖s signature. */
export async function signSign1(payload: Uint8Array, kid: Uint8Array, sign: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>): Promise<Uint8Array> {
  const protectedBytes = protectedHeaderBytes(ALG_ES256, kid);
  const signature = await sign(toBeSigned(protectedBytes, payload));
  if (signature.length !== 64) throw new Error('an ES256 COSE signature is the 64-byte r‖s form');
  return encodeSign1(protectedBytes, payload, signature);
}
