// Runs in the benchmark's Chromium page: the same verifier code the citizen page bundles.
import { verifyDcc } from '../../src/shared/dcc/index.js';
import { sampleCertificates } from '../../src/shared/dcc/testing/sample.js';

declare global {
  interface Window {
    runDccBench(n: number): Promise<number[]>;
  }
}

window.runDccBench = async (n) => {
  const { qrs, keys } = await sampleCertificates(n);
  const revoked = new Set(Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(64, '0')));
  const times: number[] = [];
  for (const qr of qrs) {
    const start = performance.now();
    const result = await verifyDcc(qr, { keys, revoked });
    times.push(performance.now() - start);
    if (result.status !== 'valid') throw new Error(`a sample certificate was ${result.status}`);
  }
  return times;
};
