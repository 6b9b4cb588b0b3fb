// The group-commit writer alone, in this process: what check-ins/s the storage path sustains
// once the person is known (no HTTP, no personal-QR look-up). Compared with the HTTP run it
// shows where the time of a check-in goes.
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../../src/server/db/handle.js';
import { CheckinWriter } from '../../src/server/checkins/writer.js';

export interface WriterOnlyResult {
  concurrency: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number };
}

export async function writerOnly(url: string, concurrency: number, seconds: number): Promise<WriterOnlyResult> {
  const handle = openPostgres(url, 10);
  try {
    const people = (await queryRows<{ id: string }>(handle.db, sql`select id from people order by random() limit 100000`)).map((r) => Number(r.id));
    const venues = (await queryRows<{ id: number }>(handle.db, sql`select id from venues`)).map((r) => r.id);
    const writer = new CheckinWriter(handle.db, { repeatMinutes: 10 });
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          const k = n++;
          await writer.write({ venueId: venues[k % venues.length], personId: people[(k * 7919) % people.length], at: new Date(), source: 1, clientId: null });
          latencies.push(performance.now() - t);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10) / 10;
    return { concurrency, seconds, perSecond: Math.round(latencies.length / seconds), latencyMs: { p50: q(0.5), p99: q(0.99) } };
  } finally {
    await handle.close();
  }
}
