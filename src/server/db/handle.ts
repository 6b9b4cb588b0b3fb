import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { schema } from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs SQL text that may hold several statements and no parameters (migrations, DDL). */
  exec(sqlText: string): Promise<void>;
  /** Raw parameterised SQL for libraries that bring their own SQL (pg-boss). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export function wrapPglite(client: PGlite): DbHandle {
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    exec: async (text) => {
      await client.exec(text);
    },
    executeSql: async (text, values) => {
      if (values?.length) return client.query(text, values);
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
    close: () => client.close(),
  };
}

export async function openPglite(dataDir?: string): Promise<DbHandle> {
  // PGlite creates only the last folder of the path; a fresh clone has no data/ yet.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  return wrapPglite(await PGlite.create(dataDir ? { dataDir } : {}));
}

export function openPostgres(url: string, max = 10): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection closed by the server (a restart, a failover, a dropped test database)
  // must not crash the process: the pool drops it and opens another on the next query.
  pool.on('error', (err) => console.warn(`[phongdich] idle database connection lost: ${err.message}`));
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Db,
    exec: async (text) => {
      await pool.query(text);
    },
    executeSql: (text, values) => pool.query(text, values),
    close: () => pool.end(),
  };
}

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded PGlite keeps its data in dataDir. */
export async function openDatabase(opts: { url?: string; dataDir?: string }): Promise<DbHandle> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts.dataDir);
}

/** Rows of a raw SQL query; both drivers return them as `.rows`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
