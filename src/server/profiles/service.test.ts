import { refusal } from '../db/fixtures.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../db/testing.js';
import type { DbHandle } from '../db/handle.js';
import { actorFor, seedUnitFixture, type UnitFixture } from '../db/fixtures.js';
import { auditLog } from '../audit/schema.js';
import type { Actor } from '../auth/actor.js';
import { DEFAULT_PROFILES } from '../../shared/profiles/defaults.js';
import { covid19Profile2021 } from '../../shared/profiles/covid19-2021.js';
import { covid19Profile2022 } from '../../shared/profiles/covid19-2022.js';
import type { ProfileRules } from '../../shared/profiles/rules.js';
import { diseaseProfiles } from './schema.js';
import * as profiles from './service.js';

let h: DbHandle;
let units: UnitFixture;
let officer: Actor;

beforeEach(async () => {
  h = await testDb();
  units = await seedUnitFixture(h.db);
  officer = await actorFor(h.db, 'health_officer', units.province);
  await profiles.ensureDefaultProfiles(h.db);
});
afterEach(async () => {
  await h.close();
});

const rules2022 = (): ProfileRules => structuredClone(covid19Profile2022.rules);
const newVersion = (rules: unknown, effectiveFrom = '2022-04-15') => ({
  disease: 'covid-19',
  label: 'COVID-19 – từ 15/4/2022',
  effectiveFrom,
  rules,
  notes: '1909/BYT-DP',
});


describe('default profiles', () => {
  it('are stored once, as versions 1 and 2 of covid-19, with their rules and unverified flags intact', async () => {
    expect(await profiles.ensureDefaultProfiles(h.db)).toBe(0);
    const list = await profiles.listProfiles(h.db, 'covid-19');
    expect(list.map((p) => [p.version, p.effectiveFrom])).toEqual([
      [2, '2022-02-21'],
      [1, '2021-07-14'],
    ]);
    for (const summary of list) {
      const stored = await profiles.getProfile(h.db, summary.id);
      const shipped = DEFAULT_PROFILES.find((p) => p.version === summary.version)!;
      expect(stored.rules).toEqual(shipped.rules);
      expect(stored.createdBy).toBeNull();
      expect(summary.unverified).toContain('riskLevels.matrix');
      expect(summary.unverified).toContain('support.items[2].amountVnd');
    }
    expect(await profiles.listProfiles(h.db, 'measles')).toEqual([]);
  });

  it('encode the reference numbers: 2021 quarantine 14 days tests 1/7/14, 2022 5 or 7 days', async () => {
    const v1 = await profiles.profileInForce(h.db, 'covid-19', '2021-08-01');
    const f1 = v1.rules.quarantine.rules.find((r) => r.id === 'f1-2021-07')!;
    expect([f1.days, f1.monitoringDays, f1.testDays, f1.source]).toEqual([14, 14, [1, 7, 14], '5599-byt-mt']);
    expect(v1.rules.riskLevels.matrix).toHaveLength(v1.rules.riskLevels.caseBands.length);
    const v2 = await profiles.profileInForce(h.db, 'covid-19', '2022-03-01');
    expect(v2.rules.quarantine.rules.filter((r) => r.category === 'close_contact').map((r) => [r.vaccination, r.days, r.testDays])).toEqual([
      ['fully_vaccinated', 5, [5]],
      ['not_fully_vaccinated', 7, [7]],
    ]);
    expect(v2.rules.riskLevels.caseBands.at(-1)).toEqual({ min: 600, minInclusive: false });
  });
});

describe('the version in force', () => {
  it('is the latest effective on or before the date', async () => {
    const version = async (on: string) => (await profiles.profileInForce(h.db, 'covid-19', on)).version;
    expect(await version('2021-08-01')).toBe(1);
    expect(await version('2021-07-14')).toBe(1);
    expect(await version('2022-02-20')).toBe(1);
    expect(await version('2022-02-21')).toBe(2);
    expect(await version('2022-03-01')).toBe(2);
    const err = await refusal(profiles.profileInForce(h.db, 'covid-19', '2021-07-13'));
    expect([err.status, err.messageKey]).toEqual([404, 'profiles.errors.noneInForce']);
  });
});

