import { describe, expect, it } from 'vitest';
import {
  base45Decode,
  base45Encode,
  checkCharacter,
  dccName,
  decodeCbor,
  encodeCbor,
  fromHex,
  hasValidCheck,
  icaoTransliterate,
  newUvci,
  Tagged,
  toHex,
  unprefix,
  decodeHc1,
  encodeHc1,
  DccError,
  buildDcc,
  deflate,
  parseSign1,
  verifyDcc,
} from './index.js';
import { dccSchema, valueSet } from './testing/vectors.js';
import { sampleCertificates } from './testing/sample.js';
import { validateSchema } from './testing/json-schema.js';

const text = (s: string) => new TextEncoder().encode(s);
const stageOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof DccError) return err.stage;
    throw err;
  }
  return null;
};

describe('base45', () => {
  it('encodes and decodes the RFC 9285 examples', () => {
    const examples: [string, string][] = [
      ['AB', 'BB8'],
      ['Hello!!', '%69 VD92EX0'],
      ['base-45', 'UJCLQE7W581'],
      ['ietf!', 'QED8WEX0'],
    ];
    for (const [plain, encoded] of examples) {
      expect(base45Encode(text(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base45Decode(encoded))).toBe(plain);
    }
  });

  it('refuses characters outside the alphabet, impossible lengths and values above 16 bits', () => {
    expect(stageOf(() => base45Decode('BB8a'))).toBe('base45');
    expect(stageOf(() => base45Decode('BB8B'))).toBe('base45');
    expect(stageOf(() => base45Decode('GGW'))).toBe('base45'); // 16 + 16·45 + 32·2025 > 65535
  });
});

describe('CBOR', () => {
  it('round-trips the values a DCC holds, with text-keyed maps read as objects', () => {
    const value = new Map<unknown, unknown>([
      [1, 'VN'],
      [-260, new Map([[1, { ver: '1.3.0', dn: 2, big: 2 ** 40, neg: -300, ok: true, none: null, raw: new Uint8Array([1, 2]) }]])],
    ]);
    const back = decodeCbor(encodeCbor(value as never));
    expect(back).toEqual(value);
  });

  it('reads indefinite lengths, half floats and tags', () => {
    // {_ "a": [_ 1, 1.5], "b": (_ "x", "y")}, then 0("2021-01-01")
    expect(decodeCbor(fromHex('bf61619f01f93e00ff6162 7f61786179ff ff'.replace(/ /g, '')))).toEqual({ a: [1, 1.5], b: 'xy' });
    const tagged = decodeCbor(fromHex('c06a323032312d30312d3031'));
    expect(tagged).toEqual(new Tagged(0, '2021-01-01'));
  });

  it('refuses truncated data, trailing bytes, bad UTF-8 and hostile nesting without crashing', () => {
    expect(stageOf(() => decodeCbor(fromHex('6461')))).toBe('cbor');
    expect(stageOf(() => decodeCbor(fromHex('0101')))).toBe('cbor');
    expect(stageOf(() => decodeCbor(fromHex('62c328')))).toBe('cbor');
    expect(stageOf(() => decodeCbor(new Uint8Array(10_000).fill(0x81)))).toBe('cbor');
    expect(stageOf(() => decodeCbor(fromHex('9b7fffffffffffffff')))).toBe('cbor');
  });

  it('writes integers in their shortest form', () => {
    expect(toHex(encodeCbor([0, 23, 24, 255, 256, 65536, -1, -25]))).toBe('88' + '00' + '17' + '1818' + '18ff' + '190100' + '1a00010000' + '20' + '3818');
  });
});

describe('HC1 text', () => {
  it('round-trips through zlib and base45 and refuses other contexts', () => {
    const cose = text('any COSE bytes '.repeat(10));
    const qr = encodeHc1(cose);
    expect(qr.startsWith('HC1:')).toBe(true);
    expect(decodeHc1(qr)).toEqual(cose);
    expect(stageOf(() => unprefix('HC2:' + qr.slice(4)))).toBe('prefix');
  });

  it('refuses uncompressed data and a stream whose checksum was altered', () => {
    const zipped = base45Decode(encodeHc1(text('payload')).slice(4));
    expect(stageOf(() => decodeHc1('HC1:' + base45Encode(text('payload not compressed'))))).toBe('zlib');
    const altered = zipped.slice();
    altered[altered.length - 1] ^= 1;
    expect(stageOf(() => decodeHc1('HC1:' + base45Encode(altered)))).toBe('zlib');
  });
});

describe('UVCI', () => {
  it('computes the Luhn mod N check character as the eHealth Network reference does', () => {
    // Values from the reference implementation in eu-dcc-schema/examples/Luhn-Mod-N.
    expect(checkCharacter('URN:UVCI:01:NL:187/37512422923')).toBe('Z');
    expect(checkCharacter('URN:UVCI:01:NL:DADFCC47C7334E45A906DB12FD859FB7')).toBe('1');
    expect(checkCharacter('URN:UVCI:01:VN:ABCDEFGHJKLMNPQRSTUVWXYZ')).toBe('E');
    expect(hasValidCheck('URN:UVCI:01:NL:187/37512422923#Z')).toBe(true);
    expect(hasValidCheck('URN:UVCI:01:NL:187/37512422923#Y')).toBe(false);
  });

  it('makes Vietnamese UVCIs with an opaque id and a valid check', () => {
    const uvci = newUvci('VN', crypto.getRandomValues(new Uint8Array(24)));
    expect(uvci).toMatch(/^URN:UVCI:01:VN:[A-Z2-9]{24}#[A-Z0-9/:]$/);
    expect(hasValidCheck(uvci)).toBe(true);
    expect(uvci.length).toBeLessThanOrEqual(80);
  });
});

describe('names', () => {
  it('transliterates Vietnamese names as ICAO 9303 does', () => {
    expect(icaoTransliterate('Nguyễn')).toBe('NGUYEN');
    expect(icaoTransliterate('Đặng Thị Ngọc Ánh')).toBe('DANG<THI<NGOC<ANH');
    expect(icaoTransliterate('đỗ  ưng-hoà')).toBe('DO<UNG<HOA');
    // Decomposed input (as some keyboards type it) gives the same result.
    expect(icaoTransliterate('Trần Thị Thu Hà'.normalize('NFD'))).toBe('TRAN<THI<THU<HA');
    expect(icaoTransliterate("d'Červenková Panklová")).toBe('DCERVENKOVA<PANKLOVA');
    expect(icaoTransliterate('x'.repeat(100))).toHaveLength(80);
  });

  it('splits family name and given names', () => {
    expect(dccName('Nguyễn Văn Đức')).toEqual({ fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Văn Đức', gnt: 'VAN<DUC' });
    expect(dccName('  Lò  ')).toEqual({ fn: 'Lò', fnt: 'LO' });
  });
});

describe('DCC payload', () => {
  const entry = {
    tg: '840539006',
    tt: 'LP6464-4',
    nm: 'Cobas SARS-CoV-2',
    sc: '2021-09-20T08:15:00+07:00',
    tr: '260415000',
    tc: 'CDC Quảng Ninh',
    co: 'VN',
    is: 'Sở Y tế tỉnh Quảng Ninh',
    ci: 'URN:UVCI:01:VN:ABCDEFGHJKLMNPQRSTUVWXYZ#E',
    unset: undefined,
  };

  it('builds test certificates that validate against the DCC schema, with a year-only birth date too', () => {
    const full = buildDcc({ fullName: 'Phạm Thị Hồng Nhung', birthDate: '1990-04-30', birthYear: 1990 }, 't', entry);
    expect(full).toMatchObject({ ver: '1.3.0', dob: '1990-04-30', nam: { fnt: 'PHAM', gnt: 'THI<HONG<NHUNG' } });
    expect(full.t![0]).not.toHaveProperty('unset');
    expect(validateSchema(dccSchema, full)).toEqual([]);
    const yearOnly = buildDcc({ fullName: 'Vũ An', birthDate: null, birthYear: 1955 }, 't', entry);
    expect(yearOnly.dob).toBe('1955');
    expect(validateSchema(dccSchema, yearOnly)).toEqual([]);
    expect(buildDcc({ fullName: 'Vũ An', birthDate: null, birthYear: 1899 }, 't', entry).dob).toBe('');
  });

  it('uses codes of the DCC value sets', () => {
    expect(valueSet('disease-agent-targeted')).toHaveProperty(entry.tg);
    expect(valueSet('test-type')).toHaveProperty(entry.tt);
    expect(valueSet('test-result')).toHaveProperty(entry.tr);
    expect(valueSet('country-2-codes')).toHaveProperty(entry.co);
  });

  it('is refused by the schema when it holds two certificates or a malformed name', () => {
    const two = { ...buildDcc({ fullName: 'Lê Na', birthDate: null, birthYear: 1980 }, 't', entry), v: [] };
    expect(validateSchema(dccSchema, two)).not.toEqual([]);
    const badName = buildDcc({ fullName: 'Lê Na', birthDate: null, birthYear: 1980 }, 't', entry);
    badName.nam.fnt = 'Lê';
    expect(validateSchema(dccSchema, badName)).not.toEqual([]);
  });
});

describe('altered certificates', () => {
  it('are refused, never crash the verifier, and say which step failed', async () => {
    const { qrs, keys } = await sampleCertificates(1);
    const cose = decodeHc1(qrs[0]);
    expect((await verifyDcc(qrs[0], { keys })).status).toBe('valid');
    const reasons = new Set<string>();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 300; i++) {
      const bytes = cose.slice();
      // Flip one bit anywhere in the COSE bytes, then pack it again so every step gets to see it.
      bytes[rand(bytes.length)] ^= 1 << rand(8);
      const result = await verifyDcc('HC1:' + base45Encode(deflate(bytes)), { keys });
      expect(result.status).toBe('invalid');
      reasons.add(`${result.reason}${result.stage ? `/${result.stage}` : ''}`);
    }
    expect(reasons).toContain('signature');
    // A DER-encoded ECDSA signature (72 bytes, as some issuers produced) is refused, not read.
    const s = parseSign1(cose);
    const der = new Uint8Array(72).fill(0x30);
    const derSigned = encodeCbor(new Tagged(18, [s.protectedBytes, new Map(), s.payload, der]));
    expect(await verifyDcc('HC1:' + base45Encode(deflate(derSigned)), { keys })).toMatchObject({ status: 'invalid', reason: 'signature' });
  });
});
