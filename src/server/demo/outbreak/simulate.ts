/**
 * A deterministic outbreak on a synthetic population, for the demo and for measuring tracing.
 * People live their routines day by day (work, school, markets, supermarkets, restaurants); an
 * epidemic spreads among the people actually together (epidemic.ts); the outcome is who infected
 * whom, where and when, onsets and positive samples, everyone truly exposed to each infected
 * person, and the check-ins the visits left (replayed on demand, see checkins.ts). Pure: no
 * database, no clock, no Math.random. Same options, same outbreak.
 */
import { Epidemic, type EpidemicParams, type Infection } from './epidemic.js';
import { DayIndex, DayVisits, RECORDED } from './day-visits.js';
import { DEFAULT_ROUTINE, Routine, type RoutineOptions } from './routine.js';
import { replayCheckins, batchRows, type CheckinBatch, type CheckinRow } from './checkins.js';
import { dayStartMs, weekdayOf } from './time.js';
import type { SimPopulation } from './population.js';
import type { SimVenue } from './venues.js';

export type { Infection, InfectionSetting } from './epidemic.js';
export type { Exposures } from './exposures.js';
export type { CheckinBatch, CheckinRow } from './checkins.js';

export interface OutbreakOptions extends Partial<Omit<EpidemicParams, 'days' | 'startDate'>> {
  population: SimPopulation;
  venues: readonly SimVenue[];
  /** Day 0 (YYYY-MM-DD, Vietnam). */
  startDate: string;
  days: number;
  seed: number;
  indexCases?: number;
  /** Share of visits recorded as check-ins (overrides routine.checkinCompliance). */
  checkinCompliance?: number;
  routine?: Partial<RoutineOptions>;
}

/** Delta-era figures (2021): R and dispersion of early clusters, onset-to-onset and incubation in days. */
export const DEFAULT_EPIDEMIC: Omit<EpidemicParams, 'days' | 'startDate'> = {
  r: 2.5,
  dispersion: 0.5,
  serialInterval: { mean: 4.5, sd: 2.5 },
  incubation: { mean: 5, sd: 2.5 },
  asymptomaticShare: 0.3,
  householdShare: 0.3,
  minOverlapMinutes: 15,
  infectiousDaysAfterOnset: 7,
  testDelay: { mean: 2, sd: 1.2 },
  asymptomaticFoundShare: 0.6,
  asymptomaticFoundDelay: { mean: 4, sd: 2 },
  groundTruth: true,
};

export interface VisitCounts {
  total: number;
  recorded: number;
  perDay: number[];
  recordedPerDay: number[];
}

export interface Outbreak {
  params: EpidemicParams;
  routine: RoutineOptions;
  seed: number;
  startDate: string;
  days: number;
  population: SimPopulation;
  venues: readonly SimVenue[];
  /** In the order they happened (day by day). */
  infections: Infection[];
  /** Person index → position in infections, or -1. */
  infectionOf: Int32Array;
  /** Person index → first day in isolation (no visits from then on), or 0x7fffffff. */
  isolatedFrom: Int32Array;
  visits: VisitCounts;
  /** The recorded check-ins, in time order, as column batches; each call replays them anew. */
  checkins(batchSize?: number): Generator<CheckinBatch, void, undefined>;
  /** The same as row objects: only for small outbreaks. */
  checkinRows(): Generator<CheckinRow, void, undefined>;
  /** A time given in seconds since day 0's midnight. */
  at(sec: number): Date;
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new RangeError(`outbreak: ${what}`);
}

export function simulate(options: OutbreakOptions): Outbreak {
  const { population: pop, venues, startDate, days, seed } = options;
  const params: EpidemicParams = { ...DEFAULT_EPIDEMIC, ...stripUndefined(options), days, startDate } as EpidemicParams;
  const routineOptions: RoutineOptions = {
    ...DEFAULT_ROUTINE,
    ...options.routine,
    ...(options.checkinCompliance === undefined ? {} : { checkinCompliance: options.checkinCompliance }),
  };
  check(Number.isInteger(days) && days >= 1 && days <= 366, 'days must be a whole number from 1 to 366');
  check(params.r >= 0 && params.dispersion > 0, 'r must be ≥ 0 and dispersion > 0');
  check(params.serialInterval.mean > 0 && params.incubation.mean > 0, 'serial interval and incubation need a positive mean');
  for (const share of ['asymptomaticShare', 'householdShare', 'asymptomaticFoundShare'] as const) check(params[share] >= 0 && params[share] <= 1, `${share} must be in [0, 1]`);
  check(routineOptions.checkinCompliance >= 0 && routineOptions.checkinCompliance <= 1, 'checkinCompliance must be in [0, 1]');
  check(venues.every((v) => v.commune >= 0 && v.commune < pop.communes.length), 'a venue names a commune outside the population');
  dayStartMs(startDate, 0);

  const routine = new Routine(pop, venues, seed, routineOptions);
  const epidemic = new Epidemic(pop, params, seed);
  epidemic.seedIndexCases(options.indexCases ?? 10);
  const visits = new DayVisits();
  const index = new DayIndex(venues.length);
  const counts: VisitCounts = { total: 0, recorded: 0, perDay: [], recordedPerDay: [] };
  for (let d = 0; d < days; d++) {
    visits.reset(Math.ceil((counts.perDay[d - 1] ?? pop.count * 3) * 1.05));
    routine.generateDay(d, weekdayOf(startDate, d), epidemic.isolatedFrom, visits);
    let recorded = 0;
    for (let i = 0; i < visits.length; i++) if (visits.flags[i] & RECORDED) recorded++;
    counts.perDay.push(visits.length);
    counts.recordedPerDay.push(recorded);
    counts.total += visits.length;
    counts.recorded += recorded;
    index.build(visits);
    epidemic.runDay(d, visits, index);
  }

  const start = dayStartMs(startDate, 0);
  const replay = { routine, startDate, days, isolatedFrom: epidemic.isolatedFrom, visitsPerDay: counts.perDay };
  return {
    params,
    routine: routineOptions,
    seed,
    startDate,
    days,
    population: pop,
    venues,
    infections: epidemic.infections,
    infectionOf: epidemic.infectionOf,
    isolatedFrom: epidemic.isolatedFrom,
    visits: counts,
    checkins: (batchSize) => replayCheckins(replay, batchSize),
    checkinRows: function* () {
      for (const batch of replayCheckins(replay)) yield* batchRows(batch);
    },
    at: (sec) => new Date(start + sec * 1000),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
