// Trusted issuer public keys by key id, imported into WebCrypto once and reused.
import { ALG_ES256, ALG_PS256, toBeSigned, type Sign1 } from './cose.js';
import { buffer, fromBase64, toBase64 } from './bytes.js';
import { DCC_TYPES, type DccType } from './types.js';

/** A published key as verifiers get it (GET /api/public/certificates/keys, or a trust list). */
export interface TrustedKey {
  /** Base64 of the 8-byte key id. */
  kid: string;
  /** Base64 of the DER SubjectPublicKeyInfo. */
  spki: string;
  /** Certificate types the key may sign; all when absent. */
  types?: DccType[];
}

const IMPORT: Record<number, EcKeyImportParams | RsaHashedImportParams> = {
  [ALG_ES256]: { name: 'ECDSA', namedCurve: 'P-256' },
  [ALG_PS256]: { name: 'RSA-PSS', hash: 'SHA-256' },
};
const VERIFY: Record<number, EcdsaParams | RsaPssParams> = {
  [ALG_ES256]: { name: 'ECDSA', hash: 'SHA-256' },
  // COSE PS256 uses a salt as long as the hash (RFC 8230 §2).
  [ALG_PS256]: { name: 'RSA-PSS', saltLength: 32 },
};

export const supportedAlg = (alg: number | undefined): alg is number => alg !== undefined && alg in VERIFY;

export class KeyRing {
  private byKid = new Map<string, TrustedKey>();
  private imported = new Map<string, Promise<CryptoKey | null>>();

  constructor(keys: Iterable<TrustedKey>) {
    for (const k of keys) this.byKid.set(k.kid, k);
  }

  get size(): number {
    return this.byKid.size;
  }

  find(kid: Uint8Array): TrustedKey | undefined {
    return this.byKid.get(toBase64(kid));
  }

  /** The key imported for the algorithm; null when its SPKI does not fit the algorithm. */
  private cryptoKey(key: TrustedKey, alg: number): Promise<CryptoKey | null> {
    const id = `${key.kid}/${alg}`;
    let p = this.imported.get(id);
    if (!p) {
      p = crypto.subtle.importKey('spki', buffer(fromBase64(key.spki)), IMPORT[alg], false, ['verify']).catch(() => null);
      this.imported.set(id, p);
    }
    return p;
  }

  /** Whether the COSE_Sign1 signature is the key's over its protected header and payload. */
  async verifySignature(key: TrustedKey, alg: number, s: Sign1): Promise<boolean> {
    if (!supportedAlg(alg)) return false;
    // r‖s is exactly 64 bytes for P-256; a DER-encoded or truncated signature is not ES256.
    if (alg === ALG_ES256 && s.signature.length !== 64) return false;
    const ck = await this.cryptoKey(key, alg);
    if (!ck) return false;
    try {
      return await crypto.subtle.verify(VERIFY[alg], ck, buffer(s.signature), buffer(toBeSigned(s.protectedBytes, s.payload)));
    } catch {
      return false;
    }
  }
}

export function typesOf(key: TrustedKey): readonly DccType[] {
  return key.types?.length ? key.types : DCC_TYPES;
}
