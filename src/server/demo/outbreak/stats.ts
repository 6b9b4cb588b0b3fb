/** Summary figures of an outbreak: what the CLI prints and the tests check. */
import type { Infection, Outbreak } from './simulate.js';

export interface OutbreakSummary {
  infections: number;
  /** New infections per simulated day. */
  perDay: number[];
  /** Infections per generation (0: index cases). */
  perGeneration: number[];
  /** Infected people whose whole infectious window lies in the simulated days. */
  completedInfectors: number;
  /** Their mean realised offspring (to compare with R), and the mean they were drawn with. */
  meanOffspring: number;
  meanPlannedOffspring: number;
  lostOffspring: number;
  /** Share of non-index infections by setting, and by venue kind. */
  bySetting: Record<string, number>;
  byVenueKind: Record<string, number>;
  /**
   * Onset-to-onset days between symptomatic infector and infectee: count, mean, sd. Only infectors
   * whose window ended in the simulation count, or the latest (short) intervals would bias it.
   */
  serialInterval: { pairs: number; mean: number; sd: number };
  symptomatic: number;
  sampled: number;
  visits: number;
  checkins: number;
  compliance: number;
  /** Mean exposed people per infected person with ground truth, and the share of them a check-in pair or the shared household address shows. */
  meanExposed: number;
  exposedFindable: number;
}

/** Infected people whose infectious window ended inside the simulation (their offspring are all known). */
export function completedInfectors(o: Outbreak): Infection[] {
  return o.infections.filter((f) => f.infectiousTo < o.days);
}

export function summarize(o: Outbreak): OutbreakSummary {
  const perDay = new Array<number>(o.days).fill(0);
  const perGeneration: number[] = [];
  const bySetting: Record<string, number> = {};
  const byVenueKind: Record<string, number> = {};
  let secondary = 0;
  const sis: number[] = [];
  let exposed = 0;
  let withTruth = 0;
  let seen = 0;
  let household = 0;
  for (const f of o.infections) {
    perDay[Math.max(0, f.infectedDay)]++;
    perGeneration[f.generation] = (perGeneration[f.generation] ?? 0) + 1;
    if (f.infectorInfection !== null) {
      secondary++;
      bySetting[f.setting] = (bySetting[f.setting] ?? 0) + 1;
      if (f.venueIndex !== null) byVenueKind[o.venues[f.venueIndex].kind] = (byVenueKind[o.venues[f.venueIndex].kind] ?? 0) + 1;
      const infector = o.infections[f.infectorInfection];
      if (f.symptomatic && infector.symptomatic && infector.infectiousTo < o.days) sis.push(f.onsetDay - infector.onsetDay);
    }
    if (f.exposures) {
      withTruth++;
      exposed += f.exposures.size;
      for (let k = 0; k < f.exposures.size; k++) {
        if (f.exposures.checkedIn[k]) seen++;
        else if (f.exposures.household[k]) household++;
      }
    }
  }
  const done = completedInfectors(o);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
  const siMean = mean(sis);
  const share = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v / secondary, 3)]));
  return {
    infections: o.infections.length,
    perDay,
    perGeneration: Array.from(perGeneration, (n) => n ?? 0),
    completedInfectors: done.length,
    meanOffspring: round(mean(done.map((f) => f.offspring)), 3),
    meanPlannedOffspring: round(mean(done.map((f) => f.plannedOffspring)), 3),
    lostOffspring: o.infections.reduce((s, f) => s + f.lostOffspring, 0),
    bySetting: share(bySetting),
    byVenueKind: share(byVenueKind),
    serialInterval: { pairs: sis.length, mean: round(siMean, 2), sd: round(Math.sqrt(mean(sis.map((x) => (x - siMean) ** 2))), 2) },
    symptomatic: o.infections.filter((f) => f.symptomatic).length,
    sampled: o.infections.filter((f) => f.sampleDay !== null).length,
    visits: o.visits.total,
    checkins: o.visits.recorded,
    compliance: round(o.visits.recorded / Math.max(1, o.visits.total), 4),
    meanExposed: round(exposed / Math.max(1, withTruth), 1),
    exposedFindable: round((seen + household) / Math.max(1, exposed), 3),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
