// The planner's statistics. PostgreSQL's autovacuum keeps them; PGlite has no autovacuum, so a
// database that grew from empty (the demo's half a million check-ins, a province's first weeks)
// would be planned as if its tables held a few rows: joins through a full scan per row.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './handle.js';

export async function refreshStatistics(db: DbOrTx): Promise<{ ms: number }> {
  const t = performance.now();
  await db.execute(sql`analyze`);
  return { ms: Math.round(performance.now() - t) };
}
