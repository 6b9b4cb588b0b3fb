/**
 * Daily routines: who works where, who goes to which school, and each person's visits on a day.
 * A day's visits are a pure function of (seed, person, day, isolation), so the epidemic pass and
 * the check-in stream produce exactly the same ones without keeping them.
 */
import { KeyedRng } from './rng.js';
import { hashString, mix32 } from '../random.js';
import type { SimPopulation } from './population.js';
import { ERRAND_KINDS, capacityPicker, isSchoolAge, isWorkingAge, type SimVenue, type VenueKind } from './venues.js';
import { CHECKED_OUT, RECORDED, type DayVisits } from './day-visits.js';

export interface RoutineOptions {
  /** Mean errands (market, supermarket, restaurant) a day of an adult under 65; children and the old make fewer. */
  errandsPerDay: number;
  /** Errand visit length, minutes, uniform. */
  visitMinutes: [number, number];
  /** Share of errand visits to market, supermarket, restaurant. */
  errandMix: [number, number, number];
  /** Share of errands made in another commune of the district. */
  otherCommuneShare: number;
  /** Chance a worker or pupil is at work or school on a working day. */
  attendance: number;
  /** Share of visits recorded as a check-in. */
  checkinCompliance: number;
  /** Share of recorded check-ins that are also checked out (the others have no checked_out_at). */
  checkoutShare: number;
}

export const DEFAULT_ROUTINE: RoutineOptions = {
  errandsPerDay: 3.6,
  visitMinutes: [20, 90],
  errandMix: [0.4, 0.25, 0.35],
  otherCommuneShare: 0.1,
  attendance: 0.95,
  checkinCompliance: 0.9,
  checkoutShare: 0.3,
};

const H = 3600;
/** Errand time windows (seconds of the day) and their weights, per errand kind. */
const WINDOWS: readonly (readonly [number, number, number])[][] = [
  [[5.5 * H, 9.5 * H, 0.6], [15 * H, 18.5 * H, 0.4]],
  [[8 * H, 12 * H, 0.3], [16 * H, 21 * H, 0.7]],
  [[6 * H, 8.5 * H, 0.3], [10.75 * H, 13 * H, 0.4], [17.5 * H, 20.5 * H, 0.3]],
];
const ROLE_NONE = 0;
const ROLE_OFFICE = 1;
const ROLE_FACTORY = 2;
const ROLE_SCHOOL = 3;

export class Routine {
  private readonly role: Uint8Array;
  private readonly place: Int32Array;
  private readonly shiftStart: Int32Array;
  private readonly shiftLength: Int32Array;
  private readonly errandRate: Float32Array;
  /** Errand venues per (commune, kind): errandList[errandStart[c * 3 + k] …]. */
  private readonly errandStart: Int32Array;
  private readonly errandList: Int32Array;
  private readonly districtCommunes: number[][];
  private readonly communeDistrict: Int32Array;
  private readonly rng: KeyedRng;
  private readonly busyFrom = new Int32Array(8);
  private readonly busyTo = new Int32Array(8);
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly mixMarket: number;
  private readonly mixSupermarket: number;
  private workday = false;
  private factoryDay = false;

