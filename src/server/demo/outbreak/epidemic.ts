/**
 * The branching process. Each infected person gets an offspring count (negative binomial, mean R)
 * when infected; every offspring is placed on a day by the serial interval (the infectee's onset
 * is the infector's onset plus a serial-interval draw, its infection that minus its incubation)
 * inside the infector's infectious window, and on that day the infectee is drawn from the people
 * actually with the infector: the household at night, or someone at the same venue whose visit
 * overlaps the infector's by the minimum. If nobody susceptible is there, the offspring moves to
 * a later day of the window, and is lost only when none is left.
 */
import { Random, hashString, mix32 } from '../random.js';
import { discreteGamma, negativeBinomial, type MeanSd } from './rng.js';
import { ExposureBuilder, recordDayExposures, type Exposures } from './exposures.js';
import type { SimPopulation } from './population.js';
import type { DayIndex, DayVisits } from './day-visits.js';
import { dateOfDay, dayStartMs } from './time.js';

export const DAY = 86_400;
export const NEVER = 0x7fffffff;

export interface EpidemicParams {
  days: number;
  r: number;
  /** Negative binomial dispersion k; Infinity: Poisson. */
  dispersion: number;
  serialInterval: MeanSd;
  incubation: MeanSd;
  asymptomaticShare: number;
  /** Share of infections meant to happen at home (the rest at venues) when both are possible. */
  householdShare: number;
  minOverlapMinutes: number;
  infectiousDaysAfterOnset: number;
  /** Days from onset to the positive sample of a symptomatic case (at least 1). */
  testDelay: MeanSd;
  /** Share of asymptomatic infections found by screening, and when (days after the would-be onset). */
  asymptomaticFoundShare: number;
  asymptomaticFoundDelay: MeanSd;
  groundTruth: boolean;
  /** Day 0, YYYY-MM-DD in Vietnam. */
  startDate: string;
}

export type InfectionSetting = 'index' | 'household' | 'venue';

export interface Infection {
  personIndex: number;
  infectorIndex: number | null;
  /** Position of the infector's own infection in the list, null for index cases. */
  infectorInfection: number | null;
  setting: InfectionSetting;
  venueIndex: number | null;
  infectedAt: Date;
  /** Vietnam date (YYYY-MM-DD); null for an asymptomatic infection. */
  symptomOnset: string | null;
  /** When the positive sample was taken; null if never found. */
  positiveSampleAt: Date | null;
  /** Seconds since the outbreak's start (day 0, 00:00 Vietnam time). */
  infectedSec: number;
  infectedDay: number;
  symptomatic: boolean;
  /** Day of symptom onset; for an asymptomatic infection the day it would have been (infectiousness is timed from it). */
  onsetDay: number;
  /** Day and second of the positive sample, null if never found. The person is isolated from that day. */
  sampleDay: number | null;
  sampleSec: number | null;
  /** Infectious days, inclusive: from 2 days before onset to the day before isolation or the configured end. */
  infectiousFrom: number;
  infectiousTo: number;
  generation: number;
  plannedOffspring: number;
  offspring: number;
  /** Planned offspring with no susceptible person around on any remaining day of the window. */
  lostOffspring: number;
  /** Planned offspring after the last simulated day. */
  beyondHorizon: number;
  /**
   * Everyone truly exposed during the infectious window (its days inside the simulation); null
   * when the window starts after the last day or ground truth is off.
   */
  exposures: Exposures | null;
}

export class Epidemic {
  readonly infections: Infection[] = [];
  readonly infectionOf: Int32Array;
  readonly isolatedFrom: Int32Array;
  private readonly pending: number[][];
  private readonly rng: Random;
  private readonly builders = new Map<number, ExposureBuilder>();

