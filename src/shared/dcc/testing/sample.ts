// Signed sample certificates without a database, for timing the verifier (test and bench).
import { buffer, keyId, toBase64 } from '../bytes.js';
import { buildDcc, signedQr } from '../issue.js';
import { KeyRing } from '../keyring.js';
import { newUvci } from '../uvci.js';

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Quốc Dũng', 'Phạm Thu Hà', 'Đặng Hữu Phúc'];

export async function sampleCertificates(n: number, now = new Date()): Promise<{ qrs: string[]; keys: KeyRing }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const kid = await keyId(spki);
  // WebCrypto signs ECDSA in the raw r‖s form COSE uses.
  const sign = async (data: Uint8Array) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, buffer(data)));
  const qrs: string[] = [];
  for (let i = 0; i < n; i++) {
    const sc = new Date(now.getTime() - 3_600_000);
    const dcc = buildDcc({ fullName: NAMES[i % NAMES.length], birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, birthYear: null }, 't', {
      tg: '840539006',
      tt: 'LP6464-4',
      nm: 'Cobas SARS-CoV-2',
      sc: sc.toISOString(),
      tr: '260415000',
      tc: 'Trung tâm Kiểm soát bệnh tật Quảng Ninh',
      co: 'VN',
      is: 'Sở Y tế tỉnh Quảng Ninh',
      ci: newUvci('VN', crypto.getRandomValues(new Uint8Array(24))),
    });
    qrs.push(await signedQr({ dcc, issuer: 'VN', issuedAt: now, expiresAt: new Date(sc.getTime() + 72 * 3_600_000), kid, sign }));
  }
  return { qrs, keys: new KeyRing([{ kid: toBase64(kid), spki: toBase64(spki) }]) };
}

/** Mean and 95th percentile, in milliseconds. */
export function summary(ms: number[]): { mean: number; p95: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { mean: ms.reduce((a, b) => a + b, 0) / ms.length, p95: sorted[Math.ceil(sorted.length * 0.95) - 1], max: sorted[sorted.length - 1] };
}
