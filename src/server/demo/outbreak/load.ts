/**
 * Writes a simulated outbreak into a database: its people (the population's rows, regenerated
 * from the same options), its venues and its recorded check-ins. Cases are not written: the
 * infections come back, with database ids, for the caller to create through the cases service.
 * On PostgreSQL people and check-ins are streamed with COPY (a province's 50 million check-ins);
 * on PGlite (the demo) with batched INSERTs.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle, type Db } from '../../db/handle.js';
import { venues as venuesTable } from '../../checkins/schema.js';
import { insertPeople } from '../population.js';
import { foldKey } from '../../../shared/vn/text.js';
import { bulkLoadDdl, copyPeople } from '../copy.js';
import { populationRows } from './population.js';
import { dateOfDay } from './time.js';
import type { Infection, Outbreak } from './simulate.js';
import type { VenueKind } from './venues.js';

export interface LoadOptions {
  /** Venue codes are `${prefix}-000001`…; they must not exist yet (default "OB"). */
  venueCodePrefix?: string;
  /**
   * PostgreSQL: take the secondary indexes and foreign keys off people and checkins for the COPY
   * and build them again after, as bench:people does: for a province-sized load into a database
   * nothing else is using.
   */
  bulk?: boolean;
  log?: (message: string) => void;
}

/** An infection with the database ids of the people and venue involved. */
export interface LoadedInfection extends Infection {
  personId: number;
  infectorPersonId: number | null;
  venueId: number | null;
}

export interface LoadedOutbreak {
  /** personIndex → people.id */
  personIds: Float64Array;
  /** venueIndex → venues.id */
  venueIds: Int32Array;
  checkins: number;
  infections: LoadedInfection[];
}

const VENUE_NAMES: Record<VenueKind, string> = {
  factory: 'Nhà máy',
  office: 'Văn phòng',
  school: 'Trường',
  market: 'Chợ',
  supermarket: 'Siêu thị',
  restaurant: 'Nhà hàng',
};
/** Staff scan the personal QR at factory, office and school gates (source 2); elsewhere visitors scan the venue's (1). */
const SOURCE: Record<VenueKind, number> = { factory: 2, office: 2, school: 2, market: 1, supermarket: 1, restaurant: 1 };

export async function loadOutbreak(handle: DbHandle, outbreak: Outbreak, opts: LoadOptions = {}): Promise<LoadedOutbreak> {
  const log = opts.log ?? (() => undefined);
  const popOptions = outbreak.population.options;
  if (!popOptions) throw new Error('loadOutbreak: the population was not made by buildPopulation, its rows cannot be regenerated');
  const client = handle.kind === 'postgres' ? await (handle.db as unknown as { $client: pg.Pool }).$client.connect() : null;
  try {
    const personIds = await loadPeople(handle.db, client, outbreak, opts);
    log(`${personIds.length.toLocaleString('en')} people`);
    const venueIds = await loadVenues(handle.db, outbreak, opts.venueCodePrefix ?? 'OB');
    log(`${venueIds.length.toLocaleString('en')} venues`);
    const checkins = client ? await copyCheckins(client, outbreak, personIds, venueIds, opts) : await insertCheckins(handle, outbreak, personIds, venueIds);
    log(`${checkins.toLocaleString('en')} check-ins`);
    const infections = outbreak.infections.map((f) => ({
      ...f,
      personId: personIds[f.personIndex],
      infectorPersonId: f.infectorIndex === null ? null : personIds[f.infectorIndex],
      venueId: f.venueIndex === null ? null : venueIds[f.venueIndex],
    }));
    return { personIds, venueIds, checkins, infections };
  } finally {
    client?.release();
  }
}

/** Identity values follow the rows' order in one statement, so the new ids are one contiguous range when nobody else writes people meanwhile. */
async function loadPeople(db: Db, client: pg.PoolClient | null, outbreak: Outbreak, opts: LoadOptions): Promise<Float64Array> {
  const n = outbreak.population.count;
  const [before] = await queryRows<{ max: string }>(db, sql`select coalesce(max(id), 0) as max from people`);
  const rows = populationRows({ ...outbreak.population.options!, batchSize: 5000 });
  if (client) await withoutIndexes(client, 'people', opts, () => copyPeople(client, rows));
  else for (const batch of rows) await insertPeople(db, batch);
  const [range] = await queryRows<{ lo: string; hi: string; n: string }>(
    db,
    sql`select min(id) as lo, max(id) as hi, count(*) as n from people where id > ${before.max}`,
  );
  const lo = Number(range.lo);
  if (Number(range.n) !== n || Number(range.hi) - lo + 1 !== n) throw new Error('loadOutbreak: people were written by someone else during the load');
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[i] = lo + i;
  return ids;
}