  constructor(
    private readonly pop: SimPopulation,
    private readonly p: EpidemicParams,
    seed: number,
  ) {
    this.rng = new Random(mix32(seed ^ hashString('outbreak-epidemic')));
    this.infectionOf = new Int32Array(pop.count).fill(-1);
    this.isolatedFrom = new Int32Array(pop.count).fill(NEVER);
    this.pending = Array.from({ length: p.days }, () => []);
  }

  /** Index cases: active adults of working age, infected elsewhere during the first three days. */
  seedIndexCases(count: number): void {
    const candidates: number[] = [];
    for (let i = 0; i < this.pop.count; i++) if (this.pop.active[i] && this.pop.age[i] >= 18 && this.pop.age[i] <= 60) candidates.push(i);
    for (let k = 0; k < count && candidates.length > 0; k++) {
      const j = Math.floor(this.rng.float() * candidates.length);
      const person = candidates[j];
      candidates[j] = candidates[candidates.length - 1];
      candidates.pop();
      const day = this.rng.int(0, Math.min(2, this.p.days - 1));
      this.infect(person, -1, 'index', -1, day * DAY + this.rng.int(0, DAY - 1), discreteGamma(this.rng, this.p.incubation, 1));
    }
  }

  private infect(person: number, infector: number, setting: InfectionSetting, venue: number, sec: number, incubation: number): void {
    const { rng, p } = this;
    const day = Math.floor(sec / DAY);
    const symptomatic = rng.float() >= p.asymptomaticShare;
    const onsetDay = day + incubation;
    let sampleDay: number | null = null;
    if (symptomatic) sampleDay = onsetDay + discreteGamma(rng, p.testDelay, 1);
    else if (rng.float() < p.asymptomaticFoundShare) sampleDay = onsetDay + discreteGamma(rng, p.asymptomaticFoundDelay, 1);
    const sampleSec = sampleDay === null ? null : sampleDay * DAY + rng.int(7 * 3600, 11 * 3600);
    const start = dayStartMs(p.startDate, 0);
    const f: Infection = {
      personIndex: person,
      infectorIndex: infector >= 0 ? this.infections[infector].personIndex : null,
      infectorInfection: infector >= 0 ? infector : null,
      setting,
      venueIndex: venue >= 0 ? venue : null,
      infectedAt: new Date(start + sec * 1000),
      symptomOnset: symptomatic ? dateOfDay(p.startDate, onsetDay) : null,
      positiveSampleAt: sampleSec === null ? null : new Date(start + sampleSec * 1000),
      infectedSec: sec,
      infectedDay: day,
      symptomatic,
      onsetDay,
      sampleDay,
      sampleSec,
      infectiousFrom: Math.max(day + 1, onsetDay - 2),
      infectiousTo: Math.min(onsetDay + p.infectiousDaysAfterOnset, sampleDay === null ? NEVER : sampleDay - 1),
      generation: infector >= 0 ? this.infections[infector].generation + 1 : 0,
      plannedOffspring: negativeBinomial(rng, p.r, p.dispersion),
      offspring: 0,
      lostOffspring: 0,
      beyondHorizon: 0,
      exposures: null,
    };
    const index = this.infections.push(f) - 1;
    this.infectionOf[person] = index;
    if (sampleDay !== null) this.isolatedFrom[person] = sampleDay;
    if (infector >= 0) this.infections[infector].offspring++;
    if (p.groundTruth && f.infectiousFrom <= Math.min(f.infectiousTo, p.days - 1)) this.builders.set(index, new ExposureBuilder());
    for (let k = 0; k < f.plannedOffspring; k++) this.schedule(index, Math.max(0, f.infectiousFrom));
  }

  /** Places one offspring of infection i on a day ≥ from of its window. */
  private schedule(i: number, from: number): void {
    const f = this.infections[i];
    const { rng, p } = this;
    if (from <= f.infectiousTo) {
      for (let a = 0; a < 20; a++) {
        const serial = discreteGamma(rng, p.serialInterval, 0);
        for (let b = 0; b < 200; b++) {
          const incubation = discreteGamma(rng, p.incubation, 1);
          const day = f.onsetDay + serial - incubation;
          if (day < from || day > f.infectiousTo) continue;
          if (day >= p.days) f.beyondHorizon++;
          else this.pending[day].push(i, incubation);
          return;
        }
      }
    }
    f.lostOffspring++;
  }

