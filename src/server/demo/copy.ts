/**
 * Bulk loading of generated people with COPY … FROM STDIN (CSV): one statement streams every
 * row, which is an order of magnitude faster than multi-row INSERTs at province scale.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { GeneratedPerson } from './population.js';

const COLUMNS: readonly (readonly [string, keyof GeneratedPerson])[] = [
  ['doc_type', 'docType'],
  ['doc_number', 'docNumber'],
  ['phone', 'phone'],
  ['full_name', 'fullName'],
  ['name_key', 'nameKey'],
  ['birth_date', 'birthDate'],
  ['birth_year', 'birthYear'],
  ['sex', 'sex'],
  ['nationality', 'nationality'],
  ['address_line', 'addressLine'],
  ['commune_id', 'communeId'],
  ['district_id', 'districtId'],
  ['province_id', 'provinceId'],
];

/** In COPY's CSV format an unquoted empty field is NULL and a quoted one the empty string. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return '"' + v.replace(/"/g, '""') + '"';
}

export function csvLine(p: GeneratedPerson): string {
  let line = '';
  for (let i = 0; i < COLUMNS.length; i++) line += (i ? ',' : '') + csvField(p[COLUMNS[i][1]]);
  return line + '\n';
}

/** Streams the batches into people; returns the number of rows. */
export async function copyPeople(client: pg.ClientBase, batches: Iterable<GeneratedPerson[]>): Promise<number> {
  let rows = 0;
  function* chunks(): Generator<string> {
    for (const batch of batches) {
      rows += batch.length;
      let text = '';
      for (const p of batch) text += csvLine(p);
      yield text;
    }
  }
  const copy = client.query(copyFrom(`copy people (${COLUMNS.map(([c]) => c).join(', ')}) from stdin with (format csv)`));
  await pipeline(Readable.from(chunks()), copy);
  return rows;
}

const quoteIdent = (name: string) => '"' + name.replace(/"/g, '""') + '"';

export interface BulkLoadDdl {
  /** Statements that remove the secondary indexes and foreign keys. */
  drop: string[];
  /** Statements that build them again, indexes first. */
  indexes: string[];
  foreignKeys: string[];
}

/**
 * What to take off a table for a bulk load and put back afterwards, as PostgreSQL's "Populating
 * a Database" advises: building an index once and checking a foreign key with one join are far
 * cheaper than doing both row by row (per-row foreign-key triggers made COPY five times
 * slower here). The definitions are read from the catalog, so the restored table is exactly
 * what the migrations made; the primary key stays.
 */
export async function bulkLoadDdl(client: pg.ClientBase, table: string): Promise<BulkLoadDdl> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = 'public' and i.tablename = $1
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.conrelid = $1::regclass)
      order by i.indexname`,
    [table],
  );
  const { rows: keys } = await client.query<{ name: string; definition: string }>(
    `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = $1::regclass and contype = 'f' order by conname`,
    [table],
  );
  const t = quoteIdent(table);
  return {
    drop: [...keys.map((k) => `alter table ${t} drop constraint ${quoteIdent(k.name)}`), ...indexes.map((i) => `drop index ${quoteIdent(i.name)}`)],
    indexes: indexes.map((i) => i.definition),
    foreignKeys: keys.map((k) => `alter table ${t} add constraint ${quoteIdent(k.name)} ${k.definition}`),
  };
}