  constructor(
    private readonly pop: SimPopulation,
    readonly venues: readonly SimVenue[],
    seed: number,
    private readonly o: RoutineOptions,
  ) {
    const n = pop.count;
    const nc = pop.communes.length;
    this.minLength = o.visitMinutes[0] * 60;
    this.maxLength = o.visitMinutes[1] * 60;
    const mix = o.errandMix[0] + o.errandMix[1] + o.errandMix[2];
    this.mixMarket = o.errandMix[0] / mix;
    this.mixSupermarket = (o.errandMix[0] + o.errandMix[1]) / mix;
    this.rng = new KeyedRng(mix32(seed ^ hashString('outbreak-routine')));
    this.role = new Uint8Array(n);
    this.place = new Int32Array(n).fill(-1);
    this.shiftStart = new Int32Array(n);
    this.shiftLength = new Int32Array(n);
    this.errandRate = new Float32Array(n);

    const districtKey = new Map<number | null, number>();
    this.communeDistrict = new Int32Array(nc);
    this.districtCommunes = [];
    pop.communes.forEach((c, i) => {
      let d = districtKey.get(c.districtId);
      if (d === undefined) districtKey.set(c.districtId, (d = this.districtCommunes.push([]) - 1));
      this.communeDistrict[i] = d;
      this.districtCommunes[d].push(i);
    });
    const byKind = (kind: VenueKind) => venues.map((v, i) => [v, i] as const).filter(([v]) => v.kind === kind);
    // Errand venues grouped by commune and kind (CSR).
    const counts = new Int32Array(nc * 3 + 1);
    venues.forEach((v) => {
      const k = (ERRAND_KINDS as readonly string[]).indexOf(v.kind);
      if (k >= 0) counts[v.commune * 3 + k + 1]++;
    });
    for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    this.errandStart = counts;
    this.errandList = new Int32Array(counts[counts.length - 1]);
    const fill = counts.slice();
    venues.forEach((v, i) => {
      const k = (ERRAND_KINDS as readonly string[]).indexOf(v.kind);
      if (k >= 0) this.errandList[fill[v.commune * 3 + k]++] = i;
    });
    const schools: number[][] = Array.from({ length: nc }, () => []);
    for (const [v, i] of byKind('school')) schools[v.commune].push(i);
    // Workplaces weighted by capacity, per district and province-wide.
    const workplaces = [...byKind('office'), ...byKind('factory')];
    const pickers = this.districtCommunes.map((_, d) => capacityPicker(workplaces.filter(([v]) => this.communeDistrict[v.commune] === d)));
    const anywhere = capacityPicker(workplaces);
    // The workplaces were sized for the people who work (venues.ts): as many of working age get a job as they have room for.
    let workingAge = 0;
    for (let p = 0; p < n; p++) if (pop.active[p] && isWorkingAge(pop.age[p])) workingAge++;
    const workerShare = Math.min(1, anywhere.total / Math.max(1, workingAge));

    const r = this.rng;
    for (let p = 0; p < n; p++) {
      if (!pop.active[p]) continue;
      r.at(p, -1);
      const age = pop.age[p];
      const c = pop.commune[p];
      this.errandRate[p] = o.errandsPerDay * (age < 6 ? 0.25 : age < 12 ? 0.5 : age < 18 ? 0.8 : age < 65 ? 1 : 0.7);
      if (isWorkingAge(age) && r.float() < workerShare) {
        const picker = r.float() < 0.7 && pickers[this.communeDistrict[c]].total > 0 ? pickers[this.communeDistrict[c]] : anywhere;
        const w = picker.pick(r.float());
        if (w < 0) continue;
        this.place[p] = w;
        if (venues[w].kind === 'factory') {
          this.role[p] = ROLE_FACTORY;
          this.shiftStart[p] = (r.float() < 0.5 ? 6 * H : 14 * H) - r.int(0, 20) * 60;
          this.shiftLength[p] = 8 * H + r.int(15, 35) * 60;
        } else {
          this.role[p] = ROLE_OFFICE;
          this.shiftStart[p] = 7 * H + r.int(0, 90) * 60;
          this.shiftLength[p] = 8.5 * H + r.int(0, 60) * 60;
        }
      } else if (isSchoolAge(age) && schools[c].length > 0) {
        this.role[p] = ROLE_SCHOOL;
        this.place[p] = schools[c][r.int(0, schools[c].length - 1)];
        this.shiftStart[p] = r.float() < 0.5 ? 7 * H - r.int(0, 15) * 60 : 13 * H - r.int(0, 15) * 60;
        this.shiftLength[p] = 4.25 * H + r.int(0, 30) * 60;
      }
    }
  }

  /** The workplace or school of a person, or -1. */
  placeOf(person: number): number {
    return this.place[person];
  }

