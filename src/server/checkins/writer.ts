// Group commit for check-ins. Each request hands its check-in to the process's writer and waits
// until the row is committed; the writer stores everything that arrived meanwhile with one
// multi-row statement, so a crowd costs one WAL flush per batch instead of one per visitor.
//
// The repeat rule ("scans of the same person at the same venue closer than N minutes are one
// visit") holds under batching in two steps: within a batch, followers are folded onto the
// first scan in JavaScript; against stored rows, the statement looks for a visit of the same
// person and venue within N minutes of the scan (and for a row with the same client id, the
// offline queue's key) and inserts only scans with neither. On PostgreSQL each batch runs in a
// transaction holding one advisory lock, so batches of all API processes apply one after the
// other and each sees the rows of the previous ones: no two visits are stored for one repeat.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/handle.js';

export const SOURCE_CODES = { citizen: 1, staff_scan: 2, manual_code: 3 } as const;
export type SourceCode = (typeof SOURCE_CODES)[keyof typeof SOURCE_CODES];

export interface CheckinItem {
  venueId: number;
  personId: number;
  at: Date;
  source: SourceCode;
  /** The scanning device's id for this scan (offline queue); null for a citizen's tap. */
  clientId: string | null;
}

export interface StoredVisit {
  id: number;
  venueId: number;
  venueName: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  /** An earlier scan (same client id, or same person and venue within the repeat window) already stored it. */
  repeated: boolean;
}

/** venue_inactive: the venue is unknown, pending or suspended when the batch commits. */
export type WriteResult = { ok: true; visit: StoredVisit } | { ok: false; reason: 'venue_inactive' };

export interface WriterOptions {
  repeatMinutes: number;
  /** Most rows per statement. */
  maxBatch?: number;
  /** Wait this long for more check-ins before writing; 0 writes as soon as no batch is in flight. */
  delayMs?: number;
}

interface Pending {
  item: CheckinItem;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

// Any constant shared by all processes: the key of the advisory lock that orders batches.
const BATCH_LOCK = 727_001;

export class CheckinWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBatch: number;
  private readonly delayMs: number;
  private readonly locked: boolean;

  constructor(
    private readonly db: Db,
    private readonly opts: WriterOptions,
  ) {
    this.maxBatch = opts.maxBatch ?? 2000;
    this.delayMs = opts.delayMs ?? 0;
    this.locked = isPool(db);
  }

