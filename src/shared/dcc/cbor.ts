// The part of CBOR (RFC 8949) that COSE, CWT and the DCC use. Decoding accepts every well-formed
// item (indefinite lengths and floats included: issuers use them); encoding (cbor-encode.ts)
// writes definite, shortest-form items.
import { DccError } from './errors.js';

export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | CborValue[]
  | Map<CborValue, CborValue>
  | { [key: string]: CborValue }
  | Tagged;

export class Tagged {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

const MAX_DEPTH = 32;
const BREAK = Symbol('break');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const fail = (message: string): never => {
  throw new DccError('cbor', message);
};

class Reader {
  pos = 0;
  private view: DataView;
  constructor(private bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): number {
    if (this.pos + n > this.bytes.length) fail('the data ends inside an item');
    const at = this.pos;
    this.pos += n;
    return at;
  }
  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.slice(at, at + n);
  }
  /** The argument of an initial byte; null for an indefinite length (31). */
  argument(info: number): number | bigint | null {
    if (info < 24) return info;
    if (info === 24) return this.view.getUint8(this.need(1));
    if (info === 25) return this.view.getUint16(this.need(2));
    if (info === 26) return this.view.getUint32(this.need(4));
    if (info === 27) {
      const big = this.view.getBigUint64(this.need(8));
      return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    if (info === 31) return null;
    return fail(`reserved additional information ${info}`);
  }
  length(info: number): number | null {
    const n = this.argument(info);
    if (typeof n === 'bigint' || (n !== null && n > this.bytes.length)) fail('a length is larger than the data');
    return n as number | null;
  }
  item(depth: number): CborValue | typeof BREAK {
    if (depth > MAX_DEPTH) fail('items are nested too deeply');
    const initial = this.view.getUint8(this.need(1));
    const major = initial >> 5;
    const info = initial & 31;
    switch (major) {
      case 0:
      case 1: {
        const n = this.argument(info);
        if (n === null) return fail('an integer cannot have an indefinite length');
        if (major === 0) return n;
        return typeof n === 'bigint' || n === Number.MAX_SAFE_INTEGER ? -1n - BigInt(n) : -1 - n;
      }
      case 2:
      case 3: {
        const n = this.length(info);
        const bytes = n === null ? this.chunks(major, depth) : this.take(n);
        if (major === 2) return bytes;
        try {
          return utf8.decode(bytes);
        } catch {
          return fail('a text string is not valid UTF-8');
        }
      }
      case 4: {
        const n = this.length(info);
        const out: CborValue[] = [];
        for (let i = 0; n === null || i < n; i++) {
          const v = this.item(depth + 1);
          if (v === BREAK) {
            if (n === null) break;
            return fail('an unexpected break');
          }
          out.push(v);
        }
        return out;
      }
      case 5:
        return this.map(this.length(info), depth);
      case 6: {
        const tag = this.argument(info);
        if (tag === null || typeof tag === 'bigint') return fail('a tag number is not usable');
        const v = this.item(depth + 1);
        return v === BREAK ? fail('an unexpected break') : new Tagged(tag, v);
      }
      default:
        return this.simple(info);
    }
  }
  private chunks(major: number, depth: number): Uint8Array {
    const parts: Uint8Array[] = [];
    for (;;) {
      const at = this.pos;
      const v = this.item(depth + 1);
      if (v === BREAK) break;
      if ((this.bytes[at] >> 5) !== major || (this.bytes[at] & 31) === 31) fail('a chunk of an indefinite string has the wrong type');
      parts.push(typeof v === 'string' ? new TextEncoder().encode(v) : (v as Uint8Array));
    }
    return concat(parts);
  }
  private map(n: number | null, depth: number): CborValue {
    const entries: [CborValue, CborValue][] = [];
    for (let i = 0; n === null || i < n; i++) {
      const k = this.item(depth + 1);
      if (k === BREAK && n === null) break;
      const v = k === BREAK ? BREAK : this.item(depth + 1);
      if (k === BREAK || v === BREAK) return fail('an unexpected break');
      if (entries.some(([other]) => other === k)) fail('a map repeats a key');
      entries.push([k, v]);
    }
    // Maps keyed by text (the DCC itself) read as plain objects; the others (COSE, CWT) stay Maps.
    if (!entries.every(([k]) => typeof k === 'string')) return new Map(entries);
    const obj: { [key: string]: CborValue } = {};
    for (const [k, v] of entries) Object.defineProperty(obj, k as string, { value: v, enumerable: true, writable: true, configurable: true });
    return obj;
  }
  private simple(info: number): CborValue | typeof BREAK {
    if (info === 20) return false;
    if (info === 21) return true;
    if (info === 22) return null;
    if (info === 23) return undefined;
    if (info === 25) return halfFloat(this.view.getUint16(this.need(2)));
    if (info === 26) return this.view.getFloat32(this.need(4));
    if (info === 27) return this.view.getFloat64(this.need(8));
    if (info === 31) return BREAK;
    return fail(`unsupported simple value ${info}`);
  }
}

function halfFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const v = exp === 0 ? mant * 2 ** -24 : exp === 31 ? (mant ? NaN : Infinity) : (mant + 1024) * 2 ** (exp - 25);
  return h & 0x8000 ? -v : v;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** One CBOR item filling the whole input; anything else (trailing bytes included) is a DccError. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const r = new Reader(bytes);
  const v = r.item(0);
  if (v === BREAK) return fail('an unexpected break');
  if (r.pos !== bytes.length) fail('bytes follow the item');
  return v;
}
