import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { invalid } from '../http/errors.js';
import * as audit from '../audit/service.js';
import { foldKey } from '../../shared/vn/text.js';
import { normalizePhone } from '../../shared/vn/phone.js';
import { searchQuery, type SearchKind, type SearchQuery, type SearchResponse } from '../../shared/api/people.js';
import { people } from './schema.js';
import { inScope, scopeFor, type Scope } from './access.js';
import { summaryColumns, withCommuneNames } from './views.js';
import { parseInput } from './validate.js';

export interface Classified {
  kind: SearchKind;
  value: string;
}

/**
 * What a search box holds: a CMND (9 digits), CCCD (12 digits) or Vietnamese passport number
 * (a letter and 7 digits) is looked up exactly, so is a phone number in any common form;
 * anything else is the beginning of a name, without accents or case.
 */
export function classifyQuery(q: string): Classified {
  const compact = q.replace(/[\s.\-]/g, '');
  if (/^(\d{9}|\d{12})$/.test(compact)) return { kind: 'doc', value: compact };
  if (/^[A-Za-z]\d{7}$/.test(compact)) return { kind: 'doc', value: compact.toUpperCase() };
  const phone = normalizePhone(q);
  if (phone) return { kind: 'phone', value: phone };
  const key = foldKey(q);
  if (!key) throw invalid('q', 'people.errors.search_query');
  return { kind: 'name', value: key };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The unmerged people of a scope that a classified query matches. */
export function matchCondition(scope: Scope, c: Classified | null): SQL {
  const match =
    c === null
      ? undefined
      : c.kind === 'doc'
        ? eq(people.docNumber, c.value)
        : c.kind === 'phone'
          ? eq(people.phone, c.value)
          : sql`${people.nameKey} like ${escapeLike(c.value) + '%'}`;
  return and(inScope(scope), isNull(people.mergedInto), match)!;
}

/**
 * Name order in byte order (~<~, the text_pattern_ops order), so the scoped
 * (unit, name_key text_pattern_ops, id) indexes return rows already sorted, whatever the
 * database collation.
 */
export const nameOrder = [sql`${people.nameKey} using ~<~`, asc(people.id)];

export async function searchPeople(db: Db, actor: Actor, raw: SearchQuery): Promise<SearchResponse> {
  requirePermission(actor, 'people.read');
  const q = parseInput(searchQuery, raw);
  const classified = classifyQuery(q.q);
  const scope = await scopeFor(db, actor, q.unitId);
  return db.transaction(async (tx) => {
    const found = await tx
      .select(summaryColumns)
      .from(people)
      .where(matchCondition(scope, classified))
      .orderBy(...nameOrder)
      .limit(q.limit + 1)
      .offset(q.offset);
    const rows = await withCommuneNames(tx, found.slice(0, q.limit));
    // One audit row per search, naming what was looked for, not one per person shown.
    await audit.record(tx, actor, {
      action: 'search',
      entity: 'person',
      details: { q: q.q, kind: classified.kind, unitId: q.unitId ?? null, count: rows.length, offset: q.offset },
    });
    return { kind: classified.kind, rows, hasMore: found.length > q.limit };
  });
}

