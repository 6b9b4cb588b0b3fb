// Verifying a DCC QR offline: decode, check the signature against a trusted key, then the
// validity period, the revocation list and what the certificate says.
import { algOf, kidOf, parseSign1, type Sign1 } from './cose.js';
import { parseCwt } from './cwt.js';
import { DccError, type DccStage } from './errors.js';
import { decodeHc1 } from './hc1.js';
import { KeyRing, supportedAlg, typesOf, type TrustedKey } from './keyring.js';
import { toBase64, uvciHash } from './bytes.js';
import { entryOf, TEST_DETECTED, type Dcc, type DccTestEntry, type DccType } from './types.js';

export type VerifyStatus = 'valid' | 'invalid' | 'expired' | 'revoked';
export type InvalidReason =
  | 'format'
  | 'unknown_key'
  | 'algorithm'
  | 'signature'
  | 'payload'
  | 'key_usage'
  | 'not_yet_valid'
  | 'positive_test'
  | 'future_sample';

export interface Verification {
  status: VerifyStatus;
  /** Why an invalid certificate is invalid. */
  reason?: InvalidReason;
  /** The decoding step that failed, for 'format'. */
  stage?: DccStage;
  /** The signed content; present once the signature has been checked. */
  dcc?: Dcc;
  type?: DccType;
  uvci?: string;
  kid?: string;
  issuer?: string;
  issuedAt?: Date;
  expiresAt?: Date;
}

export interface VerifyOptions {
  keys: KeyRing;
  /** SHA-256 hex of revoked UVCIs. */
  revoked?: ReadonlySet<string>;
  now?: Date;
}

const invalid = (reason: InvalidReason, rest: Partial<Verification> = {}): Verification => ({ status: 'invalid', reason, ...rest });

/** The failed step of a decoding error; none for anything else hostile input managed to raise. */
function stageOf(err: unknown): DccStage | undefined {
  return err instanceof DccError ? err.stage : undefined;
}

export type SignatureCheck = { ok: true; key: TrustedKey; kid: string } | { ok: false; reason: 'unknown_key' | 'algorithm' | 'signature'; kid?: string };

/** Whether a trusted key, found by the certificate's key id, signed it. */
export async function checkSignature(sign1: Sign1, keys: KeyRing): Promise<SignatureCheck> {
  const kidBytes = kidOf(sign1);
  const kid = kidBytes && toBase64(kidBytes);
  const key = kidBytes && keys.find(kidBytes);
  if (!key) return { ok: false, reason: 'unknown_key', kid };
  const alg = algOf(sign1);
  if (!supportedAlg(alg)) return { ok: false, reason: 'algorithm', kid };
  if (!(await keys.verifySignature(key, alg, sign1))) return { ok: false, reason: 'signature', kid };
  return { ok: true, key, kid: kid! };
}

/** Where `now` falls in the token's validity: before iat, after exp, or inside (null). */
export function periodProblem(claims: { iat?: number; exp?: number }, now: Date): 'not_yet_valid' | 'expired' | null {
  const t = now.getTime();
  if (claims.iat !== undefined && t < claims.iat * 1000) return 'not_yet_valid';
  if (claims.exp !== undefined && t > claims.exp * 1000) return 'expired';
  return null;
}

export async function verifyDcc(text: string, opts: VerifyOptions): Promise<Verification> {
  let sign1;
  try {
    sign1 = parseSign1(decodeHc1(text));
  } catch (err) {
    return invalid('format', { stage: stageOf(err) });
  }
  const signed = await checkSignature(sign1, opts.keys);
  if (!signed.ok) return invalid(signed.reason, { kid: signed.kid });
  const { key, kid } = signed;

  let claims;
  try {
    claims = parseCwt(sign1.payload);
  } catch (err) {
    return invalid('payload', { kid, stage: stageOf(err) });
  }
  const found = entryOf(claims.dcc);
  if (!found || claims.iat === undefined || claims.exp === undefined) return invalid('payload', { kid });
  const dcc = claims.dcc as Dcc;
  const facts: Partial<Verification> = {
    dcc,
    type: found.type,
    uvci: found.entry.ci,
    kid,
    issuer: claims.iss,
    issuedAt: new Date(claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
  };
  if (!typesOf(key).includes(found.type)) return invalid('key_usage', facts);

  const now = opts.now ?? new Date();
  if (opts.revoked?.has(await uvciHash(found.entry.ci))) return { status: 'revoked', ...facts };
  const period = periodProblem(claims, now);
  if (period === 'not_yet_valid') return invalid(period, facts);
  if (period === 'expired') return { status: 'expired', ...facts };
  if (found.type === 't') {
    const test = found.entry as DccTestEntry;
    // A test certificate is a pass only while negative and for a sample already taken.
    if (test.tr === TEST_DETECTED) return invalid('positive_test', facts);
    if (Date.parse(test.sc) > now.getTime()) return invalid('future_sample', facts);
  }
  return { status: 'valid', ...facts };
}
