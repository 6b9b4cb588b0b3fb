import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, loadVectors } from './testing/vectors.js';
import { fromBase64, keyId, KeyRing, readCertificate, toBase64, typesAllowed, verifyDcc } from './index.js';

// Every official "common" vector, each expected result it states evaluated through this module.
const vectors = loadVectors();
const tally = new Map<string, { passed: number; of: number; skipped: string[] }>();

describe('official DCC test vectors (dgc-testdata common)', () => {
  it('finds the vectors beside the repo', () => {
    expect(vectors.length).toBe(38);
  });

  const cases = vectors.flatMap((v) => Object.keys(v.EXPECTEDRESULTS).map((e) => [v.name, e, v.EXPECTEDRESULTS[e], v] as const));
  it.each(cases)('%s %s = %s', async (name, expectation, _expected, v) => {
    const outcome = await evaluate(v, expectation);
    const t = tally.get(expectation) ?? { passed: 0, of: 0, skipped: [] };
    tally.set(expectation, t);
    if (!outcome.evaluated) {
      t.skipped.push(`${name} (${outcome.why})`);
      return;
    }
    t.of++;
    if (outcome.passed) t.passed++;
    expect(outcome.passed, `${name}: ${v.TESTCTX.DESCRIPTION}`).toBe(true);
  });

  afterAll(() => {
    const lines = [...tally].sort().map(([e, t]) => `${e}: ${t.passed}/${t.of} as expected${t.skipped.length ? `; not evaluable: ${t.skipped.join(', ')}` : ''}`);
    console.log(`DCC test vectors\n  ${lines.join('\n  ')}`);
  });
});

describe('the verifier on the vectors', () => {
  // A vector is a valid certificate when every result it expects is true. Q1 only has a broken
  // picture of a readable text, so its text is left out.
  const readable = vectors.filter((v) => v.PREFIX && v.TESTCTX.CERTIFICATE && v.name !== 'Q1');
  it.each(readable.map((v) => [v.name, v] as const))('%s: verifyDcc agrees with the expected results', async (_, v) => {
    const der = fromBase64(v.TESTCTX.CERTIFICATE!);
    const cert = readCertificate(der);
    const keys = new KeyRing([{ kid: toBase64(await keyId(der)), spki: toBase64(cert.spki), types: typesAllowed(cert.extendedKeyUsage) }]);
    const result = await verifyDcc(v.PREFIX!, { keys, now: new Date(v.TESTCTX.VALIDATIONCLOCK!) });
    const valid = Object.values(v.EXPECTEDRESULTS).every(Boolean);
    expect(result.status === 'valid', `${v.TESTCTX.DESCRIPTION}: ${result.status} ${result.reason ?? ''}`).toBe(valid);
  });
});
