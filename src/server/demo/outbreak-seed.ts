// A living outbreak for the demo: the simulated province's last weeks of check-ins, its cases
// confirmed through the cases service on their sample days, tracing decided for the older ones
// (so later cases have a known source) and left pending for the newest, clusters named, and one
// suspected case in Hồng Gai waiting for its test result, with a market visit shared with
// neighbours: the first thing an officer of that ward can trace.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbHandle } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import { todayInVietnam } from '../../shared/vn/dates.js';
import { createCase, detectClustersIn } from '../cases/service.js';
import { decideProposals } from '../cases/decide.js';
import { cases, caseStatusHistory, tracingProposals } from '../cases/schema.js';
import { checkins, venues } from '../checkins/schema.js';
import { people } from '../people/schema.js';
import { foldKey } from '../../shared/vn/text.js';
import type { PopulationCommune } from './population.js';
import { buildPopulation } from './outbreak/population.js';
import { generateVenues } from './outbreak/venues.js';
import { simulate } from './outbreak/simulate.js';
import { loadOutbreak, type LoadedInfection } from './outbreak/load.js';
import { refreshStatistics } from '../db/statistics.js';

const DAYS = 18;
/** Tracers have decided the proposals of cases confirmed at least this many days ago. */
const DECIDED_AFTER_DAYS = 2;
const DAY_MS = 86_400_000;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Vietnam local time (UTC+7) of a date and hour as an instant. */
const vnTime = (date: string, hour: number, minute = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + (hour - 7) * 3_600_000 + minute * 60_000);

export interface OutbreakSeedOptions {
  people: number;
  seed: number;
  communes: PopulationCommune[];
  /** the staff who confirm cases and decide proposals (a province health officer) */
  officer: Actor;
  provinceId: number;
  /** the ward of the waiting suspected case, and its district */
  scenarioCommuneId: number;
  scenarioDistrictId: number;
  log: (m: string) => void;
}

/** Writes the people (the simulated population), venues and check-ins, then the outbreak's cases. */
export async function seedOutbreak(handle: DbHandle, o: OutbreakSeedOptions): Promise<void> {
  const today = todayInVietnam();
  const startDate = addDays(today, -DAYS);
  const population = buildPopulation({ seed: o.seed, count: o.people, communes: o.communes, provinceCode: '22' });
  const venueList = generateVenues(population, o.seed);
  const outbreak = simulate({ population, venues: venueList, startDate, days: DAYS, seed: o.seed, r: 2, dispersion: 2, indexCases: 5, routine: { errandsPerDay: 1.5 } });
  const loaded = await loadOutbreak(handle, outbreak, { venueCodePrefix: 'QN' });
  // the tracing statements that follow are planned from these
  await refreshStatistics(handle.db);
  o.log(`${o.people.toLocaleString('en')} people, ${loaded.venueIds.length} venues and ${loaded.checkins.toLocaleString('en')} check-ins of the last ${DAYS} days`);

  const confirmed = await confirmCases(handle, o, loaded.infections, today);
  const clusters = await handle.db.transaction((tx) => detectClustersIn(tx, o.provinceId, o.officer.accountId));
  o.log(`${confirmed} cases confirmed, ${clusters.created.length} clusters named`);
  await seedSuspectedCase(handle, o, today, new Set(loaded.infections.map((f) => f.personId)));
}

/** Confirms the found infections in sample order, deciding each day's older proposals before the next day's cases. */
async function confirmCases(handle: DbHandle, o: OutbreakSeedOptions, infections: LoadedInfection[], today: string): Promise<number> {
  const found = infections
    .filter((f) => f.positiveSampleAt !== null && f.positiveSampleAt.getTime() < vnTime(today, 0).getTime())
    .sort((a, b) => a.positiveSampleAt!.getTime() - b.positiveSampleAt!.getTime());
  const byDay = new Map<string, LoadedInfection[]>();
  for (const f of found) {
    const day = new Date(f.positiveSampleAt!.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), f]);
  }
  const decidedBefore = addDays(today, -DECIDED_AFTER_DAYS);
  let n = 0;
  for (const [day, list] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    if (day <= decidedBefore) await acceptPending(handle, o.officer);
    for (const f of list) {
      const row = await createCase(handle.db, o.officer, {
        personId: f.personId,
        status: 'confirmed',
        confirmation: 'test',
        confirmationTest: `XN-${day.replaceAll('-', '')}-${String(++n).padStart(4, '0')}`,
        symptomOnset: f.symptomOnset && f.symptomOnset <= day ? f.symptomOnset : null,
        positiveSampleDate: day,
        location: 'facility',
      });
      // The demo replays history: a case is confirmed on its sample day, not on the day the demo was made.
      const at = vnTime(day, 18, n % 60);
      await handle.db.update(cases).set({ confirmedAt: at, createdAt: at }).where(eq(cases.id, row.id));
      await handle.db.update(caseStatusHistory).set({ at }).where(eq(caseStatusHistory.caseId, row.id));
    }
  }
  return n;
}

