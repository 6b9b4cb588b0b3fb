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
// The lock and the statement travel in one message (runBatch): a batch costs one round trip.
//
// The look-ups a check-in needs are made by the same statement, set-based, so a request costs no
// query of its own: the personal QR ids of the batch are resolved to people (live QRs only,
// merges followed), the venues' status is read, and each scan is answered with what happened to
// it (stored, a repeat of a stored visit, an unknown or revoked QR, a venue not active).
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../db/handle.js';
import { personalQrPeople } from '../declarations/service.js';
import type { VenueStatus } from '../../shared/api/checkins.js';

export const SOURCE_CODES = { citizen: 1, staff_scan: 2, manual_code: 3 } as const;
export type SourceCode = (typeof SOURCE_CODES)[keyof typeof SOURCE_CODES];

interface CheckinBase {
  venueId: number;
  at: Date;
  source: SourceCode;
  /** The scanning device's id for this scan (offline queue); null for a citizen's tap. */
  clientId: string | null;
}
/** The visitor: a person already known, or the id of a personal QR (MAC verified), resolved when the batch is written. */
export type CheckinItem = CheckinBase & ({ personId: number; qrId?: undefined } | { qrId: string; personId?: undefined });

export interface StoredVisit {
  id: number;
  venueId: number;
  venueName: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  /** An earlier scan (same client id, or same person and venue within the repeat window) already stored it. */
  repeated: boolean;
}

/**
 * person_unknown: no live personal QR has the item's QR id. venue_inactive: the venue is unknown
 * (status null), pending or suspended when the batch commits. Both are judged by the batch.
 */
export type WriteResult =
  | { ok: true; visit: StoredVisit }
  | { ok: false; reason: 'person_unknown' }
  | { ok: false; reason: 'venue_inactive'; status: VenueStatus | null };

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
    const outcomes = await insertBatch(this.db, leaders.map((i) => items[i]), this.opts.repeatMinutes, this.locked);
    const byLeader = new Map(leaders.map((itemIndex, ord) => [itemIndex, outcomes[ord]]));
    return items.map((_, i) => {
      const r = byLeader.get(leaderOf[i])!;
      return r.ok && leaderOf[i] !== i ? { ok: true, visit: { ...r.visit, repeated: true } } : r;
    });
  }
}

/** Items of the same person, or of the same personal QR before it is resolved, fold together. */
const visitorKey = (it: CheckinItem) => (it.personId !== undefined ? `p${it.personId}` : `q${it.qrId}`);

/**
 * For each item, the index of the item that stands for it: itself, an earlier item with the same
 * client id, or the earliest scan of the same visitor at the same venue less than windowMs before it.
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
    const pair = `${it.venueId}:${visitorKey(it)}`;
    const last = lastOfPair.get(pair);
    if (last !== undefined && it.at.getTime() - items[last].at.getTime() < windowMs) leaderOf[i] = last;
    else lastOfPair.set(pair, i);
    if (it.clientId !== null) byClient.set(it.clientId, leaderOf[i]);
  }
  return leaderOf;
}

/** A Postgres array literal, quoted as an SQL string: the batch statement carries its values inline (see runBatch). */
const literal = (values: readonly (string | number | null | undefined)[]) =>
  sql.raw(pg.escapeLiteral(`{${values.map((v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`));

const dialect = new PgDialect();

/**
 * Runs the batch statement. On PostgreSQL, in one round trip: the advisory lock and the statement
 * as one simple-protocol message, which PostgreSQL runs as one transaction (the lock is held until
 * it commits) while giving the statement a snapshot taken after the lock. Hence the values inline.
 */
async function runBatch<T>(db: Db, statement: SQL, locked: boolean): Promise<T[]> {
  if (!locked) return queryRows<T>(db, statement);
  const { sql: text, params } = dialect.sqlToQuery(statement);
  if (params.length > 0) throw new Error('the batch statement must carry its values inline');
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const results = (await pool.query(`select pg_advisory_xact_lock(${BATCH_LOCK}); ${text}`)) as unknown as pg.QueryResult[];
  return results[1].rows as T[];
}

