// The text in a DCC QR: "HC1:" + base45(zlib(COSE_Sign1)).
import { unzlibSync, zlibSync } from 'fflate';
import { base45Decode, base45Encode } from './base45.js';
import { DccError } from './errors.js';

export const HC1_PREFIX = 'HC1:';

/** The base45 text after the "HC1:" context prefix; any other context (HC2:, HL0:, none) is refused. */
export function unprefix(text: string): string {
  const t = text.trim();
  if (!t.startsWith(HC1_PREFIX)) throw new DccError('prefix', 'the text does not start with "HC1:"');
  return t.slice(HC1_PREFIX.length);
}

/** zlib-compressed data (RFC 1950, checksum included) inflated; anything else is refused. */
export function inflate(compressed: Uint8Array): Uint8Array {
  // A zlib stream starts with a deflate method byte (0x78 for 32 KB windows) and a checked header.
  if (compressed.length < 6 || (compressed[0] & 0x0f) !== 8 || ((compressed[0] << 8) | compressed[1]) % 31 !== 0) {
    throw new DccError('zlib', 'the data is not zlib-compressed');
  }
  let out: Uint8Array;
  try {
    out = unzlibSync(compressed);
  } catch (err) {
    throw new DccError('zlib', `the compressed data is broken (${(err as Error).message})`);
  }
  // fflate does not check the trailing Adler-32, so a damaged stream could inflate to other bytes.
  const n = compressed.length;
  const stored = ((compressed[n - 4] << 24) | (compressed[n - 3] << 16) | (compressed[n - 2] << 8) | compressed[n - 1]) >>> 0;
  if (adler32(out) !== stored) throw new DccError('zlib', 'the checksum of the compressed data does not match');
  return out;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 bytes is the longest run whose sums cannot overflow before the modulo (zlib's NMAX).
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function deflate(data: Uint8Array): Uint8Array {
  return zlibSync(data, { level: 9 });
}

/** The COSE_Sign1 bytes a DCC QR text carries. */
export function decodeHc1(text: string): Uint8Array {
  return inflate(base45Decode(unprefix(text)));
}

export function encodeHc1(cose: Uint8Array): string {
  return HC1_PREFIX + base45Encode(deflate(cose));
}