/**
 * What the tracers of the older days did: accept the pending proposals of the cases (the evidence
 * was checked by phone). Their F1s were quarantined at once, so the F1s' own venue proposals are
 * left for the tracers; household F2s were added without waiting.
 */
async function acceptPending(handle: DbHandle, officer: Actor): Promise<void> {
  for (;;) {
    const ids = (
      await handle.db
        .select({ id: tracingProposals.id })
        .from(tracingProposals)
        .where(and(eq(tracingProposals.status, 'pending'), sql`exists (select 1 from contact_levels cl where cl.person_id = ${tracingProposals.subjectId} and cl.level = 0)`))
        .limit(500)
    ).map((r) => r.id);
    if (ids.length === 0) return;
    await decideProposals(handle.db, officer, { decision: 'accept', ids });
  }
}

/**
 * A resident of the ward with fever since two days ago, tested yesterday and waiting for the
 * result; yesterday morning at the ward's market, with five neighbours there at the same time and
 * one who came after they had left.
 */
async function seedSuspectedCase(handle: DbHandle, o: OutbreakSeedOptions, today: string, infected: Set<number>): Promise<void> {
  const db = handle.db;
  const residents = await db
    .select({ id: people.id, address: people.addressLine, communeId: people.communeId, traced: sql<boolean>`exists (select 1 from contact_levels cl where cl.person_id = ${people.id})` })
    .from(people)
    .where(and(eq(people.districtId, o.scenarioDistrictId), sql`${people.mergedInto} is null`))
    // the ward's own residents first; a small demo population fills up from the rest of the district
    .orderBy(sql`${people.communeId} <> ${o.scenarioCommuneId}`, people.id);
  const households = new Map<string, { communeId: number; members: number[]; clear: boolean }>();
  for (const r of residents) {
    const key = `${r.communeId} ${r.address}`;
    const h = households.get(key) ?? { communeId: r.communeId, members: [], clear: true };
    h.members.push(r.id);
    h.clear &&= !r.traced && !infected.has(r.id);
    households.set(key, h);
  }
  // Households nobody traced yet; the market visitors come from families of two or more, whose
  // other members become the F2s.
  const clear = [...households.values()].filter((h) => h.clear && h.members.length > 0);
  const patientHome = clear.find((h) => h.communeId === o.scenarioCommuneId);
  const families = clear.filter((h) => h !== patientHome && h.members.length >= 2);
  const single = clear.find((h) => h !== patientHome && h.members.length === 1) ?? families[5];
  if (!patientHome || families.length < 5 || !single) {
    o.log('the district has too few residents for the suspected-case scenario; skipped');
    return;
  }
  const heads = [patientHome.members[0], ...families.slice(0, 5).map((h) => h.members[0]), single.members[0]];
  const [patient, ...others] = heads;
  const yesterday = addDays(today, -1);
  const [market] = await db
    .insert(venues)
    .values({
      code: 'QN-CHL01',
      name: 'Chợ Hạ Long I',
      nameKey: foldKey('Chợ Hạ Long I'),
      type: 'market',
      addressLine: 'Đường Lê Thánh Tông',
      communeId: o.scenarioCommuneId,
      districtId: o.scenarioDistrictId,
      provinceId: o.provinceId,
      managerName: 'Phạm Văn Chợ',
      managerPhone: '0912345678',
      capacity: 800,
      status: 'active',
    })
    .returning({ id: venues.id });
  const visit = (personId: number, fromMin: number, toMin: number) => ({
    personId,
    venueId: market.id,
    communeId: o.scenarioCommuneId,
    checkedInAt: vnTime(yesterday, 8, fromMin),
    checkedOutAt: vnTime(yesterday, 8, toMin),
    source: 1,
  });
  await db.insert(checkins).values([
    visit(patient, 0, 50),
    ...others.slice(0, 5).map((id, i) => visit(id, 5 + i * 4, 45 + i * 5)),
    // came at 10:30, long after the patient had left
    visit(others[5], 150, 180),
  ]);
  await createCase(db, o.officer, { personId: patient, status: 'suspected', symptomOnset: addDays(today, -2), location: 'home', locationNote: 'Chờ kết quả xét nghiệm RT-PCR' });
  const ids = await db.select({ id: cases.id }).from(cases).where(inArray(cases.personId, [patient]));
  o.log(`suspected case #${ids[0].id} in the ward waits for confirmation (market visit shared with 5 neighbours)`);
}
