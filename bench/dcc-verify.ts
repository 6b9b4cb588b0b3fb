/**
 * DCC QR verification time per certificate (issue 5: under 20 ms per QR in the browser): the
 * citizen verifier's code path (src/shared/dcc verifyDcc: base45, zlib, CBOR, COSE, ES256 with
 * WebCrypto, revocation look-up among 1,000 hashes) on freshly signed test certificates, in Node
 * and in Chromium, there also with the CPU slowed 4× and 6× as on a cheap phone.
 *
 *   npx tsx bench/dcc-verify.ts [--count 200] [--chromium /usr/bin/chromium]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { verifyDcc } from '../src/shared/dcc/index.js';
import { sampleCertificates, summary } from '../src/shared/dcc/testing/sample.js';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '200' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
const count = Number(args.count);
const rows: [string, number[]][] = [];

async function inNode(): Promise<number[]> {
  const { qrs, keys } = await sampleCertificates(count);
  const revoked = new Set(Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(64, '0')));
  const times: number[] = [];
  for (const qr of qrs) {
    const start = performance.now();
    if ((await verifyDcc(qr, { keys, revoked })).status !== 'valid') throw new Error('a sample certificate did not verify');
    times.push(performance.now() - start);
  }
  return times;
}

async function bundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcc-bench-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: dir, minify: true, lib: { entry: 'bench/dcc/browser-entry.ts', formats: ['iife'], name: 'dccBench', fileName: () => 'bench.js' } },
  });
  const code = await readFile(join(dir, 'bench.js'), 'utf8');
  await rm(dir, { recursive: true });
  return code;
}

async function inChromium(code: string, throttle: number): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: args.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // WebCrypto needs a secure context; localhost is one, so the page is served under it.
    await page.route('http://localhost/**', (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: code })
        : route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>' }),
    );
    await page.goto('http://localhost/dcc-bench');
    if (throttle > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    if (errors.length) throw new Error(`the bench page failed: ${errors.join('; ')}`);
    return await page.evaluate((n) => window.runDccBench(n), count);
  } finally {
    await browser.close();
  }
}

rows.push([`Node ${process.version}`, await inNode()]);
if (existsSync(args.chromium)) {
  const code = await bundle();
  for (const throttle of [1, 4, 6]) rows.push([`Chromium${throttle > 1 ? `, CPU ÷${throttle}` : ''}`, await inChromium(code, throttle)]);
} else console.log(`(no Chromium at ${args.chromium}: browser rows skipped)`);

console.log(`DCC verification, ${count} test certificates each (the first one imports the key)`);
console.log('where'.padEnd(24), 'first ms'.padStart(9), 'mean ms'.padStart(9), 'p95 ms'.padStart(9), 'max ms'.padStart(9));
for (const [where, times] of rows) {
  const s = summary(times.slice(1));
  console.log(where.padEnd(24), times[0].toFixed(2).padStart(9), s.mean.toFixed(2).padStart(9), s.p95.toFixed(2).padStart(9), s.max.toFixed(2).padStart(9));
}
const worst = Math.max(...rows.map(([, t]) => summary(t.slice(1)).p95));
console.log(`target: under 20 ms per QR — worst p95 ${worst.toFixed(2)} ms: ${worst < 20 ? 'met' : 'MISSED'}`);