  write(item: CheckinItem): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    // setImmediate gathers the requests parsed in the same turn of the event loop even at delay 0.
    const run = () => {
      this.timer = null;
      void this.flush();
    };
    this.timer = (this.delayMs > 0 ? setTimeout(run, this.delayMs) : setImmediate(run)) as NodeJS.Timeout;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.writeBatch(batch.map((p) => p.item));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeBatch(items: CheckinItem[]): Promise<WriteResult[]> {
    const leaderOf = foldRepeats(items, this.opts.repeatMinutes * 60_000);
    const leaders = [...new Set(leaderOf)];
    const rows = this.locked
      ? await this.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${BATCH_LOCK})`);
          return insertBatch(tx as unknown as Db, leaders.map((i) => items[i]), this.opts.repeatMinutes);
        })
      : await insertBatch(this.db, leaders.map((i) => items[i]), this.opts.repeatMinutes);
    const byLeader = new Map(leaders.map((itemIndex, ord) => [itemIndex, rows.get(ord)]));
    return items.map((_, i) => {
      const stored = byLeader.get(leaderOf[i]);
      if (!stored) return { ok: false, reason: 'venue_inactive' } as const;
      return { ok: true, visit: { ...stored, repeated: stored.repeated || leaderOf[i] !== i } } as const;
    });
  }
}

/**
 * For each item, the index of the item that stands for it: itself, an earlier item with the same
 * client id, or the earliest scan of the same person at the same venue less than windowMs before it.
 */
export function foldRepeats(items: readonly CheckinItem[], windowMs: number): number[] {
  const leaderOf = items.map((_, i) => i);
  const byClient = new Map<string, number>();
  const lastOfPair = new Map<string, number>();
  const order = items.map((_, i) => i).sort((a, b) => items[a].at.getTime() - items[b].at.getTime() || a - b);
  for (const i of order) {
    const it = items[i];
    const sameClient = it.clientId === null ? undefined : byClient.get(it.clientId);
    if (sameClient !== undefined) {
      leaderOf[i] = sameClient;
      continue;
    }
    const pair = `${it.venueId}:${it.personId}`;
    const last = lastOfPair.get(pair);
    if (last !== undefined && it.at.getTime() - items[last].at.getTime() < windowMs) leaderOf[i] = last;
    else lastOfPair.set(pair, i);
    if (it.clientId !== null) byClient.set(it.clientId, leaderOf[i]);
  }
  return leaderOf;
}

const literal = (values: readonly (string | number | null)[]) => `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;

interface BatchRow {
  ord: number;
  id: string | number;
  in_ms: number;
  out_ms: number | null;
  repeated: boolean;
  venue_name: string;
}

/** One statement for a batch of leaders: finds the visits they repeat, inserts the others. Keyed by position. */
async function insertBatch(db: Db, items: CheckinItem[], repeatMinutes: number): Promise<Map<number, StoredVisit>> {
  const window = `${repeatMinutes} minutes`;
  const rows = await queryRows<BatchRow>(
    db,
    sql`with b as (
      select b.ord, b.venue_id, b.person_id, b.at, b.source, b.client_id, v.name as venue_name, v.commune_id
      from unnest(${literal(items.map((_, i) => i))}::int[], ${literal(items.map((i) => i.venueId))}::int[],
                  ${literal(items.map((i) => i.personId))}::int8[], ${literal(items.map((i) => i.at.toISOString()))}::timestamptz[],
                  ${literal(items.map((i) => i.source))}::int2[], ${literal(items.map((i) => i.clientId))}::uuid[])
           as b(ord, venue_id, person_id, at, source, client_id)
      join venues v on v.id = b.venue_id and v.status = 'active'
    ), known as (
      select b.ord, k.id, k.checked_in_at, k.checked_out_at from b
      cross join lateral (
        select * from (
          (select c.id, c.checked_in_at, c.checked_out_at, 0 as rank from checkins c where c.client_id = b.client_id)
          union all
          (select c.id, c.checked_in_at, c.checked_out_at, 1 as rank from checkins c
            where c.person_id = b.person_id and c.venue_id = b.venue_id
              and c.checked_in_at > b.at - ${window}::interval and c.checked_in_at < b.at + ${window}::interval
            order by c.checked_in_at limit 1)
        ) k order by k.rank limit 1
      ) k
    ), ins as (
      insert into checkins (person_id, checked_in_at, client_id, venue_id, commune_id, source)
      select b.person_id, b.at, b.client_id, b.venue_id, b.commune_id, b.source from b
      where not exists (select 1 from known k where k.ord = b.ord)
      on conflict (client_id) where client_id is not null do nothing
      returning id, person_id, venue_id, checked_in_at, checked_out_at
    )
    select b.ord, i.id, extract(epoch from i.checked_in_at)::float8 * 1000 as in_ms,
           extract(epoch from i.checked_out_at)::float8 * 1000 as out_ms, false as repeated, b.venue_name
      from ins i join b on b.person_id = i.person_id and b.venue_id = i.venue_id and b.at = i.checked_in_at
    union all
    select b.ord, k.id, extract(epoch from k.checked_in_at)::float8 * 1000, extract(epoch from k.checked_out_at)::float8 * 1000, true, b.venue_name
      from known k join b on b.ord = k.ord`,
  );
  const out = new Map<number, StoredVisit>();
  for (const r of rows) {
    out.set(Number(r.ord), {
      id: Number(r.id),
      venueId: items[Number(r.ord)].venueId,
      venueName: r.venue_name,
      checkedInAt: new Date(Number(r.in_ms)),
      checkedOutAt: r.out_ms === null ? null : new Date(Number(r.out_ms)),
      repeated: r.repeated,
    });
  }
  // A scan whose client id another process stored between this batch's look-up and its insert:
  // ON CONFLICT skipped it, so read the stored row now.
  const lost = items.map((it, i) => ({ it, i })).filter(({ it, i }) => !out.has(i) && it.clientId !== null);
  if (lost.length > 0) {
    const again = await queryRows<BatchRow & { client_id: string }>(
      db,
      sql`select c.client_id::text as client_id, c.id, extract(epoch from c.checked_in_at)::float8 * 1000 as in_ms,
                 extract(epoch from c.checked_out_at)::float8 * 1000 as out_ms, v.name as venue_name
            from checkins c join venues v on v.id = c.venue_id
           where c.client_id = any(${literal(lost.map(({ it }) => it.clientId))}::uuid[])`,
    );
    const byClient = new Map(again.map((r) => [r.client_id, r]));
    for (const { it, i } of lost) {
      const r = byClient.get(it.clientId!);
      if (r) out.set(i, { id: Number(r.id), venueId: it.venueId, venueName: r.venue_name, checkedInAt: new Date(Number(r.in_ms)), checkedOutAt: r.out_ms === null ? null : new Date(Number(r.out_ms)), repeated: true });
    }
  }
  return out;
}

function isPool(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;
}

const writers = new WeakMap<Db, CheckinWriter>();

/** The process's writer for a database. PGlite (one connection, no concurrent batches) waits a few ms to gather rows. */
export function writerFor(db: Db, repeatMinutes: number): CheckinWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new CheckinWriter(db, { repeatMinutes, delayMs: isPool(db) ? 0 : 4 })));
  return w;
}
