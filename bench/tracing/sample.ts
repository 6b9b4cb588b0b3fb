// Which infections of the simulation the benchmark confirms as cases, and with what dates.
import { Random, hashString, mix32 } from '../../src/server/demo/random.js';
import { dateOfDay } from '../../src/server/demo/outbreak/time.js';
import type { LoadedInfection } from '../../src/server/demo/outbreak/load.js';

export interface Picked {
  /** Position in the outbreak's infections. */
  index: number;
  infection: LoadedInfection;
}

/**
 * F0s for the latency and quality series: infections found by a positive sample inside the
 * simulated days, with ground truth, the latest-found first (a province tracing the cases of the
 * last days, over two weeks of check-ins). Returned in a seeded random order.
 */
export function sampleF0s(infections: readonly LoadedInfection[], days: number, count: number, seed: number): { picked: Picked[]; sampleDays: [number, number] | null } {
  const found = infections
    .map((infection, index) => ({ index, infection }))
    .filter(({ infection: f }) => f.sampleDay !== null && f.sampleDay <= days - 1 && f.exposures !== null)
    .sort((a, b) => b.infection.sampleDay! - a.infection.sampleDay! || a.index - b.index)
    .slice(0, count);
  const rng = new Random(mix32(seed ^ hashString('bench-tracing-f0s')));
  for (let i = found.length - 1; i > 0; i--) {
    const j = Math.floor(rng.float() * (i + 1));
    [found[i], found[j]] = [found[j], found[i]];
  }
  const sampleDays = found.map((p) => p.infection.sampleDay!);
  return { picked: found, sampleDays: found.length ? [Math.min(...sampleDays), Math.max(...sampleDays)] : null };
}

/** The case a found infection gives: confirmed by its test, with its onset (symptomatic) and sample dates. */
export function foundCaseInput(f: LoadedInfection, startDate: string) {
  return {
    personId: f.personId,
    status: 'confirmed',
    confirmation: 'test',
    confirmationTest: `MO-${f.personId}`,
    symptomOnset: f.symptomOnset,
    positiveSampleDate: dateOfDay(startDate, f.sampleDay!),
  };
}

/**
 * A cluster: the first `size` infections (in the order they happened) of the largest chain, i.e.
 * the infection tree of one index case, so every member's infector is a member too. A chain grows
 * faster than it is found, so its members are confirmed as a cluster-wide testing round on the
 * last simulated day would find them: the real positive sample when it came earlier, else that
 * last day; the onset when symptoms began by then.
 */
export function pickCluster(infections: readonly LoadedInfection[], size: number): { members: Picked[]; chainInfections: number; indexCase: number } {
  const root = new Int32Array(infections.length);
  const count = new Map<number, number>();
  infections.forEach((f, i) => {
    root[i] = f.infectorInfection === null ? i : root[f.infectorInfection];
    count.set(root[i], (count.get(root[i]) ?? 0) + 1);
  });
  let best = -1;
  for (const [r, n] of count) if (best < 0 || n > count.get(best)! || (n === count.get(best)! && r < best)) best = r;
  const members: Picked[] = [];
  infections.forEach((infection, index) => {
    if (best >= 0 && root[index] === best && members.length < size) members.push({ index, infection });
  });
  return { members, chainInfections: best < 0 ? 0 : count.get(best)!, indexCase: best };
}

export function clusterCaseInput(f: LoadedInfection, startDate: string, days: number) {
  const last = days - 1;
  return {
    personId: f.personId,
    status: 'confirmed',
    confirmation: 'test',
    confirmationTest: `MO-${f.personId}`,
    symptomOnset: f.symptomatic && f.onsetDay <= last ? f.symptomOnset : null,
    positiveSampleDate: dateOfDay(startDate, Math.min(f.sampleDay ?? last, last)),
  };
}
