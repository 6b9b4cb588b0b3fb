// Who an admission takes in, and as what: the people of an F1 list (ids, or the F1s of a case
// read through the cases service), a checkpoint's arrivals, a case for treatment, or people
// entered by hand. Everyone must live in the actor's jurisdiction.
import type { Db } from '../db/handle.js';
import { AppError, invalid } from '../http/errors.js';
import type { Actor } from '../auth/actor.js';
import { can } from '../../shared/roles.js';
import { summariesInJurisdiction } from '../people/service.js';
import { currentLevels, listContacts, visibleCase } from '../cases/service.js';
import type { CaseStatus } from '../../shared/api/cases.js';
import type { PersonSummary } from '../../shared/api/people.js';
import type { admitInput, StayCategory, StayRisk } from '../../shared/api/quarantine.js';
import type { z } from 'zod';

export interface Candidate {
  person: PersonSummary;
  category: StayCategory;
  risk: StayRisk;
  caseId: number | null;
}

type Input = z.output<typeof admitInput>;
const CONTACT_PAGE = 500;
/** Cases still infectious enough to be treated. */
const TREATABLE: readonly CaseStatus[] = ['confirmed', 'isolating', 'in_treatment', 're_positive'];

/** The F1s of a case, page by page through listContacts (which audits what it names). */
async function f1sOfCase(db: Db, actor: Actor, caseId: number): Promise<number[]> {
  if (!can(actor.role, 'cases.read')) throw new AppError('forbidden', 'quarantine.errors.case_contacts_forbidden', {}, 'caseId');
  const ids: number[] = [];
  for (let offset = 0; ; offset += CONTACT_PAGE) {
    const page = await listContacts(db, actor, { caseId, level: 1, limit: CONTACT_PAGE, offset }).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'not_found' ? invalid('caseId', 'quarantine.errors.case_unknown') : err;
    });
    ids.push(...page.rows.filter((r) => r.person !== null).map((r) => r.personId));
    if (page.rows.length < CONTACT_PAGE) break;
  }
  if (ids.length === 0) throw invalid('caseId', 'quarantine.errors.case_without_f1');
  return ids;
}

async function inJurisdiction(db: Db, actor: Actor, ids: number[], field: string): Promise<PersonSummary[]> {
  const found = await summariesInJurisdiction(db, actor, ids);
  return ids.map((id, i) => {
    const p = found.get(id);
    if (!p) throw invalid(`${field}[${i}]`, 'quarantine.errors.person_unknown');
    if (p.mergedInto !== null) throw invalid(`${field}[${i}]`, 'quarantine.errors.person_merged');
    return p;
  });
}

export async function candidatesOf(db: Db, actor: Actor, input: Input): Promise<Candidate[]> {
  if (input.source === 'case') {
    const row = await visibleCase(db, actor, input.caseId!).catch(() => {
      throw invalid('caseId', 'quarantine.errors.case_unknown');
    });
    if (!TREATABLE.includes(row.status)) throw invalid('caseId', 'quarantine.errors.case_not_confirmed');
    const [person] = await inJurisdiction(db, actor, [row.personId], 'caseId');
    return [{ person, category: 'case', risk: 'f0', caseId: row.id }];
  }

  const fromCase = input.source === 'f1_list' && input.personIds.length === 0;
  const ids = fromCase ? await f1sOfCase(db, actor, input.caseId!) : input.personIds;
  const field = fromCase ? 'caseId' : 'personIds';
  const people = await inJurisdiction(db, actor, ids, field);
  if (input.source === 'checkpoint') return people.map((person) => ({ person, category: input.category!, risk: 'arrival', caseId: null }));

  const levels = await currentLevels(db, ids);
  return people.map((person, i) => {
    const level = levels.get(person.id);
    // A case is treated, not quarantined: it comes in through its case.
    if (level?.level === 0) throw invalid(`${field}[${i}]`, 'quarantine.errors.person_is_case', { name: person.fullName });
    const traced: StayRisk | null = level ? (level.level === 1 ? 'f1' : 'f2') : null;
    const category = input.category ?? 'close_contact';
    const arrival = category !== 'close_contact' ? 'arrival' : null;
    const risk: StayRisk = input.source === 'manual' ? (input.risk ?? arrival ?? traced ?? 'f1') : (traced ?? 'f1');
    return { person, category, risk, caseId: level?.rootCaseId ?? (fromCase ? input.caseId : null) };
  });
}
