import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import type { PersonSummary } from '../../shared/api/people.js';
import { people } from './schema.js';
import { actorScope, inScope } from './access.js';
import { summaryColumns, withCommuneNames } from './views.js';

/**
 * Summaries of those of the given people who live inside the actor's jurisdiction, for other
 * capabilities' lists (a venue's visitors…). The others are left out, so they are never named.
 */
export async function summariesInJurisdiction(db: DbOrTx, actor: Actor, ids: readonly number[]): Promise<Map<number, PersonSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(summaryColumns)
    .from(people)
    .where(and(inArray(people.id, [...new Set(ids)]), inScope(actorScope(actor))));
  return new Map((await withCommuneNames(db, rows)).map((p) => [p.id, p]));
}
