// The ceiling: how many single-row INSERTs (one transaction each, as a check-in without group
// commit would be) PostgreSQL itself commits per second on this machine, measured with pgbench.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import { adminQuery } from '../../src/server/db/testing.js';

export interface PgbenchResult {
  command: string;
  clients: number;
  seconds: number;
  tps: number;
  latencyMsAvg: number;
}

export async function pgbenchInsert(url: string, clients: number, seconds: number): Promise<PgbenchResult> {
  await adminQuery(url, `drop table if exists bench_insert; create table bench_insert (id bigint generated always as identity primary key, person_id bigint not null, venue_id integer not null, at timestamptz not null default now())`);
  const script = `${os.tmpdir()}/pd-bench-insert.sql`;
  await writeFile(script, '\\set p random(1, 1300000)\n\\set v random(1, 5000)\ninsert into bench_insert (person_id, venue_id) values (:p, :v);\n');
  const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, url];
  const { stdout } = await promisify(execFile)('pgbench', args, { timeout: (seconds + 60) * 1000 });
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench output not understood:\n${stdout}`);
  await adminQuery(url, 'drop table bench_insert');
  return { command: `pgbench ${args.slice(0, -1).join(' ')} <url>`, clients, seconds, tps: Math.round(tps), latencyMsAvg: latency };
}
