// A store for @fastify/rate-limit whose counters live in the database (rate_limit_counters), so
// API processes behind a load balancer share one limit per client instead of each allowing it.
//
// A key is counted in the process until the process has seen a tenth of its limit: a crowd of
// phones checking in once each costs no database write. From then on each request of the key
// waits until it is added to the database and is answered with every process's total; requests
// that arrive while a flush is in flight are added together by the next one (group commit), so a
// hot key (one venue's Wi-Fi address) costs one upsert per flush, not one per request. A client
// spread over N processes is thus held within max + (N - 1) × (max/10 - 1). A window starts at the
// key's first request, as in the library's own store; the database's window wins once a flush has
// seen it. If the database cannot be reached, counting goes on in the process.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';

/** Counters kept per process; past it the oldest unshared ones are dropped (at most a tenth of a limit each). */
export const MAX_COUNTERS = 100_000;

type Reply = { current: number; ttl: number };
type Callback = (err: Error | null, res: Reply) => void;

interface Counter {
  windowStart: number;
  windowMs: number;
  /** from this count on, the key is shared through the database */
  shareFrom: number;
  /** the database's total for the window when last flushed, this process's flushed requests included */
  known: number;
  /** requests of this process not yet added */
  pending: number;
}

/** The counters of one process, shared by the stores of all its routes. */
export class SharedCounters {
  private readonly counters = new Map<string, Counter>();
  /** shared keys with requests to add */
  private readonly dirty = new Set<string>();
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly db: DbOrTx,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  incr(key: string, windowMs: number, max = Infinity, now = Date.now()): Reply | Promise<Reply> {
    let c = this.counters.get(key);
    if (!c || c.windowStart + c.windowMs <= now) {
      if (c) this.counters.delete(key);
      else if (this.counters.size >= MAX_COUNTERS) this.forget(now);
      c = { windowStart: now, windowMs, shareFrom: Number.isFinite(max) ? Math.max(1, Math.ceil(max / 10)) : 1, known: 0, pending: 0 };
      this.counters.set(key, c);
    }
    c.pending += 1;
    const counter = c;
    const reply = (at: number) => ({ current: counter.known + counter.pending, ttl: Math.max(0, counter.windowStart + counter.windowMs - at) });
    if (c.known + c.pending < c.shareFrom) return reply(now);
    this.dirty.add(key);
    return this.flush().then(() => reply(Date.now()));
  }

  read(key: string, now = Date.now()): Reply {
    const c = this.counters.get(key);
    if (!c || c.windowStart + c.windowMs <= now) return { current: 0, ttl: 0 };
    return { current: c.known + c.pending, ttl: c.windowStart + c.windowMs - now };
  }

  /** Adds the shared keys' pending requests and reads back the totals; one flush at a time. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    const batch: { key: string; c: Counter; sent: number }[] = [];
    for (const key of this.dirty) {
      const c = this.counters.get(key);
      if (c && c.pending > 0) batch.push({ key, c, sent: c.pending });
    }
    this.dirty.clear();
    if (batch.length === 0) return;
    this.inFlight = this.write(batch).finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
  }

  private async write(batch: { key: string; c: Counter; sent: number }[]): Promise<void> {
    for (const b of batch) b.c.pending -= b.sent;
    try {
      const rows = await queryRows<{ key: string; count: number; window_start: string | Date }>(
        this.db,
        sql`insert into rate_limit_counters as r (key, window_start, window_end, count)
            select key, window_start, window_end, count
              from jsonb_to_recordset(${JSON.stringify(
                batch.map((b) => ({
                  key: b.key,
                  window_start: new Date(b.c.windowStart).toISOString(),
                  window_end: new Date(b.c.windowStart + b.c.windowMs).toISOString(),
                  count: b.sent,
                })),
              )}::jsonb) as x(key text, window_start timestamptz, window_end timestamptz, count int)
            on conflict (key) do update set
              -- a stored window that ended before this one began is over: this one replaces it
              count = case when r.window_end <= excluded.window_start then excluded.count else r.count + excluded.count end,
              window_end = case when r.window_end <= excluded.window_start then excluded.window_end else r.window_end end,
              window_start = case when r.window_end <= excluded.window_start then excluded.window_start else r.window_start end
            returning key, count, window_start`,
      );
      const byKey = new Map(batch.map((b) => [b.key, b]));
      for (const row of rows) {
        const b = byKey.get(row.key);
        if (!b) continue;
        b.c.known = Number(row.count);
        b.c.windowStart = new Date(row.window_start).getTime();
      }
    } catch (err) {
      // Counted here still: the requests stay in `known` so the local limit holds.
      for (const b of batch) b.c.known += b.sent;
      this.onError(err);
    }
  }

  /** Makes room: ended windows first, then the oldest keys not shared (Map keeps insertion order). */
  private forget(now: number): void {
    for (const [key, c] of this.counters) if (c.windowStart + c.windowMs <= now && !this.dirty.has(key)) this.counters.delete(key);
    for (const [key, c] of this.counters) {
      if (this.counters.size < MAX_COUNTERS * 0.9) break;
      if (c.known + c.pending < c.shareFrom) this.counters.delete(key);
    }
  }

  /** Adds what is pending (server close). */
  async close(): Promise<void> {
    await this.flush();
  }
}

/** The store class @fastify/rate-limit instantiates (`store` option); each route gets a child with its own prefix. */
export function databaseStore(counters: SharedCounters) {
  let children = 0;
  return class DatabaseRateLimitStore {
    constructor(
      _params?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      const r = counters.incr(this.prefix + key, timeWindow, max);
      if (r instanceof Promise) void r.then((v) => cb(null, v));
      else cb(null, r);
    }

    read(key: string, cb: Callback): void {
      cb(null, counters.read(this.prefix + key));
    }

    // Typed as the library declares it; at run time it passes the route's merged limits with routeInfo.
    child(routeOptions: object): DatabaseRateLimitStore {
      const r = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      // Limiters made in a handler (app.rateLimit) come without a route: the serial keeps them
      // apart, and is the same in every process since they all register in the same order.
      return new DatabaseRateLimitStore(undefined, `${this.prefix}${[r.method ?? ''].flat().join(',')}${r.url ?? ''}#${++children}-`);
    }
  };
}
