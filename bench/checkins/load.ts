// One HTTP run: starts the API in a child process, drives POST /api/public/checkins with
// autocannon (a warm-up, then the timed run) and counts the rows the run actually stored.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { ChildMessage, ChildRequest } from './server.js';

export interface LoadOptions {
  db: 'postgres' | 'pglite';
  url?: string;
  people: number;
  venues: number;
  seed: number;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  pool: number;
  /** Write a V8 CPU profile of the API process into this folder (node --cpu-prof). */
  cpuProfDir?: string;
  /** The API process's young generation, MB (node --max-semi-space-size); Node's default when absent. */
  semiSpaceMb?: number;
}

export interface LoadResult {
  db: 'postgres' | 'pglite';
  connections: number;
  seconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Rows stored during the timed run, per second: what the database actually holds. */
  storedPerSecond: number;
  /** Answered requests per second as autocannon counted them. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  rowsStored: number;
  /** pg_total_relation_size(checkins) / rows after the runs (warm-up included). */
  bytesPerRow: number;
}

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

class Child {
  private waiting = new Map<string, (m: ChildMessage) => void>();
  constructor(
    readonly proc: ChildProcess,
    log: (m: string) => void,
  ) {
    proc.on('message', (m: ChildMessage) => {
      if (m.type === 'log') log(`  [server] ${m.message}`);
      this.waiting.get(m.type)?.(m);
    });
  }
  next<T extends ChildMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`benchmark server: no "${type}" within ${timeoutMs / 1000} s`)), timeoutMs);
      this.proc.once('exit', (code) => reject(new Error(`benchmark server exited (${code})`)));
      this.waiting.set(type, (m) => {
        clearTimeout(timer);
        this.waiting.delete(type);
        resolve(m as Extract<ChildMessage, { type: T }>);
      });
    });
  }
  ask<T extends ChildRequest['type'] & ChildMessage['type']>(type: T) {
    const answer = this.next(type, 60_000);
    this.proc.send({ type });
    return answer;
  }
}

function drive(port: number, nextBody: () => string, connections: number, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/public/checkins',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: nextBody() }),
      },
    ],
  });
}

/**
 * A crowd: every request a random person at a random venue, as many phones scanning posters. The
 * bodies are made before the run, so the load generator, which shares the machine's two cores
 * with the API and PostgreSQL, spends no time on them during it.
 */
function crowd(tokens: { venueTokens: string[]; personTokens: string[] }, n: number): string[] {
  const pick = (a: string[]) => a[Math.floor(Math.random() * a.length)];
  return Array.from({ length: n }, () => JSON.stringify({ venueToken: pick(tokens.venueTokens), personalQrToken: pick(tokens.personTokens) }));
}

export async function runLoad(o: LoadOptions, log: (m: string) => void): Promise<LoadResult> {
  const proc = fork(SERVER, [], {
    execArgv: [
      '--import',
      'tsx',
      ...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : []),
      ...(o.semiSpaceMb ? [`--max-semi-space-size=${o.semiSpaceMb}`] : []),
    ],
    env: {
      ...process.env,
      BENCH_DB: o.db,
      DATABASE_URL: o.url ?? '',
      BENCH_PEOPLE: String(o.people),
      BENCH_VENUES: String(o.venues),
      BENCH_SEED: String(o.seed),
      BENCH_POOL: String(o.pool),
      // Every request comes from 127.0.0.1 and carries no device key: lift the per-IP limit.
      CHECKIN_RATE_IP: '100000000',
      CHECKIN_RATE_DEVICE: '100000000',
      CHECKIN_RATE_VENUE_DEVICE: '100000000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const child = new Child(proc, log);
  try {
    const ready = await child.next('ready', 300_000);
    log(`${o.db}: API listening on 127.0.0.1:${ready.port}; warm-up ${o.warmupSeconds} s`);
    // More bodies than the warm-up and the run send together (at 10,000/s), so none is sent twice.
    const bodies = crowd(ready, Math.max(100_000, (o.warmupSeconds + o.seconds) * 10_000));
    let sent = 0;
    const nextBody = () => bodies[sent++ % bodies.length];
    await drive(ready.port, nextBody, o.connections, o.warmupSeconds);
    const before = (await child.ask('count')).rows;
    log(`${o.db}: timed run, ${o.connections} connections, ${o.seconds} s`);
    const r = await drive(ready.port, nextBody, o.connections, o.seconds);
    const after = (await child.ask('count')).rows;
    const bytes = (await child.ask('size')).bytes;
    return {
      db: o.db,
      connections: o.connections,
      seconds: o.seconds,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      storedPerSecond: Math.round((after - before) / o.seconds),
      requestsPerSecond: Math.round(r.requests.average),
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: Math.round(r.latency.mean * 100) / 100 },
      rowsStored: after - before,
      bytesPerRow: Math.round(bytes / Math.max(1, after)),
    };
  } finally {
    proc.send({ type: 'stop' });
    await new Promise((resolve) => {
      const t = setTimeout(() => {
        proc.kill();
        resolve(null);
      }, 20_000);
      proc.once('exit', () => {
        clearTimeout(t);
        resolve(null);
      });
    });
  }
}
