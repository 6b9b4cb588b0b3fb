import { rm } from 'node:fs/promises';
import { loadConfig } from './config.js';
import { openDatabase } from './db/handle.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './app.js';
import { ensureWebBuilt } from './web-build.js';
import { startJobs } from './jobs/runner.js';
import { JOBS } from './jobs/definitions.js';
import { isSeeded, seedDemo, DEMO_PASSWORD, DEMO_SEED, demoLogins } from './demo/seed.js';
import { demoResultSample, demoSampleLines } from './demo/testing-seed.js';

const started = Date.now();
const config = loadConfig();
const say = (msg: string) => console.log(`[phongdich] ${msg}`);

if (config.resetDemo && !config.databaseUrl) {
  say(`--reset-demo: deleting ${config.dataDir}`);
  await rm(config.dataDir, { recursive: true, force: true });
}

const [handle] = await Promise.all([
  openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }),
  ensureWebBuilt(config.webRoot, say),
]);
const ran = await migrate(handle);
if (ran.length) say(`applied migrations: ${ran.join(', ')}`);

if (!(await isSeeded(handle.db))) {
  say(`seeding the demo province (Quảng Ninh, ${config.demoPeople.toLocaleString('en')} people)…`);
  await seedDemo(handle, { people: config.demoPeople, log: say });
}

const app = await buildApp({ handle, logger: { level: process.env.LOG_LEVEL ?? 'info' }, webRoot: config.webRoot, trustProxy: config.trustProxy });
const jobs = await startJobs(handle, JOBS, { log: (msg, data) => app.log.info({ data }, msg) });
await app.listen({ port: config.port, host: config.host });

const url = `http://localhost:${config.port}`;
const sample = await demoResultSample(handle.db, DEMO_SEED);
console.log(`
PhongDich is ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${handle.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}
  Web:     ${url}
  API:     ${url}/api/docs
  Demo logins (password "${DEMO_PASSWORD}"):
${demoLogins().map((l) => `    ${l.username.padEnd(16)} ${l.description}`).join('\n')}
${sample ? `${demoSampleLines(sample, url).join('\n')}\n` : ''}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await jobs.stop();
    await handle.close();
    process.exit(0);
  });
}
