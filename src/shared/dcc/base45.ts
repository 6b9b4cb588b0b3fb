// Base45 (RFC 9285): the alphabet of a QR code's alphanumeric mode, which packs 5.5 bits per
// character, so a DCC QR stays smaller than with base64 in byte mode.
import { DccError } from './errors.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1];
    out += ALPHABET[n % 45];
    n = Math.floor(n / 45);
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45)];
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1];
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45)];
  }
  return out;
}

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new DccError('base45', 'a base45 text cannot have 3n+1 characters');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const digit = (i: number) => {
    const v = VALUE.get(text[i]);
    if (v === undefined) throw new DccError('base45', `"${text[i]}" is not a base45 character`);
    return v;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
      if (n > 0xffff) throw new DccError('base45', 'a base45 triple is above 65535');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = digit(i) + digit(i + 1) * 45;
      if (n > 0xff) throw new DccError('base45', 'a final base45 pair is above 255');
      out[o++] = n;
    }
  }
  return out;
}
