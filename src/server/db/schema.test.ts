import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { schema } from './schema.js';
import { testDb } from './testing.js';
import { queryRows, type DbHandle } from './handle.js';

let h: DbHandle;
beforeAll(async () => {
  h = await testDb();
});
afterAll(() => h.close());

describe('drizzle schema', () => {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => t instanceof PgTable);
  it.each(tables.map((t) => [getTableName(t), t] as const))('%s matches the migrated table', async (name, table) => {
    const rows = await queryRows<{ column_name: string }>(
      h.db,
      sql`select column_name from information_schema.columns where table_name = ${name}`,
    );
    const inDb = rows.map((r) => r.column_name).sort();
    const inCode = Object.values(getTableColumns(table))
      .map((c) => c.name)
      .sort();
    expect(inCode).toEqual(inDb);
  });
});