interface BatchRow {
  /** The scan's position in the batch; null on a row the statement inserted. */
  ord: number | null;
  outcome: 'inserted' | 'known' | 'person_unknown' | 'venue_inactive' | 'to_insert';
  id: string | number | null;
  person_id: string | number | null;
  venue_id: number;
  in_ms: number | null;
  out_ms: number | null;
  venue_name: string | null;
  status: VenueStatus | null;
}

const visitOf = (r: BatchRow, venueId: number, venueName: string | null, repeated: boolean): StoredVisit => ({
  id: Number(r.id),
  venueId,
  venueName: venueName ?? '',
  checkedInAt: new Date(Math.round(Number(r.in_ms))),
  checkedOutAt: r.out_ms === null ? null : new Date(Math.round(Number(r.out_ms))),
  repeated,
});

/**
 * One statement for a batch of leaders: resolves their personal QRs, checks their venues, finds
 * the visits they repeat and inserts the others. The answers are in the items' order.
 */
async function insertBatch(db: Db, items: CheckinItem[], repeatMinutes: number, locked: boolean): Promise<WriteResult[]> {
  const window = sql.raw(`'${Math.trunc(repeatMinutes)} minutes'`);
  const qrIds = [...new Set(items.flatMap((i) => (i.qrId === undefined ? [] : [i.qrId])))];
  // Every scan comes back once with its outcome ("to_insert" for those handed to the insert), and
  // every inserted row once without a position: joining them back in SQL would make the planner,
  // which cannot estimate CTE rows, compare every pair.
  const rows = await runBatch<BatchRow>(
    db,
    sql`with input as (
      select * from unnest(${literal(items.map((_, i) => i))}::int[], ${literal(items.map((i) => i.venueId))}::int[],
                  ${literal(items.map((i) => i.personId ?? null))}::int8[], ${literal(items.map((i) => i.qrId ?? null))}::text[],
                  ${literal(items.map((i) => i.at.toISOString()))}::timestamptz[],
                  ${literal(items.map((i) => i.source))}::int2[], ${literal(items.map((i) => i.clientId))}::uuid[])
           as i(ord, venue_id, person_id, qr_id, at, source, client_id)
    ), b as (
      select i.ord, i.venue_id, coalesce(i.person_id, r.person_id) as person_id, i.at, i.source, i.client_id,
             v.name as venue_name, v.commune_id, v.status
        from input i
        left join ${personalQrPeople(sql`${literal(qrIds)}::text[]`)} r on r.qr_id = i.qr_id
        left join venues v on v.id = i.venue_id
    ), checked as (
      select b.*, k.id as known_id, k.checked_in_at as known_in, k.checked_out_at as known_out from b
      left join lateral (
        select * from (
          (select c.id, c.checked_in_at, c.checked_out_at, 0 as rank from checkins c where c.client_id = b.client_id)
          union all
          (select c.id, c.checked_in_at, c.checked_out_at, 1 as rank from checkins c
            where c.person_id = b.person_id and c.venue_id = b.venue_id
              and c.checked_in_at > b.at - ${window}::interval and c.checked_in_at < b.at + ${window}::interval
            order by c.checked_in_at limit 1)
        ) k order by k.rank limit 1
      ) k on b.person_id is not null and b.status = 'active'
    ), ins as (
      insert into checkins (person_id, checked_in_at, client_id, venue_id, commune_id, source)
      select c.person_id, c.at, c.client_id, c.venue_id, c.commune_id, c.source from checked c
       where c.person_id is not null and c.status = 'active' and c.known_id is null
      on conflict (client_id) where client_id is not null do nothing
      returning id, person_id, venue_id, checked_in_at, checked_out_at
    )
    select c.ord,
           case when c.person_id is null then 'person_unknown' when c.status is distinct from 'active' then 'venue_inactive'
                when c.known_id is not null then 'known' else 'to_insert' end as outcome,
           c.known_id as id, c.person_id, c.venue_id, extract(epoch from c.known_in)::float8 * 1000 as in_ms,
           extract(epoch from c.known_out)::float8 * 1000 as out_ms, c.venue_name, c.status
      from checked c
    union all
    select null, 'inserted', i.id, i.person_id, i.venue_id, extract(epoch from i.checked_in_at)::float8 * 1000,
           extract(epoch from i.checked_out_at)::float8 * 1000, null, null
      from ins i`,
    locked,
  );
  const out: (WriteResult | undefined)[] = new Array(items.length);
  const names = new Map<number, string | null>();
  const slot = (personId: unknown, venueId: unknown, ms: number) => `${Number(personId)}:${venueId}:${Math.round(ms)}`;
  // Scans handed to the insert, by person, venue and time; an inserted row takes the first
  // waiting (two QRs of one merged person scanned at the same instant share a slot).
  const waiting = new Map<string, number[]>();
  for (const r of rows) {
    if (r.ord === null) continue;
    const ord = Number(r.ord);
    names.set(items[ord].venueId, r.venue_name);
    if (r.outcome === 'person_unknown') out[ord] = { ok: false, reason: 'person_unknown' };
    else if (r.outcome === 'venue_inactive') out[ord] = { ok: false, reason: 'venue_inactive', status: r.status };
    else if (r.outcome === 'known') out[ord] = { ok: true, visit: visitOf(r, items[ord].venueId, r.venue_name, true) };
    else {
      const key = slot(r.person_id, r.venue_id, items[ord].at.getTime());
      waiting.set(key, [...(waiting.get(key) ?? []), ord]);
    }
  }
  const inserted: { ord: number; row: BatchRow }[] = [];
  for (const r of rows) {
    if (r.ord !== null) continue;
    const ord = waiting.get(slot(r.person_id, r.venue_id, Number(r.in_ms)))?.shift();
    if (ord === undefined) continue;
    out[ord] = { ok: true, visit: visitOf(r, items[ord].venueId, names.get(items[ord].venueId) ?? null, false) };
    inserted.push({ ord, row: r });
  }
  await foldResolvedRepeats(db, items, out, inserted, repeatMinutes * 60_000);
  // A scan whose client id another process stored between this batch's look-up and its insert:
  // ON CONFLICT skipped it, so read the stored row now.
  const lost = items.map((it, i) => ({ it, i })).filter(({ it, i }) => out[i] === undefined && it.clientId !== null);
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
      if (r) out[i] = { ok: true, visit: visitOf(r, it.venueId, r.venue_name, true) };
    }
  }
  return Array.from(out, (r) => r ?? { ok: false, reason: 'venue_inactive', status: null });
}

