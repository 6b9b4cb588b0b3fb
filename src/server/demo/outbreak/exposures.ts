import type { SimPopulation } from './population.js';
import { RECORDED, type DayIndex, type DayVisits } from './day-visits.js';

/**
 * Ground truth for tracing: everyone truly exposed to an infected person during their infectious
 * window, whether or not a check-in recorded it. One entry per contact person.
 */

export interface Exposures {
  size: number;
  /** The exposed people (person indexes). */
  person: Int32Array;
  /** 1: a member of the infected person's household. */
  household: Uint8Array;
  /** The first venue they shared (overlap ≥ the minimum), -1 if they only shared the home. */
  venue: Int32Array;
  /** First exposure, seconds since the outbreak's start (for household members: the day's start). */
  firstAt: Int32Array;
  /** Total seconds of co-presence at venues over the window (home not counted). */
  venueSeconds: Int32Array;
  /** 1: at least one venue exposure had both visits recorded as check-ins (what check-in tracing can see). */
  checkedIn: Uint8Array;
}

export class ExposureBuilder {
  private readonly slot = new Map<number, number>();
  private readonly person: number[] = [];
  private readonly household: number[] = [];
  private readonly venue: number[] = [];
  private readonly firstAt: number[] = [];
  private readonly venueSeconds: number[] = [];
  private readonly checkedIn: number[] = [];

  addHousehold(person: number, at: number): void {
    const i = this.entry(person, at);
    this.household[i] = 1;
  }

  addVenue(person: number, venue: number, at: number, seconds: number, checkedIn: boolean): void {
    const i = this.entry(person, at);
    if (this.venue[i] < 0) this.venue[i] = venue;
    this.venueSeconds[i] += seconds;
    if (checkedIn) this.checkedIn[i] = 1;
  }

  private entry(person: number, at: number): number {
    let i = this.slot.get(person);
    if (i === undefined) {
      i = this.person.push(person) - 1;
      this.slot.set(person, i);
      this.household.push(0);
      this.venue.push(-1);
      this.firstAt.push(at);
      this.venueSeconds.push(0);
      this.checkedIn.push(0);
    } else if (at < this.firstAt[i]) {
      this.firstAt[i] = at;
    }
    return i;
  }

  build(): Exposures {
    return {
      size: this.person.length,
      person: Int32Array.from(this.person),
      household: Uint8Array.from(this.household),
      venue: Int32Array.from(this.venue),
      firstAt: Int32Array.from(this.firstAt),
      venueSeconds: Int32Array.from(this.venueSeconds),
      checkedIn: Uint8Array.from(this.checkedIn),
    };
  }
}

/**
 * Adds day d's exposures of person (infectious that day) to builder: household members not in
 * isolation, and everyone whose visit overlapped one of the person's by at least minSeconds.
 */
export function recordDayExposures(
  builder: ExposureBuilder,
  person: number,
  d: number,
  pop: SimPopulation,
  isolatedFrom: Int32Array,
  minSeconds: number,
  visits: DayVisits,
  index: DayIndex,
): void {
  const dayStart = d * 86_400;
  const h = pop.household[person];
  for (let m = pop.householdStart[h]; m < pop.householdStart[h + 1]; m++) {
    if (m !== person && pop.active[m] && isolatedFrom[m] > d) builder.addHousehold(m, dayStart);
  }
  const [from, to] = index.visitsOf(person);
  for (let v = from; v < to; v++) {
    const venue = visits.venue[v];
    const s = visits.start[v];
    const e = visits.end[v];
    const recorded = (visits.flags[v] & RECORDED) !== 0;
    for (let k = index.venueStart[venue]; k < index.venueStart[venue + 1]; k++) {
      const w = index.order[k];
      const q = visits.person[w];
      if (q === person) continue;
      const os = Math.max(s, visits.start[w]);
      const oe = Math.min(e, visits.end[w]);
      if (oe - os >= minSeconds) builder.addVenue(q, venue, dayStart + os, oe - os, recorded && (visits.flags[w] & RECORDED) !== 0);
    }
  }
}