  /** Resolves the transmissions of day d against its visits, then records the day's exposures. */
  runDay(d: number, visits: DayVisits, index: DayIndex): void {
    const due = this.pending[d];
    for (let k = 0; k < due.length; k += 2) {
      const i = due[k];
      const picked = this.pickInfectee(i, d, visits, index);
      if (picked) this.infect(picked.person, i, picked.venue >= 0 ? 'venue' : 'household', picked.venue, picked.sec, due[k + 1]);
      else this.schedule(i, d + 1);
    }
    this.pending[d] = [];
    for (const [i, builder] of this.builders) {
      const f = this.infections[i];
      if (f.infectiousFrom > d) continue;
      recordDayExposures(builder, f.personIndex, d, this.pop, this.isolatedFrom, this.p.minOverlapMinutes * 60, visits, index);
      if (d >= f.infectiousTo || d === this.p.days - 1) {
        f.exposures = builder.build();
        this.builders.delete(i);
      }
    }
  }

  private pickInfectee(i: number, d: number, visits: DayVisits, index: DayIndex): { person: number; venue: number; sec: number } | null {
    const atHomeFirst = this.rng.float() < this.p.householdShare;
    for (const home of atHomeFirst ? [true, false] : [false, true]) {
      const picked = home ? this.pickAtHome(i, d) : this.pickAtVenue(i, d, visits, index);
      if (picked) return picked;
    }
    return null;
  }

  private susceptible(person: number, d: number): boolean {
    return this.pop.active[person] === 1 && this.infectionOf[person] < 0 && this.isolatedFrom[person] > d;
  }

  /** A household member, infected at night (0:00–5:00), when everyone is at home. */
  private pickAtHome(i: number, d: number) {
    const person = this.infections[i].personIndex;
    const h = this.pop.household[person];
    let chosen = -1;
    let seen = 0;
    for (let m = this.pop.householdStart[h]; m < this.pop.householdStart[h + 1]; m++) {
      if (m !== person && this.susceptible(m, d) && this.rng.float() * ++seen < 1) chosen = m;
    }
    return chosen < 0 ? null : { person: chosen, venue: -1, sec: d * DAY + this.rng.int(0, 5 * 3600 - 1) };
  }

  /** Someone whose visit overlaps one of the infector's by the minimum, infected during the overlap. */
  private pickAtVenue(i: number, d: number, visits: DayVisits, index: DayIndex) {
    const person = this.infections[i].personIndex;
    const min = this.p.minOverlapMinutes * 60;
    const [from, to] = index.visitsOf(person);
    let chosen = -1;
    let seen = 0;
    let overlapStart = 0;
    let overlapEnd = 0;
    for (let v = from; v < to; v++) {
      const venue = visits.venue[v];
      const s = visits.start[v];
      const e = visits.end[v];
      for (let k = index.venueStart[venue]; k < index.venueStart[venue + 1]; k++) {
        const w = index.order[k];
        const q = visits.person[w];
        if (q === person) continue;
        const os = Math.max(s, visits.start[w]);
        const oe = Math.min(e, visits.end[w]);
        if (oe - os < min || !this.susceptible(q, d)) continue;
        if (this.rng.float() * ++seen < 1) {
          chosen = w;
          overlapStart = os;
          overlapEnd = oe;
        }
      }
    }
    if (chosen < 0) return null;
    return { person: visits.person[chosen], venue: visits.venue[chosen], sec: d * DAY + overlapStart + this.rng.int(0, overlapEnd - overlapStart - 1) };
  }
}
