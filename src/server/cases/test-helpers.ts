// Shared set-up for the cases tests: the unit fixture with the default profiles, officers at each
// level, and quick ways to register people, open cases and record exposures.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/handle.js';
import { insertPeople, officialsFixture, type OfficialsFixture } from '../db/test-fixture.js';
import { profileInForce, saveProfileVersion } from '../profiles/service.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { addExposures, createCase, type NewExposure } from './service.js';
import type { CaseRow } from './schema.js';

export type CasesFixture = OfficialsFixture;
export const casesFixture = officialsFixture;

let serial = 0;
/** People living in a commune of the fixture (Hồng Hà unless told), named name + index. */
export async function peopleIn(f: CasesFixture, n: number, opts: { communeId?: number; name?: string; addressLine?: string } = {}): Promise<number[]> {
  return insertPeople(
    f,
    n,
    () => {
      const k = ++serial;
      return { fullName: `${opts.name ?? 'Nguyễn Văn'} ${k}`, birthYear: 1970 + (k % 40), sex: 'male', addressLine: opts.addressLine ?? '' };
    },
    opts.communeId,
  );
}

export const confirmedInput = (personId: number, over: Record<string, unknown> = {}) => ({
  personId,
  status: 'confirmed',
  confirmation: 'test',
  confirmationTest: `XN-${personId}`,
  symptomOnset: '2021-09-10',
  ...over,
});

export async function confirmCase(f: CasesFixture, personId: number, actor = f.province): Promise<CaseRow> {
  return createCase(f.h.db, actor, confirmedInput(personId));
}

/** Exposures source → contact, one per pair, in one call (one recompute). */
export async function expose(f: CasesFixture, pairs: [number, number][], over: Partial<NewExposure> = {}) {
  return f.h.db.transaction((tx) =>
    addExposures(
      tx,
      f.province,
      pairs.map(([sourceId, contactId], i) => ({
        sourceId,
        contactId,
        setting: 'household',
        startedAt: new Date(Date.UTC(2021, 8, 9, 8, 0, i)).toISOString(),
        origin: 'manual',
        ...over,
      })),
    ),
  );
}

/** person → level, from contact_levels. */
export async function levelsOf(f: CasesFixture, ids: number[]): Promise<(number | null)[]> {
  const rows = await queryRows<{ person_id: number; level: number }>(f.h.db, sql`select person_id, level from contact_levels`);
  const map = new Map(rows.map((r) => [Number(r.person_id), Number(r.level)]));
  return ids.map((id) => map.get(id) ?? null);
}

export async function changesOf(f: CasesFixture, personId: number) {
  return queryRows<{ from_level: number | null; to_level: number | null; reason: string; reason_params: Record<string, unknown>; case_id: number | null }>(
    f.h.db,
    sql`select from_level, to_level, reason, reason_params, case_id::int as case_id from level_changes where person_id = ${personId} order by id`,
  );
}

/** Saves a new profile version in force from today with the rules changed, through the profiles service. */
export async function saveModifiedProfile(f: CasesFixture, change: (rules: ProfileRules) => void): Promise<number> {
  const current = await profileInForce(f.h.db, 'covid-19', todayInVietnam());
  const rules = structuredClone(current.rules);
  change(rules);
  const saved = await saveProfileVersion(f.h.db, f.province, { disease: 'covid-19', label: 'Thử nghiệm', effectiveFrom: todayInVietnam(), rules, notes: '' });
  return saved.id;
}
