// Helpers for the geo tests: the official lists in ../shared/data beside the repo, and a
// fingerprint of admin_units to prove a failed import left it unchanged.
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/handle.js';
import type { UploadedFile } from './read-table.js';

const DATA = new URL('../../../../shared/data/', import.meta.url);

export async function sharedFile(path: string): Promise<UploadedFile> {
  return { name: path.split('/').pop()!, data: await readFile(new URL(path, DATA)) };
}

/** The split CSV set of a list: 2021-11 has districts.csv, 2025-07 does not. */
export async function splitSet(version: '2021-11' | '2025-07'): Promise<UploadedFile[]> {
  const names = version === '2021-11' ? ['provinces.csv', 'districts.csv', 'wards.csv'] : ['provinces.csv', 'wards.csv'];
  return Promise.all(names.map((n) => sharedFile(`admin-units/${version}/${n}`)));
}

export async function unitsFingerprint(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ f: string }>(
    db,
    sql`select count(*) || ':' || coalesce(md5(string_agg(id || '|' || code || '|' || full_name || '|' || coalesce(valid_to::text, '') || '|' || coalesce(parent_id, 0), ',' order by id)), '') as f from admin_units`,
  );
  return row.f;
}

export async function countCurrent(db: DbOrTx): Promise<Record<string, number>> {
  const rows = await queryRows<{ level: string; n: number }>(
    db,
    sql`select level, count(*)::int as n from admin_units where valid_to is null group by level`,
  );
  return Object.fromEntries(rows.map((r) => [r.level, r.n]));
}
