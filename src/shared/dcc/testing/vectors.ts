// The official DCC test vectors (dgc-testdata "common") beside the repo in ../shared/data, and one
// evaluation per expected result they state (README-format.md), run through this module's code.
import { readdirSync, readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { base45Decode } from '../base45.js';
import { fromBase64, fromHex, keyId, toBase64, toHex } from '../bytes.js';
import { decodeCbor } from '../cbor.js';
import { parseSign1 } from '../cose.js';
import { parseCwt, toJson } from '../cwt.js';
import { decodeHc1, inflate, unprefix } from '../hc1.js';
import { KeyRing } from '../keyring.js';
import { entryOf } from '../types.js';
import { checkSignature, periodProblem } from '../verify.js';
import { readCertificate, typesAllowed } from '../x509.js';
import { validateSchema } from './json-schema.js';
import { decodePng } from './png.js';

const DCC_DATA = new URL('../../../../../shared/data/certificates/eu-dcc/', import.meta.url);
const RAW = new URL('testdata-common/2DCode/raw/', DCC_DATA);

export const dccSchema = JSON.parse(readFileSync(new URL('schema/DCC.combined-schema.json', DCC_DATA), 'utf8'));
export const valueSet = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`valuesets/${name}.json`, DCC_DATA), 'utf8')).valueSetValues;

export interface Vector {
  name: string;
  JSON?: unknown;
  CBOR?: string;
  COSE?: string;
  COMPRESSED?: string;
  BASE45?: string;
  PREFIX?: string;
  '2DCODE'?: string;
  TESTCTX: { CERTIFICATE?: string; VALIDATIONCLOCK?: string; DESCRIPTION: string; SCHEMA?: string };
  EXPECTEDRESULTS: Record<string, boolean>;
}

export function loadVectors(): Vector[] {
  return readdirSync(RAW)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => ({ name: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(new URL(f, RAW), 'utf8')) }));
}

/** A step that fails by throwing counts as "did not succeed", which is what a false expectation wants. */
const attempt = async (step: () => boolean | Promise<boolean>): Promise<boolean> => {
  try {
    return await step();
  } catch {
    return false;
  }
};

/** Why an expectation cannot be evaluated from the vector, or null when it can. */
export type Outcome = { evaluated: true; passed: boolean } | { evaluated: false; why: string };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)]));
  return v;
}

function coseOf(v: Vector): Uint8Array {
  return v.COSE ? fromHex(v.COSE) : decodeHc1(v.PREFIX!);
}

/** The signer's key as a one-key trust list, with the DCC key id of its certificate (SHA-256 of the DER, first 8 bytes). */
async function ringOf(v: Vector): Promise<{ ring: KeyRing; usage: string[] }> {
  const der = fromBase64(v.TESTCTX.CERTIFICATE!);
  const cert = readCertificate(der);
  const ring = new KeyRing([{ kid: toBase64(await keyId(der)), spki: toBase64(cert.spki) }]);
  return { ring, usage: cert.extendedKeyUsage };
}

const EVALUATE: Record<string, (v: Vector) => Promise<boolean>> = {
  EXPECTEDUNPREFIX: (v) => attempt(() => unprefix(v.PREFIX!) === v.BASE45),
  EXPECTEDB45DECODE: (v) => attempt(() => toHex(base45Decode(v.BASE45!)) === v.COMPRESSED!.toLowerCase()),
  EXPECTEDCOMPRESSION: (v) => attempt(() => toHex(inflate(fromHex(v.COMPRESSED!))) === v.COSE!.toLowerCase()),
  EXPECTEDDECODE: (v) =>
    attempt(() => {
      const content = toJson(decodeCbor(fromHex(v.CBOR!)));
      if (v.JSON !== undefined && !sameJson(content, v.JSON)) return false;
      return v.COSE === undefined || sameJson(parseCwt(parseSign1(fromHex(v.COSE)).payload).dcc, content);
    }),
  EXPECTEDVALIDJSON: (v) => attempt(() => sameJson(parseCwt(parseSign1(decodeHc1(v.PREFIX!)).payload).dcc, v.JSON)),
  EXPECTEDVERIFY: (v) => attempt(async () => (await checkSignature(parseSign1(coseOf(v)), (await ringOf(v)).ring)).ok),
  EXPECTEDEXPIRATIONCHECK: (v) => attempt(() => periodProblem(parseCwt(parseSign1(coseOf(v)).payload), new Date(v.TESTCTX.VALIDATIONCLOCK!)) === null),
  EXPECTEDSCHEMAVALIDATION: (v) => attempt(() => validateSchema(dccSchema, v.JSON ?? toJson(decodeCbor(fromHex(v.CBOR!)))).length === 0),
  EXPECTEDKEYUSAGE: (v) =>
    attempt(async () => {
      const sign1 = parseSign1(coseOf(v));
      const { ring, usage } = await ringOf(v);
      const type = entryOf(parseCwt(sign1.payload).dcc)?.type;
      return (await checkSignature(sign1, ring)).ok && type !== undefined && typesAllowed(usage).includes(type);
    }),
  EXPECTEDPICTUREDECODE: (v) =>
    attempt(() => {
      const img = decodePng(Buffer.from(v['2DCODE']!, 'base64'));
      return jsQR(img.data, img.width, img.height)?.data === v.PREFIX;
    }),
};

/** What each expectation needs from the vector (README-format.md, "Mandatory Fields"). */
const NEEDS: Record<string, (keyof Vector | 'CERTIFICATE' | 'VALIDATIONCLOCK')[]> = {
  EXPECTEDUNPREFIX: ['PREFIX', 'BASE45'],
  EXPECTEDB45DECODE: ['BASE45', 'COMPRESSED'],
  EXPECTEDCOMPRESSION: ['COMPRESSED', 'COSE'],
  EXPECTEDDECODE: ['CBOR'],
  EXPECTEDVALIDJSON: ['PREFIX', 'JSON'],
  EXPECTEDVERIFY: ['CERTIFICATE'],
  EXPECTEDEXPIRATIONCHECK: ['VALIDATIONCLOCK'],
  EXPECTEDSCHEMAVALIDATION: [],
  EXPECTEDKEYUSAGE: ['CERTIFICATE'],
  EXPECTEDPICTUREDECODE: ['2DCODE', 'PREFIX'],
};

export async function evaluate(v: Vector, expectation: string): Promise<Outcome> {
  const check = EVALUATE[expectation];
  if (!check) return { evaluated: false, why: `no evaluation defined for ${expectation}` };
  const missing = NEEDS[expectation].filter((f) => (f === 'CERTIFICATE' || f === 'VALIDATIONCLOCK' ? !v.TESTCTX[f] : v[f] === undefined));
  if (!v.COSE && !v.PREFIX && ['EXPECTEDVERIFY', 'EXPECTEDEXPIRATIONCHECK', 'EXPECTEDKEYUSAGE'].includes(expectation)) missing.push('COSE');
  if (expectation === 'EXPECTEDSCHEMAVALIDATION' && v.JSON === undefined && v.CBOR === undefined) missing.push('JSON');
  if (missing.length) return { evaluated: false, why: `the vector has no ${missing.join(', ')}` };
  return { evaluated: true, passed: (await check(v)) === v.EXPECTEDRESULTS[expectation] };
}
