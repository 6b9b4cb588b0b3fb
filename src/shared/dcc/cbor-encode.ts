// CBOR encoding of the values a COSE_Sign1, a CWT and a DCC hold: definite lengths, the shortest
// form of each integer, non-integer numbers as 64-bit floats.
import { Tagged, type CborValue } from './cbor.js';

function head(major: number, n: number | bigint): number[] {
  const m = major << 5;
  if (typeof n === 'bigint' || n > 0xffffffff) {
    const b = BigInt(n);
    return [m | 27, ...Array.from({ length: 8 }, (_, i) => Number((b >> BigInt(56 - 8 * i)) & 0xffn))];
  }
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  return [m | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function write(v: CborValue, out: number[]): void {
  if (typeof v === 'number' && Number.isSafeInteger(v)) out.push(...head(v < 0 ? 1 : 0, v < 0 ? -1 - v : v));
  else if (typeof v === 'number') {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    out.push(0xfb, ...b);
  } else if (typeof v === 'bigint') out.push(...head(v < 0n ? 1 : 0, v < 0n ? -1n - v : v));
  else if (typeof v === 'string') {
    const b = new TextEncoder().encode(v);
    out.push(...head(3, b.length), ...b);
  } else if (v instanceof Uint8Array) {
    out.push(...head(2, v.length));
    for (const byte of v) out.push(byte);
  } else if (v === false || v === true || v === null || v === undefined) out.push(v === false ? 0xf4 : v === true ? 0xf5 : v === null ? 0xf6 : 0xf7);
  else if (Array.isArray(v)) {
    out.push(...head(4, v.length));
    for (const x of v) write(x, out);
  } else if (v instanceof Tagged) {
    out.push(...head(6, v.tag));
    write(v.value, out);
  } else {
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    out.push(...head(5, entries.length));
    for (const [k, x] of entries) {
      write(k, out);
      write(x, out);
    }
  }
}

export function encodeCbor(v: CborValue): Uint8Array {
  const out: number[] = [];
  write(v, out);
  return Uint8Array.from(out);
}
