// Storage of one day of a 1.3-million-person province: 4 million check-ins written into the real
// table (with its indexes in place, in time order as they arrive), then measured.
import pg from 'pg';

export interface StorageResult {
  rows: number;
  insertSeconds: number;
  totalBytes: number;
  heapBytes: number;
  indexBytes: number;
  bytesPerRow: number;
  indexes: Record<string, number>;
}

export async function measureStorage(url: string, rows: number, log: (m: string) => void): Promise<StorageResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('truncate checkins restart identity');
    const { rows: [range] } = await client.query<{ lo: string; hi: string }>('select min(id) as lo, max(id) as hi from people');
    const chunk = 500_000;
    const t = performance.now();
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start);
      // Visitors uniformly among the people, venues in turn, times spread evenly over one day;
      // one in five scanned by staff (with a client id), one in ten checked out 45 minutes later.
      await client.query(
        `with v as (select array_agg(id order by id) as ids, array_agg(commune_id order by id) as communes, count(*)::int as n from venues)
         insert into checkins (person_id, checked_in_at, checked_out_at, client_id, venue_id, commune_id, source)
         select $1::bigint + floor(random() * ($2::bigint - $1::bigint + 1))::bigint, at,
                case when g % 10 = 0 then at + interval '45 minutes' end,
                case when g % 5 = 0 then gen_random_uuid() end,
                v.ids[1 + (g::bigint * 7919) % v.n], v.communes[1 + (g::bigint * 7919) % v.n],
                case when g % 5 = 0 then 2 else 1 end
           from v, generate_series($3::int, $4::int) g,
                lateral (select timestamptz '2021-09-20 00:00+07' + g * (interval '1 day' / $5::int) as at) t`,
        [range.lo, range.hi, start + 1, start + n, rows],
      );
      log(`  ${(start + n).toLocaleString('en')} rows`);
    }
    const insertSeconds = Math.round((performance.now() - t) / 100) / 10;
    await client.query('vacuum (analyze) checkins');
    const { rows: [size] } = await client.query<{ total: string; heap: string; idx: string }>(
      `select pg_total_relation_size('checkins') as total, pg_relation_size('checkins') as heap, pg_indexes_size('checkins') as idx`,
    );
    const { rows: each } = await client.query<{ name: string; bytes: string }>(
      `select indexrelid::regclass::text as name, pg_relation_size(indexrelid) as bytes from pg_index where indrelid = 'checkins'::regclass order by 2 desc`,
    );
    return {
      rows,
      insertSeconds,
      totalBytes: Number(size.total),
      heapBytes: Number(size.heap),
      indexBytes: Number(size.idx),
      bytesPerRow: Math.round(Number(size.total) / rows),
      indexes: Object.fromEntries(each.map((r) => [r.name, Number(r.bytes)])),
    };
  } finally {
    await client.end();
  }
}