async function loadVenues(db: Db, outbreak: Outbreak, prefix: string): Promise<Int32Array> {
  const communes = outbreak.population.communes;
  const perKind = new Map<VenueKind, number>();
  const rows = outbreak.venues.map((v, i) => {
    const k = (perKind.get(v.kind) ?? 0) + 1;
    perKind.set(v.kind, k);
    const name = `${VENUE_NAMES[v.kind]} số ${k}`;
    const c = communes[v.commune];
    return {
      code: `${prefix}-${String(i + 1).padStart(6, '0')}`,
      name,
      nameKey: foldKey(name),
      type: v.kind,
      addressLine: `Số ${(i % 400) + 1}, Lô ${Math.floor(i / 400) + 1}`,
      communeId: c.id,
      districtId: c.districtId,
      provinceId: c.provinceId,
      managerName: 'Người Quản Lý',
      managerPhone: '09' + String(10_000_000 + i).slice(-8),
      capacity: v.capacity,
      status: 'active' as const,
    };
  });
  const ids = new Int32Array(rows.length);
  const index = new Map(rows.map((r, i) => [r.code, i]));
  for (let i = 0; i < rows.length; i += 1000) {
    const out = await db.insert(venuesTable).values(rows.slice(i, i + 1000)).returning({ id: venuesTable.id, code: venuesTable.code });
    for (const r of out) ids[index.get(r.code)!] = r.id;
  }
  return ids;
}

/** "HH:MM:SS" for every second of a day, so 100 million timestamps are two look-ups each. */
let clock: string[] | null = null;
function clockTimes(): string[] {
  clock ??= Array.from({ length: 86_400 }, (_, s) =>
    [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((x) => String(x).padStart(2, '0')).join(':'),
  );
  return clock;
}

/** What a check-in row needs of its venue, by venue index. */
interface VenueColumns {
  id: Int32Array;
  commune: Int32Array;
  source: Uint8Array;
}

function venueColumns(outbreak: Outbreak, venueIds: Int32Array): VenueColumns {
  return {
    id: venueIds,
    commune: Int32Array.from(outbreak.venues, (v) => outbreak.population.communes[v.commune].id),
    source: Uint8Array.from(outbreak.venues, (v) => SOURCE[v.kind]),
  };
}

const CHECKIN_COLUMNS = 'person_id, checked_in_at, checked_out_at, venue_id, commune_id, source';

async function copyCheckins(client: pg.PoolClient, outbreak: Outbreak, personIds: Float64Array, venueIds: Int32Array, opts: LoadOptions): Promise<number> {
  let rows = 0;
  const times = clockTimes();
  const venue = venueColumns(outbreak, venueIds);
  function* chunks(): Generator<string> {
    for (const batch of outbreak.checkins()) {
      const day = dateOfDay(outbreak.startDate, batch.day) + ' ';
      let text = '';
      for (let k = 0; k < batch.length; k++) {
        const v = batch.venue[k];
        const out = batch.checkedOut[k];
        text += personIds[batch.person[k]] + ',' + day + times[batch.checkedIn[k]] + '+07,' + (out < 0 ? '' : day + times[out] + '+07') + ',' + venue.id[v] + ',' + venue.commune[v] + ',' + venue.source[v] + '\n';
      }
      rows += batch.length;
      yield text;
    }
  }
  await withoutIndexes(client, 'checkins', opts, () =>
    pipeline(Readable.from(chunks()), client.query(copyFrom(`copy checkins (${CHECKIN_COLUMNS}) from stdin with (format csv)`))),
  );
  return rows;
}

async function withoutIndexes(client: pg.PoolClient, table: string, opts: LoadOptions, load: () => Promise<unknown>): Promise<void> {
  if (!opts.bulk) {
    await load();
    return;
  }
  const ddl = await bulkLoadDdl(client, table);
  for (const statement of ddl.drop) await client.query(statement);
  await load();
  opts.log?.(`${table}: rebuilding ${ddl.indexes.length} indexes and ${ddl.foreignKeys.length} foreign keys`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const statement of [...ddl.indexes, ...ddl.foreignKeys]) await client.query(statement);
}

/** One INSERT … SELECT FROM unnest(arrays) per batch: six parameters however many rows. */
async function insertCheckins(handle: DbHandle, outbreak: Outbreak, personIds: Float64Array, venueIds: Int32Array): Promise<number> {
  let rows = 0;
  const times = clockTimes();
  const venue = venueColumns(outbreak, venueIds);
  for (const batch of outbreak.checkins()) {
    const day = dateOfDay(outbreak.startDate, batch.day) + ' ';
    const cols: [number[], string[], (string | null)[], number[], number[], number[]] = [[], [], [], [], [], []];
    for (let k = 0; k < batch.length; k++) {
      const v = batch.venue[k];
      const out = batch.checkedOut[k];
      cols[0].push(personIds[batch.person[k]]);
      cols[1].push(day + times[batch.checkedIn[k]] + '+07');
      cols[2].push(out < 0 ? null : day + times[out] + '+07');
      cols[3].push(venue.id[v]);
      cols[4].push(venue.commune[v]);
      cols[5].push(venue.source[v]);
    }
    await handle.executeSql(
      `insert into checkins (${CHECKIN_COLUMNS})
       select * from unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::int[], $6::smallint[])`,
      cols,
    );
    rows += batch.length;
  }
  return rows;
}
