// Just enough DER to read a DCC signing certificate (DSC): its public key (SubjectPublicKeyInfo)
// and the extended key usages that limit it to test, vaccination or recovery certificates.
import { DccError } from './errors.js';

interface Tlv {
  tag: number;
  start: number;
  body: number;
  end: number;
}

const fail = (message: string): never => {
  throw new DccError('key', message);
};

function tlv(der: Uint8Array, at: number, limit = der.length): Tlv {
  if (at + 2 > limit) fail('the certificate ends inside an item');
  const tag = der[at];
  let len = der[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > limit) fail('a DER length is not usable');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[body + i];
    body += n;
  }
  if (body + len > limit) fail('a DER item runs past its container');
  return { tag, start: at, body, end: body + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end; ) {
    const t = tlv(der, at, parent.end);
    out.push(t);
    at = t.end;
  }
  return out;
}

function oid(der: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let n = 0;
  for (let i = t.body; i < t.end; i++) {
    n = n * 128 + (der[i] & 0x7f);
    if (!(der[i] & 0x80)) {
      if (parts.length === 0) parts.push(Math.min(2, Math.floor(n / 40)), n - Math.min(2, Math.floor(n / 40)) * 40);
      else parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const OID = 0x06;
const EXTENSIONS = 0xa3;
const EXT_KEY_USAGE = '2.5.29.37';

export interface DscInfo {
  /** DER SubjectPublicKeyInfo, what WebCrypto imports as 'spki'. */
  spki: Uint8Array;
  /** Extended key usage OIDs; empty when the certificate has none. */
  extendedKeyUsage: string[];
}

export function readCertificate(der: Uint8Array): DscInfo {
  const cert = tlv(der, 0);
  if (cert.tag !== SEQUENCE || cert.end !== der.length) fail('not a DER certificate');
  const [tbs] = children(der, cert);
  if (tbs?.tag !== SEQUENCE) return fail('the certificate has no to-be-signed part');
  const fields = children(der, tbs);
  // version [0] is optional; after it: serial, signature algorithm, issuer, validity, subject, key.
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  const key = fields[first + 5];
  if (key?.tag !== SEQUENCE) return fail('the certificate has no public key');
  const extendedKeyUsage: string[] = [];
  const exts = fields.find((f) => f.tag === EXTENSIONS);
  const list = exts ? children(der, exts)[0] : undefined;
  for (const ext of list ? children(der, list) : []) {
    const parts = children(der, ext);
    if (parts[0]?.tag !== OID || oid(der, parts[0]) !== EXT_KEY_USAGE) continue;
    const value = parts[parts.length - 1];
    const seq = tlv(der, value.body, value.end);
    for (const u of children(der, seq)) if (u.tag === OID) extendedKeyUsage.push(oid(der, u));
  }
  return { spki: der.slice(key.start, key.end), extendedKeyUsage };
}

// The DCC's key usage OIDs, and the variant with an extra ".0" several member states issued.
const USAGE_OIDS: Record<'t' | 'v' | 'r', string[]> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};

/** The certificate types a signing key may sign: all of them when it names none of the DCC usages. */
export function typesAllowed(extendedKeyUsage: string[]): ('t' | 'v' | 'r')[] {
  const named = (['t', 'v', 'r'] as const).filter((k) => USAGE_OIDS[k].some((o) => extendedKeyUsage.includes(o)));
  return named.length ? named : ['t', 'v', 'r'];
}