/**
 * Two personal QRs of one person (a merged record's and the kept one's) scanned at the same
 * venue within the window in one batch are folded only once resolved: the later rows are
 * deleted and their scans answered with the earlier visit. Rare, so it costs a statement only then.
 */
async function foldResolvedRepeats(db: Db, items: CheckinItem[], out: (WriteResult | undefined)[], inserted: { ord: number; row: BatchRow }[], windowMs: number): Promise<void> {
  const rowsOfPair = new Map<string, { ord: number; row: BatchRow }[]>();
  for (const x of inserted) {
    const pair = `${items[x.ord].venueId}:${x.row.person_id}`;
    rowsOfPair.set(pair, [...(rowsOfPair.get(pair) ?? []), x]);
  }
  const doomed = new Set<number>();
  for (const group of rowsOfPair.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => Number(a.row.in_ms) - Number(b.row.in_ms) || Number(a.row.id) - Number(b.row.id));
    let lead = group[0];
    for (const x of group.slice(1)) {
      if (Number(x.row.in_ms) - Number(lead.row.in_ms) >= windowMs) {
        lead = x;
        continue;
      }
      doomed.add(Number(x.row.id));
      const lv = out[lead.ord];
      out[x.ord] = lv?.ok ? { ok: true, visit: { ...lv.visit, repeated: true } } : lv;
    }
  }
  if (doomed.size > 0) await db.execute(sql`delete from checkins where id = any(${literal([...doomed])}::int8[])`);
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
