// Shared set-up for the declarations tests: units, the shipped disease profiles, and a valid
// declaration to vary.
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import { queryRows } from '../db/handle.js';
import { testDb } from '../db/testing.js';
import { seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import { ensureDefaultProfiles } from '../profiles/service.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import type { DeclarationInput } from '../../shared/api/declarations.js';
import { addDays } from './rules.js';

export async function declarationsDb(): Promise<{ h: DbHandle; units: UnitFixture }> {
  const h = await testDb();
  const units = await seedUnitFixture(h.db);
  await ensureDefaultProfiles(h.db);
  return { h, units };
}

export const daysAgo = (n: number) => addDays(todayInVietnam(), -n);

/** A healthy citizen of the commune with nothing to report. */
type Over = Omit<Partial<DeclarationInput>, 'answers'> & { answers?: Partial<DeclarationInput['answers']> };

export function declarationIn(communeId: number, over: Over = {}, identity: Record<string, unknown> = {}): DeclarationInput {
  return {
    kind: 'health',
    answers: {
      identity: { fullName: 'trần thị bình', sex: 'female', birthDate: '1990-05-04', phone: '0912 345 678', communeId, addressLine: 'Số 5 ngõ 12', ...identity },
      placesVisited: [],
      symptoms: [],
      exposures: [],
      vaccination: { doses: 2, lastDoseDate: '2021-10-01', product: 'pfizer' },
      ...(over.answers ?? {}),
    },
    ...(over.kind ? { kind: over.kind } : {}),
    ...(over.travel !== undefined ? { travel: over.travel } : {}),
    ...(over.arrival !== undefined ? { arrival: over.arrival } : {}),
  };
}

export async function countRows(h: DbHandle, table: 'declarations' | 'people' | 'person_devices' | 'personal_qr' | 'declaration_triage_actions' | 'declaration_stats'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row.n;
}