describe('saving a version', () => {
  it('creates version 3 in force from its date, audited, leaving versions 1 and 2 unchanged', async () => {
    const before = await h.db.select().from(diseaseProfiles).orderBy(diseaseProfiles.version);
    const rules = rules2022();
    rules.contacts.closeContactDistanceM = 1;
    rules.quarantine.rules = [
      { ...rules.quarantine.rules[0], id: 'f1-none-2022-04', vaccination: 'any', places: ['none'], days: 0, monitoringDays: 0, testDays: [], source: '1909-byt-dp' },
    ];
    rules.unverified = rules.unverified.filter((p) => !p.startsWith('quarantine.'));

    const saved = await profiles.saveProfileVersion(h.db, officer, newVersion(rules));
    expect([saved.version, saved.createdBy, saved.rules.contacts.closeContactDistanceM]).toEqual([3, officer.accountId, 1]);
    expect((await profiles.profileInForce(h.db, 'covid-19', '2022-04-15')).id).toBe(saved.id);
    expect((await profiles.profileInForce(h.db, 'covid-19', '2022-04-14')).version).toBe(2);

    const after = await h.db.select().from(diseaseProfiles).orderBy(diseaseProfiles.version);
    expect(after.slice(0, 2)).toEqual(before);
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'disease_profile'));
    expect(entry).toMatchObject({ action: 'create', entityId: String(saved.id), accountId: officer.accountId });
    expect(entry.details).toMatchObject({ disease: 'covid-19', version: 3 });
  });

  it('numbers versions per disease', async () => {
    const saved = await profiles.saveProfileVersion(h.db, officer, { ...newVersion(rules2022()), disease: 'covid-19-test' });
    expect(saved.version).toBe(1);
  });

  const invalid: [string, (r: ProfileRules) => void, string, string][] = [
    ['negative days', (r) => (r.quarantine.rules[1].days = -1), 'rules.quarantine.rules[1].days', 'errors.too_small'],
    ['min interval above max', (r) => (r.vaccination.products[3].interval = { minDays: 35, maxDays: 28 }), 'rules.vaccination.products[3].interval.minDays', 'profiles.errors.minAboveMax'],
    ['a matrix with a row missing', (r) => r.riskLevels.matrix.pop(), 'rules.riskLevels.matrix', 'profiles.errors.matrixRows'],
    ['a matrix row of the wrong width', (r) => r.riskLevels.matrix[2].push(4), 'rules.riskLevels.matrix[2]', 'profiles.errors.matrixColumns'],
    ['a level the model lacks', (r) => (r.riskLevels.matrix[0][1] = 7), 'rules.riskLevels.matrix[0][1]', 'profiles.errors.unknownLevel'],
    ['an unknown key', (r) => Object.assign(r.contacts, { distanceFeet: 6 }), 'rules.contacts.distanceFeet', 'errors.unrecognized_keys'],
    ['a test day beyond the quarantine', (r) => (r.quarantine.rules[3].testDays = [1, 20, 14]), 'rules.quarantine.rules[3].testDays[1]', 'profiles.errors.testDayBeyondQuarantine'],
    ['test days out of order', (r) => (r.quarantine.rules[3].testDays = [7, 1]), 'rules.quarantine.rules[3].testDays[1]', 'profiles.errors.notAscending'],
    ['overlapping quarantine rules', (r) => (r.quarantine.rules[1].vaccination = 'any'), 'rules.quarantine.rules[1].vaccination', 'profiles.errors.overlappingRules'],
    ['case bands not ascending', (r) => (r.riskLevels.caseBands[2].min = 10), 'rules.riskLevels.caseBands[2].min', 'profiles.errors.notAscending'],
    ['a source not listed', (r) => (r.support.items[1].source = 'nq-999'), 'rules.support.items[1].source', 'profiles.errors.unknownSource'],
    ['an unverified path leading nowhere', (r) => r.unverified.push('support.items[9].amountVnd'), `rules.unverified[${rules2022().unverified.length}]`, 'profiles.errors.unverifiedPath'],
    ['a missing section', (r) => delete (r as Partial<ProfileRules>).treatment, 'rules.treatment', 'errors.required'],
  ];
  it('refuses invalid rules naming the exact field, storing nothing', async () => {
    for (const [what, change, field, key] of invalid) {
      const rules = rules2022();
      change(rules);
      const err = await refusal(profiles.saveProfileVersion(h.db, officer, newVersion(rules)));
      expect([err.status, err.field, err.messageKey], what).toEqual([400, field, key]);
    }
    expect(await h.db.$count(diseaseProfiles)).toBe(2);
    expect(await h.db.$count(auditLog, eq(auditLog.entity, 'disease_profile'))).toBe(0);
  });

  it('refuses a bad effective date and a bad disease code', async () => {
    const err = await refusal(profiles.saveProfileVersion(h.db, officer, newVersion(rules2022(), '2022-13-01')));
    expect([err.status, err.field]).toEqual([400, 'effectiveFrom']);
    const err2 = await refusal(profiles.saveProfileVersion(h.db, officer, { ...newVersion(rules2022()), disease: 'COVID 19' }));
    expect([err2.field, err2.messageKey]).toEqual(['disease', 'profiles.errors.disease']);
  });

  it('is forbidden to a commune officer', async () => {
    const commune = await actorFor(h.db, 'commune_officer', units.hongHa);
    const err = await refusal(profiles.saveProfileVersion(h.db, commune, newVersion(rules2022())));
    expect(err.status).toBe(403);
    expect(await h.db.$count(diseaseProfiles)).toBe(2);
  });

  it('keeps the 2021 profile in force for its dates after a later version is saved', async () => {
    const rules = structuredClone(covid19Profile2021.rules);
    rules.retention.checkInDays = 21;
    const saved = await profiles.saveProfileVersion(h.db, officer, newVersion(rules, '2021-07-14'));
    // Two versions effective the same day: the later one is a correction and wins.
    expect((await profiles.profileInForce(h.db, 'covid-19', '2021-09-01')).id).toBe(saved.id);
    expect((await profiles.profileInForce(h.db, 'covid-19', '2022-03-01')).version).toBe(2);
  });
});
