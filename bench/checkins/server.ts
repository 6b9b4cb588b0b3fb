// The API under test, in its own process so the load generator does not share its event loop.
// Started by checkins.bench.ts with fork(); talks to it over IPC: seeds the database, listens on
// 127.0.0.1, counts check-ins on request and stops.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, queryRows, type DbHandle } from '../../src/server/db/handle.js';
import { migrate } from '../../src/server/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import { seedBench, type SeedOptions } from './seed.js';

export type ChildRequest = { type: 'count' } | { type: 'size' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'log'; message: string }
  | { type: 'ready'; port: number; venueTokens: string[]; personTokens: string[] }
  | { type: 'count'; rows: number }
  | { type: 'size'; bytes: number };

const send = (m: ChildMessage) => process.send!(m);
const kind = process.env.BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const opts: SeedOptions = { people: Number(process.env.BENCH_PEOPLE), venues: Number(process.env.BENCH_VENUES), seed: Number(process.env.BENCH_SEED) };

let dataDir: string | null = null;
let handle: DbHandle;
if (kind === 'pglite') {
  dataDir = await mkdtemp(`${os.tmpdir()}/pd-bench-checkins-`);
  handle = await openPglite(dataDir);
  await migrate(handle);
} else {
  handle = openPostgres(process.env.DATABASE_URL!, Number(process.env.BENCH_POOL ?? 10));
}
const tokens = await seedBench(handle.db, opts, (message) => send({ type: 'log', message }));
const app = await buildApp({ handle, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, ...tokens });

process.on('message', async (m: ChildRequest) => {
  if (m.type === 'count') {
    const [r] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from checkins`);
    send({ type: 'count', rows: r.n });
  } else if (m.type === 'size') {
    const [r] = await queryRows<{ n: string }>(handle.db, sql`select pg_total_relation_size('checkins') as n`);
    send({ type: 'size', bytes: Number(r.n) });
  } else {
    await app.close();
    await handle.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
