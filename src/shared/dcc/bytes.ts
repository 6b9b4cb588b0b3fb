// Byte helpers that behave the same in Node 20 and in browsers (no Buffer).

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 || /[^0-9a-f]/i.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** WebCrypto wants an ArrayBuffer-backed view; a slice guarantees one. */
export const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : buffer(data);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** A DCC key id: the first 8 bytes of the SHA-256 of the key's DER (certificate, or here its SPKI). */
export async function keyId(der: Uint8Array): Promise<Uint8Array> {
  return (await sha256(der)).slice(0, 8);
}

/** What revocation lists carry instead of a certificate identifier: SHA-256 of the UVCI, in hex. */
export async function uvciHash(uvci: string): Promise<string> {
  return toHex(await sha256(uvci));
}