  /**
   * Appends the visits of every person on day d (weekday 0 = Sunday) to out. isolatedFrom[p] is
   * the first day p spends in isolation (no visits from then on).
   */
  generateDay(d: number, weekday: number, isolatedFrom: Int32Array, out: DayVisits): void {
    const { active, count } = this.pop;
    this.workday = weekday !== 0 && weekday !== 6;
    this.factoryDay = weekday !== 0;
    for (let p = 0; p < count; p++) if (active[p] === 1 && isolatedFrom[p] > d) this.personDay(p, d, out);
  }

  // Small methods rather than one large loop: V8 inlines the generator's calls only within a
  // function's inlining budget, and this runs 50 million times for a province.
  private personDay(p: number, d: number, out: DayVisits): void {
    const r = this.rng.at(p, d);
    let busy = 0;
    const role = this.role[p];
    if ((role === ROLE_FACTORY ? this.factoryDay : role !== ROLE_NONE && this.workday) && r.float() < this.o.attendance) {
      const s = this.shiftStart[p] + r.int(-10, 10) * 60;
      const e = s + this.shiftLength[p] + r.int(-10, 10) * 60;
      this.busyFrom[busy] = s;
      this.busyTo[busy++] = e;
      out.push(p, this.place[p], s, e, this.visitFlags(r));
    }
    const errands = Math.min(this.busyFrom.length - 1, r.poisson(this.errandRate[p]));
    for (let k = 0; k < errands; k++) busy = this.errand(p, r, busy, out);
  }

  /** One draw decides both: below the compliance it is a check-in, and its position there says whether it was checked out. */
  private visitFlags(r: KeyedRng): number {
    const u = r.float();
    const compliance = this.o.checkinCompliance;
    if (u >= compliance) return 0;
    return u < compliance * this.o.checkoutShare ? RECORDED | CHECKED_OUT : RECORDED;
  }

  /** Draws one errand and adds it unless it clashes with the day so far; returns the busy count. */
  private errand(p: number, r: KeyedRng, busy: number, out: DayVisits): number {
    const u = r.float();
    const kind = u < this.mixMarket ? 0 : u < this.mixSupermarket ? 1 : 2;
    const home = this.pop.commune[p];
    let c = home;
    if (r.float() < this.o.otherCommuneShare) {
      const near = this.districtCommunes[this.communeDistrict[c]];
      c = near[Math.floor(r.float() * near.length)];
    }
    let venue = this.errandVenue(c, kind, r);
    if (venue < 0) venue = this.errandVenue(home, 0, r);
    const length = r.int(this.minLength, this.maxLength);
    const flags = this.visitFlags(r);
    // Someone is in one place at a time: up to four tries at a time that fits the day so far.
    const windows = WINDOWS[kind];
    const { busyFrom, busyTo } = this;
    let start = -1;
    for (let attempt = 0; attempt < 4 && start < 0; attempt++) {
      // One draw picks the window (by weight) and, through where it fell inside it, the start.
      const x = r.float();
      let w = 0;
      let below = 0;
      while (w < windows.length - 1 && x >= below + windows[w][2]) below += windows[w++][2];
      const within = Math.min(0.999999, (x - below) / windows[w][2]);
      start = windows[w][0] + Math.floor(within * (windows[w][1] - windows[w][0]));
      for (let b = 0; b < busy; b++) if (start < busyTo[b] + 300 && start + length + 300 > busyFrom[b]) start = -1;
    }
    if (start < 0 || venue < 0) return busy;
    busyFrom[busy] = start;
    busyTo[busy] = start + length;
    out.push(p, venue, start, start + length, flags);
    return busy + 1;
  }

  /** A random errand venue of the kind in the commune, or -1. */
  private errandVenue(commune: number, kind: number, r: KeyedRng): number {
    const from = this.errandStart[commune * 3 + kind];
    const to = this.errandStart[commune * 3 + kind + 1];
    if (from === to) return -1;
    return this.errandList[from + Math.floor(r.float() * (to - from))];
  }
}
