// Whom a campaign targets, resolved through the capabilities that know: the people registry for
// a commune's population or a list, check-ins for a venue's visitors (a factory's workers), cases
// for the traced contacts (F1, F2 …) of a cluster's cases.
// Only people of the creator's jurisdiction become candidates; the others are counted.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { AppError, invalid } from '../http/errors.js';
import { personIdsInJurisdiction, summariesInJurisdiction } from '../people/service.js';
import { getVenue, venueVisitors } from '../checkins/service.js';
import { listCases, listContacts } from '../cases/service.js';
import type { CampaignTarget } from '../../shared/api/testing.js';
import { unitPlace } from './access.js';

export interface Candidates {
  /** A subquery with one column `id` (duplicates allowed). */
  ids: SQL;
  outsideJurisdiction: number;
}

/** A list of ids as a one-column subquery, sent as one JSON parameter whatever its length. */
export function idList(ids: readonly number[]): SQL {
  return sql`select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint as id`;
}

const PAGE = 500;

async function visitors(db: Db, actor: Actor, target: { venueId: number; from: string; to: string }, factory: boolean): Promise<Candidates> {
  if (factory) {
    const venue = await getVenue(db, actor, target.venueId, '').catch(() => {
      throw invalid('target.venueId', 'testing.errors.venue_unknown');
    });
    if (venue.type !== 'factory') throw invalid('target.venueId', 'testing.errors.venue_not_factory');
  }
  const ids = new Set<number>();
  let outside = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await venueVisitors(db, actor, target.venueId, { from: target.from, to: target.to, limit: PAGE, offset }).catch((err: unknown) => {
      if (err instanceof AppError && err.code !== 'forbidden') throw new AppError('validation', err.messageKey, err.params, `target.${err.field ?? 'venueId'}`);
      throw err;
    });
    outside = page.outsideJurisdiction;
    for (const r of page.rows) if (r.person) ids.add(r.person.id);
    if (page.rows.length < PAGE) break;
  }
  return { ids: idList([...ids]), outsideJurisdiction: outside };
}

/** The traced contacts at the given levels of the cluster's cases (level by the case at their root). */
async function clusterContacts(db: Db, actor: Actor, clusterId: number, levels: number[]): Promise<Candidates> {
  const caseIds: number[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await listCases(db, actor, { clusterId, limit: PAGE, offset });
    caseIds.push(...page.rows.map((c) => c.id));
    if (page.rows.length < PAGE) break;
  }
  if (caseIds.length === 0) throw invalid('target.clusterId', 'testing.errors.cluster_unknown');
  const ids = new Set<number>();
  let outside = 0;
  for (const caseId of caseIds) {
    for (const level of new Set(levels)) {
      for (let offset = 0; ; offset += PAGE) {
        const page = await listContacts(db, actor, { caseId, level, limit: PAGE, offset });
        for (const r of page.rows) if (r.person) ids.add(r.personId);
        outside += page.rows.filter((r) => !r.person).length;
        if (page.rows.length < PAGE) break;
      }
    }
  }
  return { ids: idList([...ids]), outsideJurisdiction: outside };
}

async function explicit(db: Db, actor: Actor, personIds: number[]): Promise<Candidates> {
  const found = await summariesInJurisdiction(db, actor, personIds);
  const missing = personIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`target.personIds[${missing}]`, 'testing.errors.person_unknown');
  // A merged record is sampled as the person it was merged into.
  return { ids: idList(personIds.map((id) => found.get(id)!.mergedInto ?? id)), outsideJurisdiction: 0 };
}

export async function candidatesOf(db: Db, actor: Actor, target: CampaignTarget): Promise<Candidates> {
  switch (target.kind) {
    case 'commune_population': {
      const place = await unitPlace(db, actor, target.communeId, 'target.communeId');
      if (place.unit.level !== 'commune') throw invalid('target.communeId', 'testing.errors.commune_required');
      // The people registry's own jurisdiction filter, narrowed to the commune.
      const commune: Actor = { ...actor, jurisdiction: { unitId: place.unit.id, level: 'commune', provinceId: place.provinceId, districtId: place.districtId } };
      return { ids: sql`${personIdsInJurisdiction(db, commune)}`, outsideJurisdiction: 0 };
    }
    case 'venue_visitors':
      return visitors(db, actor, target, false);
    case 'factory_workers':
      return visitors(db, actor, target, true);
    case 'explicit':
      return explicit(db, actor, target.personIds);
    case 'cluster_contacts':
      return clusterContacts(db, actor, target.clusterId, target.levels);
  }
}
