import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from './handle.js';
import { testDb } from './testing.js';
import { refreshStatistics } from './statistics.js';

let h: DbHandle;
afterEach(async () => {
  await h?.close();
});

describe('planner statistics', () => {
  it('tells the planner how many rows a table that grew from empty holds', async () => {
    h = await testDb();
    await h.db.execute(sql`insert into outbox (channel, recipient, template, params)
                           select 'log', 'unit:' || i, 'tracing.notify.new_tasks', '{}'::jsonb from generate_series(1, 2000) i`);
    await refreshStatistics(h.db);
    const [t] = await queryRows<{ reltuples: number }>(h.db, sql`select reltuples::int from pg_class where relname = 'outbox'`);
    expect(t.reltuples).toBe(2000);
    const stats = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from pg_stats where tablename = 'outbox' and attname = 'recipient'`);
    expect(stats[0].n).toBe(1);
  });
});
